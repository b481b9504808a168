"""Hostile statements added to the bundled data for the ``hostile_server`` fixture (tests/conftest.py):
markup in labels, a label that closes the page's embedded JSON-LD, an rdf:HTML literal, javascript:
links and a template expression, each on an entity that has a page. The build would refuse some of
them (SHACL); they are published without validation on purpose, to prove that the pages escape
whatever the graph holds."""

from __future__ import annotations

import pyoxigraph as ox

from support.dataset_names import HOSTILE, SCRIPT_LABEL

ID = "https://w3id.org/diplokg/id/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_HTML = "http://www.w3.org/1999/02/22-rdf-syntax-ns#HTML"
GRAPH = "https://w3id.org/diplokg/graph/test/hostile"

PERSON = ID + "person/ole-johan-bernoy"
PLACE = ID + "place/bucharest"
ORGANIZATION = ID + "organization/osce-parliamentary-assembly"
EVENT = ID + "event/1999-visit-knut-vollebaek-TJK"

JSONLD_BREAKOUT = '</script><script>document.title="pwned"</script><!--'
HTML_LITERAL = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>"
SVG_LABEL = "<svg onload=\"document.title='pwned'\"></svg>"
TEMPLATE_LABEL = "{{constructor.constructor('document.title=\"pwned\"')()}} ${document.title}"
JAVASCRIPT_IRIS = ["javascript:alert(1)", "javascript:document.title='pwned'//", "JaVaScRiPt:alert(1)",
                   "data:text/html,<script>alert(1)</script>".replace("<", "%3C").replace(">", "%3E"),
                   "vbscript:msgbox(1)"]

#: every page that shows hostile values, and the payloads it shows
PAGES = {
    "id/state/ROU": [SCRIPT_LABEL],
    "id/person/ole-johan-bernoy": [JSONLD_BREAKOUT],
    "id/place/bucharest": [HTML_LITERAL],
    "id/organization/osce-parliamentary-assembly": [SVG_LABEL],
    "id/event/1999-visit-knut-vollebaek-TJK": [TEMPLATE_LABEL],
}
PAYLOADS = [SCRIPT_LABEL, JSONLD_BREAKOUT, HTML_LITERAL, SVG_LABEL, TEMPLATE_LABEL]


def hostile_quads() -> list[ox.Quad]:
    graph = ox.NamedNode(GRAPH)

    def quad(s: str, p: str, o: ox.NamedNode | ox.Literal) -> ox.Quad:
        return ox.Quad(ox.NamedNode(s), ox.NamedNode(p), o, graph)

    label, comment, see_also = RDFS + "label", RDFS + "comment", RDFS + "seeAlso"
    quads = [
        quad(HOSTILE, label, ox.Literal(SCRIPT_LABEL, language="en")),
        quad(PERSON, label, ox.Literal(JSONLD_BREAKOUT, language="en")),
        quad(PLACE, comment, ox.Literal(HTML_LITERAL, datatype=ox.NamedNode(RDF_HTML))),
        quad(PLACE, label, ox.Literal(HTML_LITERAL, datatype=ox.NamedNode(RDF_HTML))),
        quad(ORGANIZATION, label, ox.Literal(SVG_LABEL, language="en")),
        quad(EVENT, label, ox.Literal(TEMPLATE_LABEL, language="en")),
    ]
    for subject in (HOSTILE, PERSON, PLACE, ORGANIZATION, EVENT):
        quads += [quad(subject, see_also, ox.NamedNode(iri)) for iri in JAVASCRIPT_IRIS]
    return quads
