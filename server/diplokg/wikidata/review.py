"""The review file of ``diplokg link``: one row per (entity, candidate), written for a person to
open in a spreadsheet, mark ``accept`` or ``reject``, and hand back to ``diplokg link --accept``.

Format: UTF-8, a header row, tab-separated (``.csv`` files: comma-separated), quoted by the rules of
Python's ``csv`` module (what spreadsheets read and write). Rows are sorted by entity IRI, then by
score (best first), then by QID. An entity without candidates gets one row with an empty
``candidate`` so that the reviewer sees it too. Text from Wikidata or our data that a spreadsheet
would read as a formula (starting with ``=``, ``+``, ``-``, ``@``) is prefixed with ``'``.

Reading accepts what spreadsheets save: a UTF-8 byte-order mark, tab- or comma-separated (taken
from the header line), columns in any order, and extra columns. Row numbers in messages are the
spreadsheet's: the header is row 1.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from pathlib import Path

from diplokg.core.atomic_file import write_atomically
from diplokg.core.errors import DiplokgError
from diplokg.wikidata.candidates import Entity, Found, ItemFacts
from diplokg.wikidata.scoring import rank, score

WIKIDATA_PAGE = "https://www.wikidata.org/wiki/"
DECISIONS = ("accept", "reject")


@dataclass(frozen=True)
class ReviewRow:
    entity: str
    entity_label: str
    entity_type: str
    entity_context: str
    candidate: str
    candidate_label: str
    candidate_description: str
    candidate_url: str
    score: str
    reasons: str
    decision: str = ""
    reviewer: str = ""
    reviewed_on: str = ""
    note: str = ""


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(ReviewRow))
#: The columns ``--accept`` reads; the others are for the reviewer.
REQUIRED = ("entity", "candidate", "score", "reasons", "decision", "reviewer", "reviewed_on")


class ReviewFileError(DiplokgError):
    """The review file cannot be read or is refused; nothing was written."""

    exit_code = 2


def build_rows(entities: list[Entity], found: dict[str, dict[str, list[Found]]], items: dict[str, ItemFacts],
               languages: list[str], owners: dict[str, list[str]]) -> list[ReviewRow]:
    """The review rows: every candidate of every entity, scored, best first."""
    shown = sorted(languages, key=lambda lang: lang != "en")  # English first for the reviewer, if asked for
    rows: list[ReviewRow] = []
    for e in entities:
        base = dict(entity=e.iri, entity_label=e.label(shown), entity_type=e.kind, entity_context=e.context_text())
        candidates = found.get(e.iri, {})
        if not candidates:
            searched = ", ".join(f"“{t}” ({lang})" for t, lang, _ in e.labels if lang in languages)
            rows.append(ReviewRow(**base, candidate="", candidate_label="", candidate_description="",
                                  candidate_url="", score="",
                                  reasons=f"no candidates: searched for {searched}" if searched
                                  else "no candidates: no label in the requested languages"))
            continue
        for s in rank(score(e, qid, hits, items.get(qid), languages, owners) for qid, hits in candidates.items()):
            facts, hits = items.get(s.qid), candidates[s.qid]
            label = facts.label(shown) if facts else ""
            description = facts.description(shown) if facts else ""
            best = min(hits, key=lambda f: (f.hit.rank, f.language))
            rows.append(ReviewRow(
                **base, candidate=s.qid, candidate_label=label or best.hit.label,
                candidate_description=description or best.hit.description,
                candidate_url=WIKIDATA_PAGE + s.qid, score=f"{s.score:.2f}", reasons="; ".join(s.reasons)))
    return rows


def _cell(text: str) -> str:
    """Keep spreadsheets from evaluating text as a formula."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def _delimiter(path: Path) -> str:
    return "," if path.suffix.lower() == ".csv" else "\t"


def render_review(rows: Iterable[ReviewRow], delimiter: str = "\t") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        values = astuple(row)
        writer.writerow([_cell(v) if name in ("entity_label", "entity_context", "candidate_label",
                                                "candidate_description", "note") else v
                         for name, v in zip(COLUMNS, values, strict=True)])
    return out.getvalue()


def write_review(rows: list[ReviewRow], path: Path) -> None:
    """Write the review file atomically (a temporary file renamed into place)."""
    text = render_review(rows, _delimiter(path))
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as e:
        raise DiplokgError(f"cannot write {path}: {e}") from None


@dataclass(frozen=True)
class ReadRow:
    number: int  # spreadsheet row number (header = 1)
    values: dict[str, str]


def read_review(path: Path) -> list[ReadRow]:
    """The rows of a review file (as saved by a spreadsheet); missing columns are an error."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ReviewFileError(f"no review file {path}") from None
    except (OSError, UnicodeDecodeError) as e:
        raise ReviewFileError(f"cannot read {path} as UTF-8: {e}") from None
    header = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in header else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        names = [n.strip() for n in next(reader)]
    except StopIteration:
        raise ReviewFileError(f"{path} is empty; expected a header row with {', '.join(REQUIRED)}") from None
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ReviewFileError(f"{path}: the header row lacks the column(s) {', '.join(missing)}; "
                              f"expected the columns written by `diplokg link`: {', '.join(COLUMNS)}")
    rows = []
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {name: (cells[i].strip() if i < len(cells) else "") for i, name in enumerate(names) if name}
        rows.append(ReadRow(number, values))
    return rows
