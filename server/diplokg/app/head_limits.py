"""uvicorn's httptools HTTP/1.1 protocol, with the request-head limits enforced while the head is
being read.

uvicorn buffers the whole request line and header block before the application sees it, with no
limit of its own (and httptools refuses URLs over 64 KiB with a bare "Invalid HTTP request"). So a
client could make the web process hold megabytes per connection before ``http.middleware.size_limits`` ever
runs. Here the URL is counted as it arrives (414 once it passes ``max_url``) and so is the whole
head (431 once it passes what the URL and header limits allow); the connection is then closed. The
exact per-field limits are still checked by ``http.middleware.size_limits.SizeLimits``.
"""

from __future__ import annotations

from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from diplokg.http.limits import MAX_HEADER_BYTES, MAX_HEADER_FIELDS, headers_too_large_message, url_too_long_message
from diplokg.http.responses import REASONS

#: httptools cannot parse a longer URL
HTTPTOOLS_MAX_URL = 65_535


class _HeadTooLarge(Exception):
    pass


def head_limit(max_url: int) -> int:
    """Bytes a request head may take: request line, headers, separators, with room to spare."""
    return max_url + MAX_HEADER_BYTES + 4 * MAX_HEADER_FIELDS + 1024


class LimitedHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's protocol with the head limits; ``limited_protocol`` makes a subclass per setting."""

    max_url = HTTPTOOLS_MAX_URL
    max_head = head_limit(HTTPTOOLS_MAX_URL)
    cors: tuple[bytes, ...] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._head_open, self._head_bytes, self._url_bytes = True, 0, 0
        self._refusal: tuple[int, str] | None = None

    def data_received(self, data: bytes) -> None:
        if self._refusal is not None:
            return
        if self._head_open:
            room = self.max_head - self._head_bytes
            if len(data) > room:  # parse what the head may still take; refuse if it is still open
                super().data_received(data[:room])
                if self._refusal is not None or self.transport.is_closing():
                    return
                if self._head_open:
                    self._refusal = (431, headers_too_large_message())
                    self._refuse(*self._refusal)
                    return
                data = data[room:]
            else:
                self._head_bytes += len(data)
        super().data_received(data)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self._head_open, self._head_bytes, self._url_bytes = True, 0, 0

    def on_url(self, url: bytes) -> None:
        self._url_bytes += len(url)
        if self._url_bytes > self.max_url:
            self._refusal = (414, url_too_long_message(self.max_url))
            raise _HeadTooLarge  # httptools stops parsing; uvicorn calls send_400_response
        super().on_url(url)

    def on_headers_complete(self) -> None:
        self._head_open = False
        super().on_headers_complete()

    def send_400_response(self, msg: str) -> None:
        if self._refusal is not None:
            self._refuse(*self._refusal)
        else:
            super().send_400_response(msg)

    def _refuse(self, status: int, message: str) -> None:
        body = (message + "\n").encode()
        head = [f"HTTP/1.1 {status} {REASONS[status]}\r\n".encode()]
        head += [name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers]
        head += [*self.cors, b"content-type: text/plain; charset=utf-8\r\n", b"cache-control: no-store\r\n",
                 b"content-length: %d\r\n" % len(body), b"connection: close\r\n\r\n"]
        if not self.transport.is_closing():
            self.transport.write(b"".join(head) + body)
            self.transport.close()


def limited_protocol(max_url: int, any_origin: bool = False) -> type[HttpToolsProtocol]:
    """An HttpToolsProtocol class that refuses request heads over the limits for ``max_url``.
    ``any_origin``: CORS is open to every origin, so the refusal says so too (the request's Origin
    header may not have arrived yet, so a list of origins cannot be answered here)."""
    cors = ((b"access-control-allow-origin: *\r\n", b"access-control-expose-headers: Retry-After\r\n")
            if any_origin else ())
    return type("LimitedHttpToolsProtocol", (LimitedHttpToolsProtocol,),
                {"max_url": max_url, "max_head": head_limit(max_url), "cors": cors})
