"""A small, polite HTTP client for the two Wikidata services ``diplokg link`` reads: the search API
(``action=wbsearchentities``) and the Wikidata Query Service (SPARQL).

Polite by Wikimedia's rules: a descriptive ``User-Agent`` naming the tool, its version and the
project URL (Wikimedia's User-Agent policy), requests one after the other with a configurable
pause between them, timeouts, and responses read up to a size cap. Nothing here writes anything.

Every failure to get a usable answer raises :class:`WikidataUnavailable` (exit status 2) with one
line naming the service, its URL and the cause: connection refused, name not resolved, timeout,
an HTTP error status (5xx, 429 with its ``Retry-After``, or any other), or a body that is not the
JSON the service documents. The caller decides what to say about files (``diplokg link`` says that
nothing was written).

Standard library only (``urllib``); no new dependency.
"""

from __future__ import annotations

import json
import platform
import socket
import ssl
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.client import HTTPException, responses
from typing import ClassVar

from diplokg import __version__
from diplokg.core.errors import DiplokgError

DEFAULT_API = "https://www.wikidata.org/w/api.php"
DEFAULT_SPARQL = "https://query.wikidata.org/sparql"
PROJECT_URL = "https://w3id.org/diplokg"
USER_AGENT = f"diplokg-link/{__version__} ({PROJECT_URL}) Python-urllib/{platform.python_version()}"
MAX_BODY = 20_000_000  # bytes; a search answer is a few kB, the one SPARQL answer well under a MB

SEARCH_SERVICE = "Wikidata search API"
SPARQL_SERVICE = "Wikidata Query Service"


class WikidataUnavailable(DiplokgError):
    """Wikidata could not be reached or gave no usable answer. ``kind``: ``network`` (no
    connection, name not resolved, timeout), ``busy`` (HTTP 429 or 5xx) or ``answer`` (any other
    HTTP error, or not the documented JSON)."""

    exit_code = 2
    HINTS: ClassVar[dict[str, str]] = {"network": "`{command}` needs internet access", "busy": "try again later",
                                       "answer": ""}

    def __init__(self, service: str, url: str, cause: str, *, kind: str, note: str = "",
                 command: str = "diplokg link") -> None:
        self.service, self.url, self.cause = service, url, cause
        self.kind, self.note, self.command = kind, note, command
        verb = "no usable answer from" if kind == "answer" else "cannot reach"
        tail = "; ".join(t for t in (self.HINTS[kind].format(command=command), note) if t)
        super().__init__(f"{verb} the {service} at {url}: {cause}" + (f" — {tail}" if tail else ""))

    def with_note(self, note: str) -> WikidataUnavailable:
        return WikidataUnavailable(self.service, self.url, self.cause, kind=self.kind, note=note, command=self.command)

    def for_command(self, command: str) -> WikidataUnavailable:
        """The same failure, reported for another command than ``diplokg link``."""
        return WikidataUnavailable(self.service, self.url, self.cause, kind=self.kind, note=self.note, command=command)


@dataclass(frozen=True)
class SearchHit:
    """One entry of a ``wbsearchentities`` answer (fields as the API names them)."""

    qid: str
    label: str
    description: str
    match_type: str  # "label", "alias", "entityId" …
    match_language: str
    match_text: str
    rank: int  # position in the answer, 0 = first


