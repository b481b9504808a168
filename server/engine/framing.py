"""Length-prefixed frames between the web process and its query workers (Unix stream sockets).

A frame is one type byte, a 4-byte big-endian length and the payload. The web process reads frames
with asyncio; workers read and write them with blocking sockets."""

from __future__ import annotations

import asyncio
import json
import socket
import struct

REQUEST, HEAD, CHUNK, END, ERROR, ABORT, READY = 1, 2, 3, 4, 5, 6, 7
_HEADER = struct.Struct("!BI")
MAX_CONTROL = 16 * 1024 * 1024


def encode(kind: int, payload: bytes) -> bytes:
    return _HEADER.pack(kind, len(payload)) + payload


def encode_json(kind: int, obj: object) -> bytes:
    return encode(kind, json.dumps(obj, separators=(",", ":")).encode("utf-8"))


def _recv_exactly(sock: socket.socket, n: int) -> bytes:
    chunks, remaining = [], n
    while remaining:
        chunk = sock.recv(min(remaining, 1 << 20))
        if not chunk:
            raise EOFError("peer closed the connection")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def recv(sock: socket.socket) -> tuple[int, bytes]:
    kind, length = _HEADER.unpack(_recv_exactly(sock, _HEADER.size))
    if length > MAX_CONTROL and kind != CHUNK:
        raise EOFError("oversized control frame")
    return kind, _recv_exactly(sock, length)


async def read(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    header = await reader.readexactly(_HEADER.size)
    kind, length = _HEADER.unpack(header)
    return kind, await reader.readexactly(length)
