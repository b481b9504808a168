"""Every SHACL shape has a conforming and a non-conforming fixture (tests/shapes/). A
non-conforming fixture declares, in `# expect: <focus> <constraint component>` lines, exactly which
constraints must fire on which focus nodes; the test compares that set with pyshacl's report."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import RDF, SH

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "shapes"
SHAPES = REPO / "shapes" / "diplokg-shapes.ttl"
DKS = rdflib.Namespace("https://w3id.org/diplokg/shapes#")
CURIES = {
    "ex": "https://w3id.org/diplokg/id/test/",
    "dkg": "https://w3id.org/diplokg/ontology#",
    "sh": str(SH),
}

# shape -> fixture slug (every shape with a target must have both fixtures)
SHAPE_FIXTURES = {
    "StateShape": "state", "WikidataLinkShape": "wikidata-link", "CityShape": "city", "PersonShape": "person",
    "OrganizationShape": "organization", "MissionShape": "mission", "RelationShape": "relation",
    "LegalFrameworkShape": "legal-framework", "PostShape": "post", "TenureShape": "tenure",
    "ConcurrentAccreditationShape": "concurrent-accreditation", "EventShape": "event",
    "ParticipationShape": "participation", "ActShape": "act", "AgreementShape": "agreement",
    "MonetaryAmountShape": "monetary-amount", "SourceDocumentShape": "source-document",
    "ReferenceDatasetShape": "reference-dataset", "EvidenceShape": "evidence",
    "TextQuoteSelectorShape": "text-quote-selector", "InterpretationShape": "interpretation",
    "ConceptShape": "concept", "OntologyTermShape": "ontology-term",
}


def expand(curie: str) -> rdflib.URIRef:
    prefix, local = curie.split(":", 1)
    return rdflib.URIRef(CURIES[prefix] + local)


@lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


@lru_cache(maxsize=1)
def background() -> rdflib.Graph:
    g = rdflib.Graph()
    for f in ("ontology/diplokg.ttl", "ontology/vocabularies.ttl", "tests/shapes/base.ttl"):
        g.parse(REPO / f, format="turtle")
    return g


def validate(fixture: Path) -> tuple[bool, set[tuple[rdflib.term.Node, rdflib.term.Node]], str]:
    data = rdflib.Graph()
    for triple in background():
        data.add(triple)
    data.parse(fixture, format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    fired = {
        (results.value(r, SH.focusNode), results.value(r, SH.sourceConstraintComponent))
        for r in results.subjects(RDF.type, SH.ValidationResult)
        if (None, SH.detail, r) not in results  # nested results of sh:node/sh:or are details, not findings
    }
    return bool(conforms), fired, text


def expected(fixture: Path) -> set[tuple[rdflib.URIRef, rdflib.URIRef]]:
    pairs = re.findall(r"^# expect: (\S+) (\S+)$", fixture.read_text(encoding="utf-8"), re.M)
    return {(expand(f), expand(c)) for f, c in pairs}


def test_base_fixture_conforms() -> None:
    conforms, fired, text = validate(FIXTURES / "base.ttl")
    assert conforms, text


@pytest.mark.parametrize("slug", sorted(SHAPE_FIXTURES.values()))
def test_conforming_fixture(slug: str) -> None:
    conforms, fired, text = validate(FIXTURES / f"{slug}-valid.ttl")
    assert conforms, text
    assert fired == set()


@pytest.mark.parametrize("slug", sorted(SHAPE_FIXTURES.values()))
def test_non_conforming_fixture_fires_exactly_the_expected_constraints(slug: str) -> None:
    fixture = FIXTURES / f"{slug}-invalid.ttl"
    want = expected(fixture)
    assert want, f"{fixture.name} declares no '# expect:' lines"
    conforms, fired, text = validate(fixture)
    assert not conforms
    assert fired == want, text


def test_every_targeting_shape_has_fixtures() -> None:
    g = shapes_graph()
    targeting = {
        str(s).removeprefix(str(DKS))
        for p in (SH.targetClass, SH.targetSubjectsOf, SH.targetNode, SH.targetObjectsOf)
        for s in g.subjects(p, None)
    }
    assert targeting == set(SHAPE_FIXTURES)
    for slug in SHAPE_FIXTURES.values():
        assert (FIXTURES / f"{slug}-valid.ttl").is_file() and (FIXTURES / f"{slug}-invalid.ttl").is_file()


def test_shapes_graph_conforms_to_shacl_shacl() -> None:
    shacl_shacl = rdflib.Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(shapes_graph(), shacl_graph=shacl_shacl, inference="none")
    assert conforms, text


def test_every_shape_is_documented_in_english_and_german() -> None:
    g = shapes_graph()
    for shape in set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(RDF.type, SH.PropertyShape)):
        if isinstance(shape, rdflib.BNode):
            continue
        for p in (rdflib.RDFS.label, rdflib.RDFS.comment):
            langs = sorted(o.language for o in g.objects(shape, p))
            assert langs == ["de", "en"], (shape, p, langs)
