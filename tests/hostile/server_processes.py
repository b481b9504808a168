"""The processes behind a ``diplokg serve``: its zygotes and their query workers, read from /proc,
so that tests can prove a killed worker was replaced and reaped (no zombie, no leak)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Proc:
    pid: int
    ppid: int
    state: str
    rss_kib: int


def _read(pid: int) -> Proc | None:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return None
    fields = stat[stat.rindex(")") + 2:].split()  # after "pid (comm) "
    rss = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return Proc(pid, int(fields[1]), fields[0], rss)


def children(pid: int) -> list[Proc]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            proc = _read(int(entry.name))
            if proc is not None and proc.ppid == pid:
                found.append(proc)
    return found


def workers(server_pid: int) -> list[Proc]:
    """Every process forked by the server's zygotes (live workers and any unreaped zombies)."""
    return [w for zygote in children(server_pid) for w in children(zygote.pid)]


def threads(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/task").iterdir()))


def open_fds(pid: int) -> int:
    return len(list(Path(f"/proc/{pid}/fd").iterdir()))
