"""The reconciliation service's own documents: its manifest (W3C Reconciliation Service API 0.2),
the suggest services (entities, types, properties), the preview card of an entity and the page
that documents the service and its limits."""

from __future__ import annotations

from html import escape
from typing import Any

from diplokg import __version__
from diplokg.core.namespaces import ID, ONTOLOGY
from diplokg.http.chrome import PAGE_END, page_start
from diplokg.http.urls import local_url
from diplokg.matching.index import MAX_QUERY
from diplokg.search.extend import MAX_IDS, SETTINGS
from diplokg.search.facts import MAX_LOOKUPS, entity_id, entity_iri, type_id
from diplokg.search.finder import Finder
from diplokg.search.properties import PROPERTIES
from diplokg.search.reconcile import DEFAULT_LIMIT, MAX_CONSTRAINTS, MAX_LIMIT, MAX_QUERIES

#: the classes offered first in OpenRefine, where the release has entities of them
DEFAULT_TYPES = ("State", "Person", "Organization", "City", "Event", "HeadOfMissionPost", "DiplomaticMission",
                 "DiplomaticRelation", "Agreement")
SUGGESTIONS = 10
PREVIEW_WIDTH, PREVIEW_HEIGHT = 400, 140


def manifest(finder: Finder) -> dict[str, Any]:
    base = finder.base_url
    service_url = base.rstrip("/")
    types = [{"id": t, "name": finder.type_label(ONTOLOGY + t)} for t in DEFAULT_TYPES
             if ONTOLOGY + t in finder.type_counts]
    return {
        "versions": ["0.2"],
        "name": "diplokg — diplomatic relations (states, envoys, organisations, cities, events)",
        "identifierSpace": ID,
        "schemaSpace": ONTOLOGY,
        "documentation": base + "reconcile/docs",
        "serviceVersion": __version__,
        "defaultTypes": types,
        "view": {"url": base + "id/{{id}}"},
        "preview": {"url": base + "reconcile/preview?id={{id}}", "width": PREVIEW_WIDTH, "height": PREVIEW_HEIGHT},
        "suggest": {kind: {"service_url": service_url, "service_path": f"/reconcile/suggest/{kind}"}
                    for kind in ("entity", "type", "property")},
        "extend": {"propose_properties": {"service_url": service_url, "service_path": "/reconcile/properties"},
                   "property_settings": SETTINGS},
    }


def suggest_entities(finder: Finder, prefix: str, type_text: str | None, cursor: int) -> dict[str, Any]:
    types = (finder.resolve_type(type_text),) if type_text else ()
    found = finder.index.search(prefix, types, limit=SUGGESTIONS + 10, offset=cursor)
    result = [{"id": entity_id(h.iri), "name": h.label, "description": finder.type_label(h.type)
               + ("" if h.matched == h.label else f" · {h.matched}"),
               "notable": [{"id": type_id(t), "name": finder.type_label(t)} for t in h.types]}
              for h in found.hits if entity_id(h.iri) is not None]
    return {"result": result[:SUGGESTIONS]}


def suggest_types(finder: Finder, prefix: str) -> dict[str, Any]:
    wanted = prefix.strip().casefold()
    result = []
    for iri, count in finder.type_counts.items():
        label = finder.type_label(iri)
        words = [type_id(iri).casefold(), *label.casefold().split()]
        if iri.startswith(ONTOLOGY) and (label.casefold().startswith(wanted)
                                         or any(w.startswith(wanted) for w in words)):
            result.append({"id": type_id(iri), "name": label, "description": f"{count} in the graph"})
    return {"result": result[:SUGGESTIONS]}


def suggest_properties(prefix: str) -> dict[str, Any]:
    wanted = prefix.strip().casefold()
    return {"result": [{"id": p.id, "name": p.name, "description": p.description} for p in PROPERTIES
                       if p.id.casefold().startswith(wanted) or any(w.startswith(wanted)
                                                                  for w in p.name.casefold().split())][:SUGGESTIONS]}


