"""SHACL shapes (shapes/diplokg-shapes.ttl): well-formed, documented, and tested by fixtures.

Every shape with a target has two fixtures in tests/fixtures/shapes/, named after the shape
(dks:TenureShape -> tenure-valid.ttl / tenure-invalid.ttl). Each fixture is validated together with
the ontology, the vocabularies and tests/fixtures/shapes/base.ttl (a few shared, valid resources). A valid
fixture must conform. An invalid fixture lists, in lines

    # expect: <focus node> <constraint component> <rule>

exactly which results the validation must report. <rule> names what failed: the named SPARQL
constraint (dks:…) if there is one, else the property path (dkg:holder; ^dkg:participation for an
inverse path, dkg:sha256|dcterms:hasVersion for alternatives), else the node shape of a node-level
constraint. Nested results (sh:detail of sh:node
or sh:or) are not counted. Finally, the real data must conform.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.util import from_n3

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "shapes"
SHAPES = REPO / "shapes" / "diplokg-shapes.ttl"
BACKGROUND = [REPO / "ontology" / "diplokg.ttl", REPO / "ontology" / "vocabularies.ttl", FIXTURES / "base.ttl"]
DKS = rdflib.Namespace("https://w3id.org/diplokg/shapes#")
TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
EXPECT = re.compile(r"^# expect: (\S+) (\S+) (\S+)\s*$", re.M)

# Prefixes understood in '# expect:' lines (and used to print results).
NAMES = rdflib.Graph(bind_namespaces="none").namespace_manager
for _prefix, _ns in {
    "ex": "https://w3id.org/diplokg/id/test/",
    "dkg": "https://w3id.org/diplokg/ontology#",
    "dks": str(DKS),
    "sh": str(SH),
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": str(RDFS),
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "oa": "http://www.w3.org/ns/oa#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/",
}.items():
    NAMES.bind(_prefix, _ns)

Finding = tuple[str, str, str]  # (focus node, constraint component, rule), all as short N3 text


# ---- loading -----------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def shapes_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


@lru_cache(maxsize=1)
def background() -> rdflib.Graph:
    g = rdflib.Graph()
    for path in BACKGROUND:
        g.parse(path, format="turtle")
    return g


def real_data() -> rdflib.Graph:
    """The union of ontology/*.ttl and all data/**/*.trig as one graph (what the build validates)."""
    g = rdflib.Graph()
    for path in sorted((REPO / "ontology").glob("*.ttl")):
        g.parse(path, format="turtle")
    for path in sorted((REPO / "data").rglob("*.trig")):
        ds = rdflib.Dataset()
        ds.parse(path, format="trig")
        for s, p, o, _ in ds.quads((None, None, None, None)):
            g.add((s, p, o))
    return g


def validate(data: rdflib.Graph) -> tuple[bool, rdflib.Graph, str]:
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes_graph(), inference="none", advanced=True)
    assert isinstance(results, rdflib.Graph), results  # pyshacl returns a message if it cannot run the shapes
    return bool(conforms), results, text


def validate_fixture(fixture: Path) -> tuple[bool, rdflib.Graph, str]:
    data = rdflib.Graph()
    for triple in background():
        data.add(triple)
    data.parse(fixture, format="turtle")
    return validate(data)


# ---- naming results ----------------------------------------------------------------------------
def short(term: rdflib.term.Node) -> str:
    return term.n3(NAMES)


def rule(results: rdflib.Graph, result: rdflib.term.Node) -> str:
    """What failed: the named SPARQL constraint, else the property path, else the node shape."""
    constraint = results.value(result, SH.sourceConstraint)
    if isinstance(constraint, rdflib.URIRef):
        return short(constraint)
    path = results.value(result, SH.resultPath)
    if isinstance(path, rdflib.URIRef):
        return short(path)
    if path is not None and (inverse := results.value(path, SH.inversePath)) is not None:
        return "^" + short(inverse)
    if path is not None and (alternatives := results.value(path, SH.alternativePath)) is not None:
        return "|".join(short(p) for p in Collection(results, alternatives))
    return short(results.value(result, SH.sourceShape))


def findings(results: rdflib.Graph) -> set[Finding]:
    return {
        (short(results.value(r, SH.focusNode)), short(results.value(r, SH.sourceConstraintComponent)), rule(results, r))
        for r in results.subjects(RDF.type, SH.ValidationResult)
        if (None, SH.detail, r) not in results  # nested result of sh:node / sh:or, reported with its parent
    }


def expected_findings(fixture: Path) -> set[Finding]:
    def norm(token: str) -> str:
        if token.startswith("^"):
            return "^" + norm(token[1:])
        if "|" in token:
            return "|".join(norm(t) for t in token.split("|"))
        return short(from_n3(token, nsm=NAMES))

    text = fixture.read_text(encoding="utf-8")
    lines = EXPECT.findall(text)
    assert len(lines) == text.count("\n# expect:") + text.startswith("# expect:"), (
        f"malformed '# expect:' line in {fixture.name}")
    return {(norm(focus), norm(component), norm(what)) for focus, component, what in lines}


# ---- which shapes need fixtures ----------------------------------------------------------------
def slug(shape: rdflib.URIRef) -> str:
    """dks:ConcurrentAccreditationShape -> 'concurrent-accreditation'."""
    name = str(shape).removeprefix(str(DKS)).removesuffix("Shape")
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def targeting_shapes() -> list[rdflib.URIRef]:
    g = shapes_graph()
    return sorted({s for p in TARGETS for s in g.subjects(p, None)})


SLUGS = [slug(s) for s in targeting_shapes()]


# ---- the shapes graph --------------------------------------------------------------------------
def test_shapes_graph_conforms_to_shacl_shacl() -> None:
    shacl_shacl = rdflib.Graph().parse(Path(pyshacl.__file__).parent / "assets" / "shacl-shacl.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(shapes_graph(), shacl_graph=shacl_shacl, inference="none")
    assert conforms, text


def test_every_named_shape_and_sparql_constraint_is_documented_in_english_and_german() -> None:
    g = shapes_graph()
    named = {
        s
        for cls in (SH.NodeShape, SH.PropertyShape, SH.SPARQLConstraint)
        for s in g.subjects(RDF.type, cls)
        if isinstance(s, rdflib.URIRef)
    }
    assert len(named) > 40
    for node in named:
        for p in (RDFS.label, RDFS.comment):
            assert sorted(o.language for o in g.objects(node, p)) == ["de", "en"], (short(node), short(p))


def test_only_the_default_severity_is_used() -> None:
    assert set(shapes_graph().objects(None, SH.severity)) <= {SH.Violation}


def test_every_targeting_shape_has_both_fixtures_and_no_fixture_is_orphaned() -> None:
    assert len(SLUGS) >= 20
    files = {p.name for p in FIXTURES.glob("*.ttl")} - {"base.ttl"}
    assert files == {f"{s}-{kind}.ttl" for s in SLUGS for kind in ("valid", "invalid")}


# ---- fixtures ----------------------------------------------------------------------------------
def test_base_fixture_conforms() -> None:
    conforms, _, text = validate(background())
    assert conforms, text


@pytest.mark.parametrize("slug", SLUGS)
def test_valid_fixture_conforms(slug: str) -> None:
    conforms, _, text = validate_fixture(FIXTURES / f"{slug}-valid.ttl")
    assert conforms, text


@pytest.mark.parametrize("slug", SLUGS)
def test_invalid_fixture_reports_exactly_the_expected_results(slug: str) -> None:
    fixture = FIXTURES / f"{slug}-invalid.ttl"
    want = expected_findings(fixture)
    assert want, f"{fixture.name} declares no '# expect:' lines"
    conforms, results, text = validate_fixture(fixture)
    assert not conforms
    assert sorted(findings(results)) == sorted(want), text


# ---- the real data -----------------------------------------------------------------------------
def test_real_data_conforms() -> None:
    conforms, results, text = validate(real_data())
    assert conforms, text
    assert findings(results) == set()
