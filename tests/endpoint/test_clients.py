"""Real SPARQL clients against the real endpoint: SPARQLWrapper in every return format, rdflib's
SPARQLStore and SPARQLConnector."""

from __future__ import annotations

import csv
import io
import json
import xml.dom.minidom

import pytest
import rdflib
from rdflib.plugins.stores.sparqlconnector import SPARQLConnector
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper


@pytest.fixture(scope="module")
def server(backend_server):
    """Every test of this module runs against each query backend (embedded store, Virtuoso)."""
    return backend_server


RELATION_QUERY = """
PREFIX dkg: <https://w3id.org/diplokg/ontology#>
SELECT ?date WHERE {
  ?rel a dkg:DiplomaticRelation ; dkg:relationBetween <https://w3id.org/diplokg/id/state/ROU> ;
       dkg:establishedBy/dkg:date ?date .
}"""


def wrapper(server, fmt, method="GET"):
    sw = SPARQLWrapper(server.endpoint)
    sw.setReturnFormat(fmt)
    sw.setMethod(method)
    return sw


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json(server, method):
    sw = wrapper(server, JSON, method)
    sw.setQuery(RELATION_QUERY)
    result = sw.queryAndConvert()
    dates = [b["date"]["value"] for b in result["results"]["bindings"]]
    assert dates == ["1992-07-07"]


def test_sparqlwrapper_xml(server):
    sw = wrapper(server, XML)
    sw.setQuery(RELATION_QUERY)
    doc = sw.queryAndConvert()
    assert isinstance(doc, xml.dom.minidom.Document)
    assert [n.firstChild.data for n in doc.getElementsByTagName("literal")] == ["1992-07-07"]


def test_sparqlwrapper_csv_tsv(server):
    for fmt, delimiter in ((CSV, ","), (TSV, "\t")):
        sw = wrapper(server, fmt)
        sw.setQuery(RELATION_QUERY)
        text = sw.queryAndConvert().decode("utf-8")
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert rows[0][0].lstrip("?") == "date"
        assert "1992-07-07" in rows[1][0]


def test_sparqlwrapper_ask(server):
    sw = wrapper(server, JSON)
    sw.setQuery("ASK { ?s a <https://w3id.org/diplokg/ontology#DiplomaticRelation> }")
    assert sw.queryAndConvert()["boolean"] is True


CONSTRUCT = """CONSTRUCT { <https://w3id.org/diplokg/id/state/ROU> ?p ?o }
WHERE { <https://w3id.org/diplokg/id/state/ROU> ?p ?o }"""


@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_construct(server, fmt):
    sw = wrapper(server, fmt)
    sw.setQuery(CONSTRUCT)
    result = sw.queryAndConvert()
    graph = result if isinstance(result, rdflib.Graph) else rdflib.Graph().parse(
        data=result, format={TURTLE: "turtle", N3: "turtle", JSONLD: "json-ld"}[fmt])
    rou = rdflib.URIRef("https://w3id.org/diplokg/id/state/ROU")
    assert (rou, rdflib.RDFS.label, rdflib.Literal("Romania", lang="en")) in graph
    assert len(graph) > 5


def test_sparqlwrapper_syntax_error_is_reported(server):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    sw = wrapper(server, JSON)
    sw.setQuery("SELECT * WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed) as e:
        sw.queryAndConvert()
    assert "syntax error" in str(e.value)


def test_rdflib_sparqlstore(server):
    graph = rdflib.Graph(store=SPARQLStore(server.endpoint, returnFormat="json"))
    rows = list(graph.query(RELATION_QUERY))
    assert [str(r.date) for r in rows] == ["1992-07-07"]
    rou = rdflib.URIRef("https://w3id.org/diplokg/id/state/ROU")
    labels = {str(o) for o in graph.objects(rou, rdflib.RDFS.label)}
    assert {"Romania", "Rumänien"} <= labels
    assert (rou, rdflib.RDF.type, rdflib.URIRef("https://w3id.org/diplokg/ontology#State")) in graph


@pytest.mark.parametrize("fmt", ["json", "xml", "csv"])
def test_rdflib_sparqlconnector(server, fmt):
    connector = SPARQLConnector(query_endpoint=server.endpoint, returnFormat=fmt, method="POST_FORM")
    result = connector.query(RELATION_QUERY)
    assert [str(r[0]) for r in result] == ["1992-07-07"]


def test_rdflib_sparqlconnector_construct(server):
    connector = SPARQLConnector(query_endpoint=server.endpoint, returnFormat="xml")
    result = connector.query(CONSTRUCT)
    assert len(result.graph) > 5


def test_json_and_xml_agree(server):
    sw = wrapper(server, JSON)
    sw.setQuery("SELECT ?s ?label WHERE { ?s a <https://w3id.org/diplokg/ontology#State> ; "
                "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?s ?label")
    data = sw.query().response.read()
    sw.setReturnFormat(XML)
    doc = sw.queryAndConvert()
    assert len(json.loads(data)["results"]["bindings"]) == len(doc.getElementsByTagName("result")) == 390
