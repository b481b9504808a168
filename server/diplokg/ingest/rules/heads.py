"""Heads of mission: an ambassador (or chargé d'affaires) of one state to another, named.

"Außerordentlicher und bevollmächtigter Botschafter der Republik Tadschikistan in Rumänien (mit
Sitz in Wien) ist Herr Idibek Kalandar", "the Ambassador Extraordinary and Plenipotentiary of Japan
to the Republic of Tajikistan Mr. Toshihiro Aiki", "Послом Республики Казахстан в Республике
Таджикистан … является Туреханов Валихан Амирханулы", "Herr Urs Schmid (mit Sitz in Astana) …
als außerordentlicher und bevollmächtigter Botschafter der Schweizerischen Eidgenossenschaft in
der Republik Tadschikistan": the post as ``posts`` reads it, the person as ``persons`` finds him
(after the post, or before it when the sentence links them), the appointment, first holder,
concurrent posts and attestation as ``appointments`` reads them.

A post is recorded where the page first states it: a later mention of the same post with the same
person, or a spelling of his name that shares its words' beginnings ("Давлатали Назризода" after
"Давлат Назри"), is not a new fact. Where one post is said to be held concurrently with others of
the same person ("gleichzeitig", "по совместительству"), it lists them (``concurrent_with``); those
others are facts of their own only if they are between the page's two states (otherwise they only
identify the holder: "der Botschafter in Österreich Herr X wurde gleichzeitig in Rumänien …")."""

from __future__ import annotations

from collections.abc import Iterator

from diplokg.ingest.facts import ConcurrentPost, Drafted, HeadOfMission
from diplokg.ingest.rules.appointments import Details, read_details
from diplokg.ingest.rules.concurrent_heads import also_accredited, concurrent_heads
from diplokg.ingest.rules.context import HOME, SentenceView
from diplokg.ingest.rules.mission_heads import mission_heads
from diplokg.ingest.rules.persons import Named, person_after, person_before, same_person
from diplokg.ingest.rules.posts import Post, find_posts, residence_at


def head_rules(view: SentenceView, recorded: set[tuple[str, str, str]]) -> Iterator[Drafted]:
    posts = find_posts(view)
    details = read_details(view, posts) if posts else []
    holders = _holders(view, posts, details)
    if not any(holders):  # no post with its holder: "the U.S. Embassy was led by Chargé d'Affaires X",
        last = _last_head(view)  # "he is concurrently accredited as Ambassador to …"
        for drafted in mission_heads(view, recorded, last):
            yield drafted
            assert isinstance(drafted.fact, HeadOfMission)
            yield from also_accredited(view, drafted.fact, recorded)  # "…, who is also accredited to …"
        yield from concurrent_heads(view, last, recorded)
    for i, post in enumerate(posts):
        holder = holders[i]
        if holder is None or not post.sending or not post.receiving:
            continue
        name = holder.person.name
        if any((s, r) == post.key and same_person(n, name) for s, r, n in recorded):
            continue
        others = [j for j, h in enumerate(holders) if j != i and h and same_person(h.person.name, name)]
        if not details[i].concurrent and any(details[j].concurrent for j in others) and not _on_page(view, post):
            continue  # a post that only identifies the holder of the concurrent one
        recorded.add((*post.key, name))
        drafted = _drafted(view, post, holder, details[i], [posts[j] for j in others] if details[i].concurrent else [])
        yield drafted
        assert isinstance(drafted.fact, HeadOfMission)
        yield from also_accredited(view, drafted.fact, recorded)  # "…, who is also accredited to Mongolia"


def _holders(view: SentenceView, posts: list[Post], details: list[Details]) -> list[Named | None]:
    """The person holding each post: named after it (before the next post), else before it; a post
    held concurrently ("gleichzeitig …") without a name of its own is held by the one before it."""
    text = view.text
    holders: list[Named | None] = []
    for i, post in enumerate(posts):
        limit = posts[i + 1].start if i + 1 < len(posts) else min(len(text), post.end + 160)
        holder = person_after(view, post.end, limit, post.case)
        if holder is None:
            holder = person_before(view, post.start, posts[i - 1].end if i else 0)
        if holder is None and details[i].concurrent and i and holders[i - 1]:
            holder = holders[i - 1]
        if holder is not None and post.residence is None:
            at = residence_at(view, holder.end, view.context.page.language)
            if at and (holder.how == "before" or holder.end <= at[1]):
                post.residence = at[0]
        holders.append(holder)
    return holders


def _last_head(view: SentenceView, back: int = 3) -> tuple[Post, Named] | None:
    """The first post with its holder in the nearest of the ``back`` sentences before ``view``."""
    earlier = [v for v in view.context.views if view.sentence.number - back <= v.sentence.number
               < view.sentence.number]
    for v in reversed(earlier):
        posts = find_posts(v)
        holders = _holders(v, posts, read_details(v, posts)) if posts else []
        pairs = [(p, h) for p, h in zip(posts, holders, strict=True) if h is not None]
        if pairs:
            return pairs[0]
    return None


def _on_page(view: SentenceView, post: Post) -> bool:
    """Whether the post is between the two states the page is about."""
    return {post.sending, post.receiving} == {HOME, view.context.partner}


def _drafted(view: SentenceView, post: Post, holder: Named, details: Details, others: list[Post]) -> Drafted:
    reasons = [*post.reasons, *details.reasons]
    if holder.how == "before":
        reasons.append(f"'{holder.person.name}' is named before the post, as its holder")
    by = details.by if details.by and not same_person(details.by.name, holder.person.name) else None
    concurrent = tuple(ConcurrentPost(p.sending or "", p.receiving or "", p.rank, p.stated) for p in others)
    if concurrent:
        reasons.append("held concurrently with " + ", ".join(f"{c.sending}→{c.receiving}" for c in concurrent))
    fact = HeadOfMission(post.sending, post.receiving, holder.person, post.rank, post.residence, details.appointed,
                         by, details.act, details.first_holder, post.stated, concurrent, details.attested_on,
                         details.credentials)
    return Drafted(fact, view.sentence, "heads/post", post.confidence, reasons, list(post.questions))
