"""The query worker pool, seen from the web process (asyncio).

pyoxigraph cannot cancel a running query, so every query runs in a worker process; a request that
exceeds its time budget has its worker SIGKILLed and replaced (a fresh fork of the zygote, which
holds the loaded store), while other requests are served by the other workers meanwhile.

Workers come in generations, one per zygote: first ``disk`` workers (the endpoint answers within a
second of starting, whatever the store's size), then ``memory`` workers once the in-memory copy is
loaded; a worker of an older generation is retired when it finishes its request.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import AsyncGenerator, Callable, Coroutine
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from diplokg.build.errors import StoreError
from diplokg.core.namespaces import PREFIXES
from diplokg.core.settings import Allocator
from diplokg.engine import framing
from diplokg.engine.allocator import store_environment
from diplokg.engine.errors import PoolBusy, QueryTimeout, WorkerFailed, WorkerOutOfMemory
from diplokg.engine.fair_shares import FairShares
from diplokg.engine.framing import LAST, Frame
from diplokg.engine.messages import Job, to_json
from diplokg.engine.processes import Worker, ZygoteProcess, pid_alive
from diplokg.engine.zygote import ZygoteMode

_log = logging.getLogger("diplokg")

if TYPE_CHECKING:
    from diplokg.build.reader import Release
    from diplokg.core.settings import Settings


class MemoryState(StrEnum):
    """Where the in-memory copy of the store stands."""

    OFF = "off"  # never loaded (--disk-only)
    LOADING = "loading"
    LOADED = "loaded"
    FAILED = "failed"


class WorkerPool:
    """``size`` query workers. With ``in_memory`` (the default) the pool answers from the on-disk
    store at once and switches to workers sharing an in-memory copy as soon as that is loaded
    (queries in flight finish on the disk workers); without it, it serves from disk only.

    A failure that only shows after start (the snapshot does not load) is reported through
    ``on_failure`` with a message; the server treats it as fatal."""

    def __init__(self, store_dir: Path, snapshot: Path, expected_quads: int, prefixes: dict[str, str], size: int,
                 in_memory: bool = True, on_failure: Callable[[str], None] | None = None, memory_mib: int = 0,
                 allocator: Allocator = Allocator.AUTO) -> None:
        self.size, self.in_memory, self.on_failure = size, in_memory, on_failure
        self._snapshot, self._expected, self._prefixes = snapshot, expected_quads, prefixes
        self.memory_mib = memory_mib
        self.allocator, self._env = store_environment(allocator)  # StoreError: jemalloc asked for, not installed
        self._disk = ZygoteProcess(ZygoteMode.DISK, store_dir, expected_quads, prefixes, memory_mib, self._env)
        self._zygotes = [self._disk]
        self._current = self._disk
        self._idle: asyncio.Queue[Worker] = asyncio.LifoQueue()
        self._all: dict[int, Worker] = {}
        self._shares = FairShares(size)
        self._tasks: set[asyncio.Task[None]] = set()
        self.killed = 0  # workers killed at their time budget or after a failure (for /health)
        self.loaded_quads = 0
        self.memory_state = MemoryState.LOADING if in_memory else MemoryState.OFF
        self.memory_error: str | None = None  # why loading failed

    # -- life cycle -------------------------------------------------------------------------
    async def start(self, startup_timeout: float = 600.0) -> None:
        """Return once ``size`` workers answer from the on-disk store; with ``in_memory`` the copy
        goes on loading in the background. StoreError if the store cannot be opened."""
        memory = self._memory_zygote() if self.in_memory else None  # launched first: the longer way to go
        self._disk.launch()
        try:
            self.loaded_quads = await self._disk.ready(startup_timeout)
            for _ in range(self.size):
                await self._spawn()
        except BaseException:
            await self.close()
            raise
        if memory is not None:
            self._background(self._load_in_background(memory, startup_timeout))

    async def load_into_memory(self, timeout: float = 600.0) -> None:
        """Load the snapshot into memory and switch to workers that share it (start() does this in
        the background unless ``in_memory`` is off). Requests in flight finish on their disk workers,
        which are then retired. StoreError if the snapshot does not load."""
        await self._switch_to(self._memory_zygote(), timeout)

    async def close(self) -> None:
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._all.values()):
            worker.kill()
        self._all.clear()
        for zygote in self._zygotes:
            await zygote.close()

    def _memory_zygote(self) -> ZygoteProcess:
        zygote = ZygoteProcess(ZygoteMode.MEMORY, self._snapshot, self._expected, self._prefixes, self.memory_mib,
                               self._env)
        self._zygotes.append(zygote)
        zygote.launch()
        return zygote

    async def _load_in_background(self, memory: ZygoteProcess, timeout: float) -> None:
        try:
            await self._switch_to(memory, timeout)
        except StoreError as e:
            if self.on_failure is not None:
                self.on_failure(str(e))

    async def _switch_to(self, memory: ZygoteProcess, timeout: float) -> None:
        self.memory_state = MemoryState.LOADING
        started = time.monotonic()
        try:
            quads = await memory.ready(timeout)
            workers = [await memory.fork() for _ in range(self.size)]
        except (StoreError, WorkerFailed, TimeoutError, OSError) as e:
            self.memory_state, self.memory_error = MemoryState.FAILED, str(e)
            await memory.close()
            raise e if isinstance(e, StoreError) else StoreError(f"cannot load the store snapshot: {e}") from None
        old, self._current, self.loaded_quads, self.memory_state = self._current, memory, quads, MemoryState.LOADED
        stale = []
        while not self._idle.empty():
            stale.append(self._idle.get_nowait())
        for worker in workers:
            self._add(worker)
        for worker in stale:
            self._retire(worker)
        if not self._workers_of(old):
            await old.close()
        _log.info("store loaded into memory in %.1f s (%d quads); queries are answered from memory",
                  time.monotonic() - started, quads)

    async def _spawn(self) -> None:
        zygote = self._current
        worker = await zygote.fork()
        if zygote is not self._current:  # the pool switched meanwhile
            worker.kill()
            return
        self._add(worker)

    def _background(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _workers_of(self, zygote: ZygoteProcess) -> list[Worker]:
        return [w for w in self._all.values() if w.zygote is zygote]

    def _retire(self, worker: Worker) -> None:
        """Kill and reap ``worker``; close its zygote if that is no longer current and has no workers
        left."""
        worker.kill()
        self._all.pop(worker.pid, None)
        old = worker.zygote
        if old is not self._current and not self._workers_of(old):
            self._background(old.close())
        elif not worker.reaped:
            worker.reaped = True
            self._background(self._reap(worker))

    async def _reap(self, worker: Worker) -> None:
        await worker.zygote.reap(worker.pid)

    async def _death(self, worker: Worker, error: BaseException) -> WorkerFailed:
        """Why ``worker`` stopped answering, from its wait status: aborted at its memory limit, killed
        by a signal, or exited."""
        status = await worker.zygote.reap(worker.pid)
        worker.reaped = True
        if status >= 0 and os.WIFSIGNALED(status):
            signum = os.WTERMSIG(status)
            if signum == signal.SIGABRT and self.memory_mib:
                return WorkerOutOfMemory(f"the query needed more than the worker memory limit of {self.memory_mib} MiB")
            return WorkerFailed(f"the query worker was stopped by signal {signal.Signals(signum).name}")
        if status >= 0 and os.WIFEXITED(status):
            return WorkerFailed(f"the query worker exited with status {os.WEXITSTATUS(status)}")
        return WorkerFailed(f"the query worker died ({type(error).__name__})")

    def _add(self, worker: Worker) -> None:
        worker.on_lost = self._lost
        self._all[worker.pid] = worker
        self._idle.put_nowait(worker)

    def _lost(self, worker: Worker) -> None:
        """An idle worker's connection closed: it died (e.g. killed by the OOM killer) while no
        request used it. Take it out of the idle queue and replace it. (A busy worker's death is
        handled by the request that uses it; a retired one's by nobody.)"""
        if worker.busy or self._all.get(worker.pid) is not worker:
            return
        idle = []
        while not self._idle.empty():
            idle.append(self._idle.get_nowait())
        for other in reversed(idle):  # LIFO: put back in the same order
            if other is not worker:
                self._idle.put_nowait(other)
        self._replace(worker)

    def _give_back(self, worker: Worker) -> None:
        worker.busy = False
        worker.served += 1
        if worker.zygote is self._current:
            self._idle.put_nowait(worker)
        else:
            self._retire(worker)

    def _replace(self, worker: Worker) -> None:
        self.killed += 1
        self._retire(worker)
        if worker.zygote is self._current:
            self._background(self._spawn())

    # -- health -----------------------------------------------------------------------------
    def health(self) -> dict[str, Any]:
        current = self._workers_of(self._current)
        alive = sum(1 for w in current if pid_alive(w.pid))
        return {
            "store_loaded": self._current.alive() and self.loaded_quads > 0,
            "quads": self.loaded_quads,
            "serving_from": str(self._current.mode),
            "in_memory": (f"failed: {self.memory_error}" if self.memory_state is MemoryState.FAILED
                          else str(self.memory_state)),
            "allocator": self.allocator,
            "workers": {"configured": self.size, "alive": alive, "idle": self._idle.qsize(),
                        "replaced": self.killed, "retiring": len(self._all) - len(current)},
        }

    # -- running requests -------------------------------------------------------------------
    async def run(self, job: Job, deadline: float,
                  client: str | None = None) -> AsyncGenerator[tuple[Frame, bytes], None]:
        """Send ``job`` to a free worker and yield its frames (HEAD/ERROR first, then CHUNKs
        and END/ABORT). Raises PoolBusy, QueryTimeout or WorkerFailed. The caller must run the
        iterator to completion or close it; closing it early kills the worker (it may be mid-stream).
        A ``client``'s request first waits for its place in the fair shares of the workers
        (fair_shares: all but one per client, half for heavy clients)."""
        loop_deadline = asyncio.get_running_loop().time() + (deadline - time.monotonic())
        share = await self._shares.reserve(client, loop_deadline)
        try:
            worker = await self._acquire(loop_deadline)
        except BaseException:
            await self._shares.release(share)
            raise
        self._shares.started(share)
        finished = False
        try:
            worker.writer.write(framing.encode_json(Frame.REQUEST, to_json(job)))
            while True:
                try:
                    async with asyncio.timeout_at(loop_deadline):
                        kind, payload = await framing.read(worker.reader)
                except (asyncio.IncompleteReadError, ConnectionError) as e:
                    raise await self._death(worker, e) from None
                if kind in LAST:
                    finished = True
                yield kind, payload
                if finished:
                    return
        except TimeoutError:
            raise QueryTimeout from None
        finally:
            if finished:
                self._give_back(worker)
            else:
                self._replace(worker)
            await self._shares.release(share)

    async def _acquire(self, loop_deadline: float) -> Worker:
        """A free, live worker; PoolBusy at the deadline."""
        try:
            async with asyncio.timeout_at(loop_deadline):
                while True:
                    try:
                        worker = self._idle.get_nowait()
                    except asyncio.QueueEmpty:
                        worker = await self._idle.get()
                    if not worker.reader.at_eof():
                        worker.busy = True
                        return worker
                    self._replace(worker)  # it died while idle (killed from outside): never hand it out
        except TimeoutError:
            raise PoolBusy("all query workers stayed busy for the whole time budget") from None


def pool_for(release: Release, settings: Settings, on_failure: Callable[[str], None] | None = None) -> WorkerPool:
    """The worker pool serving ``release`` as ``settings`` say (worker count, in-memory copy)."""
    return WorkerPool(release.path, release.snapshot, release.quads, PREFIXES, settings.workers,
                      in_memory=settings.in_memory, on_failure=on_failure, memory_mib=settings.worker_memory,
                      allocator=settings.allocator)


