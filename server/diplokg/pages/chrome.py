"""The frame shared by the generated documentation pages (ontology, shapes, named graphs): head with
the site's stylesheets and alternate links, and the site header with its navigation."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape


def page_start(title: str, base_url: str, alternates: Iterable[tuple[str, str]] = ()) -> str:
    """``<head>`` and site header; ``alternates`` are (media type, URL) pairs of the same content."""
    links = "".join(f'<link rel="alternate" type="{escape(t)}" href="{escape(url)}">' for t, url in alternates)
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title>"
            f'<link rel="stylesheet" href="{escape(base_url)}static/site.css">'
            f'<link rel="stylesheet" href="{escape(base_url)}static/docs.css">{links}</head><body>'
            f'<header class="site"><a class="brand" href="{escape(base_url)}">diplokg</a><nav>'
            f'<a href="{escape(base_url)}sparql">Query editor</a><a href="{escape(base_url)}queries">Saved queries</a>'
            f'<a href="{escape(base_url)}ontology">Ontology</a><a href="{escape(base_url)}shapes">Shapes</a>'
            f'<a href="{escape(base_url)}dumps/">Downloads</a></nav></header>')


PAGE_END = "</body></html>"
