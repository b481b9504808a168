"""The HTML page of ``/search``: the search box with the query, a choice of type, the hits (label,
type, the name that matched and why, a link to the entity's page) and links to the next pages."""

from __future__ import annotations

from html import escape

from diplokg.core.namespaces import shorten
from diplokg.http.chrome import PAGE_END, page_start
from diplokg.matching.index import Found
from diplokg.search.finder import Finder, SearchRequest


def search_page(finder: Finder, request: SearchRequest, found: Found | None) -> str:
    """The page for ``request``; ``found`` None before anything was asked."""
    title = f"“{request.q}” — search — diplokg" if request.q else "Search — diplokg"
    alternates = [("application/json", finder.page_url(request, request.offset, "json"))] if request.q else []
    parts = [page_start(title, finder.base_url, alternates, request.q), '<main class="search"><h1>Search</h1>',
             _form(finder, request)]
    if found is not None:
        parts.append(_hits(finder, request, found))
    parts.append("<p class=\"why\">Names are compared without case, accents, quotes or punctuation, across "
                 "scripts (Каландар, Kalandar) and transliterations (Qalandar), in any word order, with small "
                 "misspellings; an exact label comes first. As JSON: <code>Accept: application/json</code> or "
                 "<code>format=json</code>. For tables of names, use the <a href=\"" + escape(finder.base_url)
                 + "reconcile/docs\">reconciliation service</a>.</p></main>")
    return "".join(parts) + PAGE_END


def _form(finder: Finder, request: SearchRequest) -> str:
    chosen = set(request.types)
    options = "".join(
        f'<option value="{escape(shorten(t))}"{" selected" if t in chosen else ""}>'
        f"{escape(finder.type_label(t, request.lang))} ({n})</option>"
        for t, n in sorted(finder.type_counts.items(), key=lambda tn: finder.type_label(tn[0]).casefold()))
    return (f'<form class="search-page" action="{escape(finder.base_url)}search" method="get">'
            f'<label for="search-q">Name</label> <input id="search-q" type="search" name="q" '
            f'value="{escape(request.q)}" required> <label for="search-type">of type</label> '
            f'<select id="search-type" name="type"><option value="">any</option>{options}</select> '
            f'<button type="submit">Search</button></form>')


def _hits(finder: Finder, request: SearchRequest, found: Found) -> str:
    if not found.hits:
        return f"<p>Nothing is named like “{escape(request.q)}”.</p>"
    first = request.offset + 1
    items = []
    for hit in found.hits:
        matched = "" if hit.matched == hit.label else f" as “{escape(hit.matched)}”" + (
            f" ({escape(hit.lang)})" if hit.lang else "")
        items.append(f'<li><a href="{escape(finder.hit_json(hit, request.lang)["page"])}">{escape(hit.label)}</a> '
                     f'<span class="kind">{escape(finder.type_label(hit.type, request.lang))}</span>'
                     f'<div class="why">{escape(hit.reason)}{matched}, score {hit.score:.2f} · '
                     f"<code>{escape(hit.iri)}</code></div></li>")
    pager = []
    if request.offset:
        pager.append(f'<a rel="prev" href="{escape(finder.page_url(request, max(request.offset - request.limit, 0)))}">'
                     "previous</a>")
    if request.offset + request.limit < found.total:
        after = finder.page_url(request, request.offset + request.limit)
        pager.append(f'<a rel="next" href="{escape(after)}">next</a>')
    return (f"<p>{found.total} found; {first}–{request.offset + len(found.hits)} shown.</p>"
            f'<ol class="hits" start="{first}">{"".join(items)}</ol><p class="pager">{" · ".join(pager)}</p>')
