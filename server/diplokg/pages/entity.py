"""Linked Data: every IRI under ``https://w3id.org/diplokg/id/`` dereferences at ``/id/…``.

Browsers get an HTML page (labels, types, outgoing and incoming statements with labels, the
Wikidata link, and the evidence: the quoted German sentence with its source document); RDF clients
get Turtle, JSON-LD, N-Triples or RDF/XML by ``Accept`` (with ``Vary`` and ``Link: rel=alternate``).
Every value from the graph is HTML-escaped; only http(s) IRIs become links.
"""

from __future__ import annotations

import html
import re
from typing import Any

import pyoxigraph as ox
from starlette.responses import Response

from diplokg.core.formats import GRAPH_FORMATS, HTML
from diplokg.core.namespaces import ID, shorten
from diplokg.core.settings import Settings
from diplokg.core.terms import Term
from diplokg.http.chrome import site_header
from diplokg.http.execution import QueryRunner
from diplokg.http.negotiation import alternate_links, choose
from diplokg.http.responses import error_response, not_acceptable
from diplokg.http.urls import local_url
from diplokg.pages.sections import sections

_PATH = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._~\-/]{0,300}$")
INCOMING_PAGE = 100
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
WIKIDATA_ITEM = "http://www.wikidata.org/entity/Q"

_EXISTS = "SELECT ?entity (COUNT(*) AS ?n) WHERE { { ?entity ?p ?o } UNION { ?s ?q ?entity } } GROUP BY ?entity"
_DESCRIBE = """CONSTRUCT { ?entity ?p ?o . ?s ?q ?entity } WHERE { { ?entity ?p ?o } UNION { ?s ?q ?entity } }"""
_OUTGOING = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?p ?o (SAMPLE(?label) AS ?oLabel) WHERE {
  ?entity ?p ?o .
  OPTIONAL { ?o rdfs:label ?label FILTER(LANG(?label) = "en") }
} GROUP BY ?entity ?p ?o ORDER BY ?p ?o"""
_INCOMING = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?s ?p (SAMPLE(?label) AS ?sLabel) WHERE {
  ?s ?p ?entity .
  OPTIONAL { ?s rdfs:label ?label FILTER(LANG(?label) = "en") }
} GROUP BY ?entity ?s ?p ORDER BY ?p ?s LIMIT 2001"""
_LINKS = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?entity ?link ?item ?method (SAMPLE(?mLabel) AS ?methodLabel) ?source (SAMPLE(?sLabel) AS ?sourceLabel)
       ?reviewer ?reviewedOn WHERE {
  ?link a dkg:WikidataLink ; dkg:linkedEntity ?entity ; dkg:linkedItem ?item .
  OPTIONAL { ?link dkg:linkMethod ?method . OPTIONAL { ?method skos:prefLabel ?mLabel FILTER(LANG(?mLabel) = "en") } }
  OPTIONAL { ?link prov:wasDerivedFrom ?source . OPTIONAL { ?source rdfs:label ?sLabel FILTER(LANG(?sLabel) = "en") } }
  OPTIONAL { ?link dkg:reviewer ?reviewer }
  OPTIONAL { ?link dkg:reviewedOn ?reviewedOn }
} GROUP BY ?entity ?link ?item ?method ?source ?reviewer ?reviewedOn ORDER BY ?item ?link ?source"""
_EVIDENCE = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT DISTINCT ?entity ?evidence ?quote ?doc (SAMPLE(?label) AS ?docLabel) WHERE {
  ?entity dkg:evidence ?evidence .
  ?evidence oa:hasSelector/oa:exact ?quote ; oa:hasSource ?doc .
  OPTIONAL { ?doc rdfs:label ?label FILTER(LANG(?label) = "en") }
} GROUP BY ?entity ?evidence ?quote ?doc ORDER BY ?evidence"""


async def entity_response(path: str, accept: str | None, formats: list[str], offset: int, client: str,
                          service: QueryRunner, settings: Settings) -> Response:
    """The page or RDF of one entity; its several internal queries count once against ``client``'s limit."""
    return await service.page(client, accept, lambda: _entity(path, accept, formats, offset, service, settings))


