"""The federated saved query against a stand-in for the Wikidata Query Service on loopback
(Wikidata-shaped triples built only from this project's verified reference data), through an
endpoint that allowlists the stand-in; and its refusal where the endpoint is not allowlisted."""

from __future__ import annotations

import pytest

from diplokg.saved_queries.catalog import load_all
from support.cli_runner import REPO
from support.server_process import ServerProcess
from support.sparql_standin import StandInEndpoint

WIKIDATA = "https://query.wikidata.org/sparql"
# Only facts of data/states.trig (QIDs, ISO codes) and data/reference-entities.trig (Bucharest's QID
# and label); capital of Romania = Bucharest. No population figures: none is in our references.
STANDIN_DATA = """
@prefix wd: <http://www.wikidata.org/entity/> .
@prefix wdt: <http://www.wikidata.org/prop/direct/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
wd:Q218 wdt:P298 "ROU" ; wdt:P36 wd:Q19660 .
wd:Q19660 rdfs:label "Bucharest"@en .
wd:Q20 wdt:P298 "NOR" .
wd:Q863 wdt:P298 "TJK" .
"""


@pytest.fixture(scope="module")
def standin():
    with StandInEndpoint(STANDIN_DATA) as endpoint:
        yield endpoint


@pytest.fixture(scope="module")
def federating_server(built_store, standin, tmp_path_factory):
    log = tmp_path_factory.mktemp("federating") / "serve.log"
    with ServerProcess(built_store, "--federation-allowlist", standin.url, "--timeout", "20", log=log) as proc:
        yield proc


def test_federated_query_enriches_partners(federating_server, standin, http):
    saved = load_all(REPO / "queries")["wikidata-enrichment"]
    assert saved.federated
    query = saved.text.replace(f"<{WIKIDATA}>", f"<{standin.url}>")
    assert query != saved.text
    r = http.post(federating_server.endpoint, content=query, headers={
        "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert r.status_code == 200, r.text
    rows = {(b["stateLabel"]["value"], b["partnerLabel"]["value"]): b for b in r.json()["results"]["bindings"]}
    romania = rows[("Tajikistan", "Romania")]
    assert romania["wikidataIso3"]["value"] == "ROU" and romania["capitals"]["value"] == "Bucharest"
    norway = rows[("Tajikistan", "Norway")]
    assert norway["wikidataIso3"]["value"] == "NOR" and norway.get("capitals", {}).get("value", "") == ""
    assert standin.queries, "the stand-in endpoint was called"


def test_federated_saved_query_is_refused_unless_allowlisted(server, federating_server, http):
    for srv in (server, federating_server):
        r = http.get(srv.url + "queries/wikidata-enrichment/results", headers={"Accept": "application/json"})
        assert r.status_code == 400
        assert r.json()["kind"] == "federation" and WIKIDATA in r.json()["message"]
