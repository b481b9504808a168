"""The ontology documentation at ``/ontology``, generated from the ontology graph of the store.

Browsers get a pyLODE-like page: title, version, licence and description, a table of contents,
then classes, object, datatype and annotation properties, and the concept schemes with their
concepts. Each term has an anchor (``ontology_index.anchor``), its IRI, labels and descriptions in
every language given, and the statements the ontology makes about it in named rows (superclasses,
domain, inverse, Wikidata alignment …); whatever else the graph says about a term is listed under
its predicate, so nothing is left out. Every value is HTML-escaped; terms documented on the page
link to their anchors, other http(s) IRIs are plain links, anything else is text.

RDF clients get the ontology graph (Turtle, JSON-LD, N-Triples, RDF/XML, TriG, N-Quads) by
``Accept`` or ``format=``, with ``Vary`` and ``Link: rel=alternate``; the version IRI
``/ontology/VERSION`` answers the same. Concept scheme and concept IRIs (``/vocab/…``) answer
``303 See Other``: to their anchor on the page for browsers, to the ontology graph for RDF clients
(the graph is the document that describes them)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pyoxigraph as ox
from starlette.responses import Response

from diplokg.core.formats import GRAPH_FORMATS, HTML
from diplokg.core.namespaces import GRAPH, ONTOLOGY, ONTOLOGY_GRAPH, ONTOLOGY_IRI, PREFIXES, VOCAB, shorten
from diplokg.http.chrome import PAGE_END, page_start
from diplokg.http.errors import InternalQueryFailed
from diplokg.http.execution import QueryRunner
from diplokg.http.negotiation import alternate_links, choose
from diplokg.http.responses import error_response, not_acceptable
from diplokg.http.urls import local_url
from diplokg.pages.ontology_index import (
    DCTERMS,
    OWL,
    RDF,
    RDF_TYPE,
    RDFS,
    SKOS,
    OntologyIndex,
    Term,
    anchor,
    load_index,
    vocab_iri,
)

Rows = tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (title, ((direction "out"|"in", predicate), …))

SECTIONS: tuple[tuple[str, str, str, str], ...] = (  # (id, title, rdf:type, kind shown next to a term)
    ("section-classes", "Classes", OWL + "Class", "class"),
    ("section-object-properties", "Object properties", OWL + "ObjectProperty", "object property"),
    ("section-datatype-properties", "Datatype properties", OWL + "DatatypeProperty", "datatype property"),
    ("section-annotation-properties", "Annotation properties", OWL + "AnnotationProperty", "annotation property"),
    ("section-other-properties", "Other properties", RDF + "Property", "property"),
)
SCHEMES_SECTION = "section-concept-schemes"
LABELS = (DCTERMS + "title", RDFS + "label", SKOS + "prefLabel")
DESCRIPTIONS = (RDFS + "comment", SKOS + "definition", DCTERMS + "description")

COMMON: Rows = (
    ("Type", (("out", RDF_TYPE),)),
    ("Alternative labels", (("out", SKOS + "altLabel"),)),
    ("Notation", (("out", SKOS + "notation"),)),
)
ALIGNMENTS: Rows = (
    ("Wikidata property", (("out", ONTOLOGY + "wikidataProperty"),)),
    ("Exact match", (("out", SKOS + "exactMatch"),)),
    ("Close match", (("out", SKOS + "closeMatch"),)),
    ("Broad match", (("out", SKOS + "broadMatch"),)),
    ("Narrow match", (("out", SKOS + "narrowMatch"),)),
    ("Related match", (("out", SKOS + "relatedMatch"),)),
    ("See also", (("out", RDFS + "seeAlso"),)),
    ("Defined by", (("out", RDFS + "isDefinedBy"),)),
)
CLASS_ROWS: Rows = (
    ("Superclasses", (("out", RDFS + "subClassOf"),)),
    ("Subclasses", (("in", RDFS + "subClassOf"),)),
    ("Equivalent classes", (("out", OWL + "equivalentClass"), ("in", OWL + "equivalentClass"))),
    ("Disjoint with", (("out", OWL + "disjointWith"), ("in", OWL + "disjointWith"))),
    ("Domain of", (("in", RDFS + "domain"),)),
    ("Range of", (("in", RDFS + "range"),)),
)
PROPERTY_ROWS: Rows = (
    ("Domain", (("out", RDFS + "domain"),)),
    ("Range", (("out", RDFS + "range"),)),
    ("Superproperties", (("out", RDFS + "subPropertyOf"),)),
    ("Subproperties", (("in", RDFS + "subPropertyOf"),)),
    ("Inverse of", (("out", OWL + "inverseOf"), ("in", OWL + "inverseOf"))),
    ("Equivalent properties", (("out", OWL + "equivalentProperty"), ("in", OWL + "equivalentProperty"))),
)
SCHEME_ROWS: Rows = (("Top concepts", (("out", SKOS + "hasTopConcept"),)),)
CONCEPT_ROWS: Rows = (
    ("In scheme", (("out", SKOS + "inScheme"),)),
    ("Top concept of", (("out", SKOS + "topConceptOf"),)),
    ("Broader", (("out", SKOS + "broader"), ("in", SKOS + "narrower"))),
    ("Narrower", (("in", SKOS + "broader"), ("out", SKOS + "narrower"))),
    ("Related", (("out", SKOS + "related"), ("in", SKOS + "related"))),
)
ONTOLOGY_ROWS: Rows = (
    ("Version IRI", (("out", OWL + "versionIRI"),)),
    ("Version", (("out", OWL + "versionInfo"),)),
    ("Licence", (("out", DCTERMS + "license"),)),
    ("Created", (("out", DCTERMS + "created"),)),
    ("Modified", (("out", DCTERMS + "modified"),)),
    ("Creators", (("out", DCTERMS + "creator"),)),
    ("Publisher", (("out", DCTERMS + "publisher"),)),
    ("Imports", (("out", OWL + "imports"),)),
    ("Prior version", (("out", OWL + "priorVersion"),)),
)
_CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?graph { ?s ?p ?o } }"
_GRAPH_TERM = ox.NamedNode(ONTOLOGY_GRAPH)
RDF_LINKS = (("turtle", "Turtle"), ("jsonld", "JSON-LD"), ("ntriples", "N-Triples"), ("rdfxml", "RDF/XML"))


@dataclass(frozen=True)
class Context:
    index: OntologyIndex
    documented: dict[str, str]  # IRI of a term on the page -> its anchor
    base_url: str


def render_page(index: OntologyIndex, base_url: str, build_id: str) -> str:
    sections = [(sid, title, kind, terms) for sid, title, _, kind, terms in _classified(index) if terms]
    schemes = _sorted(index, index.instances(SKOS + "ConceptScheme"))
    concepts = _concepts_by_scheme(index, schemes)
    documented = {iri: anchor(iri) for *_, terms in sections for iri in terms}
    documented |= {iri: anchor(iri) for iri in [*schemes, *(c for cs in concepts.values() for c in cs)]}
    ctx = Context(index, documented, base_url)
    doc_url = base_url + "ontology"
    title = _text(index, ONTOLOGY_IRI, LABELS, "en") or shorten(ONTOLOGY_IRI)
    parts = [page_start(f"{title} — diplokg", base_url,
                        [("text/turtle", doc_url + "?format=turtle"),
                         ("application/ld+json", doc_url + "?format=jsonld")]),
             '<main class="docs ontology-docs">', _header(ctx, title, doc_url, build_id),
             _toc(ctx, sections, schemes)]
    for sid, stitle, kind, terms in sections:
        rows = CLASS_ROWS if sid == "section-classes" else PROPERTY_ROWS
        parts.append(f'<section class="kind" id="{sid}"><h2>{escape(stitle)}</h2>')
        parts.extend(_term(ctx, iri, kind, rows + ALIGNMENTS, 3) for iri in terms)
        parts.append("</section>")
    if schemes or concepts.get(None):
        parts.append(_schemes(ctx, schemes, concepts))
    parts.append(_prefixes())
    parts.append("</main>" + PAGE_END)
    return "".join(parts)


def _classified(index: OntologyIndex) -> list[tuple[str, str, str, str, list[str]]]:
    """Terms per section; a term typed twice goes only into the first section that fits."""
    placed: set[str] = set()
    out = []
    for sid, title, cls, kind in SECTIONS:
        terms = [t for t in _sorted(index, index.instances(cls)) if t not in placed]
        placed.update(terms)
        out.append((sid, title, cls, kind, terms))
    return out


def _concepts_by_scheme(index: OntologyIndex, schemes: list[str]) -> dict[str | None, list[str]]:
    """Concepts under the first scheme that has them; None collects concepts in no scheme."""
    placed: set[str] = set()
    out: dict[str | None, list[str]] = {}
    for scheme in schemes:
        members = set(index.subjects(SKOS + "inScheme", scheme)) | set(index.subjects(SKOS + "topConceptOf", scheme))
        members |= {t["value"] for t in index.objects(scheme, SKOS + "hasTopConcept") if t["type"] == "uri"}
        members = {m for m in members if not m.startswith("_:")} - placed - set(schemes)
        out[scheme] = _sorted(index, list(members))
        placed |= members
    out[None] = _sorted(index, [c for c in index.instances(SKOS + "Concept") if c not in placed])
    return out


def _sorted(index: OntologyIndex, iris: list[str]) -> list[str]:
    return sorted(set(iris), key=lambda i: ((_text(index, i, LABELS, "en") or shorten(i)).casefold(), i))


def _text(index: OntologyIndex, iri: str, predicates: tuple[str, ...], lang: str) -> str | None:
    """The first literal in ``lang`` among ``predicates`` (in their order)."""
    for p in predicates:
        for t in index.objects(iri, p):
            if t["type"] == "literal" and t.get("xml:lang", "").lower() == lang:
                return str(t["value"])
    return None


def _literals(index: OntologyIndex, iri: str, predicates: tuple[str, ...]) -> list[Term]:
    """Distinct literals of ``predicates``, English first, then German, then the rest."""
    seen, out = set(), []
    for p in predicates:
        for t in index.objects(iri, p):
            key = (t["value"], t.get("xml:lang", ""))
            if t["type"] == "literal" and key not in seen:
                seen.add(key)
                out.append(t)
    order = {"en": 0, "de": 1}
    return sorted(out, key=lambda t: order.get(t.get("xml:lang", "").lower(), 2))


def _name(ctx: Context, iri: str) -> str:
    """How a term is shown in a link: the English label of concepts and schemes documented on the
    page, else the prefixed name (``dkg:State``) or, without a prefix, the IRI itself."""
    label = None if iri.startswith(ONTOLOGY) or iri not in ctx.documented else _text(ctx.index, iri, LABELS, "en")
    short = shorten(iri)
    return label or (iri if short.startswith("<") else short)


def _value(ctx: Context, term: Term) -> str:
    if term["type"] == "literal":
        return _literal(term)
    if term["type"] == "bnode":
        return '<span class="bnode">(anonymous resource)</span>'
    iri = term["value"]
    text, title = escape(_name(ctx, iri)), escape(iri)
    if iri in ctx.documented:
        return f'<a href="#{escape(ctx.documented[iri])}" title="{title}">{text}</a>'
    href = local_url(iri, ctx.base_url)
    if href.startswith(("http://", "https://")):
        return f'<a href="{escape(href)}" title="{title}">{text}</a>'
    return f'<code title="{title}">{text}</code>'


def _literal(term: Term) -> str:
    value, lang = escape(str(term["value"])), term.get("xml:lang", "")
    if lang:
        return f'<span lang="{escape(lang)}">{value}</span> <small class="lang">@{escape(lang)}</small>'
    datatype = term.get("datatype", "")
    if datatype and not datatype.endswith("#string"):
        return f'{value} <small class="datatype">{escape(shorten(datatype))}</small>'
    return value


def _rows(ctx: Context, iri: str, rows: Rows) -> str:
    """Named rows, then one row per remaining predicate (so every statement about the term shows)."""
    out, used = [], set(LABELS + DESCRIPTIONS)
    for title, sources in rows:
        terms: dict[str, Term] = {}
        for direction, predicate in sources:
            if direction == "out":
                used.add(predicate)
                terms |= {_term_key(t): t for t in ctx.index.objects(iri, predicate)}
            else:
                terms |= {s: ({"type": "bnode", "value": s[2:]} if s.startswith("_:") else {"type": "uri", "value": s})
                          for s in ctx.index.subjects(predicate, iri)}
        if terms:
            out.append(_row(ctx, escape(title), list(terms.values())))
    for predicate in sorted(p for p in ctx.index.outgoing.get(iri, {}) if p not in used):
        out.append(_row(ctx, _value(ctx, {"type": "uri", "value": predicate}), ctx.index.objects(iri, predicate)))
    return "".join(out)


def _term_key(term: Term) -> str:
    return f'{term["type"]} {term["value"]} {term.get("xml:lang", "")} {term.get("datatype", "")}'


def _row(ctx: Context, title_html: str, terms: list[Term]) -> str:
    values = sorted((_value(ctx, t) for t in terms), key=str.casefold)
    return f"<tr><th>{title_html}</th><td>{', '.join(values)}</td></tr>"


def _descriptions(ctx: Context, iri: str) -> str:
    return "".join(f'<p class="description">{_literal(t)}</p>' for t in _literals(ctx.index, iri, DESCRIPTIONS))


def _term(ctx: Context, iri: str, kind: str, rows: Rows, level: int, extra: str = "") -> str:
    title = _text(ctx.index, iri, LABELS, "en") or shorten(iri)
    labels = " · ".join(_literal(t) for t in _literals(ctx.index, iri, LABELS))
    table = f'<tr><th>Labels</th><td class="labels">{labels}</td></tr>' if labels else ""
    return (f'<section class="term" id="{escape(ctx.documented[iri])}">'
            f'<h{level}>{escape(title)} <small class="kind">{escape(kind)}</small></h{level}>'
            f'<p class="iri"><code>{escape(iri)}</code></p>{_descriptions(ctx, iri)}'
            f'<table class="statements"><tbody>{table}{_rows(ctx, iri, COMMON + rows)}</tbody></table>'
            f"{extra}</section>")


def _header(ctx: Context, title: str, doc_url: str, build_id: str) -> str:
    others = [t for t in _literals(ctx.index, ONTOLOGY_IRI, LABELS) if t["value"] != title]
    subtitle = "".join(f'<p class="subtitle">{_literal(t)}</p>' for t in others)
    formats = " · ".join(f'<a href="{escape(doc_url)}?format={n}">{label}</a>' for n, label in RDF_LINKS)
    graph = f'<a href="{escape(ctx.base_url)}graph/{escape(ONTOLOGY_GRAPH[len(GRAPH):])}">{escape(ONTOLOGY_GRAPH)}</a>'
    return (f'<h1>{escape(title)}</h1>{subtitle}<table class="statements meta"><tbody>'
            f"<tr><th>IRI</th><td><code>{escape(ONTOLOGY_IRI)}</code></td></tr>"
            f"{_rows(ctx, ONTOLOGY_IRI, ONTOLOGY_ROWS + ALIGNMENTS + COMMON)}"
            f"<tr><th>This document as RDF</th><td>{formats}</td></tr>"
            f"<tr><th>Generated from</th><td>the named graph {graph} of release {escape(build_id)}</td></tr>"
            f'</tbody></table><section id="description"><h2>Description</h2>'
            f'{_descriptions(ctx, ONTOLOGY_IRI)}</section>')


def _toc(ctx: Context, sections: list[tuple[str, str, str, list[str]]], schemes: list[str]) -> str:
    def entry(sid: str, title: str, terms: list[str]) -> str:
        links = "".join(f'<li><a href="#{escape(ctx.documented[t])}">'
                        f'{escape(_text(ctx.index, t, LABELS, "en") or shorten(t))}</a></li>' for t in terms)
        return f'<li><a href="#{sid}">{escape(title)}</a> ({len(terms)})<ul class="terms">{links}</ul></li>'

    items = [entry(sid, title, terms) for sid, title, _, terms in sections]
    if schemes:
        items.append(entry(SCHEMES_SECTION, "Concept schemes", schemes))
    return (f'<nav class="toc" id="toc"><h2>Contents</h2><ol><li><a href="#description">Description</a></li>'
            f'{"".join(items)}<li><a href="#prefixes">Prefixes</a></li></ol></nav>')


def _schemes(ctx: Context, schemes: list[str], concepts: dict[str | None, list[str]]) -> str:
    parts = [f'<section class="kind" id="{SCHEMES_SECTION}"><h2>Concept schemes</h2>']
    for scheme in schemes:
        members = "".join(_term(ctx, c, "concept", CONCEPT_ROWS + ALIGNMENTS, 4) for c in concepts[scheme])
        extra = f'<div class="concepts">{members}</div>' if members else ""
        parts.append(_term(ctx, scheme, "concept scheme", SCHEME_ROWS + ALIGNMENTS, 3, extra))
    if concepts.get(None):
        parts.append("<h3>Concepts in no scheme</h3>")
        parts.extend(_term(ctx, c, "concept", CONCEPT_ROWS + ALIGNMENTS, 4) for c in concepts[None])
    parts.append("</section>")
    return "".join(parts)


def _prefixes() -> str:
    rows = "".join(f"<tr><th>{escape(p)}:</th><td><code>{escape(ns)}</code></td></tr>" for p, ns in PREFIXES.items())
    return f'<section id="prefixes"><h2>Prefixes</h2><table class="statements"><tbody>{rows}</tbody></table></section>'


def vocab_anchor(index: OntologyIndex, iri: str) -> str | None:
    """The anchor of a scheme or concept on the page, or None if the ontology graph has no such one."""
    if {SKOS + "ConceptScheme", SKOS + "Concept"} & index.types(iri):
        return anchor(iri)
    return None


# ---------------------------------------------------------------------------------------------
# Responses


@dataclass
class OntologyDocs:
    """The ontology documentation of one app instance. What it computes once (the index of the
    ontology graph, the page) is kept here: a release never changes while it is served."""

    service: QueryRunner
    base_url: str
    build_id: str
    index: OntologyIndex | None = None
    page: str | None = None

    async def load(self) -> OntologyIndex:
        if self.index is None:
            self.index = await load_index(self.service)
        return self.index

    async def ontology(self, page_url: str, accept: str | None, formats: list[str], client: str) -> Response:
        """``/ontology`` (and its version IRI): the page for browsers, the ontology graph as RDF otherwise."""
        fmt = choose(accept, [*GRAPH_FORMATS, HTML], formats)
        if fmt is None:
            return not_acceptable([*GRAPH_FORMATS, HTML])
        headers = {"Vary": "Accept", "Link": alternate_links(page_url, GRAPH_FORMATS)}
        if fmt is not HTML:
            return await self.service.graph(_CONSTRUCT, fmt.name, {"graph": _GRAPH_TERM}, accept, client, headers)
        if self.page is None:
            try:
                self.page = render_page(await self.load(), self.base_url, self.build_id)
            except InternalQueryFailed as e:
                return _unavailable(e, None)
        return Response(self.page, 200, headers, "text/html; charset=utf-8")

    async def version(self, version: str, accept: str | None, formats: list[str], client: str) -> Response:
        """``/ontology/VERSION``: the same as ``/ontology`` if the ontology has that owl:versionIRI."""
        try:
            index = await self.load()
        except InternalQueryFailed as e:
            return _unavailable(e, accept)
        if ONTOLOGY_IRI + "/" + version not in index.version_iris():
            return error_response(404, f"the ontology has no version IRI <{ONTOLOGY_IRI}/{version}>; see "
                                  f"{self.base_url}ontology", accept)
        return await self.ontology(f"{self.base_url}ontology/{version}", accept, formats, client)

    async def vocab(self, path: str, accept: str | None, formats: list[str]) -> Response:
        """A concept scheme or concept IRI (``/vocab/…``; ``/vocab/`` itself stands for all schemes):
        303 See Other to its place on the ontology page for browsers, to the ontology graph in the
        negotiated RDF format for everyone else."""
        try:
            index = await self.load()
        except InternalQueryFailed as e:
            return _unavailable(e, accept)
        iri = vocab_iri(path) if path else VOCAB
        target = SCHEMES_SECTION if path == "" else vocab_anchor(index, iri) if iri else None
        if target is None:
            return error_response(404, f"no concept scheme or concept <{VOCAB}{path}> in the ontology", accept)
        fmt = choose(accept, [*GRAPH_FORMATS, HTML], formats)
        if fmt is None:
            return not_acceptable([*GRAPH_FORMATS, HTML])
        page = self.base_url + "ontology"
        location = f"{page}#{target}" if fmt is HTML else f"{page}?format={fmt.name}"
        return Response(status_code=303, headers={"Location": location, "Vary": "Accept"})


def _unavailable(e: InternalQueryFailed, accept: str | None) -> Response:
    return error_response(503, f"the ontology could not be read from the store ({e}); retry shortly", accept,
                          {"Retry-After": "5"})
