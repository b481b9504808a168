"""Write an :class:`~diplokg.wikidata_export.Export` as Wikidata-shaped RDF, QuickStatements V1
commands and a TSV of what was skipped. Output is sorted and carries no date or version, so the
same store always gives the same bytes.

RDF follows Wikidata's RDF dump format (Wikibase ``TimeRdfBuilder`` and ``DateTimeValueCleaner``):
truthy ``wdt:`` triples, full statements ``p:``/``ps:``/``pq:`` with ``pqv:`` time value nodes
(``wikibase:timeValue`` as xsd:dateTime with month/day 01 below the precision,
``wikibase:timePrecision``, ``wikibase:timeTimezone`` 0, ``wikibase:timeCalendarModel`` Gregorian
wd:Q1985727) and references ``prov:wasDerivedFrom`` → ``pr:``.

QuickStatements V1 syntax, as the parsers read it (magnusmanske/quickstatements
``public_html/quickstatements.php`` ``importDataFromV1``/``parseValueV1``, and QuickStatements 3,
wikimediabrasil/quickstatements3 ``src/core/parsers/base.py`` and ``v1.py``):

* one command per line, columns separated by TAB: item, property, value, then pairs of
  qualifier ``Pnnn`` / value and source ``Snnn`` / value; the S pairs of one line form one
  reference, so each further reference of a statement is a further line for the same statement;
* item values ``Q123``; strings in double quotes ``"…"`` (the URL of P854 is a string);
  monolingual text ``de:"…"``; times ``+1992-07-07T00:00:00Z/11`` with the precision after the
  slash (default 9) and Gregorian calendar unless ``/J``; for month or year precision the unused
  parts are 00 (``+2018-04-00T00:00:00Z/10``, ``+1992-00-00T00:00:00Z/9``), as Wikidata stores them
  (Help:Dates, cited in OpenRefine issue #3694);
* there is no escape for a double quote: V1 takes everything between the first and the last quote
  of the column (no escaping is needed there, WDscholia/scholia #2178/#2179), but QuickStatements 3
  first replaces “ and ” by ", cuts quoted strings at the next " to protect them before turning
  ``|`` into column separators (wikimediabrasil/quickstatements3 #344: ``|`` inside a string
  breaks the command), reads a trailing ``/* … */`` as an edit summary, and strips the value.

So a quotation with a TAB, line break, ", “, ”, backslash, ``|``, ``/*`` or surrounding spaces
cannot be passed on unchanged: that reference is left out of quickstatements.txt (it stays in
wikidata.ttl) and listed in skipped.tsv, rather than sending Wikidata an altered quotation.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pyoxigraph as ox

from diplokg.core.namespaces import ID
from diplokg.wikidata.export import WD, Export, Reference, Skipped, Statement, Time

WDT = "http://www.wikidata.org/prop/direct/"
P = "http://www.wikidata.org/prop/"
PS = P + "statement/"
PQ = P + "qualifier/"
PQV = P + "qualifier/value/"
PR = P + "reference/"
WIKIBASE = "http://wikiba.se/ontology#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
GREGORIAN = WD + "Q1985727"

#: Statement, reference and value nodes are minted here: Wikidata mints its own wds:/wdref:/wdv:
#: IRIs only when it stores a statement, so ours cannot pretend to be them.
STATEMENT_NS = ID + "wikidata-statement/"
REFERENCE_NS = ID + "wikidata-reference/"
VALUE_NS = ID + "wikidata-value/"

PREFIXES = {
    "wd": WD, "wdt": WDT, "p": P, "ps": PS, "pq": PQ, "pqv": PQV, "pr": PR, "wikibase": WIKIBASE,
    "prov": PROV, "dcterms": DCTERMS, "xsd": XSD,
    "dkgws": STATEMENT_NS, "dkgwr": REFERENCE_NS, "dkgwv": VALUE_NS,
}

TURTLE_HEADER = """\
# diplokg: Wikidata-shaped export, written by `diplokg export wikidata`.
#
# Facts of diplokg whose entities all have verified Wikidata QIDs, in the shape of Wikidata's RDF
# dumps: items wd:Q…, truthy wdt:P… triples, full statements p:/ps:/pq: with pqv: time values
# (wikibase:timeValue, wikibase:timePrecision 11 day / 10 month / 9 year, time zone 0, Gregorian
# calendar wd:Q1985727) and references prov:wasDerivedFrom with pr:P1683 (quotation: the German
# source sentence) and pr:P854 (reference URL). It joins with a Wikidata dump on the wd: IRIs.
#
# Statement, reference and value nodes are NOT Wikidata's own wds:/wdref:/wdv: IRIs (Wikidata mints
# those when it stores a statement); they are minted here deterministically from their content under
#   https://w3id.org/diplokg/id/wikidata-statement/  (prefix dkgws:)
#   https://w3id.org/diplokg/id/wikidata-reference/  (prefix dkgwr:)
#   https://w3id.org/diplokg/id/wikidata-value/      (prefix dkgwv:)
# Each statement names the diplokg fact it was made from with dcterms:source.
#
# Reference URL (pr:P854): the source pages state no publisher, address or date and no original URL
# of them is recorded, so none is given here. pr:P854 is the IRI of diplokg's resource for the
# source document (https://w3id.org/diplokg/id/source/…), which dereferences to diplokg's page for
# that source with its archived text.
#
# Dates are only those stated in the sources; nothing is estimated. Facts not exported (entities
# without a QID, and why) are listed in skipped.tsv.

