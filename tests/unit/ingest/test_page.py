"""Reading a page (diplokg.ingest.page): text and HTML files, http(s) URLs fetched from a loopback
server, and every kind of bad input refused with one clear line."""

from __future__ import annotations

from pathlib import Path

import pytest

from diplokg.ingest.errors import PageError
from diplokg.ingest.page import MAX_BYTES, read_page
from support.loopback_http import LoopbackServer, QuietHandler

GERMAN = "Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 7 Juli 1992 aufgenommen."
HTML = f"""<!doctype html><html><head><title>Beziehungen</title><script>alert("bad")</script>
<style>p {{ color: red }}</style></head><body><nav>Startseite | Kontakt | Impressum</nav>
<article><h1>Tadschikistan und Rumänien</h1><p>{GERMAN}</p>
<p>Die Botschaft Rumäniens wurde mit Residenz in Astana eröffnet, und sie ist für Tadschikistan zuständig.</p>
<script>document.write("injected")</script></article><footer>© Ministerium</footer></body></html>"""


def test_text_file(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(GERMAN + "\n\n  Zweite   Zeile.  \n", encoding="utf-8")
    page = read_page(str(path), retrieved="2026-12-06")
    assert page.text == GERMAN + "\nZweite Zeile." and page.language == "de" and page.file_name == "page.txt"
    assert len(page.sha256) == 64 and page.retrieved == "2026-12-06"


def test_html_file_gives_its_main_text_without_scripts(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    page = read_page(str(path))
    assert GERMAN in page.text and "Astana" in page.text
    assert "alert" not in page.text and "injected" not in page.text and "color: red" not in page.text


@pytest.mark.parametrize("content,message", [
    (b"", "the page is empty"), (b"  \n\t\n", "the page is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary data"), (b"caf\xe9 au lait", "not UTF-8 text"),
    ("Les relations diplomatiques entre la République du Tadjikistan et la France ont été établies "
     "le 7 juillet 1992.".encode(), "the page is in French"),
    ("Муносибатҳои дипломатӣ байни Ҷумҳурии Тоҷикистон ва Ҷумҳурии Федеративии Олмон 28 феврали соли 1992 "
     "барқарор карда шуданд.".encode(), "the page is in Tajik"),
    (b"<html><body><script>var x = 1;</script></body></html>", "no main text found"),
])
def test_bad_input_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(content)
    with pytest.raises(PageError, match=message):
        read_page(str(path))


def test_huge_and_missing_input(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(PageError, match="larger than"):
        read_page(str(path))
    with pytest.raises(PageError, match="cannot read"):
        read_page(str(tmp_path / "missing.txt"))


class _Site(QuietHandler):
    def do_GET(self) -> None:
        if self.path == "/page":
            self.server.seen.append(self.headers.get("User-Agent"))  # type: ignore[attr-defined]
            self.send_body(200, "text/html; charset=utf-8", HTML.encode())
        elif self.path == "/moved":
            self.send_body(301, "text/plain", b"", {"Location": "/page"})
        elif self.path == "/elsewhere":
            self.send_body(302, "text/plain", b"", {"Location": "http://example.org/page"})
        elif self.path == "/huge":
            self.send_body(200, "text/plain", b"a" * (MAX_BYTES + 10))
        else:
            self.send_body(404, "text/plain", b"no such page")


@pytest.fixture(scope="module")
def site() -> LoopbackServer:
    with LoopbackServer(_Site, "/") as server:
        server.server.seen = []  # type: ignore[attr-defined]
        yield server


def test_a_url_is_fetched_politely(site: LoopbackServer) -> None:
    page = read_page(site.url + "page")
    assert GERMAN in page.text and page.url == site.url + "page" and page.language == "de"
    assert site.server.seen[-1].startswith("diplokg/")  # type: ignore[attr-defined]
    assert read_page(site.url + "moved").url == site.url + "moved"  # same host: followed


@pytest.mark.parametrize("path,message", [("missing", "answered 404"), ("elsewhere", "redirected to another host"),
                                          ("huge", "larger than")])
def test_a_failing_url_is_refused(site: LoopbackServer, path: str, message: str) -> None:
    with pytest.raises(PageError, match=message):
        read_page(site.url + path)


def test_an_unreachable_url_is_refused() -> None:
    with pytest.raises(PageError, match="cannot fetch the page"):
        read_page("http://127.0.0.1:9/page")
