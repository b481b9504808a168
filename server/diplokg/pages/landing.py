"""The landing page: what the dataset is, live counts from the build's statistics, and the way in
(editor, saved queries, downloads, VoID, API) and how to cite. Static text plus escaped figures."""

from __future__ import annotations

import html
from typing import Any

from diplokg import __version__
from diplokg.core.namespaces import ONTOLOGY
from diplokg.http.chrome import site_header

COUNTED = [("State", "states"), ("DiplomaticRelation", "diplomatic relations"), ("DiplomaticMission", "missions"),
           ("Tenure", "tenures of heads of mission"), ("Person", "persons"), ("Organization", "organisations"),
           ("Event", "events"), ("Agreement", "agreements"), ("Evidence", "quoted source sentences"),
           ("SourceDocument", "source pages"), ("Interpretation", "recorded interpretations")]


def landing_counts(stats: dict[str, Any]) -> dict[str, int]:
    classes = stats.get("classes", {})
    return {"triples": int(stats["triples"]), **{label: int(classes.get(ONTOLOGY + cls, 0)) for cls, label in COUNTED}}


def landing_page(base_url: str, release: Any, counts: dict[str, int]) -> str:
    esc = html.escape
    rows = "".join(f"<tr><td>{n}</td><th>{esc(label)}</th></tr>" for label, n in counts.items())
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>diplokg — a knowledge graph of diplomatic relations</title>
<link rel="stylesheet" href="{esc(base_url)}static/site.css">
<link rel="alternate" type="text/turtle" href="{esc(base_url)}.well-known/void"></head><body>
{site_header(base_url)}
<main class="landing">
<h1>diplokg — an open knowledge graph of diplomatic relations</h1>
<p>Who represents which state where: envoys and the states they are accredited to, where they reside
(often in a third country), when relations were established, and bilateral events, agreements and
assistance. Every fact links to the exact sentence of the source page that states it.</p>
<h2>In the graph</h2><table class="counts"><tbody>{rows}</tbody></table>
<p>Release {esc(release.build_id)}, built {esc(release.built_at)}, diplokg {esc(__version__)}.</p>
<h2>Start here</h2><ul>
<li><a href="{esc(base_url)}search">Search</a> — names of states, envoys, organisations, cities and events, in any
language or spelling; <a href="{esc(base_url)}reconcile/docs">reconcile</a> a table of names with OpenRefine</li>
<li><a href="{esc(base_url)}sparql">Query editor</a> — SPARQL with the saved research questions as examples</li>
<li><a href="{esc(base_url)}queries">Saved queries</a> — the research questions as a REST API</li>
<li><a href="{esc(base_url)}id/state/TJK">Tajikistan</a> — an entity page (every IRI of the dataset has one)</li>
<li><a href="{esc(base_url)}ontology">Ontology</a> — classes, properties and controlled vocabularies,
documented (English and German) and as RDF; the <a href="{esc(base_url)}shapes">SHACL shapes</a> \
every release passes</li>
<li><a href="{esc(base_url)}dumps/">Downloads</a> — TriG, N-Quads, Turtle, N-Triples, JSON-LD with checksums</li>
<li><a href="{esc(base_url)}.well-known/void">VoID / DCAT description</a> ·
<a href="{esc(base_url)}sparql">SPARQL endpoint</a> (<code>{esc(base_url)}sparql</code>) ·
<a href="{esc(base_url)}docs">OpenAPI</a></li></ul>
<h2>How to cite</h2>
<p>diplokg contributors (2026): <i>diplokg — an open knowledge graph of diplomatic relations</i>, version
{esc(__version__)}. Data under <a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>; please also
cite the sources named in each fact's evidence. (CITATION.cff in the repository.)</p>
</main></body></html>"""
