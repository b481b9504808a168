"""Hostile data and hostile URLs against the HTML pages of a real server: markup in labels, a label
that would close an embedded script, rdf:HTML literals, javascript: links (tests/hostile_payloads.py)
are shown as text and never become elements, scripts or links; path traversal and absurd entity
paths get 404/400; a forged Host never reaches a generated link. (The same pages in Chromium:
tests/browser/test_hostile_pages_browser.py.)"""

from __future__ import annotations

from html.parser import HTMLParser

import pyoxigraph as ox
import pytest
from raw_http import request

from support.hostile_payloads import JAVASCRIPT_IRIS, PAGES

HTML = {"Accept": "text/html"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset", "background"}
OTHER_PAGES = ["", "ontology", "dumps/", "sparql", "queries", "graph/source/mfa-tj-romania", "vocab/status"]


class Page(HTMLParser):
    """Elements, URL attributes, inline scripts and the text of an HTML page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.inline_scripts: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "script" and "src" not in attributes:
            self._in_script = True
            self.inline_scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.inline_scripts[-1] += data
        else:
            self.text.append(data)

    def urls(self) -> list[str]:
        return [v for _, attrs in self.tags for k, v in attrs.items() if k in URL_ATTRIBUTES and v]

    def handlers(self) -> list[str]:
        return [k for _, attrs in self.tags for k in attrs if k.startswith("on")]


def unsafe(url: str) -> bool:
    """A URL that runs script or carries a document (``data:,``, the empty favicon, is neither)."""
    compact = "".join(c for c in url if c > " ").lower()
    return compact.startswith(("javascript:", "vbscript:")) or (compact.startswith("data:") and compact != "data:,")


@pytest.mark.parametrize("path", list(PAGES))
def test_hostile_values_are_shown_as_text(hostile_server, http, path):
    r = http.get(hostile_server.url + path, headers=HTML)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = Page(r.text)
    text = "".join(page.text)
    for payload in PAGES[path]:
        assert payload in text, f"{payload!r} is not shown as text on /{path}"
    assert not page.inline_scripts, page.inline_scripts  # no script in the page comes from the data
    assert not [t for t, attrs in page.tags if t == "img" and attrs.get("src") == "x"]  # the payloads' element
    assert not page.handlers(), page.handlers()  # no onload=, onerror= … attributes at all
    assert not [u for u in page.urls() if unsafe(u)], [u for u in page.urls() if unsafe(u)]


@pytest.mark.parametrize("path", list(PAGES) + OTHER_PAGES)
def test_no_page_links_to_a_script_url(hostile_server, http, path):
    """javascript:, vbscript: and data: IRIs in the data are shown as text (or left out), never as a
    link target, on every page."""
    r = http.get(hostile_server.url + path, headers=HTML, follow_redirects=True)
    assert r.status_code == 200, (path, r.status_code)
    page = Page(r.text)
    assert not [u for u in page.urls() if unsafe(u)]
    assert not page.inline_scripts and not page.handlers()
    for iri in JAVASCRIPT_IRIS:
        assert f'href="{iri}' not in r.text


def test_rdf_of_a_hostile_entity_keeps_the_values_as_data(hostile_server, http):
    for path, payloads in PAGES.items():
        r = http.get(hostile_server.url + path, headers={"Accept": "application/n-triples"})
        assert r.status_code == 200
        values = {t.object.value for t in ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES)}
        assert set(payloads) <= values, path


TRAVERSALS = [
    b"/id/../../../../etc/passwd", b"/id/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", b"/id/..%2f..%2f..%2fetc%2fpasswd",
    b"/dumps/..%2fdiplokg-build.json", b"/dumps/%2e%2e%2fdiplokg-build.json", b"/dumps/../../../etc/passwd",
    b"/dumps/..%5cdiplokg-build.json", b"/static/..%2f..%2fapp.py", b"/static/%2e%2e/%2e%2e/server/app.py",
    b"/static/../pyproject.toml", b"/graph/..%2f..%2fetc%2fpasswd", b"/vocab/..%2f..%2fetc%2fpasswd",
    b"/queries/..%2f..%2fetc%2fpasswd", b"/ontology/..%2f..%2fetc%2fpasswd", b"/id/%00", b"/id/state/ROU%00.html",
    b"/dumps/%00", b"//etc/passwd", b"/id/" + b"a/" * 3000, b"/id/" + b"x" * 15000, b"/id/state/" + b"%ff%fe" * 100,
    b"/id/state/ROU/../../../../../etc/passwd", b"/\\..\\..\\etc\\passwd", b"/id/state/%252e%252e%252fetc",
]


@pytest.mark.parametrize("path", TRAVERSALS, ids=[p[:60].decode("latin-1") for p in TRAVERSALS])
def test_path_traversal_and_absurd_paths_get_404_or_400(hostile_server, path):
    r = request(hostile_server.port, b"GET " + path + b" HTTP/1.1\r\nAccept: text/html")
    assert r.status in (400, 404), (r.status, r.body[:200])
    for leak in (b"root:", b"[project]", b"import ", b'"triples"', b"Traceback"):
        assert leak not in r.body, leak


FORGED = [b"Host: evil.example", b"Host: 127.0.0.1\r\nX-Forwarded-Host: evil.example",
          b"Host: 127.0.0.1\r\nForwarded: host=evil.example;proto=https",
          b"Host: 127.0.0.1\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Prefix: /evil.example"]
LINKING = [(b"/.well-known/void", b"text/turtle"), (b"/dumps/", b"application/json"), (b"/sparql", b"text/turtle"),
           (b"/id/state/ROU", b"text/html"), (b"/id/state/ROU", b"text/turtle"), (b"/queries", b"application/json"),
           (b"/", b"text/html"), (b"/ontology", b"text/html"), (b"/id/state/ROU.ttl", b"*/*"),
           (b"/graph/source/mfa-tj-romania", b"text/html"), (b"/openapi.json", b"application/json")]


@pytest.mark.parametrize("forged", FORGED, ids=["Host", "X-Forwarded-Host", "Forwarded", "X-Forwarded-Prefix"])
def test_a_forged_host_never_reaches_a_generated_link(hostile_server, forged):
    """Every IRI the server generates comes from its configured base URL, whatever Host or
    forwarding headers say."""
    for path, accept in LINKING:
        r = request(hostile_server.port, b"GET " + path + b" HTTP/1.1\r\n" + forged + b"\r\nAccept: " + accept)
        assert r.status in (200, 303, 404), (path, r.status)
        assert b"evil.example" not in r.head and b"evil.example" not in r.body, (path, forged)