def preview(finder: Finder, ident: str) -> str | None:
    """A small HTML card of an entity (its label, type, other names, IRI), or None if unknown."""
    iri = entity_iri(ident)
    hit = finder.index.entity(iri)
    if hit is None:
        return None
    others = sorted({text for text, _, _ in finder.index.names_of(iri)} - {hit.label})
    names = f"<p>Also: {escape('; '.join(others[:6]))}</p>" if others else ""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{escape(hit.label)}</title>'
            f'<style>body{{font:14px/1.4 sans-serif;margin:.5rem}} p{{margin:.2rem 0}} small{{color:#555}}</style>'
            f'</head><body><p><a href="{escape(local_url(iri, finder.base_url))}" target="_blank" rel="noopener">'
            f"<b>{escape(hit.label)}</b></a> <small>{escape(finder.type_label(hit.type))}</small></p>{names}"
            f"<p><small>{escape(iri)}</small></p></body></html>")


def docs_page(finder: Finder) -> str:
    base = finder.base_url
    rows = "".join(f"<tr><td><code>{escape(p.id)}</code></td><td>{escape(p.name)}</td>"
                   f"<td>{escape(', '.join(p.types) or 'all')}</td><td>{escape(p.description)}</td></tr>"
                   for p in PROPERTIES)
    types = ", ".join(f"<code>{escape(t['id'])}</code>" for t in manifest(finder)["defaultTypes"])
    return (page_start("Reconciliation service — diplokg", base, [("application/json", base + "reconcile")])
            + f"""<main class="docs"><h1>Reconciliation service</h1>
<p>diplokg answers the <a href="https://www.w3.org/community/reports/reconciliation/CG-FINAL-specs-0.2-20230410/">W3C
Reconciliation Service API, version 0.2</a> at <code>{escape(base)}reconcile</code>: OpenRefine (and any client of
the API) links a table's names of states, envoys, organisations, cities and events to diplokg's entities, and
through their Wikidata items to the rest of the web.</p>
<h2>Add it to OpenRefine</h2><ol><li>On a column of names: <i>Reconcile → Start reconciling…</i></li>
<li><i>Add standard service…</i> and enter <code>{escape(base)}reconcile</code></li>
<li>Choose a type ({types}) or none, optionally other columns as properties, and start.</li></ol>
<h2>Matching</h2><p>Names are compared with every label and alternative label, in every language, without case,
accents, quotes or punctuation, across scripts and transliterations (Каландар, Kalandar, Qalandar), in any word
order, and with small misspellings. The score (0–100) is the name's likeness × 100, raised by 10 for each
property whose value agrees and lowered by 25 for each that disagrees. <code>match</code> is true only when the best
candidate's name is the query up to case, accents, script or punctuation, no other candidate's name is, and no
property disagrees. The <code>features</code> of a candidate give each part: <code>name_similarity</code>,
<code>exact_name</code>, <code>property:ID</code>.</p>
<h2>Properties</h2><p>For property constraints, data extension (<i>Edit column → Add columns from reconciled
values</i>) and suggestions. Entity values may be given by id (<code>state/NOR</code>), IRI or name; dates by a
prefix (<code>1992</code>).</p>
<table><tr><th>id</th><th>name</th><th>types</th><th>description</th></tr>{rows}</table>
<h2>Limits</h2><ul><li>at most {MAX_QUERIES} queries per request (OpenRefine's batch size is 10), each with a
name of at most {MAX_QUERY} characters, at most {MAX_CONSTRAINTS} properties and a <code>limit</code> of at most
{MAX_LIMIT} candidates (default {DEFAULT_LIMIT});</li>
<li>data extension: at most {MAX_IDS} ids per request;</li>
<li>work: the <code>limit</code>s of the queries with properties, added up, at most {MAX_LOOKUPS} (the
candidates whose properties are looked up), and at most {MAX_LOOKUPS} entities per request in all;</li>
<li>the request body, concurrent requests per client and errors per client are limited as for the SPARQL
endpoint.</li></ul><p>Past a limit the answer is a 400 (or 413, 429) that says which limit, never a partial
answer. Queries without a name (only properties) have no candidates. <code>type_strict</code> is read as
<code>any</code>.</p>
<h2>Endpoints</h2><ul><li><code>GET {escape(base)}reconcile</code> — the manifest; with <code>queries=</code>
(GET or form POST) the candidates; with <code>extend=</code> the data extension</li>
<li><code>{escape(base)}reconcile/suggest/entity?prefix=</code>, <code>…/type?prefix=</code>,
<code>…/property?prefix=</code>; <code>{escape(base)}reconcile/properties?type=</code>;
<code>{escape(base)}reconcile/preview?id=</code></li></ul></main>""" + PAGE_END)
