"""A ministry page read for drafting: from a text file, an HTML file (its main text extracted by
trafilatura, so navigation, scripts and boilerplate are left out) or an http(s) URL (fetched
politely: a User-Agent naming the tool, a timeout, redirects followed only on the same host, a size
limit). The text is kept as the page gives it, one paragraph per line, so that the character
offsets of every sentence point into exactly the text that is stored with the draft.

Refused with a one-line ``PageError``, nothing written: an empty page, binary or undecodable input,
input over ``MAX_BYTES``, a page in a language other than German, English or Russian, a URL that
fails, answers an error, or redirects to another host."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import httpx
import trafilatura

from diplokg import __version__
from diplokg.ingest.errors import PageError
from diplokg.ingest.language import LANGUAGES, detect_language

#: pages are a few KiB; more than this is not a ministry page
MAX_BYTES = 2_000_000
TIMEOUT_SECONDS = 20.0
MAX_REDIRECTS = 5
USER_AGENT = f"diplokg/{__version__} (drafts facts from ministry pages; +https://w3id.org/diplokg)"
_HTML = re.compile(rb"^\s*(<!doctype html|<html\b|<head\b|<body\b)", re.IGNORECASE)


@dataclass(frozen=True)
class Page:
    text: str  # one paragraph per line, as stored with the draft
    language: str  # de, en or ru
    url: str | None = None
    retrieved: str | None = None  # YYYY-MM-DD
    title: str | None = None
    file_name: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


def read_page(source: str, language: str | None = None, url: str | None = None, retrieved: str | None = None,
              title: str | None = None) -> Page:
    """The page at ``source`` (a file path or an http(s) URL)."""
    if urlsplit(source).scheme in ("http", "https"):
        data, content_type = fetch(source)
        url = url or source
        name = None
    else:
        path = Path(source)
        try:
            if path.stat().st_size > MAX_BYTES:
                raise PageError(f"{source}: larger than {MAX_BYTES:,} bytes; not a ministry page")
            data = path.read_bytes()
        except OSError as e:
            raise PageError(f"cannot read {source}: {e.strerror or e}") from None
        content_type, name = "", path.name
    text = page_text(data, content_type, source)
    if language is None:
        language = detect_language(text)
    elif language not in LANGUAGES:
        raise PageError(f"--lang must be one of {', '.join(LANGUAGES)}, got {language!r}")
    return Page(text, language, url, retrieved, title, name)


def page_text(data: bytes, content_type: str, where: str) -> str:
    """The text of a page: its main text if it is HTML, else the text as given (normalised to NFC,
    Unix line ends, no trailing spaces, no empty lines)."""
    if not data.strip():
        raise PageError(f"{where}: the page is empty")
    if b"\x00" in data:
        raise PageError(f"{where}: binary data, not a text or HTML page")
    try:
        decoded = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise PageError(f"{where}: not UTF-8 text (binary data, or another encoding)") from None
    if "html" in content_type or _HTML.match(data):
        extracted = trafilatura.extract(decoded, include_comments=False, include_tables=False,
                                        include_formatting=False, favor_precision=True)
        if not extracted:
            raise PageError(f"{where}: no main text found in the HTML page")
        decoded = extracted
    lines = [" ".join(line.split()) for line in unicodedata.normalize("NFC", decoded).splitlines()]
    text = "\n".join(line for line in lines if line)
    if not text:
        raise PageError(f"{where}: the page is empty")
    return text


def fetch(url: str) -> tuple[bytes, str]:
    """The body and content type of ``url``; redirects are followed only to the same host."""
    host = urlsplit(url).netloc
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9"}
    try:
        with httpx.Client(timeout=TIMEOUT_SECONDS, follow_redirects=False, headers=headers) as client:
            for _ in range(MAX_REDIRECTS + 1):
                with client.stream("GET", url) as response:
                    if response.is_redirect:
                        target = urljoin(url, response.headers.get("location", ""))
                        if urlsplit(target).netloc != host or urlsplit(target).scheme not in ("http", "https"):
                            raise PageError(f"{url}: redirected to another host ({target}); not followed")
                        url = target
                        continue
                    if response.status_code != 200:
                        raise PageError(f"{url}: the server answered {response.status_code}")
                    return _body(response, url), response.headers.get("content-type", "")
    except httpx.TimeoutException:
        raise PageError(f"{url}: no answer within {TIMEOUT_SECONDS:g} s") from None
    except httpx.HTTPError as e:
        raise PageError(f"{url}: cannot fetch the page: {e}") from None
    raise PageError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _body(response: httpx.Response, url: str) -> bytes:
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) > MAX_BYTES:
            raise PageError(f"{url}: larger than {MAX_BYTES:,} bytes; not a ministry page")
    return bytes(data)