"""

_UNSAFE = {"\t": "a TAB", "\n": "a line break", "\r": "a carriage return", '"': 'a double quote (")',
           "“": "a quotation mark “", "”": "a quotation mark ”", "\\": "a backslash", "|": "a vertical bar (|)"}


def _node(namespace: str, *parts: str) -> ox.NamedNode:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]
    return ox.NamedNode(namespace + digest)


def _statement_node(s: Statement) -> ox.NamedNode:
    return _node(STATEMENT_NS, s.fact, s.subject, s.property, s.value)


def _reference_node(r: Reference) -> ox.NamedNode:
    return _node(REFERENCE_NS, "P1683", r.language, r.quote, "P854", r.url)


def _time_node(t: Time) -> ox.NamedNode:
    return _node(VALUE_NS, t.rdf_lexical(), str(t.precision), "0", GREGORIAN)


def statement_triples(s: Statement) -> set[ox.Triple]:
    """The triples of one statement as a Wikidata dump writes them."""
    n = ox.NamedNode
    item, value, node = n(WD + s.subject), n(WD + s.value), _statement_node(s)
    out = {
        ox.Triple(item, n(WDT + s.property), value),
        ox.Triple(item, n(P + s.property), node),
        ox.Triple(node, n(RDF_TYPE), n(WIKIBASE + "Statement")),
        ox.Triple(node, n(WIKIBASE + "rank"), n(WIKIBASE + "NormalRank")),
        ox.Triple(node, n(PS + s.property), value),
        ox.Triple(node, n(DCTERMS + "source"), n(s.fact)),
    }
    for prop, time in s.qualifiers:
        stamp = ox.Literal(time.rdf_lexical(), datatype=n(XSD + "dateTime"))
        tv = _time_node(time)
        out |= {
            ox.Triple(node, n(PQ + prop), stamp),
            ox.Triple(node, n(PQV + prop), tv),
            ox.Triple(tv, n(RDF_TYPE), n(WIKIBASE + "TimeValue")),
            ox.Triple(tv, n(WIKIBASE + "timeValue"), stamp),
            ox.Triple(tv, n(WIKIBASE + "timePrecision"), ox.Literal(str(time.precision), datatype=n(XSD + "integer"))),
            ox.Triple(tv, n(WIKIBASE + "timeTimezone"), ox.Literal("0", datatype=n(XSD + "integer"))),
            ox.Triple(tv, n(WIKIBASE + "timeCalendarModel"), n(GREGORIAN)),
        }
    for ref in s.references:
        rn = _reference_node(ref)
        out |= {
            ox.Triple(node, n(PROV + "wasDerivedFrom"), rn),
            ox.Triple(rn, n(RDF_TYPE), n(WIKIBASE + "Reference")),
            ox.Triple(rn, n(PR + "P1683"), ox.Literal(ref.quote, language=ref.language)),
            ox.Triple(rn, n(PR + "P854"), n(ref.url)),
        }
    return out


def to_turtle(export: Export) -> tuple[bytes, int]:
    """wikidata.ttl and its number of triples."""
    triples: set[ox.Triple] = set()
    for s in export.statements:
        triples |= statement_triples(s)
    ordered = sorted(triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    buf = io.BytesIO()
    ox.serialize(ordered, buf, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    # pyoxigraph writes the @prefix lines in an order of its own; write them in ours instead.
    body = b"".join(line for line in buf.getvalue().splitlines(keepends=True) if not line.startswith(b"@prefix "))
    prefixes = "".join(f"@prefix {name}: <{iri}> .\n" for name, iri in PREFIXES.items())
    text = TURTLE_HEADER.encode("utf-8") + prefixes.encode("utf-8") + b"\n" + body
    return (text if text.endswith(b"\n") else text + b"\n"), len(ordered)


def unsafe_for_quickstatements(text: str) -> list[str]:
    """What in a string value QuickStatements would not pass on unchanged (empty if it is safe)."""
    found = [label for ch, label in _UNSAFE.items() if ch in text]
    if "/*" in text or "*/" in text:
        found.append("a comment marker (/* or */)")
    if text != text.strip():
        found.append("leading or trailing white space")
    return found


def quickstatements_value(ref: Reference) -> list[str]:
    return ["S1683", f'{ref.language}:"{ref.quote}"', "S854", f'"{ref.url}"']


@dataclass(frozen=True)
class QuickStatements:
    lines: tuple[str, ...]
    skipped: tuple[Skipped, ...]

    def text(self) -> str:
        return "".join(line + "\n" for line in self.lines)


def to_quickstatements(export: Export) -> QuickStatements:
    """One V1 command per statement and reference; references QuickStatements cannot carry are skipped."""
    lines: set[str] = set()
    skipped: list[Skipped] = []
    for s in export.statements:
        head = [s.subject, s.property, s.value]
        for prop, time in s.qualifiers:
            head += [prop, time.quickstatements()]
        written = 0
        for ref in s.references:
            problems = unsafe_for_quickstatements(ref.quote) + unsafe_for_quickstatements(ref.url)
            if problems:
                skipped.append(Skipped(
                    s.fact, s.kind, f"QuickStatements reference of {s.subject} {s.property} {s.value}", (),
                    f"the quotation of {ref.evidence} contains {', '.join(problems)}, which QuickStatements "
                    "would not pass on unchanged; this reference is in wikidata.ttl only"))
                continue
            lines.add("\t".join(head + quickstatements_value(ref)))
            written += 1
        if not written:
            skipped.append(Skipped(
                s.fact, s.kind, f"QuickStatements command for {s.subject} {s.property} {s.value}", (),
                "none of its references can be passed to QuickStatements unchanged, and a statement is not "
                "proposed without a reference; the statement is in wikidata.ttl only"))
    return QuickStatements(tuple(sorted(lines)), tuple(sorted(set(skipped), key=lambda k: (k.fact, k.part, k.reason))))


TSV_COLUMNS = ("fact", "kind", "not_exported", "without_qid", "reason")


def to_tsv(skipped: tuple[Skipped, ...] | list[Skipped]) -> str:
    """skipped.tsv: one row per fact (not_exported "all") or part of a fact that was not exported."""
    rows = sorted(set(skipped), key=lambda k: (k.fact, k.kind, k.part, k.reason))
    out = ["\t".join(TSV_COLUMNS)]
    for k in rows:
        cells = (k.fact, k.kind, k.part, " ".join(k.without_qid), k.reason)
        out.append("\t".join(c.replace("\t", " ").replace("\n", " ") for c in cells))
    return "\n".join(out) + "\n"


def summary(export: Export, quickstatements: QuickStatements, triples: int) -> str:
    """Counts for the command line: facts exported and skipped per kind, and what each file holds."""
    from diplokg.wikidata.export import KIND_MISSION, KIND_POSITION, KIND_RELATION

    lines = []
    for kind in (KIND_RELATION, KIND_POSITION, KIND_MISSION):
        exported = {s.fact for s in export.statements if s.kind == kind}
        statements = sum(1 for s in export.statements if s.kind == kind)
        skipped = {k.fact for k in export.skipped if k.kind == kind and k.part == "all"}
        lines.append(f"  {kind:<14} {len(exported):>4} exported ({statements} statements), {len(skipped):>4} skipped")
    parts = len(export.skipped) + len(quickstatements.skipped)
    return "\n".join([
        "Wikidata export:",
        *lines,
        f"  wikidata.ttl: {triples} triples; quickstatements.txt: {len(quickstatements.lines)} commands; "
        f"skipped.tsv: {parts} rows",
    ])
