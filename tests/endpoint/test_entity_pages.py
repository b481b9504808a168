"""Linked Data entity pages: HTML for browsers with the evidence sentence, RDF by negotiation,
404 for unknown or absurd paths, and every value escaped (checked against a store with hostile data)."""

from __future__ import annotations

import pytest
import rdflib
from dataset_names import HOSTILE, SCRIPT_LABEL

RELATION = "https://w3id.org/diplokg/id/relation/ROU-TJK"


def test_entity_page_html_with_evidence(server, http):
    r = http.get(server.url + "id/relation/ROU-TJK", headers={"Accept": "text/html"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Diplomatic relations between Romania and Tajikistan" in r.text
    assert "Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 7 Juli 1992 aufgenommen." in r.text
    assert f'href="{server.url}id/source/mfa-tj-romania"' in r.text  # the source document, served here
    assert r.headers["vary"].startswith("Accept")
    assert 'rel="alternate"' in r.headers["link"] and "text/turtle" in r.headers["link"]


def test_state_page_links_wikidata_and_pages_incoming(server, http):
    r = http.get(server.url + "id/state/TJK", headers={"Accept": "text/html"})
    assert "https://www.wikidata.org" in r.text or "http://www.wikidata.org/entity/Q863" in r.text
    assert "Referenced by" in r.text


@pytest.mark.parametrize("accept,fmt", [("text/turtle", "turtle"), ("application/ld+json", "json-ld"),
                                        ("application/n-triples", "nt"), ("application/rdf+xml", "xml")])
def test_entity_rdf_by_negotiation(server, http, accept, fmt):
    r = http.get(server.url + "id/relation/ROU-TJK", headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(accept)
    g = rdflib.Graph().parse(data=r.content, format=fmt)
    rel = rdflib.URIRef(RELATION)
    assert (rel, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/diplokg/ontology#DiplomaticRelation")) in g
    assert (rel, rdflib.URIRef("https://w3id.org/diplokg/ontology#relationBetween"),
            rdflib.URIRef("https://w3id.org/diplokg/id/state/ROU")) in g
    assert r.headers["vary"].startswith("Accept")


@pytest.mark.parametrize("path", ["id/nothing/here", "id/state/XXX", "id/" + "a/" * 200, "id/state/%2e%2e/%2e%2e/x",
                                  "id/state/ROU%00", "id/-"])
def test_unknown_and_absurd_paths_are_404(server, http, path):
    assert http.get(server.url + path, headers={"Accept": "text/html"}).status_code == 404


def test_values_are_escaped(hostile_server, http):
    r = http.get(hostile_server.url + "id/state/ROU", headers={"Accept": "text/html"})
    assert r.status_code == 200
    assert "<script>document.title" not in r.text and "<img src=x" not in r.text
    assert "&lt;script&gt;document.title=&quot;pwned&quot;&lt;/script&gt;" in r.text
    assert 'href="javascript:' not in r.text


def test_rdf_of_hostile_entity_is_data(hostile_server, http):
    r = http.get(hostile_server.url + "id/state/ROU", headers={"Accept": "application/ld+json"})
    g = rdflib.Graph().parse(data=r.content, format="json-ld")
    assert rdflib.Literal(SCRIPT_LABEL, lang="en") in set(g.objects(rdflib.URIRef(HOSTILE), rdflib.RDFS.label))