async def _entity(path: str, accept: str | None, formats: list[str], offset: int, service: QueryRunner,
                  settings: Settings) -> Response:
    if not _PATH.match(path) or ".." in path.split("/") or "//" in path:
        return error_response(404, "no such entity", accept)
    iri = ID + path
    bind: dict[str, Term] = {"entity": ox.NamedNode(iri)}
    fmt = choose(accept, [*GRAPH_FORMATS, HTML], formats)
    if fmt is None:
        return not_acceptable([HTML, *GRAPH_FORMATS])
    if not await service.select(_EXISTS, bind):
        return error_response(404, f"nothing is known about <{iri}>", accept if fmt is not HTML else None)
    page_url = settings.base_url + "id/" + path
    alternates = alternate_links(page_url, [f for f in GRAPH_FORMATS
                                            if f.name in ("turtle", "jsonld", "ntriples", "rdfxml")])
    headers = {"Vary": "Accept", "Link": alternates}
    if fmt is not HTML:
        return await service.graph(_DESCRIBE, fmt.name, bind, accept, None, headers)
    outgoing = await service.select(_OUTGOING, bind)
    incoming = (await service.select(_INCOMING, bind))[offset:offset + INCOMING_PAGE + 1]  # paged here
    evidence = await service.select(_EVIDENCE, bind)
    links = await service.select(_LINKS, bind) if any(
        b["o"]["value"].startswith(WIKIDATA_ITEM) for b in outgoing) else []
    types = {b["o"]["value"] for b in outgoing if b["p"]["value"] == RDF_TYPE}
    extra = await sections(types, service, bind, settings.base_url)
    page = render_page(iri, outgoing, incoming, evidence, offset, settings.base_url, page_url, extra, links)
    return Response(page, 200, headers, "text/html; charset=utf-8")


def _value(binding: dict[str, Any] | None) -> str:
    return "" if binding is None else str(binding["value"])


def _term_order(term: dict[str, Any]) -> tuple[int, str, str]:
    """A total order on result terms (IRIs, then literals by lexical form, language and datatype),
    so that a page does not depend on how an engine orders what SPARQL leaves unordered (literals
    with language tags, for one)."""
    rank = {"uri": 0, "bnode": 1}.get(term["type"], 2)
    return rank, term["value"], term.get("xml:lang") or term.get("datatype") or ""


def _term_html(term: dict[str, Any] | None, label: dict[str, Any] | None, base_url: str) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        iri = term["value"]
        text = html.escape(_value(label) or shorten(iri))
        href = local_url(iri, base_url)
        if re.match(r"^https?://", href):
            return f'<a href="{html.escape(href, quote=True)}" title="{html.escape(iri, quote=True)}">{text}</a>'
        return f"<span title=\"{html.escape(iri, quote=True)}\">{text}</span>"
    value = html.escape(term["value"])
    if "xml:lang" in term:
        return f'{value} <small class="lang">@{html.escape(term["xml:lang"])}</small>'
    datatype = term.get("datatype", "")
    if datatype and not datatype.endswith("#string"):
        return f'{value} <small class="datatype">{html.escape(shorten(datatype))}</small>'
    return value


def _link_provenance(records: list[dict[str, Any]], base_url: str) -> str:
    """How a Wikidata link was made, from its dkg:WikidataLink record(s): method, then the reference it
    was taken from or who accepted it and when; a link without a record says so."""
    if not records:
        return ' <span class="link-provenance">— no record of where this link comes from</span>'
    first = records[0]
    method = _term_html(first.get("method"), first.get("methodLabel"), base_url) or "method not stated"
    basis = ", ".join(_term_html(b["source"], b.get("sourceLabel"), base_url) for b in records if "source" in b)
    if "reviewer" in first:
        day = f" on {html.escape(_value(first.get('reviewedOn')))}" if "reviewedOn" in first else ""
        basis = ", ".join(filter(None, [basis, f"accepted by {html.escape(_value(first['reviewer']))}{day}"]))
    record = _term_html(first["link"], {"value": "link record"}, base_url)
    return (f' <span class="link-provenance">— {method}' + (f": {basis}" if basis else "") + f" ({record})</span>")


