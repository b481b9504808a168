"""The file of reviewed Wikidata links, ``data/wikidata-links-reviewed.trig``: every link a person
accepted with ``diplokg link --accept``, with its provenance, in the named graph
``https://w3id.org/diplokg/graph/reference/reviewed-links``.

Each accepted link is exactly::

    <ENTITY> dkg:wikidataId "Q123" ; skos:exactMatch wd:Q123 .
    <https://w3id.org/diplokg/id/wikidata-link/PATH> a dkg:WikidataLink ;   # PATH: the entity IRI after …/id/
        dkg:linkedEntity <ENTITY> ;
        dkg:linkedItem wd:Q123 ;
        dkg:linkMethod <https://w3id.org/diplokg/vocab/link-method/reviewed-candidate> ;
        dkg:reviewer "Name" ;
        dkg:reviewedOn "2026-11-23"^^xsd:date ;
        dkg:candidateScore "0.92"^^xsd:decimal ;
        dkg:matchReasons "label exact (de); …"@en .

The file is generated from its records, sorted by entity, with a fixed layout: the same links
always give the same bytes. Reading it back checks that it holds exactly such records and nothing
else, so that a hand edit is noticed rather than silently rewritten away.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from diplokg.core.errors import DiplokgError
from diplokg.core.namespaces import GRAPH, ID, ONTOLOGY, PREFIXES, VOCAB

REVIEWED_LINKS_GRAPH = GRAPH + "reference/reviewed-links"
REVIEWED_LINKS_FILE = Path("data") / "wikidata-links-reviewed.trig"
LINK_METHOD = VOCAB + "link-method/reviewed-candidate"
LINK_NAMESPACE = ID + "wikidata-link/"

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = PREFIXES["xsd"]
SKOS_EXACT_MATCH = PREFIXES["skos"] + "exactMatch"
WD = PREFIXES["wd"]


def _p(local: str) -> str:
    return ONTOLOGY + local


@dataclass(frozen=True, order=True)
class LinkRecord:
    entity: str
    qid: str
    reviewer: str
    reviewed_on: str  # YYYY-MM-DD
    score: str  # xsd:decimal lexical form
    reasons: str

    @property
    def link(self) -> str:
        return LINK_NAMESPACE + self.entity[len(ID):]


def link_quads(record: LinkRecord) -> list[ox.Quad]:
    g, e, link, item = (ox.NamedNode(REVIEWED_LINKS_GRAPH), ox.NamedNode(record.entity),
                        ox.NamedNode(record.link), ox.NamedNode(WD + record.qid))
    triples: list[tuple[ox.NamedNode, str, ox.NamedNode | ox.Literal]] = [
        (e, _p("wikidataId"), ox.Literal(record.qid)),
        (e, SKOS_EXACT_MATCH, item),
        (link, RDF_TYPE, ox.NamedNode(_p("WikidataLink"))),
        (link, _p("linkedEntity"), e),
        (link, _p("linkedItem"), item),
        (link, _p("linkMethod"), ox.NamedNode(LINK_METHOD)),
        (link, _p("reviewer"), ox.Literal(record.reviewer)),
        (link, _p("reviewedOn"), ox.Literal(record.reviewed_on, datatype=ox.NamedNode(XSD + "date"))),
        (link, _p("candidateScore"), ox.Literal(record.score, datatype=ox.NamedNode(XSD + "decimal"))),
        (link, _p("matchReasons"), ox.Literal(record.reasons, language="en")),
    ]
    return [ox.Quad(s, ox.NamedNode(p), o, g) for s, p, o in triples]


HEADER = """\
# Wikidata links accepted by a person reviewing candidates of `diplokg link`, with who accepted
# which item when, the candidate's score and the reasons for it (named graph
# <https://w3id.org/diplokg/graph/reference/reviewed-links>). Written by `diplokg link --accept`,
# sorted by entity; every change goes through a review file (see README, "Using the command line").
@prefix dkg: <https://w3id.org/diplokg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix wd: <http://www.wikidata.org/entity/> .
"""


def render(records: list[LinkRecord]) -> str:
    """The TriG text of the file: the same records always give the same text."""
    out = [HEADER, f"\n<{REVIEWED_LINKS_GRAPH}> {{\n"]
    for r in sorted(records):
        out.append(
            f"\n<{r.entity}> dkg:wikidataId {ox.Literal(r.qid)} ; skos:exactMatch wd:{r.qid} .\n"
            f"<{r.link}> a dkg:WikidataLink ;\n"
            f"    dkg:linkedEntity <{r.entity}> ;\n"
            f"    dkg:linkedItem wd:{r.qid} ;\n"
            f"    dkg:linkMethod <{LINK_METHOD}> ;\n"
            f"    dkg:reviewer {ox.Literal(r.reviewer)} ;\n"
            f"    dkg:reviewedOn {ox.Literal(r.reviewed_on)}^^xsd:date ;\n"
            f"    dkg:candidateScore {ox.Literal(r.score)}^^xsd:decimal ;\n"
            f"    dkg:matchReasons {ox.Literal(r.reasons, language='en')} .\n"
        )
    out.append("\n}\n")
    return "".join(out)


class ReviewedLinksFileError(DiplokgError):
    exit_code = 2


def read(path: Path) -> tuple[list[LinkRecord], list[ox.Quad]]:
    """The records of an existing file (none if it does not exist) and its quads; a file holding
    anything but such records is an error."""
    if not path.exists():
        return [], []
    try:
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
    except (SyntaxError, OSError, ValueError) as e:
        raise ReviewedLinksFileError(f"cannot read {path}: {e}") from None
    values: dict[tuple[str, str], str] = {}
    links = set()
    for q in quads:
        if q.predicate.value == RDF_TYPE and q.object.value == _p("WikidataLink"):
            links.add(q.subject.value)
        values[(q.subject.value, q.predicate.value)] = q.object.value
    records = [_record(values, link) for link in sorted(links)]
    expected = {q for r in records for q in link_quads(r)}
    if set(quads) != expected:
        extra = sorted(str(q) for q in set(quads) - expected)[:3]
        raise ReviewedLinksFileError(
            f"{path} holds statements that `diplokg link --accept` did not write "
            f"(e.g. {'; '.join(extra) or 'a link lacking a statement'}); "
            "fix the file by hand first; nothing was written")
    return records, quads


def _record(values: dict[tuple[str, str], str], link: str) -> LinkRecord:
    """The record of one dkg:WikidataLink, from the (subject, predicate) -> object values of the file."""

    def get(p: str) -> str:
        return values.get((link, _p(p)), "")

    entity, item = get("linkedEntity"), get("linkedItem")
    return LinkRecord(entity, item[len(WD):] if item.startswith(WD) else item, get("reviewer"),
                      get("reviewedOn"), get("candidateScore"), get("matchReasons"))
