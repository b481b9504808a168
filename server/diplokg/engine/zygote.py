"""The zygote: one process that forks query workers on request, in one of two modes.

- ``memory``: it loads the store snapshot into memory once; forked workers share the loaded store
  copy-on-write, so a worker killed at its time budget is replaced in milliseconds, with no reload.
- ``disk``: it holds nothing; each forked worker opens the on-disk RocksDB store read-only (a few
  milliseconds). The web process starts with this mode so that the endpoint answers at once while
  the memory zygote loads; RocksDB is never opened before a fork (its threads do not survive one).

Run by the web process as ``python -m diplokg.engine.zygote FD MODE SOURCE EXPECTED_QUADS PREFIXES_JSON
MEMORY_MIB`` with FD one end of a Unix socket pair and SOURCE the snapshot (memory) or the store
directory (disk). Protocol on that socket: the zygote first sends a JSON line ``{"ready": true,
"quads": N}`` (or ``{"ready": false, "error": "…"}``); then, for every ``fork`` line it receives, it
forks a worker and sends back the worker's pid together with the worker's socket (SCM_RIGHTS); for
every ``reap PID`` line it waits for that (killed or exited) worker and answers ``PID STATUS`` with
the wait status, which tells the web process why a worker died. A worker's first frame on its socket
is READY (``{"ok": true}`` or ``{"ok": false, "error": "…"}``). When the web process goes away, the
zygote and its workers exit.

Each worker may allocate MEMORY_MIB beyond its address space once the store is open (0: no limit): an allocation
past that fails, and the engine aborts the worker (SIGABRT), so one query cannot take the machine's
memory.
"""

from __future__ import annotations

import ctypes
import functools
import json
import os
import resource
import signal
import socket
import sys
import time
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import pyoxigraph as ox

from diplokg.build.errors import StoreError
from diplokg.build.store import open_read_only
from diplokg.engine import framing
from diplokg.engine.allocator import loading_without_thread_cache, release_free_memory
from diplokg.engine.execute import execute
from diplokg.engine.framing import LAST, Frame
from diplokg.engine.messages import job_from_json


class ZygoteMode(StrEnum):
    MEMORY = "memory"  # the store loaded once, shared copy-on-write by the workers
    DISK = "disk"  # each worker opens the on-disk store after its fork


_PR_SET_PDEATHSIG = 1
#: a job that took this long gives its freed memory back to the system afterwards (engine.allocator)
_HEAVY_JOB_S = 0.05


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent exits (no orphans holding memory)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        pass


def load_snapshot(path: str, expected: int) -> ox.Store:
    store = ox.Store()
    with loading_without_thread_cache():  # under jemalloc: a third less memory, the same speed afterwards
        store.bulk_load(path=path, format=ox.RdfFormat.N_QUADS)
    release_free_memory()  # the loader's freed buffers: workers would copy these pages on first reuse
    if len(store) != expected:
        raise RuntimeError(f"snapshot {path} holds {len(store)} quads, the build recorded {expected}; "
                           "rebuild the store")
    return store


def limit_memory(mib: int) -> None:
    """Let this process allocate at most ``mib`` MiB of address space beyond what it has now."""
    if mib <= 0:
        return
    current = int(Path("/proc/self/statm").read_text().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    soft = current + mib * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


class BufferedSender:
    """Collects frames and writes them with one system call when a response ends or 64 KiB are
    pending: a small answer reaches the web process in a single write (one wake-up, not three)."""

    def __init__(self, sock: socket.socket, limit: int = 64 * 1024) -> None:
        self.sock, self.limit, self.buffer = sock, limit, bytearray()

    def __call__(self, frame: bytes) -> None:
        self.buffer += frame
        if frame[0] in LAST or len(self.buffer) >= self.limit:
            self.sock.sendall(self.buffer)
            self.buffer.clear()


def serve_worker(sock: socket.socket, store: ox.Store | Callable[[], ox.Store], prefixes: dict[str, str],
                 memory_mib: int = 0) -> None:
    """The worker loop: one request at a time, until the web process closes the socket. ``store``
    is the loaded store or, in disk mode, a function that opens it (called after the fork); the
    memory limit applies from then on."""
    if callable(store):
        try:
            store = store()
        except StoreError as e:
            sock.sendall(framing.encode_json(Frame.READY,
                                             {"ok": False, "error": f"cannot open the on-disk store: {e}"}))
            return
    limit_memory(memory_mib)
    sock.sendall(framing.encode_json(Frame.READY, {"ok": True}))
    send = BufferedSender(sock)
    while True:
        try:
            kind, payload = framing.recv(sock)
        except (EOFError, OSError):
            return
        if kind != Frame.REQUEST:
            return
        started = time.monotonic()
        try:
            execute(store, job_from_json(json.loads(payload)), send, prefixes)
        except (BrokenPipeError, ConnectionResetError):
            return
        if time.monotonic() - started >= _HEAVY_JOB_S:  # the answer has gone out; the next job may wait ms
            release_free_memory()


def main(argv: list[str]) -> int:
    fd, mode, source, expected, prefixes_json = int(argv[0]), ZygoteMode(argv[1]), argv[2], int(argv[3]), argv[4]
    memory_mib = int(argv[5]) if len(argv) > 5 else 0
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the web process's business
    die_with_parent()
    control = socket.socket(fileno=fd)
    store: ox.Store | Callable[[], ox.Store]
    if mode is ZygoteMode.DISK:
        store, quads = functools.partial(open_read_only, Path(source)), expected
    else:
        try:
            store = load_snapshot(source, expected)
        except (OSError, RuntimeError, SyntaxError, ValueError) as e:
            control.sendall(json.dumps({"ready": False, "error": str(e)}).encode() + b"\n")
            return 1
        quads = len(store)
    prefixes = json.loads(prefixes_json)
    control.sendall(json.dumps({"ready": True, "quads": quads}).encode() + b"\n")
    commands = control.makefile("rb")
    for line in commands:
        command = line.split()
        if command[:1] == [b"reap"] and len(command) == 2:
            control.sendall(f"{int(command[1])} {_reap(int(command[1]))}\n".encode())
            continue
        if command != [b"fork"]:
            continue
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        pid = os.fork()
        if pid == 0:
            try:
                commands.close()
                control.close()
                ours.close()
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                die_with_parent()
                serve_worker(theirs, store, prefixes, memory_mib)
            finally:
                os._exit(0)
        theirs.close()
        socket.send_fds(control, [str(pid).encode()], [ours.fileno()])
        ours.close()
    return 0


def _reap(pid: int, patience: float = 5.0) -> int:
    """Wait (at most ``patience`` seconds) for worker ``pid`` to end; its wait status, -1 if it is not
    our child (or already reaped), -2 if it is still running."""
    deadline = time.monotonic() + patience
    try:
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return status
            if time.monotonic() > deadline:
                return -2
            time.sleep(0.001)
    except ChildProcessError:
        return -1


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (BrokenPipeError, ConnectionResetError):
        # the web process closed our control socket (it gave up, e.g. on a damaged store, and says
        # why itself): nothing is left to tell it, and a traceback would only garble its message
        sys.exit(1)
