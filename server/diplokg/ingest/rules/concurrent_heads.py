"""Further posts of the page's last named head of mission, in a sentence that names him only by a
pronoun or his surname and says the post is held together with his first one: "Mit demselben
Dekret wurde er zugleich zum Botschafter in der Republik Litauen und in der Republik Lettland
ernannt", "Residing in Ankara, he is concurrently accredited as Ambassador to Bosnia and
Herzegovina and to the Republic of Albania", "Он по совместительству назначен Послом в Эстонии".
Each state after the rank ("in / im / to / в …", joined by "und / and / и") is one post; the
sending state is that of the earlier post, which the new ones list as held concurrently. A
sentence that names neither the earlier head (by a word of his name) nor a pronoun for him drafts
nothing."""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.facts import ConcurrentPost, Drafted, HeadOfMission
from diplokg.ingest.rules.appointments import read_details
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.persons import Named
from diplokg.ingest.rules.posts import RANK, Post, receiving_after, residence_at

_CONCURRENT = {"de": re.compile(r"\b(?:gleichzeitig|zugleich|ebenfalls|auch)\b", re.I),
               "en": re.compile(r"\b(?:concurrently|simultaneously|also)\b", re.I),
               "ru": re.compile(r"(?<!\w)(?:по\s+совместительству|одновременно|также)\b", re.I)}
_PRONOUN = {"de": re.compile(r"\b(?:er|sie)\b"), "en": re.compile(r"\b(?:he|she)\b", re.I),
            "ru": re.compile(r"(?<!\w)(?:он|она)\b", re.I)}
#: a further post in a clause about the head ("who is also accredited |to …", "который по
#: совместительству аккредитован| в …", "der zugleich| in Estland akkreditiert ist")
_ALSO_ACCREDITED = {"de": re.compile(r"\b(?:auch|zugleich|gleichzeitig|ebenfalls)(?=\s+(?:in|im|bei|für)\s[^.;]{0,60}"
                                     r"\b(?:neben)?akkreditiert)", re.I),
                    "en": re.compile(r"\b(?:also|concurrently|simultaneously)\s+accredited\b", re.I),
                    "ru": re.compile(r"(?<!\w)(?:по\s+совместительству|также|одновременно)\s+аккредитован\w*", re.I)}
_AND = re.compile(r"\s*(?:,|und|and|и|sowie|as\s+well\s+as)\s*(?:(?:und|and|и)\s+)?")


def concurrent_heads(view: SentenceView, last: tuple[Post, Named] | None,
                     recorded: set[tuple[str, str, str]]) -> Iterator[Drafted]:
    language = view.context.page.language
    rank = view.search(RANK[language])
    if last is None or rank is None or not view.search(_CONCURRENT[language]):
        return
    earlier, holder = last
    before = view.text[:rank.start()]
    surnames = [w for w in holder.person.name.split() if len(w) > 2]
    if not (_PRONOUN[language].search(before) or any(re.search(rf"\b{re.escape(w)}\b", before) for w in surnames)):
        return
    kind = "charge-d-affaires" if re.match(r"Gesch|Charg|Временн", rank.group(0), re.I) else "ambassador"
    posts = _posts(view, (rank.start(), rank.end()), kind, earlier)
    details = read_details(view, posts) if posts else []
    shared = next((d for d in details if d.appointed or d.act), None)  # one appointment for all of them
    stated = ConcurrentPost(earlier.sending or "", earlier.receiving or "", earlier.rank, earlier.stated)
    for post, detail in zip(posts, details, strict=True):
        key = (post.sending or "", post.receiving or "", holder.person.name)
        if key in recorded or post.receiving == post.sending:
            continue
        recorded.add(key)
        reasons = [*detail.reasons, f"the post of {holder.person.name}, named before on the page as the holder of "
                   f"the post {earlier.sending}→{earlier.receiving}; held concurrently with it"]
        act = shared or detail
        fact = HeadOfMission(post.sending, post.receiving, holder.person, post.rank, post.residence, act.appointed,
                             act.by, act.act, False, post.stated, (stated,))
        yield Drafted(fact, view.sentence, "heads/concurrent", 0.6, reasons, [])


def also_accredited(view: SentenceView, head: HeadOfMission, recorded: set[tuple[str, str, str]]) -> Iterator[Drafted]:
    """The head's further posts stated in a clause about him: "…, who is also accredited to Canada",
    "…, der zugleich in Estland akkreditiert ist", "…, который по совместительству аккредитован в
    Монголии": one post per state, the head's sending state and rank, concurrent with his post."""
    marker = view.search(_ALSO_ACCREDITED[view.context.page.language])
    if marker is None or head.person is None:
        return
    earlier = Post(0, 0, 0, head.rank, head.sending, head.receiving, None, stated=head.rank_as_stated or "")
    concurrent = (ConcurrentPost(head.sending or "", head.receiving or "", head.rank, head.rank_as_stated),)
    for post in _posts(view, (marker.start(), marker.end()), head.rank, earlier):
        key = (post.sending or "", post.receiving or "", head.person.name)
        if key in recorded or post.receiving in (post.sending, head.receiving):
            continue
        recorded.add(key)
        reasons = [f"'{marker.group(0)}': a further post of {head.person.name}, held with {head.sending}→"
                   f"{head.receiving}"]
        fact = HeadOfMission(post.sending, post.receiving, head.person, head.rank, post.residence,
                             rank_as_stated=None, concurrent_with=concurrent)
        yield Drafted(fact, view.sentence, "heads/concurrent", 0.6, reasons, [])


def _posts(view: SentenceView, span: tuple[int, int], kind: str, earlier: Post) -> list[Post]:
    """One post per state named after ``span`` (the rank), joined by "and"; the residence stated after the last."""
    language = view.context.page.language
    posts: list[Post] = []
    offset = span[1]
    while (found := receiving_after(view, offset)) is not None:
        posts.append(Post(span[0], span[1], found[1], kind, earlier.sending, found[0], None,
                          stated=view.text[span[0]:found[1]], confidence=0.6))
        joined = _AND.match(view.text, found[1])
        if joined is None or joined.end() == found[1]:
            break
        offset = joined.end() - 1
    residence = residence_at(view, posts[-1].end, language) if posts else None
    for post in posts:
        post.residence = residence[0] if residence else None
    return posts
