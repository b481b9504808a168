"""Scores for Wikidata candidates: a number in [0, 1] built from parts a reviewer can check, each
stated as a short reason in the review file. A score orders candidates for review; it never
links anything (only a row a person marks ``accept`` does).

Name (the best of these, once):

=====  =====================================================================================
+0.45  ``label exact (de)``: a label of the item equals one of our labels or name variants in
       that language (or the item's ``mul`` label); Unicode-normalised, spaces collapsed
+0.35  ``alias match (en)``: an alias of the item equals one of our names
+0.30  ``label matches ignoring case and accents (en)`` (æ = ae, ø = o, ß = ss …)
+0.25  ``alias matches ignoring case and accents (en)``
+0.10  ``found by search for “…” (de), no label or alias equal to our names``
=====  =====================================================================================

A match through one of our name variants (``skos:altLabel``) says so: ``… for our name variant “…”``.

Type (the class expected for the kind of entity: person Q5 human; mission Q3917681 embassy or
Q213283 diplomatic mission; city Q515 city; state Q3624078 sovereign state; any other
organisation Q43229 organization; checked through ``wdt:P31/wdt:P279*``):

=====  =====================================================================================
+0.35  ``instance of Q5 (human)`` (or ``instance of Q43229 (organization) through subclass: …``)
−0.30  ``type mismatch: instance of Q… (…) not Q5 (human)``
 0     ``no instance of (P31) statement`` / ``no facts from the query service …``
=====  =====================================================================================

Context (each that applies):

=====  =====================================================================================
+0.15  person: ``citizenship Q863 = state served (Tajikistan)`` (P27 is a sending state of a post
       the person holds, or a state the person acts for in an event); −0.05 if the item has a
       citizenship and none is such a state
+0.05  person holding a head-of-mission post: ``held a position or occupation under Q121998 (ambassador)``
+0.15  organisation or city: ``country Q20 = state it belongs to (Norway)`` / ``… = state it lies
       in …`` (P17); −0.05 if the item has a country and none is such a state
+0.10  organisation in a city: ``located in Q1520 = city it lies in (Astana)`` (P131)
+0.10  mission: ``operator Q218 = sending state (Romania)`` (P137)
+0.10  mission: ``located in Q1520 = seat (Astana)`` (P131)
+0.05  mission: ``country Q232 = state of its seat (Kazakhstan)`` (P17); −0.05 if none is
−1     ``already the QID of id:… in our data`` (an accept of this row would be refused)
=====  =====================================================================================

The sum is clipped to [0, 1] and rounded to two decimals. A label-exact human with the right
citizenship scores 0.95; the same name on an item of the wrong type 0.15.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from diplokg.core.namespaces import shorten
from diplokg.matching import names
from diplokg.matching.names import spaced
from diplokg.wikidata.candidates import AMBASSADOR, EXPECTED, Entity, Found, ItemFacts

W = Decimal
NAME_LEVELS = (
    # (weight, reason template, candidate side, folded comparison)
    (W("0.45"), "label exact", "label", False),
    (W("0.35"), "alias match", "alias", False),
    (W("0.30"), "label matches ignoring case and accents", "label", True),
    (W("0.25"), "alias matches ignoring case and accents", "alias", True),
)
SEARCH_ONLY = W("0.10")
TYPE_MATCH, TYPE_MISMATCH = W("0.35"), W("-0.30")
CITIZENSHIP, COUNTRY, MISMATCH = W("0.15"), W("0.15"), W("-0.05")
AMBASSADOR_POSITION = W("0.05")
LOCATED_IN, OPERATOR, SEAT_COUNTRY = W("0.10"), W("0.10"), W("0.05")
ALREADY_LINKED = W("-1")

@dataclass(frozen=True)
class Scored:
    qid: str
    score: Decimal
    reasons: tuple[str, ...]


def _q(qid: str, label: str) -> str:
    return f"{qid} ({label})" if label else qid


def _name(entity: Entity, found: list[Found], facts: ItemFacts | None, languages: list[str]) -> tuple[Decimal, str]:
    ours = [(spaced(t), lang, alt) for t, lang, alt in entity.labels if lang in languages]
    if facts is not None and (facts.labels or facts.aliases):
        theirs = {"label": facts.labels, "alias": facts.aliases}
    else:  # no facts from the query service: what the search answer said
        theirs = {"label": {(f.language, f.hit.label) for f in found if f.hit.label}, "alias": set()}
    for weight, template, side, folded in NAME_LEVELS:
        same = names.folded if folded else spaced
        hits: dict[str, tuple[str, bool]] = {}  # our language -> (our text, via a name variant)
        for text, lang, alt in ours:
            for their_lang, their_text in theirs[side]:
                if (their_lang in (lang, "mul") and same(their_text) == same(text)
                        and (lang not in hits or (hits[lang][1] and not alt))):
                    hits[lang] = (text, alt)
        if hits:
            langs = sorted(hits)
            reason = f"{template} ({', '.join(langs)})"
            variants = sorted({t for t, alt in hits.values() if alt})
            if variants and all(alt for _, alt in hits.values()):
                reason += f" for our name variant “{variants[0]}”"
            return weight, reason
    first = min(found, key=lambda f: (f.hit.rank, f.language)) if found else None
    where = f" for “{first.text}” ({first.language})" if first else ""
    return SEARCH_ONLY, f"found by search{where}, no label or alias equal to our names"


def _type(entity: Entity, facts: ItemFacts | None) -> tuple[Decimal, str]:
    expected = EXPECTED[entity.kind]
    if facts is None:
        return W(0), "no facts from the query service (item deleted or redirected?)"
    p31 = facts.claims.get("P31", {})
    for cls, label in expected:
        if cls in facts.instance_of_expected:
            if cls in p31:
                return TYPE_MATCH, f"instance of {_q(cls, label)}"
            via = ", ".join(_q(q, lab) for q, lab in sorted(p31.items())[:3])
            return TYPE_MATCH, f"instance of {_q(cls, label)} through subclass: {via}"
    if not p31:
        return W(0), "no instance of (P31) statement"
    actual = ", ".join(_q(q, lab) for q, lab in sorted(p31.items())[:3])
    wanted = " or ".join(_q(q, lab) for q, lab in expected)
    return TYPE_MISMATCH, f"type mismatch: instance of {actual} not {wanted}"


def _compare(entity: Entity, facts: ItemFacts, prop: str, roles: dict[str, str], match: Decimal,
             mismatch: tuple[Decimal, str] | None, claim_name: str) -> list[tuple[Decimal, str]]:
    """Compare the item's values of ``prop`` with our context values of ``roles`` (role -> wording);
    ``mismatch`` is the weight and wording when the item has values and none is ours."""
    ours = {c.qid: (role_text, c.label) for role, role_text in roles.items() for c in entity.values(role) if c.qid}
    theirs = facts.claims.get(prop, {})
    if not ours or not theirs:
        return []
    common = sorted(set(ours) & set(theirs))
    if common:
        q = common[0]
        role_text, label = ours[q]
        return [(match, f"{claim_name} {q} = {role_text} ({label})")]
    if mismatch is None:
        return []
    got = ", ".join(_q(q, lab) for q, lab in sorted(theirs.items())[:3])
    weight, wording = mismatch
    return [(weight, f"{claim_name} {got}, not {wording} ({', '.join(sorted(set(ours)))})")]


def _context(entity: Entity, facts: ItemFacts | None) -> list[tuple[Decimal, str]]:
    if facts is None:
        return []
    parts: list[tuple[Decimal, str]] = []
    if entity.kind == "person":
        parts += _compare(entity, facts, "P27", {"serves": "state served", "acts for": "state represented"},
                          CITIZENSHIP, (MISMATCH, "a state served or represented"), "citizenship")
        if entity.values("head-of-mission post") and facts.ambassador:
            parts.append((AMBASSADOR_POSITION, f"held a position or occupation under {_q(*AMBASSADOR)}"))
    elif entity.kind == "mission":
        parts += _compare(entity, facts, "P137", {"sending state": "sending state"}, OPERATOR, None, "operator")
        parts += _compare(entity, facts, "P131", {"seat": "seat"}, LOCATED_IN, None, "located in")
        parts += _compare(entity, facts, "P17", {"seat lies in": "state of its seat"}, SEAT_COUNTRY,
                          (MISMATCH, "the state of its seat"), "country")
    elif entity.kind in ("organization", "city"):
        parts += _compare(entity, facts, "P17", {"belongs to": "state it belongs to", "lies in": "state it lies in"},
                          COUNTRY, (MISMATCH, "the state it belongs to or lies in"), "country")
        parts += _compare(entity, facts, "P131", {"located in place": "city it lies in"}, LOCATED_IN, None,
                          "located in")
    return parts


def score(entity: Entity, qid: str, found: list[Found], facts: ItemFacts | None, languages: list[str],
          owners: dict[str, list[str]]) -> Scored:
    """Score one candidate of one entity; the reasons say where every part of the score comes from."""
    parts = [_name(entity, found, facts, languages), _type(entity, facts), *_context(entity, facts)]
    others = [o for o in owners.get(qid, []) if o != entity.iri]
    if others:
        parts.append((ALREADY_LINKED, f"already the QID of {', '.join(shorten(o) for o in others)} in our data"))
    total = sum((w for w, _ in parts), W(0))
    total = min(max(total, W(0)), W(1)).quantize(W("0.01"), rounding=ROUND_HALF_UP)
    return Scored(qid, total, tuple(r for _, r in parts))


def rank(scored: Iterable[Scored]) -> list[Scored]:
    """Best first; equal scores by QID number."""
    return sorted(scored, key=lambda s: (-s.score, int(s.qid[1:])))
