"""Processes of the benchmark engines, read from /proc: the tree under a process, its resident
memory, whether a process (not just its id) is still alive; running a loader with its peak memory
(``wait4``), and stopping a server with a deadline.

Linux only (it reads /proc). No psutil: the benchmark needs nothing it does not already have.
"""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass(frozen=True)
class ProcessId:
    """A process id with the process's start time (clock ticks since boot), so that a recycled id
    is not mistaken for the process we started."""

    pid: int
    start: int

    @classmethod
    def of(cls, pid: int) -> ProcessId | None:
        stat = _stat(pid)
        return None if stat is None else cls(pid, int(stat[19]))

    def alive(self) -> bool:
        """True while the process runs (a zombie, dead but not yet reaped, counts as gone)."""
        stat = _stat(self.pid)
        return stat is not None and int(stat[19]) == self.start and stat[0] != "Z"


def _stat(pid: int) -> list[str] | None:
    """Fields of /proc/PID/stat after the command name: [state, ppid, …] (index 0 = field 3)."""
    try:
        raw = Path(f"/proc/{pid}/stat").read_bytes().decode(errors="replace")
    except OSError:
        return None
    return raw[raw.rindex(")") + 2:].split()


def children_map() -> dict[int, list[int]]:
    """Parent id -> ids of its children, for every process visible in /proc."""
    out: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None:
                out.setdefault(int(stat[1]), []).append(int(entry.name))
    return out


def tree(pid: int) -> list[int]:
    """The process and all its descendants (ids), the process first."""
    kids = children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def _status_kb(pid: int, key: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def rss_bytes(pid: int) -> int:
    """Current resident memory of one process (VmRSS)."""
    return _status_kb(pid, "VmRSS") * 1024


def peak_rss_bytes(pid: int) -> int:
    """Peak resident memory of one process so far (VmHWM)."""
    return _status_kb(pid, "VmHWM") * 1024


def pss_bytes(pid: int) -> int:
    """Proportional set size of one process (shared pages divided among their sharers)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def tree_rss_bytes(pid: int) -> int:
    """Sum of VmRSS over the process and its descendants. Pages shared between forked processes
    are counted once per process (see tree_pss_bytes for the fair share)."""
    return sum(rss_bytes(p) for p in tree(pid))


def tree_pss_bytes(pid: int) -> int:
    """Sum of PSS over the process and its descendants: shared pages counted once in total."""
    return sum(pss_bytes(p) for p in tree(pid))


def dir_bytes(path: Path) -> int:
    """Bytes on disk (allocated blocks) of a file or directory tree, symlinks not followed except
    for the top one."""
    path = path.resolve()
    if path.is_file():
        return path.stat().st_blocks * 512
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_blocks * 512
            except OSError:
                pass
    return total


@dataclass(frozen=True)
class Measured:
    """Wall time and peak resident memory of a finished command."""

    seconds: float
    peak_rss_bytes: int


def run_measured(argv: list[str], log: Path, *, cwd: Path | None = None, env: dict[str, str] | None = None,
                 timeout: float = 3600) -> Measured:
    """Run a command to completion (output appended to ``log``) and return its wall time and peak
    RSS. The peak comes from ``wait4``: Linux reports the largest of the process and of the
    descendants it waited for. Raises RuntimeError (with the log's tail) if the command fails or
    outlives ``timeout`` (it is killed then)."""
    with open(log, "ab") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=env,
                                start_new_session=True)
    timer = threading.Timer(timeout, lambda: _killpg(proc.pid))
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed (exit {proc.returncode}){log_tail(log)}")
    return Measured(seconds, usage.ru_maxrss * 1024)


def log_tail(log: Path, chars: int = 3000) -> str:
    """The end of a log file, for error messages."""
    try:
        text = log.read_text(errors="replace")
    except OSError:
        return ""
    return ":\n" + text[-chars:] if text.strip() else ""


def _killpg(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def stop(proc: subprocess.Popen[bytes], sig: int = signal.SIGTERM, timeout: float = 30) -> None:
    """Stop a server started with ``start_new_session=True``: send ``sig`` to it, wait up to
    ``timeout`` seconds for it and every descendant it had to end, then SIGKILL what is left
    (by id, and its process group). Raises RuntimeError if anything survives that."""
    if proc.poll() is not None and not _session_members(proc.pid):
        return
    family = [p for p in (ProcessId.of(pid) for pid in tree(proc.pid)) if p is not None]
    try:
        proc.send_signal(sig)
    except ProcessLookupError:
        pass
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        proc.poll()
        if not any(p.alive() for p in family) and not _session_members(proc.pid):
            proc.wait()  # dead: reap it (it may have died after the poll above)
            return
        time.sleep(0.05)
    for p in family:
        if p.alive():
            try:
                os.kill(p.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    _killpg(proc.pid)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        pass
    time.sleep(0.2)
    left = [p.pid for p in family if p.alive()] + _session_members(proc.pid)
    if left:
        raise RuntimeError(f"processes {sorted(set(left))} survived SIGKILL")


def _session_members(sid: int) -> list[int]:
    """Live processes of the session (and process group) ``sid`` that start_new_session created,
    including daemons that left the tree."""
    out = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            # fields: state, ppid, pgrp, session
            if stat is not None and stat[0] != "Z" and (int(stat[2]) == sid or int(stat[3]) == sid):
                out.append(int(entry.name))
    return out
