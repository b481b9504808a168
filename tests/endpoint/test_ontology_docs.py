"""The ontology documentation at /ontology and the other IRIs of our namespace outside /id/: every
class, property and concept scheme of the ontology files documented with its anchor and labels, the
ontology graph as RDF by negotiation (and at the version IRI), vocabulary IRIs answering 303 to
their place, the SHACL shapes, named graph IRIs, and every value escaped (against a store whose
ontology graph holds a hostile label)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS

from support.cli_runner import REPO
from support.dataset_names import ONTOLOGY as ONTOLOGY_GRAPH
from support.dataset_names import SCRIPT_LABEL
from support.server_process import ServerProcess


@pytest.fixture(scope="module")
def server(backend_server):
    """Every test of this module runs against each query backend (embedded store, Virtuoso)."""
    return backend_server


ONTOLOGY_NS = "https://w3id.org/diplokg/ontology#"
VOCAB = "https://w3id.org/diplokg/vocab/"
SHAPES_NS = "https://w3id.org/diplokg/shapes#"
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
DOCUMENTED_KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, SKOS.ConceptScheme)


def parse_files(files: list[Path]) -> rdflib.Graph:
    g = rdflib.Graph()
    for f in files:
        g.parse(f, format="turtle")
    return g


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    """The graph of the ontology files, as the expectation for everything below."""
    return parse_files(sorted((REPO / "ontology").glob("*.ttl")))


@pytest.fixture(scope="module")
def docs(server) -> str:
    r = httpx.get(server.url + "ontology", headers={"Accept": BROWSER}, timeout=60)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    return r.text


def anchor(iri: str) -> str:
    """The documented anchor scheme: local name of ontology terms, vocab-<path with dashes> for concepts."""
    if iri.startswith(ONTOLOGY_NS):
        return iri[len(ONTOLOGY_NS):]
    return "vocab-" + iri[len(VOCAB):].replace("/", "-")


def heading_of(page: str, term_anchor: str) -> str:
    """The HTML from a term's id attribute to the end of its heading."""
    start = page.index(f'id="{term_anchor}"')
    return page[start:page.index("</h", start)]


def english_label(g: rdflib.Graph, term: rdflib.term.Node) -> str:
    labels = [o for p in (RDFS.label, SKOS.prefLabel) for o in g.objects(term, p)
              if getattr(o, "language", None) == "en"]
    assert labels, f"{term} has no English label in the ontology files"
    return str(labels[0])


@pytest.mark.parametrize("kind", DOCUMENTED_KINDS, ids=lambda k: k.split("#")[-1])
def test_every_term_of_the_ontology_files_is_documented(docs, ontology, kind):
    terms = sorted(set(ontology.subjects(rdflib.RDF.type, kind)))
    assert terms, f"the ontology files declare no {kind}"
    for term in terms:
        heading = heading_of(docs, anchor(str(term)))
        assert html.escape(english_label(ontology, term)) in heading, term
        assert f"<code>{html.escape(str(term))}</code>" in docs


def test_every_concept_is_documented_under_an_anchor(docs, ontology):
    for concept in set(ontology.subjects(rdflib.RDF.type, SKOS.Concept)):
        assert html.escape(english_label(ontology, concept)) in heading_of(docs, anchor(str(concept)))


def test_german_labels_and_descriptions_show(docs, ontology):
    for kind in DOCUMENTED_KINDS:
        for term in ontology.subjects(rdflib.RDF.type, kind):
            for p in (RDFS.label, RDFS.comment):
                for text in (o for o in ontology.objects(term, p) if getattr(o, "language", None) == "de"):
                    assert f'<span lang="de">{html.escape(str(text))}</span>' in docs, (term, text)


def test_title_version_licence_and_contents(docs, ontology):
    ont = rdflib.URIRef("https://w3id.org/diplokg/ontology")
    title = next(str(t) for t in ontology.objects(ont, DCTERMS.title) if t.language == "en")
    assert f"<h1>{html.escape(title)}</h1>" in docs
    assert f"<td>{html.escape(str(ontology.value(ont, OWL.versionInfo)))}</td>" in docs
    assert f'href="{ontology.value(ont, DCTERMS.license)}"' in docs
    toc = docs[docs.index('<nav class="toc"'):docs.index("</nav>", docs.index('<nav class="toc"'))]
    for section in ("section-classes", "section-object-properties", "section-datatype-properties",
                    "section-annotation-properties", "section-concept-schemes"):
        assert f'href="#{section}"' in toc and f'id="{section}"' in docs
    assert 'href="#State"' in toc


