"""Share links reproduce a query; the curl and Python snippets shown for the current query run
as they are and return its rows."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import quote

QUERY = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?label WHERE { ?s a dkg:DiplomaticRelation ; rdfs:label ?label FILTER(LANG(?label) = 'en' && ?label != "\\"") }
ORDER BY ?label"""


def test_share_link_and_snippets(server, page):
    p = page.page
    p.goto(server.url + "sparql#query=" + quote(QUERY))
    p.wait_for_selector("body[data-ready=true]", timeout=30_000)
    assert p.evaluate("() => window.diplokgYasgui.getTab().getQuery()") == QUERY
    link = p.get_attribute("#share-link", "href")
    assert link == server.url + "sparql#query=" + quote(QUERY, safe="-_.!~*'()")
    curl = p.locator("#snippet-curl").inner_text()
    python = p.locator("#snippet-python").inner_text()
    r = p.locator("#snippet-r").inner_text()
    assert server.endpoint in curl and server.endpoint in python and server.endpoint in r
    out = subprocess.run(["bash", "-c", curl], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    assert out.stdout.splitlines() == ["label", "Diplomatic relations between Norway and Tajikistan",
                                       "Diplomatic relations between Romania and Tajikistan"]
    out = subprocess.run([sys.executable, "-c", python], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "Diplomatic relations between Romania and Tajikistan" in out.stdout
    assert "library(SPARQL)" in r and "'Diplomatic" not in r
    page.screenshot("editor-share-and-snippets")


def test_saved_query_parameters_are_sent_as_bindings(server, page):
    """A saved query opens with its parameter form; the value is sent as a binding ($_state_iri),
    kept in the share link, and used by the snippets."""
    nor = "https://w3id.org/diplokg/id/state/NOR"
    p = page.page
    p.goto(server.url + "sparql?saved=relations-of-a-state&state=" + quote(nor, safe=""))
    p.wait_for_selector("body[data-ready=true]", timeout=30_000)
    assert p.input_value("#saved-query-params input[data-param=state]") == nor
    p.click(".yasqe_queryButton")
    p.wait_for_selector(".yasr table tbody tr", timeout=30_000)
    assert p.locator(".yasr table tbody tr").count() == 1  # Norway has relations with Tajikistan only
    assert "Tajikistan" in p.locator(".yasr table").inner_text()
    # the user changes the value: the next run and the snippets use it
    p.fill("#saved-query-params input[data-param=state]", "https://w3id.org/diplokg/id/state/TJK")
    link = p.get_attribute("#share-link", "href")
    assert "saved=relations-of-a-state" in link and "state=https%3A%2F%2Fw3id.org%2Fdiplokg%2Fid%2Fstate%2FTJK" in link
    curl = p.locator("#snippet-curl").inner_text()
    assert "'$_state_iri=<https://w3id.org/diplokg/id/state/TJK>'" in curl
    out = subprocess.run(["bash", "-c", curl], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    lines = out.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("https://w3id.org/diplokg/id/state/TJK,") for line in lines[1:])
    python = p.locator("#snippet-python").inner_text()
    out = subprocess.run([sys.executable, "-c", python], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("'_state_iri': 'https://w3id.org/diplokg/id/state/TJK'") == 2
    p.click(".yasqe_queryButton")
    p.wait_for_function("() => document.querySelectorAll('.yasr table tbody tr').length === 2", timeout=30_000)
    page.screenshot("editor-saved-query-parameters")
