"""The web process's handles on the processes of the embedded backend: a ``ZygoteProcess`` (one
``python -m diplokg.engine.zygote`` process, which loads the store and forks workers on request, see
that module) and the ``Worker`` processes it forks, each connected by a Unix socket."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from diplokg.build.errors import StoreError
from diplokg.engine import framing
from diplokg.engine.errors import WorkerFailed
from diplokg.engine.framing import Frame
from diplokg.engine.zygote import ZygoteMode


@dataclass(eq=False)
class Worker:
    pid: int
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    zygote: ZygoteProcess
    served: int = 0
    reaped: bool = False
    busy: bool = False
    on_lost: Callable[[Worker], None] | None = None  # called when its connection closes

    def kill(self) -> None:
        if not self.reaped:  # once reaped, the pid may belong to another process
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGKILL)
        self.writer.close()


class _WorkerProtocol(asyncio.StreamReaderProtocol):
    """A worker connection that reports when it closes (the worker exited or was killed)."""

    def __init__(self, reader: asyncio.StreamReader, closed: Callable[[], object]) -> None:
        super().__init__(reader)
        self._closed_callback = closed

    def eof_received(self) -> bool:
        keep_open = bool(super().eof_received())
        self._closed_callback()
        return keep_open

    def connection_lost(self, exc: Exception | None) -> None:
        super().connection_lost(exc)
        self._closed_callback()


class ZygoteProcess:
    """One ``diplokg.engine.zygote`` process (mode ``memory`` or ``disk``, see that module) and the
    control socket over which it forks workers."""

    def __init__(self, mode: ZygoteMode, source: Path, expected_quads: int, prefixes: dict[str, str],
                 memory_mib: int = 0, env: dict[str, str] | None = None) -> None:
        self.mode, self.source, self.expected_quads, self.prefixes = mode, source, expected_quads, prefixes
        self.memory_mib, self.env = memory_mib, env  # env: its environment (None: ours; see engine.allocator)
        self._process: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._lock = asyncio.Lock()
        self._closed = False

    def launch(self) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "diplokg.engine.zygote", str(theirs.fileno()), self.mode, str(self.source),
             str(self.expected_quads), json.dumps(self.prefixes), str(self.memory_mib)],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
            env=self.env,
        )
        theirs.close()
        self._control = ours

    async def ready(self, timeout: float) -> int:
        """Wait for the zygote's status line; the number of quads it serves, or StoreError."""
        if self._control is None:
            raise StoreError("the store process was not started")
        line = await asyncio.wait_for(asyncio.to_thread(read_line, self._control), timeout)
        status = json.loads(line) if line else {"ready": False, "error": "the store loader exited"}
        if not status.get("ready"):
            what = "the store snapshot" if self.mode is ZygoteMode.MEMORY else "the on-disk store"
            raise StoreError(f"cannot load {what} {self.source}: {status.get('error')}")
        return int(str(status["quads"]))

    async def fork(self) -> Worker:
        """A new worker, once it has said it is ready (StoreError if it could not open the store)."""
        async with self._lock:
            if self._control is None:
                raise WorkerFailed("the worker pool is closed")
            control = self._control
            control.sendall(b"fork\n")
            message, fds, _, _ = await asyncio.to_thread(socket.recv_fds, control, 64, 1)
        if not fds:
            raise WorkerFailed("the store process did not start a worker")
        sock = socket.socket(fileno=fds[0])
        loop = asyncio.get_running_loop()
        reader = asyncio.StreamReader(limit=1 << 20, loop=loop)
        lost: list[Worker] = []
        protocol = _WorkerProtocol(reader, lambda: lost and lost[0].on_lost and lost[0].on_lost(lost[0]))
        transport, _ = await loop.create_unix_connection(lambda: protocol, sock=sock)
        writer = asyncio.StreamWriter(transport, protocol, reader, loop)
        worker = Worker(int(message.decode()), reader, writer, self)
        lost.append(worker)
        try:
            kind, payload = await framing.read(reader)
            status = json.loads(payload) if kind == Frame.READY else {"error": f"unexpected frame {kind}"}
        except (asyncio.IncompleteReadError, ConnectionError, ValueError) as e:
            status = {"error": f"the worker exited ({type(e).__name__})"}
        if not status.get("ok"):
            worker.kill()
            raise StoreError(str(status.get("error")))
        return worker

    async def reap(self, pid: int) -> int:
        """Wait for the (killed or dead) worker ``pid`` to end and return its wait status; -1 if the
        zygote no longer knows it or is gone."""
        async with self._lock:
            if self._control is None:
                return -1
            control = self._control
            try:
                control.sendall(f"reap {pid}\n".encode())
                line = await asyncio.to_thread(read_line, control)
            except OSError:
                return -1
        parts = line.split()
        return int(parts[1]) if len(parts) == 2 and parts[0] == str(pid).encode() else -1

    def alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    async def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._process is not None:
            with contextlib.suppress(ProcessLookupError):
                self._process.kill()
            await asyncio.to_thread(self._process.wait)
            self._process = None


def read_line(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
