"""The interface every engine adapter implements (see the package docstring) and the server
lifecycle they share: start a process on a free loopback port with its own log, time it until it
answers a first query, measure its memory, stop it with nothing left behind."""

from __future__ import annotations

import abc
import gzip
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import ClassVar

from . import net, procs

Detail = float | int | str


@dataclass(frozen=True)
class PrepareInfo:
    """What loading (or building) cost.

    seconds: wall time of the load or build (for Virtuoso: fresh database, bulk load, checkpoint,
        shutdown; decompressing the input is not included, see details["decompress_s"]).
    peak_rss_bytes: peak resident memory of the loading process(es).
    disk_bytes: on-disk size of what the server will serve from.
    details: engine-specific figures (phases, quad counts, paths).
    """

    seconds: float
    peak_rss_bytes: int
    disk_bytes: int
    details: dict[str, Detail] = field(default_factory=dict)


@dataclass(frozen=True)
class StartInfo:
    """A started server: seconds from launching the process until it answered its first query
    (net.PROBE_QUERY over HTTP), and the ids of its process tree at that moment."""

    seconds: float
    pids: tuple[int, ...]
    details: dict[str, Detail] = field(default_factory=dict)


@dataclass(frozen=True)
class ServerCommand:
    """How to launch one server: command line, working directory, and the URL it will answer on."""

    argv: list[str]
    query_url: str
    cwd: Path | None = None
    env: dict[str, str] | None = None


class Engine(abc.ABC):
    """One SPARQL engine under benchmark. Use: ``prepare`` once, then ``start`` / ``stop`` as often
    as needed (each start is a cold start from the prepared files); ``with engine:`` stops it."""

    name: ClassVar[str]
    #: signal for a clean shutdown; SIGKILL follows after stop()'s timeout
    stop_signal: ClassVar[int] = signal.SIGTERM

    def __init__(self) -> None:
        self.workdir: Path | None = None
        self._proc: subprocess.Popen[bytes] | None = None
        self._url: str | None = None

    # -- to implement ------------------------------------------------------------------------

    @abc.abstractmethod
    def prepare(self, data: Path, workdir: Path) -> PrepareInfo:
        """Load (or build) ``data`` into files under ``workdir`` (created if missing)."""

    @abc.abstractmethod
    def server_command(self) -> ServerCommand:
        """The command that serves the prepared files, on fresh free loopback port(s)."""

    # -- shared lifecycle --------------------------------------------------------------------

    @property
    def query_url(self) -> str:
        """SPARQL protocol URL of the running server (GET ?query=… or POST form-encoded)."""
        if self._url is None:
            raise RuntimeError(f"{self.name} is not running")
        return self._url

    @property
    def pid(self) -> int:
        if self._proc is None:
            raise RuntimeError(f"{self.name} is not running")
        return self._proc.pid

    @property
    def log_path(self) -> Path:
        return self._work() / f"{self.name}-serve.log"

    def start(self, timeout: float = 600) -> StartInfo:
        """Start the server and return once it answers a query; cold start = launch to answer."""
        if self._proc is not None:
            raise RuntimeError(f"{self.name} is already running")
        cmd = self.server_command()
        with open(self.log_path, "ab") as log:
            started = time.perf_counter()
            self._proc = subprocess.Popen(cmd.argv, stdout=log, stderr=subprocess.STDOUT, cwd=cmd.cwd,
                                          env=cmd.env, start_new_session=True)
        try:
            seconds = net.wait_until_answering(cmd.query_url, self._proc, started, timeout, self.name)
        except BaseException as e:
            self.stop()
            if isinstance(e, RuntimeError):
                raise RuntimeError(f"{e}{procs.log_tail(self.log_path)}") from None
            raise
        self._url = cmd.query_url
        return StartInfo(seconds, tuple(procs.tree(self._proc.pid)), self.start_details())

    def running(self) -> bool:
        """True while the server process is alive (False after a crash)."""
        return self._proc is not None and self._proc.poll() is None

    def start_details(self) -> dict[str, Detail]:
        """Extra figures of a start (override where the engine reports any)."""
        return {}

    def rss_bytes(self) -> int:
        """Current resident memory of the server's process tree (sum of VmRSS)."""
        return procs.tree_rss_bytes(self.pid)

    def pss_bytes(self) -> int:
        """Current proportional memory of the server's process tree (shared pages counted once)."""
        return procs.tree_pss_bytes(self.pid)

    def stop(self, timeout: float = 30) -> None:
        """Clean shutdown, SIGKILL after ``timeout``; afterwards no process of the server is left."""
        proc, self._proc, self._url = self._proc, None, None
        if proc is not None:
            procs.stop(proc, self.stop_signal, timeout)

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def _work(self) -> Path:
        if self.workdir is None:
            raise RuntimeError(f"{self.name}: prepare() first")
        return self.workdir


def plain_nquads(data: Path, directory: Path) -> tuple[Path, float]:
    """``data`` as an uncompressed N-Quads file: gzip input is decompressed into ``directory``
    (name without .gz); returns the path and the seconds spent decompressing."""
    if data.suffix != ".gz":
        return data.resolve(), 0.0
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / data.with_suffix("").name
    start = time.perf_counter()
    with gzip.open(data, "rb") as src, open(target, "wb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
    return target, time.perf_counter() - start


def count_quads(path: Path) -> int:
    """Statements in an N-Quads/N-Triples file (non-blank lines that are not comments)."""
    n = 0
    with open(path, "rb") as f:
        for line in f:
            s = line.strip()
            if s and not s.startswith(b"#"):
                n += 1
    return n
