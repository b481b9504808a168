"""``diplokg link --accept``: merge the rows of a review file that a person marked ``accept`` into
``data/wikidata-links-reviewed.trig`` of a source tree, with provenance. Nothing else is linked.

The whole file is refused (exit status 2, nothing written, every problem listed with its row
number) if a row's ``decision`` is anything but ``accept``, ``reject`` or empty, or if an accepted
row

- has no reviewer (and none was given with ``--reviewer``) or no valid review date
  (``YYYY-MM-DD``, not in the future; ``--reviewed-on DATE|today`` fills empty cells only),
- has a candidate that is not a QID (``^Q[1-9][0-9]*$``), or a score that is not a decimal in
  [0, 1], or no reasons,
- names an entity that is not a person, organisation, mission, city or state of the data,
- names an entity that already has a QID (re-accepting the link already recorded in the reviewed
  links file is no change, so that accepting a file twice is harmless),
- accepts a QID that another entity of the data already has,
- or shares its entity, or its QID, with another accepted row.

Then the data with the new links is validated against the SHACL shapes (as ``diplokg validate``
does) and only if it conforms is the file written (a temporary file renamed into place).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from diplokg.core.atomic_file import write_atomically
from diplokg.source.tree import SourceTree
from diplokg.wikidata.candidates import KINDS, is_qid
from diplokg.wikidata.review import DECISIONS, ReviewFileError, read_review
from diplokg.source.loader import LoadedData, load
from diplokg.core.namespaces import ID, ONTOLOGY
from diplokg.wikidata.reviewed_links import REVIEWED_LINKS_FILE, LinkRecord, link_quads, read, render
from diplokg.validation.validate import load_shapes, validate

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
WIKIDATA_ID = ONTOLOGY + "wikidataId"
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DECIMAL = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@dataclass
class AcceptResult:
    path: Path
    accepted_rows: int = 0
    added: list[LinkRecord] = field(default_factory=list)
    unchanged: list[LinkRecord] = field(default_factory=list)
    written: bool = False


def resolve_date(value: str | None, today: dt.date) -> str | None:
    """``--reviewed-on``: a date, or ``today`` for the local date (only ever when asked for)."""
    if value is None:
        return None
    return today.isoformat() if value.strip().lower() == "today" else value.strip()


def _date_problem(value: str, today: dt.date) -> str | None:
    if not _DATE.match(value):
        return f'reviewed_on "{value}" is not a date of the form YYYY-MM-DD'
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return f'reviewed_on "{value}" is not a calendar date'
    if day > today:
        return f"reviewed_on {value} is in the future"
    return None


def _score_problem(value: str) -> str | None:
    if not _DECIMAL.match(value):
        return f'score "{value}" is not a decimal number such as 0.85'
    try:
        if not Decimal(0) <= Decimal(value) <= Decimal(1):
            return f"score {value} is not between 0 and 1"
    except InvalidOperation:
        return f'score "{value}" is not a decimal number'
    return None


@dataclass
class _Data:
    """What the accept checks need from the source tree."""

    loaded: LoadedData
    entities: set[str]
    qids: dict[str, set[str]]  # entity -> its QIDs
    owners: dict[str, set[str]]  # QID -> entities


def _read_data(layout: SourceTree) -> _Data:
    loaded = load(layout)
    classes = {iri for iri, _ in KINDS}
    entities, qids, owners = set(), defaultdict(set), defaultdict(set)
    for q in loaded.quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode):
            continue
        if p == RDF_TYPE and o.value in classes:
            entities.add(s.value)
        elif p == WIKIDATA_ID:
            qids[s.value].add(o.value)
            owners[o.value].add(s.value)
    return _Data(loaded, entities, qids, owners)


def accept(layout: SourceTree, review: Path, reviewer: str | None, reviewed_on: str | None, today: dt.date,
           progress: Callable[[str], None] | None = None) -> AcceptResult:
    """Check every row, then write the accepted links (see the module docstring); raise
    :class:`ReviewFileError` listing every problem if any row is refused."""
    target = layout.root / REVIEWED_LINKS_FILE
    result = AcceptResult(target)
    rows = read_review(review)
    existing, existing_quads = read(target)
    recorded = {r.entity: r for r in existing}
    if progress:
        progress(f"checking {len(rows)} row(s) of {review} against the data of {layout.root}")
    data = _read_data(layout)
    default_reviewer = (reviewer or "").strip()

    problems: list[tuple[int, str]] = []
    by_entity: dict[str, list[int]] = defaultdict(list)
    by_qid: dict[str, list[tuple[int, str]]] = defaultdict(list)
    new: list[LinkRecord] = []
    for row in rows:
        n, v = row.number, row.values
        decision = v.get("decision", "").strip()
        if decision.lower() not in ("", *DECISIONS):
            problems.append((n, f'decision "{decision}" is not accept, reject or empty'))
            continue
        if decision.lower() != "accept":
            continue
        result.accepted_rows += 1
        entity, qid = v.get("entity", "").strip(), v.get("candidate", "").strip()
        who = v.get("reviewer", "").strip() or default_reviewer
        when = v.get("reviewed_on", "").strip() or (reviewed_on or "")
        score, reasons = v.get("score", "").strip(), v.get("reasons", "").strip()
        row_problems = []
        if not qid:
            row_problems.append("accepted, but the candidate column is empty")
        elif not is_qid(qid):
            row_problems.append(f'candidate "{qid}" is not a QID (Q followed by digits, no leading zero)')
        if not who:
            row_problems.append("accepted without a reviewer (fill the reviewer column or pass --reviewer NAME)")
        if not when:
            row_problems.append("accepted without a review date (fill reviewed_on as YYYY-MM-DD or pass "
                                "--reviewed-on DATE, or --reviewed-on today)")
        elif problem := _date_problem(when, today):
            row_problems.append(problem)
        if qid and (problem := _score_problem(score)):
            row_problems.append(problem)
        if qid and not reasons:
            row_problems.append("the reasons column is empty (keep the reasons `diplokg link` wrote)")
        if entity not in data.entities or not entity.startswith(ID):
            row_problems.append(f"entity <{entity}> is not a person, organisation, mission, city or state in the data"
                                if entity else "the entity column is empty")
        else:
            before = recorded.get(entity)
            if before is not None and before.qid == qid:
                result.unchanged.append(before)
            elif data.qids.get(entity):
                where = f" (accepted before, in {REVIEWED_LINKS_FILE})" if before else ""
                row_problems.append(f"entity <{entity}> already has the QID {', '.join(sorted(data.qids[entity]))}{where}")
            elif is_qid(qid) and (others := sorted(data.owners.get(qid, set()) - {entity})):
                row_problems.append(f"{qid} is already the QID of <{others[0]}>")
            by_entity[entity].append(n)
            if qid:
                by_qid[qid].append((n, entity))
        problems += [(n, p) for p in row_problems]
        if not row_problems and (entity not in recorded or recorded[entity].qid != qid):
            new.append(LinkRecord(entity, qid, who, when, score, reasons))
    for entity, numbers in by_entity.items():
        if len(numbers) > 1:
            problems.append((numbers[0], f"rows {', '.join(map(str, numbers))} all accept a candidate for <{entity}>; "
                                         "accept at most one per entity"))
    for qid, uses in by_qid.items():
        if len({entity for _, entity in uses}) > 1:
            numbers = [n for n, _ in uses]
            problems.append((numbers[0], f"rows {', '.join(map(str, numbers))} accept {qid} for different entities"))
    if problems:
        listed = "\n".join(f"  row {n}: {p}" for n, p in sorted(problems, key=lambda t: t[0]))
        raise ReviewFileError(f"{review}: refused, nothing was written ({len(problems)} problem(s)):\n{listed}")
    if not new:
        return result

    records = sorted(existing + new)
    quads = [q for r in records for q in link_quads(r)]
    old = set(existing_quads)
    display = layout.display(target)
    loaded = data.loaded.replaced(old, quads, display, target)
    if progress:
        progress(f"validating the data with {len(new)} new link(s) against the SHACL shapes")
    report = validate(loaded, load_shapes(layout.shape_files()))
    if not report.conforms:
        raise ReviewFileError(f"the accepted links would make the data invalid; nothing was written\n{report.to_text()}")
    _write(target, render(records))
    result.added, result.written = new, True
    return result


def _write(path: Path, text: str) -> None:
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as e:
        raise ReviewFileError(f"cannot write {path}: {e}") from None