def render_page(iri: str, outgoing: list[dict[str, Any]], incoming: list[dict[str, Any]],
                evidence: list[dict[str, Any]], offset: int, base_url: str, page_url: str, sections: str = "",
                links: list[dict[str, Any]] | None = None) -> str:
    """The page; ``sections`` is ready HTML (``sections.py``: relations, timeline … of states and persons);
    ``links`` the provenance records (dkg:WikidataLink) of its Wikidata links."""
    outgoing = sorted(outgoing, key=lambda b: (b["p"]["value"], _term_order(b["o"])))
    labels = [(b["o"]["value"], b["o"].get("xml:lang", "")) for b in outgoing
              if b["p"]["value"] == RDFS_LABEL and b["o"]["type"] == "literal"]
    title = next((v for v, lang in labels if lang == "en"), None) or (labels[0][0] if labels else shorten(iri))
    types = [b for b in outgoing if b["p"]["value"] == RDF_TYPE]
    wikidata = sorted({b["o"]["value"] for b in outgoing if b["o"]["value"].startswith(WIKIDATA_ITEM)})
    esc = html.escape
    parts = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>{esc(title)} — diplokg</title>",
        f"<link rel=\"stylesheet\" href=\"{esc(base_url)}static/site.css\">",
        "".join(f"<link rel=\"alternate\" type=\"{t}\" href=\"{esc(page_url)}?format={n}\">"
                for n, t in (("turtle", "text/turtle"), ("jsonld", "application/ld+json"))),
        "</head><body>",
        site_header(base_url) + "<main class=\"entity\">",
        f"<h1>{esc(title)}</h1>",
        f"<p class=\"iri\"><code>{esc(iri)}</code> — "
        f"<a href=\"{esc(page_url)}?format=turtle\">Turtle</a> · "
        f"<a href=\"{esc(page_url)}?format=jsonld\">JSON-LD</a> · "
        f"<a href=\"{esc(page_url)}?format=ntriples\">N-Triples</a> · "
        f"<a href=\"{esc(page_url)}?format=rdfxml\">RDF/XML</a></p>",
    ]
    if labels:
        parts.append("<p class=\"labels\">" + " · ".join(
            f"{esc(v)} <small class=\"lang\">@{esc(lang)}</small>" for v, lang in labels) + "</p>")
    if types:
        parts.append("<p class=\"types\">Type: "
                     + ", ".join(_term_html(b["o"], b.get("oLabel"), base_url) for b in types) + "</p>")
    for qid in wikidata:
        parts.append(f"<p class=\"wikidata\">Wikidata: <a href=\"{esc(qid, quote=True)}\">"
                     f"{esc(qid.rsplit('/', 1)[1])}</a>"
                     + _link_provenance([b for b in links or [] if b["item"]["value"] == qid], base_url) + "</p>")
    parts.append(_evidence(evidence, base_url))
    parts.append(sections)
    parts.append("<section class=\"outgoing\"><h2>Statements</h2><table><tbody>")
    for b in outgoing:
        parts.append(f"<tr><th>{_term_html(b['p'], None, base_url)}</th>"
                     f"<td>{_term_html(b['o'], b.get('oLabel'), base_url)}</td></tr>")
    parts.append("</tbody></table></section>")
    parts.append(_incoming(incoming, offset, base_url, page_url))
    parts.append("</main></body></html>")
    return "".join(parts)


def _evidence(evidence: list[dict[str, Any]], base_url: str) -> str:
    """The quoted German source sentences of the entity, each with its source document."""
    if not evidence:
        return ""
    parts = ["<section class=\"evidence\"><h2>Evidence</h2>"]
    for b in evidence:
        parts.append(f"<blockquote lang=\"de\">{html.escape(b['quote']['value'])}</blockquote>"
                     f"<p class=\"source\">Source: {_term_html(b['doc'], b.get('docLabel'), base_url)} "
                     f"({_term_html(b['evidence'], None, base_url)})</p>")
    parts.append("</section>")
    return "".join(parts)


def _incoming(incoming: list[dict[str, Any]], offset: int, base_url: str, page_url: str) -> str:
    """The statements that reference the entity, a page of them at a time."""
    if not (incoming or offset):
        return ""
    parts = ["<section class=\"incoming\"><h2>Referenced by</h2><table><tbody>"]
    for b in incoming[:INCOMING_PAGE]:
        parts.append(f"<tr><td>{_term_html(b['s'], b.get('sLabel'), base_url)}</td>"
                     f"<th>{_term_html(b['p'], None, base_url)}</th></tr>")
    parts.append("</tbody></table>")
    nav = []
    if offset > 0:
        nav.append(f"<a href=\"{html.escape(page_url)}?offset={max(offset - INCOMING_PAGE, 0)}\">previous</a>")
    if len(incoming) > INCOMING_PAGE:
        nav.append(f"<a href=\"{html.escape(page_url)}?offset={offset + INCOMING_PAGE}\">next</a>")
    if nav:
        parts.append("<p class=\"paging\">" + " · ".join(nav) + "</p>")
    parts.append("</section>")
    return "".join(parts)
