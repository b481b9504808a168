"""The frame every HTML page of the endpoint shares: the head with the site's stylesheets and
alternate links, and the site header with its navigation and the search box (suggestions as one
types: ``static/search.js``, which asks ``/search`` on this server and nothing else)."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

_NAV = (("sparql", "Query editor"), ("queries", "Saved queries"), ("ontology", "Ontology"), ("shapes", "Shapes"),
        ("dumps/", "Downloads"), ("reconcile/docs", "Reconcile"))


def site_header(base_url: str, query: str = "") -> str:
    """The site header: brand, navigation and the search form (``query`` already in its box)."""
    base = escape(base_url)
    links = "".join(f'<a href="{base}{path}">{label}</a>' for path, label in _NAV)
    return (f'<header class="site"><a class="brand" href="{base}">diplokg</a><nav>{links}</nav>'
            f'{search_form(base_url, query)}</header>')


def search_form(base_url: str, query: str = "") -> str:
    """The search box: a form to ``/search`` that works without scripts; with them, an ARIA combobox
    whose suggestions are the first hits (arrow keys, Enter, Escape)."""
    base = escape(base_url)
    return (f'<form class="search" role="search" action="{base}search" method="get">'
            f'<label class="visually-hidden" for="site-search">Search names</label>'
            f'<input id="site-search" type="search" name="q" value="{escape(query)}" placeholder="Search names…" '
            f'autocomplete="off" spellcheck="false" role="combobox" aria-autocomplete="list" aria-expanded="false" '
            f'aria-controls="site-search-list" data-suggest="{base}search" data-go="page">'
            f'<ul id="site-search-list" class="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>'
            f'<button type="submit">Search</button></form>'
            f'<script src="{base}static/search.js" defer></script>')


def page_start(title: str, base_url: str, alternates: Iterable[tuple[str, str]] = (), query: str = "") -> str:
    """``<head>`` and site header; ``alternates`` are (media type, URL) pairs of the same content."""
    links = "".join(f'<link rel="alternate" type="{escape(t)}" href="{escape(url)}">' for t, url in alternates)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="{escape(base_url)}static/site.css">'
            f'<link rel="stylesheet" href="{escape(base_url)}static/docs.css">{links}</head><body>'
            + site_header(base_url, query))


PAGE_END = "</body></html>"
