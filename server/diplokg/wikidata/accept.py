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
from diplokg.core.namespaces import ID, ONTOLOGY
from diplokg.source.loader import LoadedData, load
from diplokg.source.tree import SourceTree
from diplokg.validation.validate import load_shapes, validate
from diplokg.wikidata.candidates import KINDS, is_qid
from diplokg.wikidata.review import DECISIONS, ReadRow, ReviewFileError, read_review
from diplokg.wikidata.reviewed_links import REVIEWED_LINKS_FILE, LinkRecord, link_quads, read, render

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
    entities: set[str] = set()
    qids: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, set[str]] = defaultdict(set)
    for q in loaded.quads:
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode) or isinstance(o, ox.Triple):  # a triple term is no class or QID
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
    check = _Check(_read_data(layout), recorded, (reviewer or "").strip(), reviewed_on or "", today, result)
    for row in rows:
        check.row(row)
    problems = check.problems + check.conflicts()
    if problems:
        listed = "\n".join(f"  row {n}: {p}" for n, p in sorted(problems, key=lambda t: t[0]))
        raise ReviewFileError(f"{review}: refused, nothing was written ({len(problems)} problem(s)):\n{listed}")
    if not check.new:
        return result
    _validate_and_write(layout, target, check.data.loaded, existing, existing_quads, check.new, progress)
    result.added, result.written = check.new, True
    return result


@dataclass
class _Check:
    """The checks of the rows of a review file, one row after the other: the problems found, the new
    links, and which rows accept a candidate for each entity and each QID."""

    data: _Data
    recorded: dict[str, LinkRecord]  # entity -> its link in the reviewed links file
    reviewer: str  # for rows without a reviewer (``--reviewer``)
    reviewed_on: str  # for rows without a review date (``--reviewed-on``)
    today: dt.date
    result: AcceptResult
    problems: list[tuple[int, str]] = field(default_factory=list)
    new: list[LinkRecord] = field(default_factory=list)
    by_entity: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_qid: dict[str, list[tuple[int, str]]] = field(default_factory=lambda: defaultdict(list))

    def row(self, row: ReadRow) -> None:
        n, v = row.number, row.values
        decision = v.get("decision", "").strip()
        if decision.lower() not in ("", *DECISIONS):
            self.problems.append((n, f'decision "{decision}" is not accept, reject or empty'))
            return
        if decision.lower() != "accept":
            return
        self.result.accepted_rows += 1
        link = LinkRecord(entity=v.get("entity", "").strip(), qid=v.get("candidate", "").strip(),
                          reviewer=v.get("reviewer", "").strip() or self.reviewer,
                          reviewed_on=v.get("reviewed_on", "").strip() or self.reviewed_on,
                          score=v.get("score", "").strip(), reasons=v.get("reasons", "").strip())
        row_problems = _field_problems(link, self.today) + self.entity_problems(n, link)
        self.problems += [(n, p) for p in row_problems]
        if not row_problems and (link.entity not in self.recorded or self.recorded[link.entity].qid != link.qid):
            self.new.append(link)

    def entity_problems(self, n: int, link: LinkRecord) -> list[str]:
        """What is wrong with linking the entity of row ``n`` to its candidate; notes the row under the
        entity and the QID, and a link already recorded as unchanged."""
        entity, qid = link.entity, link.qid
        if entity not in self.data.entities or not entity.startswith(ID):
            return [f"entity <{entity}> is not a person, organisation, mission, city or state in the data"
                    if entity else "the entity column is empty"]
        problems = []
        before = self.recorded.get(entity)
        if before is not None and before.qid == qid:
            self.result.unchanged.append(before)
        elif self.data.qids.get(entity):
            where = f" (accepted before, in {REVIEWED_LINKS_FILE})" if before else ""
            problems.append(f"entity <{entity}> already has the QID "
                            f"{', '.join(sorted(self.data.qids[entity]))}{where}")
        elif is_qid(qid) and (others := sorted(self.data.owners.get(qid, set()) - {entity})):
            problems.append(f"{qid} is already the QID of <{others[0]}>")
        self.by_entity[entity].append(n)
        if qid:
            self.by_qid[qid].append((n, entity))
        return problems

    def conflicts(self) -> list[tuple[int, str]]:
        """Rows that accept candidates for one entity, or one QID for different entities."""
        out = []
        for entity, numbers in self.by_entity.items():
            if len(numbers) > 1:
                out.append((numbers[0], f"rows {', '.join(map(str, numbers))} all accept a candidate for "
                                        f"<{entity}>; accept at most one per entity"))
        for qid, uses in self.by_qid.items():
            if len({entity for _, entity in uses}) > 1:
                numbers = [n for n, _ in uses]
                out.append((numbers[0], f"rows {', '.join(map(str, numbers))} accept {qid} for different entities"))
        return out


def _field_problems(link: LinkRecord, today: dt.date) -> list[str]:
    """What is wrong with the candidate, reviewer, date, score and reasons of an accepted row."""
    problems = []
    if not link.qid:
        problems.append("accepted, but the candidate column is empty")
    elif not is_qid(link.qid):
        problems.append(f'candidate "{link.qid}" is not a QID (Q followed by digits, no leading zero)')
    if not link.reviewer:
        problems.append("accepted without a reviewer (fill the reviewer column or pass --reviewer NAME)")
    if not link.reviewed_on:
        problems.append("accepted without a review date (fill reviewed_on as YYYY-MM-DD or pass "
                        "--reviewed-on DATE, or --reviewed-on today)")
    elif problem := _date_problem(link.reviewed_on, today):
        problems.append(problem)
    if link.qid and (problem := _score_problem(link.score)):
        problems.append(problem)
    if link.qid and not link.reasons:
        problems.append("the reasons column is empty (keep the reasons `diplokg link` wrote)")
    return problems


def _validate_and_write(layout: SourceTree, target: Path, loaded: LoadedData, existing: list[LinkRecord],
                        existing_quads: list[ox.Quad], new: list[LinkRecord],
                        progress: Callable[[str], None] | None) -> None:
    """Validate the data with the ``new`` links added to the ``existing`` ones against the SHACL
    shapes, then write the reviewed links file (nothing if the data would not conform)."""
    records = sorted(existing + new)
    quads = [q for r in records for q in link_quads(r)]
    old = set(existing_quads)
    display = layout.display(target)
    with_links = loaded.replaced(old, quads, display, target)
    if progress:
        progress(f"validating the data with {len(new)} new link(s) against the SHACL shapes")
    report = validate(with_links, load_shapes(layout.shape_files()))
    if not report.conforms:
        raise ReviewFileError("the accepted links would make the data invalid; nothing was written\n"
                              f"{report.to_text()}")
    _write(target, render(records))


def _write(path: Path, text: str) -> None:
    try:
        write_atomically(path, text.encode("utf-8"))
    except OSError as e:
        raise ReviewFileError(f"cannot write {path}: {e}") from None
