"""Gold facts of the development corpus, and drafts scored against them.

A gold file holds one YAML document per page (format: tests/fixtures/ingest/README.md). A drafted
fact *finds* a gold fact when both have the same kind, the same sentence and the same identifying
fields (``KEYS``: what makes it that fact, e.g. the two states and the date of a relation); the
other fields are scored one by one (right, wrong, missing, or drafted where the gold leaves the
field out: a guess). Precision is the share of drafted facts that find a gold fact, recall the share
of gold facts found; ``strict`` counts only facts whose every field is right.

Values are compared after normalising: names case-folded with their words in any order ("Kalandar
Idibek" is "Idibek Kalandar"), lists as sets, dates as written (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD``, a range as ``start/end``)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

KEYS: dict[str, tuple[str, ...]] = {
    "relation-established": ("states", "date"),
    "recognition": ("recognising", "recognised"),
    "mission-opened": ("sending", "type"),
    "head-of-mission": ("sending", "receiving", "person"),
    "event": ("type", "date"),
    "agreement": ("title",),
    "assistance": ("donor", "recipient"),
    "organisation-link": ("organisation", "relation", "other"),
    "name-variant": ("entity", "variant"),
}
#: fields that are notes for the reader, not facts
_NOT_SCORED = {"kind", "sentence", "interpretation"}


@dataclass(frozen=True)
class GoldPage:
    path: Path  # the page's text
    language: str
    facts: list[dict[str, Any]]


def load_gold(path: Path) -> list[GoldPage]:
    """The pages of a gold file; a page's path is relative to the corpus folder (the gold file's
    folder, or for the files in ``dev/`` its parent)."""
    pages = []
    for doc in yaml.safe_load_all(path.read_text(encoding="utf-8")):
        page = (path.parent / doc["page"]).resolve()
        if not page.exists():
            page = (path.parent.parent / doc["page"]).resolve()
        pages.append(GoldPage(page, str(doc["language"]), [dict(f) for f in doc.get("facts") or []]))
    return pages


def normalise(value: Any) -> Any:
    """A comparable form of a gold or drafted value."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999:
        return str(value)
    if isinstance(value, str):
        text = unicodedata.normalize("NFC", value).casefold().replace("ё", "е")
        return " ".join(sorted(text.replace("’", "'").split()))
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, dt.date | int | str) for v in value) \
            and all(_looks_like_date(v) for v in value):
        return f"{normalise(value[0])}/{normalise(value[1])}"
    if isinstance(value, list):
        return frozenset(_hashable(normalise(v)) for v in value)
    if isinstance(value, dict):
        return frozenset((k, _hashable(normalise(v))) for k, v in value.items())
    return value


def _looks_like_date(value: object) -> bool:
    return isinstance(value, dt.date) or (isinstance(value, int) and 1000 <= value <= 2999) or (
        isinstance(value, str) and len(value) in (4, 7, 10) and value[:4].isdigit())


def _hashable(value: Any) -> Any:
    return value if not isinstance(value, list) else tuple(value)


@dataclass
class Score:
    gold: Counter[str] = field(default_factory=Counter)  # per kind
    drafted: Counter[str] = field(default_factory=Counter)
    found: Counter[str] = field(default_factory=Counter)
    strict: Counter[str] = field(default_factory=Counter)  # found with every field right
    fields: Counter[str] = field(default_factory=Counter)  # "right", "wrong", "missing", "guessed"
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_drafts: list[dict[str, Any]] = field(default_factory=list)
    field_errors: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("gold", "drafted", "found", "strict", "fields"):
            getattr(self, name).update(getattr(other, name))
        self.misses += other.misses
        self.false_drafts += other.false_drafts
        self.field_errors += other.field_errors

    def precision(self, kind: str | None = None, strict: bool = False) -> float | None:
        hits = self.strict if strict else self.found
        drafted = self.drafted[kind] if kind else sum(self.drafted.values())
        return (hits[kind] if kind else sum(hits.values())) / drafted if drafted else None

    def recall(self, kind: str | None = None, strict: bool = False) -> float | None:
        hits = self.strict if strict else self.found
        gold = self.gold[kind] if kind else sum(self.gold.values())
        return (hits[kind] if kind else sum(hits.values())) / gold if gold else None


def score(gold: Sequence[dict[str, Any]], drafted: Iterable[dict[str, Any]]) -> Score:
    """Match one page's drafted facts (gold-shaped dicts) to its gold facts."""
    result = Score()
    remaining = [d for d in drafted if d["kind"] in KEYS]  # kinds the gold format has
    for fact in remaining:
        result.drafted[fact["kind"]] += 1
    for expected in gold:
        kind = expected["kind"]
        result.gold[kind] += 1
        match = next((d for d in remaining if _same_fact(expected, d)), None)
        if match is None:
            result.misses.append(expected)
            continue
        remaining.remove(match)
        result.found[kind] += 1
        if _score_fields(expected, match, result):
            result.strict[kind] += 1
    result.false_drafts = remaining
    return result


def _same_fact(expected: dict[str, Any], drafted: dict[str, Any]) -> bool:
    if expected["kind"] != drafted["kind"] or expected["sentence"] != drafted["sentence"]:
        return False
    return all(normalise(expected.get(k)) == normalise(drafted.get(k)) for k in KEYS[expected["kind"]])


def _score_fields(expected: dict[str, Any], drafted: dict[str, Any], result: Score) -> bool:
    """Count the non-identifying fields; True if every one is right."""
    all_right = True
    names = (set(expected) | set(drafted)) - _NOT_SCORED - set(KEYS[expected["kind"]])
    for name in sorted(names):
        want, got = expected.get(name), drafted.get(name)
        if want is None:
            verdict = "guessed"
        elif got is None:
            verdict = "missing"
        else:
            verdict = "right" if normalise(want) == normalise(got) else "wrong"
        result.fields[verdict] += 1
        if verdict != "right":
            all_right = False
            result.field_errors.append(f"{expected['kind']} s{expected['sentence']} {name}: {verdict} "
                                       f"(gold {want!r}, drafted {got!r})")
    return all_right
