"""Raw HTTP/1.1 over a loopback socket, for requests that well-behaved clients (httpx, urllib)
refuse to send: malformed URLs, bytes that are not UTF-8, broken or oversized headers."""

from __future__ import annotations

import socket
from dataclasses import dataclass


@dataclass(frozen=True)
class RawResponse:
    status: int
    head: bytes
    body: bytes


def request(port: int, head: bytes, body: bytes = b"", timeout: float = 30.0) -> RawResponse:
    """Send ``head`` (request line and headers, without the blank line; ``Connection: close`` and,
    unless ``head`` has them, ``Host`` and ``Content-Length`` are added) and ``body``; read the whole
    response. A server that neither
    answers nor closes within ``timeout`` fails the test (socket.timeout)."""
    data = head.rstrip(b"\r\n") + b"\r\n"
    if b"\nhost:" not in data.lower():
        data += b"Host: 127.0.0.1\r\n"
    data += b"Connection: close\r\n"
    if body and b"\ncontent-length:" not in data.lower():
        data += b"Content-Length: %d\r\n" % len(body)
    data += b"\r\n" + body
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        try:
            sock.sendall(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed before reading everything (an oversize request)
        received = bytearray()
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass  # closed with unread data in its buffer: what it sent before is still here
    head_bytes, _, rest = bytes(received).partition(b"\r\n\r\n")
    status = int(head_bytes.split(b" ", 2)[1])
    return RawResponse(status, head_bytes, rest)


def send_until_refused(port: int, first: bytes, piece: bytes, limit: int, timeout: float = 30.0) -> tuple[int, bytes]:
    """Send ``first``, then ``piece`` over and over until ``limit`` bytes of pieces are sent or the
    server stops reading; return the bytes of pieces sent and the server's whole answer."""
    sent = 0
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(first)
        try:
            while sent < limit:
                sock.sendall(piece)
                sent += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server answered and closed
        response = b""
        try:
            while data := sock.recv(65536):
                response += data
        except ConnectionResetError:
            pass
    return sent, response
