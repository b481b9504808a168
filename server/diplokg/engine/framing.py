"""Length-prefixed frames: how a backend answers a job (and, for the embedded store, the wire
format between the web process and its query workers on Unix stream sockets).

A frame is one type byte (``Frame``), a 4-byte big-endian length and the payload: REQUEST (a job),
HEAD (a ``messages.Head``), CHUNK (body bytes), END, ERROR (a ``messages.Failure`` instead of a
head), ABORT (a failure after the head: the response breaks off), READY (a worker's first frame).
The web process reads frames with asyncio; workers read and write them with blocking sockets.

The writers below build the frames of an answer: ``FrameWriter`` is a file-like object for
pyoxigraph's serialisers, ``TrackingSend`` remembers whether the head has gone out, and
``send_capped_solutions``, ``send_solutions`` and ``send_triples`` cut a result at the row cap,
announcing the cut in the head."""

from __future__ import annotations

import asyncio
import itertools
import json
import socket
import struct
import tempfile
from collections.abc import Callable, Iterator
from enum import IntEnum
from typing import IO, cast

import pyoxigraph as ox

from diplokg.core.formats import OX_RDF, OX_RESULTS
from diplokg.engine.messages import Failure, Head, to_json


class Frame(IntEnum):
    REQUEST = 1
    HEAD = 2
    CHUNK = 3
    END = 4
    ERROR = 5
    ABORT = 6
    READY = 7


#: the frames that end an answer
LAST = frozenset({Frame.END, Frame.ERROR, Frame.ABORT})
_HEADER = struct.Struct("!BI")
MAX_CONTROL = 16 * 1024 * 1024
CHUNK_SIZE = 64 * 1024
_SPOOL_MEMORY = 8 * 1024 * 1024

Send = Callable[[bytes], None]


def output(writer: object) -> IO[bytes]:
    """``writer`` as the binary file pyoxigraph's serialisers write to: they only call its ``write``
    (and ``flush``), which the writers here implement without being full files."""
    return cast(IO[bytes], writer)


def encode(kind: Frame, payload: bytes) -> bytes:
    return _HEADER.pack(kind, len(payload)) + payload


def encode_json(kind: Frame, obj: object) -> bytes:
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


def recv(sock: socket.socket) -> tuple[Frame, bytes]:
    kind, length = _HEADER.unpack(_recv_exactly(sock, _HEADER.size))
    if length > MAX_CONTROL and kind != Frame.CHUNK:
        raise EOFError("oversized control frame")
    return Frame(kind), _recv_exactly(sock, length)


async def read(reader: asyncio.StreamReader) -> tuple[Frame, bytes]:
    header = await reader.readexactly(_HEADER.size)
    kind, length = _HEADER.unpack(header)
    return Frame(kind), await reader.readexactly(length)


# -- writing an answer ---------------------------------------------------------------------------

def failure_frame(failure: Failure, after_head: bool = False) -> bytes:
    """ERROR (no head sent yet) or ABORT (after the head) carrying ``failure``."""
    return encode_json(Frame.ABORT if after_head else Frame.ERROR, to_json(failure))


def send_head(send: Send, fmt: str, truncated: bool = False) -> None:
    send(encode_json(Frame.HEAD, to_json(Head(fmt, truncated))))


def send_end(send: Send) -> None:
    send(encode(Frame.END, b""))


class TrackingSend:
    """Wraps ``send`` to remember whether the response head has gone out."""

    def __init__(self, send: Send) -> None:
        self.inner, self.head_sent = send, False

    def __call__(self, frame: bytes) -> None:
        if frame[0] == Frame.HEAD:
            self.head_sent = True
        self.inner(frame)

    def fail(self, failure: Failure) -> None:
        """Answer ``failure``: as the answer (ERROR) if no head has gone out, else as ABORT."""
        self(failure_frame(failure, self.head_sent))


