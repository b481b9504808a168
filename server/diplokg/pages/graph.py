"""Named graph IRIs (``https://w3id.org/diplokg/graph/…``) dereference at ``/graph/…``.

RDF clients get ``303 See Other`` to the graph's contents in the Graph Store
(``/graph-store?graph=IRI&format=…``); browsers get a short page with the graph's size (from the
release statistics) and links to its contents, the VoID description and, for the ontology graph, the
ontology documentation. Only graphs of the release answer; anything else is 404."""

from __future__ import annotations

from html import escape
from urllib.parse import urlencode

from starlette.responses import Response

from diplokg.core.formats import GRAPH_FORMATS, HTML
from diplokg.core.namespaces import GRAPH, ONTOLOGY_GRAPH
from diplokg.http.chrome import PAGE_END, page_start
from diplokg.http.negotiation import choose
from diplokg.http.responses import error_response, not_acceptable

DOWNLOADS = (("turtle", "Turtle"), ("trig", "TriG"), ("ntriples", "N-Triples"), ("jsonld", "JSON-LD"))


def graph_response(path: str, accept: str | None, formats: list[str], graphs: dict[str, int], base_url: str,
                   build_id: str) -> Response:
    iri = GRAPH + path
    if iri not in graphs:
        return error_response(404, f"no named graph <{iri}> in this release; the graphs are listed in "
                              f"{base_url}.well-known/void", accept)
    fmt = choose(accept, [*GRAPH_FORMATS, HTML], formats)
    if fmt is None:
        return not_acceptable([*GRAPH_FORMATS, HTML])
    if fmt is not HTML:
        location = base_url + "graph-store?" + urlencode({"graph": iri, "format": fmt.name})
        return Response(status_code=303, headers={"Location": location, "Vary": "Accept"})
    return Response(render_graph_page(iri, int(graphs[iri]), base_url, build_id), 200, {"Vary": "Accept"},
                    "text/html; charset=utf-8")


def render_graph_page(iri: str, triples: int, base_url: str, build_id: str) -> str:
    def store_url(fmt: str) -> str:
        return escape(base_url + "graph-store?" + urlencode({"graph": iri, "format": fmt}))

    downloads = " · ".join(f'<a href="{store_url(n)}">{label}</a>' for n, label in DOWNLOADS)
    docs = ("<p>It holds the ontology and the controlled vocabularies, documented on the "
            f'<a href="{escape(base_url)}ontology">ontology page</a>.</p>' if iri == ONTOLOGY_GRAPH else "")
    return "".join([
        page_start(f"Named graph {iri} — diplokg", base_url, [("text/turtle", base_url + "graph-store?"
                                                                + urlencode({"graph": iri, "format": "turtle"}))]),
        f'<main class="docs graph-page"><h1>Named graph</h1><p class="iri"><code>{escape(iri)}</code></p>',
        f"<p>{triples} triples in release {escape(build_id)}.</p>",
        f"<p>Its contents (SPARQL Graph Store Protocol): {downloads}.</p>", docs,
        f'<p>All named graphs of the dataset are listed in the <a href="{escape(base_url)}.well-known/void">'
        "VoID description</a>.</p></main>", PAGE_END])