@dataclass
class WikidataClient:
    """Sequential requests to the search API and the query service, ``delay`` seconds apart."""

    api_url: str = DEFAULT_API
    sparql_url: str = DEFAULT_SPARQL
    timeout: float = 30.0
    delay: float = 0.5
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    requests_made: int = field(default=0, init=False)
    _last: float | None = field(default=None, init=False, repr=False)

    # ---- the two services ---------------------------------------------------------------------
    def search(self, text: str, language: str, limit: int) -> list[SearchHit]:
        """Items whose label or alias matches ``text`` in ``language`` (``wbsearchentities``)."""
        params = {
            "action": "wbsearchentities", "search": text, "language": language, "uselang": language,
            "type": "item", "limit": str(limit), "format": "json",
        }
        url = f"{self.api_url}?{urllib.parse.urlencode(params)}"
        data = self._json(urllib.request.Request(url, headers=self._headers("application/json")),
                          SEARCH_SERVICE, self.api_url)
        if not isinstance(data, dict):
            raise WikidataUnavailable(SEARCH_SERVICE, self.api_url, "the answer is not a JSON object", kind="answer")
        if "error" in data:
            err = data["error"] if isinstance(data["error"], dict) else {}
            code = str(err.get("code", "?"))
            raise WikidataUnavailable(SEARCH_SERVICE, self.api_url,
                                      f"API error {code}: {err.get('info', '')}".rstrip(": "),
                                      kind="busy" if code in ("maxlag", "ratelimited") else "answer")
        hits = data.get("search")
        if not isinstance(hits, list):
            raise WikidataUnavailable(SEARCH_SERVICE, self.api_url, "the answer has no 'search' list", kind="answer")
        out = []
        for rank, hit in enumerate(hits):
            if not isinstance(hit, dict) or not isinstance(hit.get("id"), str):
                continue
            found = hit.get("match")
            match = found if isinstance(found, dict) else {}
            out.append(SearchHit(
                qid=hit["id"], label=_text(hit.get("label")), description=_text(hit.get("description")),
                match_type=_text(match.get("type")), match_language=_text(match.get("language")),
                match_text=_text(match.get("text")), rank=rank,
            ))
        return out

    def select(self, query: str) -> list[dict[str, dict[str, str]]]:
        """Evaluate a SPARQL SELECT (POST, form-encoded) and return its JSON result bindings."""
        body = urllib.parse.urlencode({"query": query}).encode("utf-8")
        headers = self._headers("application/sparql-results+json")
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        data = self._json(urllib.request.Request(self.sparql_url, data=body, headers=headers, method="POST"),
                          SPARQL_SERVICE, self.sparql_url)
        # JSON results: {"results": {"bindings": [...]}}; anything else is not SPARQL JSON results
        results = data.get("results") if isinstance(data, dict) else None
        bindings = results.get("bindings") if isinstance(results, dict) else None
        if not isinstance(bindings, list):
            raise WikidataUnavailable(SPARQL_SERVICE, self.sparql_url, "the answer is not SPARQL JSON results",
                                      kind="answer")
        return bindings

    # ---- transport ----------------------------------------------------------------------------
    def _headers(self, accept: str) -> dict[str, str]:
        return {"User-Agent": self.user_agent, "Accept": accept}

    def _pause(self) -> None:
        if self._last is not None and self.delay > 0:
            wait = self.delay - (time.monotonic() - self._last)
            if wait > 0:
                self.sleep(wait)

    def _json(self, request: urllib.request.Request, service: str, url: str) -> object:
        self._pause()
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read(MAX_BODY + 1)
        except urllib.error.HTTPError as e:
            busy = e.code == 429 or e.code >= 500
            raise WikidataUnavailable(service, url, _http_cause(e), kind="busy" if busy else "answer") from None
        except urllib.error.URLError as e:
            raise WikidataUnavailable(service, url, _network_cause(e.reason), kind="network") from None
        except TimeoutError:
            raise WikidataUnavailable(service, url, f"timed out after {self.timeout:g} s", kind="network") from None
        except (OSError, HTTPException) as e:
            raise WikidataUnavailable(service, url, _network_cause(e), kind="network") from None
        finally:
            self._last = time.monotonic()
            self.requests_made += 1
        if len(raw) > MAX_BODY:
            raise WikidataUnavailable(service, url, f"the answer is larger than {MAX_BODY} bytes", kind="answer")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise WikidataUnavailable(service, url, "the answer is not JSON", kind="answer") from None


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _http_cause(e: urllib.error.HTTPError) -> str:
    reason = responses.get(e.code, "") or str(e.reason or "")
    cause = f"HTTP {e.code} {reason}".rstrip()
    retry = e.headers.get("Retry-After") if e.headers else None
    if retry and (e.code == 429 or e.code >= 500):
        cause += f" (retry after {retry} s)" if retry.isdigit() else f" (retry after {retry})"
    return cause


def _network_cause(reason: object) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, socket.gaierror):
        return f"host name not resolved ({reason.strerror or reason})"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return "timed out"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error ({reason.reason or reason})"
    if isinstance(reason, ConnectionResetError):
        return "connection reset"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[:1].lower() + reason.strerror[1:]
    return str(reason) or type(reason).__name__