class FrameWriter:
    """A binary file-like object that sends what pyoxigraph writes as CHUNK frames."""

    def __init__(self, send: Send) -> None:
        self.send, self.buffer = send, bytearray()

    def write(self, data: bytes) -> int:
        self.buffer += data
        if len(self.buffer) >= CHUNK_SIZE:
            self.send(encode(Frame.CHUNK, bytes(self.buffer)))
            self.buffer.clear()
        return len(data)

    def flush(self) -> None:
        pass

    def finish(self) -> None:
        if self.buffer:
            self.send(encode(Frame.CHUNK, bytes(self.buffer)))
            self.buffer.clear()


class ResultFull(Exception):
    """Raised by a bounded buffer to stop a serialiser."""


class TsvRowCap:
    """Keeps the header line and the first ``cap`` rows of a TSV serialisation; notes whether more followed."""

    def __init__(self, cap: int, spool: IO[bytes]) -> None:
        self.remaining_lines, self.spool, self.truncated = cap + 1, spool, False

    def write(self, data: bytes) -> int:
        if self.remaining_lines == 0:
            if data:
                self.truncated = True
                raise ResultFull
            return 0
        lines = data.count(b"\n")
        if lines < self.remaining_lines:  # the common case: the whole block is kept
            self.remaining_lines -= lines
            self.spool.write(data)
            return len(data)
        pos = -1
        for _ in range(self.remaining_lines):
            pos = data.find(b"\n", pos + 1)
        self.remaining_lines = 0
        if pos + 1 < len(data):
            self.spool.write(data[: pos + 1])
            self.truncated = True
            raise ResultFull
        self.spool.write(data)
        return len(data)

    def flush(self) -> None:
        pass


def send_capped_solutions(solutions: ox.QuerySolutions, fmt: str, cap: int, writer: FrameWriter, send: Send,
                          cut: bool = False) -> None:
    """The first ``cap`` solutions in ``fmt``, after a head that says whether more followed (or
    ``cut``: the result was cut short before it got here): spooled as TSV, one row per line, which
    stops reading after the cap, then converted."""
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_MEMORY) as spool:
        counter = TsvRowCap(cap, cast(IO[bytes], spool))  # a SpooledTemporaryFile of bytes
        try:
            solutions.serialize(output(counter), format=ox.QueryResultsFormat.TSV)
        except ResultFull:
            pass
        send_head(send, fmt, counter.truncated or cut)
        spool.seek(0)
        if fmt == "tsv":
            while block := spool.read(CHUNK_SIZE):
                writer.write(block)
        else:
            converted = ox.parse_query_results(cast(IO[bytes], spool), ox.QueryResultsFormat.TSV)
            converted.serialize(output(writer), format=OX_RESULTS[fmt])


def send_solutions(result: ox.QuerySolutions, fmt: str, cap: int, writer: FrameWriter, send: Send,
                    cut: bool = False) -> None:
    """Solutions read from elsewhere (a remote engine's answer), in ``fmt``, cut after ``cap`` rows (announced in
    the head, which is sent first). ``cut``: the engine itself cut the result short (announced too)."""
    if cap == 0:
        send_head(send, fmt, cut)
        result.serialize(output(writer), format=OX_RESULTS[fmt])
        return
    send_capped_solutions(result, fmt, cap, writer, send, cut)


def send_triples(triples: Iterator[ox.Triple], fmt: str, cap: int, writer: FrameWriter, send: Send,
                 prefixes: dict[str, str], cut: bool = False) -> None:
    """Triples read from elsewhere (a remote engine's answer), in ``fmt``, cut after ``cap`` (see
    ``send_solutions``)."""
    ox_format = OX_RDF[fmt]
    pretty = prefixes if ox_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG) else None
    if cap == 0:
        send_head(send, fmt, cut)
        ox.serialize(triples, output(writer), format=ox_format, prefixes=pretty)
        return
    kept = list(itertools.islice(triples, cap + 1))
    send_head(send, fmt, len(kept) > cap or cut)
    ox.serialize(kept[:cap], output(writer), format=ox_format, prefixes=pretty)