def test_class_and_property_relations_link_to_anchors(docs):
    state = docs[docs.index('id="State"'):docs.index("</section>", docs.index('id="State"'))]
    assert 'href="#isoAlpha2"' in state  # domain of
    assert 'href="http://www.w3.org/ns/prov#Agent"' in state  # an external superclass: a plain link
    accreditation = docs[docs.index('id="concurrentAccreditation"'):]
    accreditation = accreditation[:accreditation.index("</section>")]
    assert 'href="#includesTenure"' in accreditation and "Inverse of" in accreditation
    relation = docs[docs.index('id="DiplomaticRelation"'):]
    assert 'href="http://www.wikidata.org/entity/P530"' in relation[:relation.index("</section>")]


def test_every_link_to_an_anchor_has_its_target(docs):
    targets = set(re.findall(r'href="#([^"]+)"', docs))
    ids = set(re.findall(r' id="([^"]+)"', docs))
    assert targets and targets <= ids, sorted(targets - ids)
    assert len(re.findall(r' id="([^"]+)"', docs)) == len(ids)  # no duplicate ids


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_ontology_rdf_by_negotiation_is_the_ontology_files(server, http, ontology, accept, fmt):
    r = http.get(server.url + "ontology", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = rdflib.Graph().parse(data=r.content, format=fmt)
    assert len(g) == len(ontology) and isomorphic(g, ontology)


def test_format_parameter_and_quad_formats(server, http, ontology):
    r = http.get(server.url + "ontology?format=turtle", headers={"Accept": "text/html"})
    assert r.headers["content-type"].startswith("text/turtle")
    assert isomorphic(rdflib.Graph().parse(data=r.content, format="turtle"), ontology)
    r = http.get(server.url + "ontology", headers={"Accept": "application/n-quads"})
    assert r.status_code == 200 and len(rdflib.Dataset().parse(data=r.content, format="nquads")) == len(ontology)


def test_vary_and_link_headers(server, http):
    for accept in ("text/html", "text/turtle"):
        r = http.get(server.url + "ontology", headers={"Accept": accept})
        assert "Accept" in r.headers["vary"]
        link = r.headers["link"]
        assert f'<{server.url}ontology?format=turtle>; rel="alternate"; type="text/turtle"' in link
        assert f'<{server.url}ontology?format=jsonld>; rel="alternate"; type="application/ld+json"' in link
        assert 'type="application/rdf+xml"' in link and 'type="application/n-triples"' in link


@pytest.mark.parametrize("path,headers", [("ontology", {"Accept": "image/png"}), ("ontology?format=bogus", {}),
                                          ("ontology/0.1.0", {"Accept": "application/pdf"})])
def test_nothing_acceptable_is_406(server, http, path, headers):
    assert http.get(server.url + path, headers=headers).status_code == 406


def test_version_iri_serves_the_ontology(server, http, ontology):
    version_iri = str(ontology.value(rdflib.URIRef("https://w3id.org/diplokg/ontology"), OWL.versionIRI))
    path = version_iri.removeprefix("https://w3id.org/diplokg/")
    r = http.get(server.url + path, headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and isomorphic(rdflib.Graph().parse(data=r.content, format="turtle"), ontology)
    assert f"<{server.url}{path}?format=turtle>" in r.headers["link"]
    page = http.get(server.url + path, headers={"Accept": BROWSER})
    assert page.status_code == 200 and 'id="section-classes"' in page.text
    assert http.get(server.url + "ontology/9.9.9", headers={"Accept": "text/turtle"}).status_code == 404


def test_vocabulary_iris_redirect_to_their_anchor(server, http, ontology, docs):
    iris = {*ontology.subjects(rdflib.RDF.type, SKOS.ConceptScheme), *ontology.subjects(rdflib.RDF.type, SKOS.Concept)}
    for iri in sorted(iris):
        r = http.get(server.url + "vocab/" + str(iri)[len(VOCAB):], headers={"Accept": BROWSER})
        assert r.status_code == 303 and r.headers["location"] == f"{server.url}ontology#{anchor(str(iri))}", iri
        assert f'id="{anchor(str(iri))}"' in docs
    r = http.get(server.url + "vocab/", headers={"Accept": BROWSER})
    assert r.status_code == 303 and r.headers["location"] == server.url + "ontology#section-concept-schemes"


def test_vocabulary_iri_for_rdf_clients(server, http):
    r = http.get(server.url + "vocab/rank/ambassador", headers={"Accept": "text/turtle"})
    assert r.status_code == 303 and r.headers["location"] == server.url + "ontology?format=turtle"
    assert "Accept" in r.headers["vary"]
    followed = http.get(server.url + "vocab/rank/ambassador", headers={"Accept": "text/turtle"}, follow_redirects=True)
    g = rdflib.Graph().parse(data=followed.content, format="turtle")
    assert (rdflib.URIRef(VOCAB + "rank/ambassador"), SKOS.inScheme, rdflib.URIRef(VOCAB + "rank")) in g
    r = http.get(server.url + "vocab/rank?format=jsonld")
    assert r.status_code == 303 and r.headers["location"] == server.url + "ontology?format=jsonld"


@pytest.mark.parametrize("path", ["vocab/rank/nothing", "vocab/nothing", "vocab/rank/%2e%2e/%2e%2e/id/state/ROU",
                                  "vocab/-", "vocab/" + "a/" * 200])
def test_unknown_vocabulary_iris_are_404(server, http, path):
    for accept in (BROWSER, "text/turtle"):
        assert http.get(server.url + path, headers={"Accept": accept}).status_code == 404


def test_shapes_as_turtle_and_html(server, http):
    expected = parse_files(sorted((REPO / "shapes").glob("*.ttl")))
    r = http.get(server.url + "shapes", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    assert isomorphic(rdflib.Graph().parse(data=r.content, format="turtle"), expected)
    page = http.get(server.url + "shapes", headers={"Accept": BROWSER})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    named = {str(s) for s in expected.subjects() if str(s).startswith(SHAPES_NS)}
    assert named
    for shape in named:
        assert f'id="{shape[len(SHAPES_NS):]}"' in page.text
    assert http.get(server.url + "shapes", headers={"Accept": "image/png"}).status_code == 406


def test_named_graph_iris(server, http, ontology):
    r = http.get(server.url + "graph/ontology", headers={"Accept": "text/turtle"})
    assert r.status_code == 303 and r.headers["location"].startswith(server.url + "graph-store?graph=")
    followed = http.get(server.url + "graph/ontology", headers={"Accept": "text/turtle"}, follow_redirects=True)
    assert isomorphic(rdflib.Graph().parse(data=followed.content, format="turtle"), ontology)
    page = http.get(server.url + "graph/ontology", headers={"Accept": BROWSER})
    assert page.status_code == 200 and f"<code>{ONTOLOGY_GRAPH}</code>" in page.text
    assert f'href="{server.url}ontology"' in page.text
    assert http.get(server.url + "graph/nothing", headers={"Accept": BROWSER}).status_code == 404


def test_landing_page_and_entity_pages_link_the_docs(server, http):
    landing = http.get(server.url, headers={"Accept": "text/html"}).text
    assert f'href="{server.url}ontology"' in landing
    entity = http.get(server.url + "id/state/TJK", headers={"Accept": "text/html"}).text
    assert f'href="{server.url}ontology#State"' in entity


# --- escaping: an ontology graph with a hostile label, a javascript: link and markup in a comment

HOSTILE_CLASS = ONTOLOGY_NS + "Hostile"


@pytest.fixture(scope="module")
def hostile_ontology_server(built_store, tmp_path_factory) -> Iterator[ServerProcess]:
    import pyoxigraph as ox

    from diplokg.build.artifacts import write_artifacts
    from diplokg.build.store import write_store

    snapshot = ox.Store()
    snapshot.bulk_load(path=str(built_store.resolve() / "snapshot.nq"), format=ox.RdfFormat.N_QUADS)
    graph, term = ox.NamedNode(ONTOLOGY_GRAPH), ox.NamedNode(HOSTILE_CLASS)
    quads = [
        *snapshot,
        ox.Quad(term, ox.NamedNode(str(rdflib.RDF.type)), ox.NamedNode(str(OWL.Class)), graph),
        ox.Quad(term, ox.NamedNode(str(RDFS.label)), ox.Literal(SCRIPT_LABEL, language="en"), graph),
        ox.Quad(term, ox.NamedNode(str(RDFS.comment)),
                ox.Literal('<b onmouseover="alert(1)">x</b>', language="de"), graph),
        ox.Quad(term, ox.NamedNode(str(RDFS.seeAlso)), ox.NamedNode("javascript:alert(1)"), graph),
        ox.Quad(term, ox.NamedNode(str(RDFS.subClassOf)), ox.NamedNode("javascript:alert(2)"), graph),
    ]
    root = tmp_path_factory.mktemp("hostile-ontology")
    write_store(root / "store", quads, {"triples": len(quads)}, lambda target, db: write_artifacts(target, db, None))
    with ServerProcess(root / "store", log=root / "serve.log") as proc:
        yield proc


def test_ontology_values_are_escaped(hostile_ontology_server, http):
    r = http.get(hostile_ontology_server.url + "ontology", headers={"Accept": BROWSER})
    assert r.status_code == 200
    assert "<script>document.title" not in r.text and "<img src=x" not in r.text and "<b onmouseover" not in r.text
    assert html.escape(SCRIPT_LABEL) in heading_of(r.text, "Hostile")
    assert 'href="javascript:' not in r.text
    assert "<code title=\"javascript:alert(1)\">javascript:alert(1)</code>" in r.text
