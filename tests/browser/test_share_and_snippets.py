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
