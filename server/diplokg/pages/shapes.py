"""The SHACL shapes at /shapes, the document of the IRIs ``https://w3id.org/diplokg/shapes#…``.

What is published is the copy of the shape files the release was validated against (written by the
build next to the store), never the shapes of whatever package happens to be installed: Turtle
verbatim (with its comments) when there is one file, other RDF formats by negotiation, and for
browsers a page listing each named shape (anchored by its local name) with its labels, comments,
targets and message. Every value is HTML-escaped; only http(s) IRIs become links."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import pyoxigraph as ox
from starlette.responses import Response

from diplokg.core.formats import GRAPH_FORMATS, HTML, OX_RDF, serialized
from diplokg.core.namespaces import PREFIXES, SHAPES, shorten
from diplokg.http.chrome import PAGE_END, page_start
from diplokg.http.negotiation import alternate_links, choose
from diplokg.http.responses import error_response, not_acceptable
from diplokg.http.urls import local_url

SH = "http://www.w3.org/ns/shacl#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SHAPES_DOC = SHAPES.rstrip("#")
ROWS = (("Targets", (SH + "targetClass", SH + "targetNode", SH + "targetSubjectsOf", SH + "targetObjectsOf")),
        ("SPARQL-based target", (SH + "target",)), ("Path", (SH + "path",)), ("Message", (SH + "message",)))


@dataclass(frozen=True)
class ShapesDoc:
    turtle: bytes  # as published
    triples: tuple[ox.Triple, ...]


def load_shapes_doc(files: list[Path]) -> ShapesDoc | None:
    """The shapes of a release, or None for a store built before they were published with it."""
    if not files:
        return None
    triples = tuple(q.triple for f in files for q in ox.parse(path=str(f), format=ox.RdfFormat.TURTLE))
    turtle = files[0].read_bytes() if len(files) == 1 else serialized(
        ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return ShapesDoc(turtle, triples)


def shapes_response(doc: ShapesDoc | None, accept: str | None, formats: list[str], base_url: str) -> Response:
    fmt = choose(accept, [*GRAPH_FORMATS, HTML], formats)
    if fmt is None:
        return not_acceptable([*GRAPH_FORMATS, HTML])
    if doc is None:
        return error_response(404, "this store was built without its SHACL shapes; rebuild it to publish them",
                              accept if fmt is not HTML else None)
    url = base_url + "shapes"
    headers = {"Vary": "Accept", "Link": alternate_links(url, GRAPH_FORMATS)}
    if fmt is HTML:
        return Response(render_shapes_page(doc, base_url), 200, headers, "text/html; charset=utf-8")
    body = doc.turtle if fmt.name == "turtle" else ox.serialize(doc.triples, format=OX_RDF[fmt.name])
    return Response(body, 200, headers, fmt.content_type)


def _statements(doc: ShapesDoc) -> dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]]:
    out: dict[str, dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]]] = {}
    for t in doc.triples:
        if isinstance(t.object, ox.Triple):  # RDF-star: Turtle shapes files have none
            continue
        if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(SHAPES_DOC):
            out.setdefault(t.subject.value, {}).setdefault(t.predicate.value, []).append(t.object)
    return out


def _value(term: ox.NamedNode | ox.Literal | ox.BlankNode, base_url: str) -> str:
    if isinstance(term, ox.Literal):
        lang = f' lang="{escape(term.language)}"' if term.language else ""
        tag = f' <small class="lang">@{escape(term.language)}</small>' if term.language else ""
        return f"<span{lang}>{escape(term.value)}</span>{tag}"
    if isinstance(term, ox.BlankNode):
        return '<span class="bnode">(anonymous resource)</span>'
    href = local_url(term.value, base_url)
    if href.startswith(SHAPES):
        href = "#" + href[len(SHAPES):]
    if href.startswith(("http://", "https://", "#")):
        return f'<a href="{escape(href)}" title="{escape(term.value)}">{escape(shorten(term.value))}</a>'
    return f"<code>{escape(term.value)}</code>"


def _shape(iri: str, props: dict[str, list[ox.NamedNode | ox.Literal | ox.BlankNode]], base_url: str) -> str:
    name = iri[len(SHAPES):]
    kinds = ", ".join(escape(shorten(t.value)) for t in props.get(RDF_TYPE, []))
    texts = "".join(f'<p class="description">{_value(t, base_url)}</p>'
                    for p in (RDFS + "label", RDFS + "comment") for t in sorted(props.get(p, []), key=_lang_order))
    rows = "".join(f"<tr><th>{title}</th>"
                   f"<td>{', '.join(_value(t, base_url) for p in preds for t in props.get(p, []))}</td></tr>"
                   for title, preds in ROWS if any(props.get(p) for p in preds))
    table = f'<table class="statements"><tbody>{rows}</tbody></table>' if rows else ""
    return (f'<section class="term" id="{escape(name)}"><h3>{escape(name)} <small class="kind">{kinds}</small></h3>'
            f'<p class="iri"><code>{escape(iri)}</code></p>{texts}{table}</section>')


def _lang_order(term: ox.NamedNode | ox.Literal | ox.BlankNode) -> int:
    return {"en": 0, "de": 1}.get(getattr(term, "language", None) or "", 2)


def render_shapes_page(doc: ShapesDoc, base_url: str) -> str:
    statements = _statements(doc)
    header = statements.pop(SHAPES_DOC, {})
    shapes = {iri: props for iri, props in statements.items() if iri.startswith(SHAPES)}
    title = next((t.value for t in header.get(RDFS + "label", []) if getattr(t, "language", None) == "en"),
                 "SHACL shapes")
    intro = "".join(f'<p class="description">{_value(t, base_url)}</p>'
                    for p in (RDFS + "label", RDFS + "comment") for t in sorted(header.get(p, []), key=_lang_order)
                    if not (p == RDFS + "label" and t.value == title))
    url = base_url + "shapes"
    formats = " · ".join(f'<a href="{escape(url)}?format={n}">{label}</a>'
                         for n, label in (("turtle", "Turtle"), ("jsonld", "JSON-LD"), ("ntriples", "N-Triples")))
    toc = "".join(f'<li><a href="#{escape(i[len(SHAPES):])}">{escape(i[len(SHAPES):])}</a></li>'
                  for i in sorted(shapes))
    return "".join([
        page_start(f"{title} — diplokg", base_url, [("text/turtle", url + "?format=turtle")]),
        f'<main class="docs shapes-docs"><h1>{escape(title)}</h1>', intro,
        f"<p>The constraints this release was validated against ({len(shapes)} named shapes and constraints). "
        f"As RDF: {formats}. The terms they constrain are documented in the "
        f'<a href="{escape(base_url)}ontology">ontology</a>.</p>',
        f'<nav class="toc"><h2>Contents</h2><ul class="terms">{toc}</ul></nav>',
        *(_shape(iri, shapes[iri], base_url) for iri in sorted(shapes)),
        "</main>", PAGE_END])
