"""HTTP with the remote SPARQL engine: credentials, one POST whose answer is read as a stream
(``Exchange``), the body as a binary file for pyoxigraph's parsers that stops at the deadline or when
the request is cancelled (``Body``), and the engine's failures as ``EngineError``."""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import IO, Any, cast
from urllib.parse import urlencode

import httpx

from diplokg.core.errors import ErrorKind

_ERROR_BYTES = 4096
_UNDEFINED_FUNCTION = re.compile(r"\bError SR185: Undefined procedure\b")


class Cancelled(Exception):
    pass


@dataclass(frozen=True)
class EngineAuth:
    user: str
    password: str
    scheme: str = "basic"  # basic | digest

    def httpx(self) -> httpx.Auth:
        if self.scheme == "digest":
            return httpx.DigestAuth(self.user, self.password)
        return httpx.BasicAuth(self.user, self.password)


class EngineError(Exception):
    """The engine failed, could not be reached or answered too late: the status and message for the client."""

    def __init__(self, status: int, message: str, kind: ErrorKind = ErrorKind.ENGINE) -> None:
        super().__init__(message)
        self.status, self.message, self.kind = status, message, kind


class Exchange:
    """One POST to the engine, as a context manager yielding the (streamed) 200 response; any other
    answer, or no answer, raises EngineError with what the engine said."""

    def __init__(self, client: httpx.Client | None, endpoint: str, connect_timeout: float,
                 params: list[tuple[str, str]], accept: str, deadline: float) -> None:
        self.client, self.endpoint, self.connect_timeout = client, endpoint, connect_timeout
        self.params, self.accept, self.deadline = params, accept, deadline
        self._stream: AbstractContextManager[httpx.Response] | None = None

    def __enter__(self) -> httpx.Response:
        client = self.client
        if client is None:
            raise EngineError(503, "the server is shutting down", ErrorKind.BUSY)
        remaining = max(0.05, self.deadline - time.monotonic())
        timeout = httpx.Timeout(remaining, connect=min(remaining, self.connect_timeout))
        self._stream = client.stream("POST", self.endpoint, content=urlencode(self.params).encode("ascii"),
                                     headers={"Accept": self.accept,
                                              "Content-Type": "application/x-www-form-urlencoded"}, timeout=timeout)
        try:
            response = self._stream.__enter__()
        except httpx.TimeoutException:
            raise EngineError(503, "the SPARQL engine did not answer within the time budget",
                              ErrorKind.TIMEOUT) from None
        except httpx.HTTPError as e:
            raise EngineError(502, f"the SPARQL engine at {self.endpoint} cannot be reached: {e}",
                              ErrorKind.ENGINE_UNREACHABLE) from None
        if response.status_code != 200:
            detail = _start_of(response)
            self.__exit__(None, None, None)
            # 400: the engine refused the query (our parser accepted it), or answered 500 for a function
            # it does not have (Virtuoso: SR185 "Undefined procedure", for any IRI called as a function);
            # anything else is the engine's or this server's configuration's fault (credentials, URL): 502
            message = f"the SPARQL engine answered {response.status_code}: {detail}"
            if response.status_code == 400:
                raise EngineError(400, message)
            if _UNDEFINED_FUNCTION.search(detail):
                raise EngineError(400, message, ErrorKind.UNSUPPORTED)
            raise EngineError(502, message)
        partial = response.headers.get("x-sql-state")
        if partial:  # Virtuoso's "anytime" answer: cut at its own time limit, not an error in its eyes
            self.__exit__(None, None, None)
            raise EngineError(503, f"the SPARQL engine stopped the query at its own time limit and sent a partial "
                              f"result (X-SQL-State {partial}), which is not passed on", ErrorKind.TIMEOUT)
        return response

    def __exit__(self, *exc: object) -> None:
        if self._stream is not None:
            stream, self._stream = self._stream, None
            stream.__exit__(None, None, None)


def _start_of(response: httpx.Response) -> str:
    data = b""
    try:
        for chunk in response.iter_bytes():
            data += chunk
            if len(data) >= _ERROR_BYTES:
                break
    except httpx.HTTPError:
        pass
    text = data[:_ERROR_BYTES].decode("utf-8", "replace").strip()
    return " ".join(text.split()) or "(no message)"


#: Virtuoso writes a blank node in JSON results as {"type": "bnode", "value": "nodeID://b10000"}: not a
#: blank node label (pyoxigraph's parser refuses it), so the prefix is dropped ("b10000")
_VIRTUOSO_BNODE = re.compile(rb'("type"\s*:\s*"bnode"\s*,\s*"value"\s*:\s*")nodeID://')
_CARRY = 64  # bytes kept back from each chunk, so that a match across two chunks is found


def bnode_labels(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """``chunks`` of SPARQL JSON results with Virtuoso's blank node values made labels."""
    rest = b""
    for chunk in chunks:
        data = _VIRTUOSO_BNODE.sub(rb"\1", rest + chunk)
        data, rest = data[:-_CARRY], data[-_CARRY:]
        if data:
            yield data
    if rest:
        yield rest


class Body(io.RawIOBase):
    """The response body as a binary file for pyoxigraph's parsers; stops at the deadline or when
    the request is cancelled (client gone, time budget spent). ``json_results``: the body is SPARQL
    JSON results (``bnode_labels`` applies)."""

    def __init__(self, response: httpx.Response, deadline: float, cancelled: threading.Event,
                 json_results: bool = False) -> None:
        self._chunks = bnode_labels(response.iter_bytes()) if json_results else response.iter_bytes()
        self._rest = b""
        self._deadline, self._cancelled = deadline, cancelled

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._rest:
            if self._cancelled.is_set() or time.monotonic() > self._deadline:
                raise Cancelled
            try:
                self._rest = next(self._chunks, b"")
            except httpx.TimeoutException:
                raise EngineError(503, "the SPARQL engine did not answer within the time budget",
                                  ErrorKind.TIMEOUT) from None
            except httpx.HTTPError as e:
                raise EngineError(502, f"the SPARQL engine's answer broke off: {e}") from None
            if not self._rest:
                return 0
        n = min(len(buffer), len(self._rest))
        buffer[:n] = self._rest[:n]
        self._rest = self._rest[n:]
        return n


class suppress_cancel:
    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, *rest: object) -> bool:
        return kind is not None and issubclass(kind, Cancelled)


def open_body(response: httpx.Response, deadline: float, cancelled: threading.Event,
              json_results: bool = False) -> IO[bytes]:
    """``response``'s body as the binary file pyoxigraph's parsers read (a ``Body``: a raw stream)."""
    return cast(IO[bytes], Body(response, deadline, cancelled, json_results))
