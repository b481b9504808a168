"""The query worker pool, seen from the web process (asyncio).

pyoxigraph cannot cancel a running query, so every query runs in a worker process; a request that
exceeds its time budget has its worker SIGKILLed and replaced (a fresh fork of the zygote, which
holds the loaded store), while other requests are served by the other workers meanwhile.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import framing
from .errors import StoreError


class PoolBusy(Exception):
    """No worker became free within the request's time budget."""


class QueryTimeout(Exception):
    """The request exceeded its time budget; its worker was killed."""


class WorkerFailed(Exception):
    """The worker died or broke the protocol while serving the request."""


@dataclass
class Worker:
    pid: int
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    served: int = 0

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.writer.close()


class WorkerPool:
    def __init__(self, snapshot: Path, expected_quads: int, prefixes: dict[str, str], size: int) -> None:
        self.snapshot, self.expected_quads, self.prefixes, self.size = snapshot, expected_quads, prefixes, size
        self._zygote: subprocess.Popen[bytes] | None = None
        self._control: socket.socket | None = None
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._all: dict[int, Worker] = {}
        self._spawn_lock = asyncio.Lock()
        self._replacements: set[asyncio.Task[None]] = set()
        self.killed = 0  # workers killed at their time budget or after a failure (for /health)
        self.loaded_quads = 0

    # -- life cycle -------------------------------------------------------------------------
    async def start(self, startup_timeout: float = 600.0) -> None:
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        self._zygote = subprocess.Popen(
            [sys.executable, "-m", "diplokg.zygote", str(theirs.fileno()), str(self.snapshot),
             str(self.expected_quads), json.dumps(self.prefixes)],
            pass_fds=[theirs.fileno()],
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self._control = ours
        line = await asyncio.wait_for(asyncio.to_thread(_read_line, ours), startup_timeout)
        status = json.loads(line) if line else {"ready": False, "error": "the store loader exited"}
        if not status.get("ready"):
            await self.close()
            raise StoreError(f"cannot load the store snapshot {self.snapshot}: {status.get('error')}")
        self.loaded_quads = int(status["quads"])
        for _ in range(self.size):
            await self._spawn()

    async def close(self) -> None:
        for task in list(self._replacements):
            task.cancel()
        for worker in list(self._all.values()):
            worker.kill()
        self._all.clear()
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._zygote is not None:
            with contextlib.suppress(ProcessLookupError):
                self._zygote.kill()
            await asyncio.to_thread(self._zygote.wait)
            self._zygote = None

    async def _spawn(self) -> None:
        async with self._spawn_lock:
            if self._control is None:
                raise WorkerFailed("the worker pool is closed")
            control = self._control
            control.sendall(b"fork\n")
            message, fds, _, _ = await asyncio.to_thread(socket.recv_fds, control, 64, 1)
            if not fds:
                raise WorkerFailed("the store process did not start a worker")
            sock = socket.socket(fileno=fds[0])
            reader, writer = await asyncio.open_unix_connection(sock=sock, limit=1 << 20)
            worker = Worker(int(message.decode()), reader, writer)
            self._all[worker.pid] = worker
            self._idle.put_nowait(worker)

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        self._all.pop(worker.pid, None)
        self.killed += 1
        task = asyncio.get_running_loop().create_task(self._spawn())
        self._replacements.add(task)
        task.add_done_callback(self._replacements.discard)

    # -- health -----------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        alive = sum(1 for pid in self._all if _alive(pid))
        zygote_alive = self._zygote is not None and self._zygote.poll() is None
        return {
            "store_loaded": zygote_alive and self.loaded_quads > 0,
            "quads": self.loaded_quads,
            "workers": {"configured": self.size, "alive": alive, "idle": self._idle.qsize(), "replaced": self.killed},
        }

    # -- running requests -------------------------------------------------------------------
    async def run(self, request: dict[str, Any], deadline: float) -> AsyncIterator[tuple[int, bytes]]:
        """Send ``request`` to a free worker and yield its frames (HEAD/ERROR first, then CHUNKs
        and END/ABORT). Raises PoolBusy, QueryTimeout or WorkerFailed. The caller must run the
        iterator to completion or close it; closing it early kills the worker (it may be mid-stream)."""
        loop_deadline = asyncio.get_running_loop().time() + (deadline - time.monotonic())
        try:
            worker = self._idle.get_nowait()
        except asyncio.QueueEmpty:
            try:
                async with asyncio.timeout_at(loop_deadline):
                    worker = await self._idle.get()
            except TimeoutError:
                raise PoolBusy("all query workers are busy") from None
        finished = False
        try:
            worker.writer.write(framing.encode_json(framing.REQUEST, request))
            while True:
                try:
                    async with asyncio.timeout_at(loop_deadline):
                        kind, payload = await framing.read(worker.reader)
                except (asyncio.IncompleteReadError, ConnectionError) as e:
                    raise WorkerFailed(f"the query worker died ({type(e).__name__})") from None
                if kind in (framing.END, framing.ERROR, framing.ABORT):
                    finished = True
                yield kind, payload
                if finished:
                    return
        except TimeoutError:
            raise QueryTimeout from None
        finally:
            if finished:
                worker.served += 1
                self._idle.put_nowait(worker)
            else:
                self._replace(worker)


def _read_line(sock: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = sock.recv(4096)
        if not chunk:
            break
        data += chunk
    return data


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
