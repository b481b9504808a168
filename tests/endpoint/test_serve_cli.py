"""``diplokg serve`` start-up: a missing, incomplete or damaged store is a clear one-line error and
a non-zero exit, never an empty endpoint; ``build --if-changed`` skips an up-to-date store."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import httpx

from support.cli_runner import run_cli
from support.server_process import ServerProcess, free_port


def serve(store: Path, *extra: str, port: int = 1) -> subprocess.CompletedProcess[str]:
    """Run ``diplokg serve`` to its end (port 1: it must fail before it would bind)."""
    return subprocess.run([sys.executable, "-m", "diplokg.cli", "serve", "--store", str(store), "--port", str(port),
                           *extra], capture_output=True, text=True, timeout=120)


def flip_a_byte(path: Path, offset: int) -> None:
    """Damage ``path`` in place, keeping its size (so only reading it can tell)."""
    data = bytearray(path.read_bytes())
    data[offset] = ord("#") if data[offset] != ord("#") else ord("<")
    path.write_bytes(bytes(data))


def copy_build(built_store: Path, tmp_path: Path) -> Path:
    target = tmp_path / "store"
    shutil.copytree(built_store.resolve(), target)
    return target


def test_missing_store(tmp_path):
    proc = serve(tmp_path / "nothing")
    assert proc.returncode != 0
    assert "no store at" in proc.stderr and "diplokg build" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_store_without_build_info(tmp_path):
    (tmp_path / "store").mkdir()
    proc = serve(tmp_path / "store")
    assert proc.returncode != 0 and "not a complete diplokg store" in proc.stderr


def test_damaged_dump_is_refused(built_store, tmp_path):
    store = copy_build(built_store, tmp_path)
    with (store / "dumps" / "diplokg.ttl").open("ab") as fh:
        fh.write(b"# tampered\n")
    proc = serve(store)
    assert proc.returncode != 0 and "checksum" in proc.stderr and "Traceback" not in proc.stderr


def test_dump_damaged_in_place_stops_the_server(built_store, tmp_path):
    """Same size, other bytes: found by the checksum check that runs after start; the server stops."""
    store = copy_build(built_store, tmp_path)
    flip_a_byte(store / "dumps" / "diplokg.ttl", 100)
    proc = serve(store, port=free_port())
    assert proc.returncode != 0 and "does not match its recorded checksum" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_truncated_snapshot_is_refused(built_store, tmp_path):
    store = copy_build(built_store, tmp_path)
    snapshot = store / "snapshot.nq"
    lines = snapshot.read_bytes().splitlines(keepends=True)
    snapshot.write_bytes(b"".join(lines[: len(lines) // 2]))
    proc = serve(store)
    assert proc.returncode != 0
    assert "holds" in proc.stderr and "rebuild" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_corrupt_snapshot_is_refused(built_store, tmp_path):
    store = copy_build(built_store, tmp_path)
    (store / "snapshot.nq").write_bytes(b"<not a quad\n")
    proc = serve(store)
    assert proc.returncode != 0 and "the build recorded" in proc.stderr and "Traceback" not in proc.stderr


def test_snapshot_damaged_in_place_stops_the_server(built_store, tmp_path):
    """Same size, other bytes: the server answers from disk at first, then the in-memory load fails
    and it stops with the loader's message rather than go on serving a damaged release."""
    store = copy_build(built_store, tmp_path)
    flip_a_byte(store / "snapshot.nq", 0)
    proc = serve(store, port=free_port())
    assert proc.returncode != 0 and "cannot load the store snapshot" in proc.stderr and "Traceback" not in proc.stderr


def test_disk_only_never_loads_the_snapshot(built_store, tmp_path):
    """--disk-only answers from RocksDB alone: the (damaged) snapshot is never read."""
    store = copy_build(built_store, tmp_path)
    flip_a_byte(store / "snapshot.nq", 0)
    with ServerProcess(store, "--disk-only") as server:
        health = httpx.get(server.url + "health").json()
        assert health["serving_from"] == "disk" and health["in_memory"] == "off"
        r = httpx.get(server.endpoint, params={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
                      headers={"Accept": "text/csv"})
        assert r.status_code == 200 and r.text.split()[1] == str(health["quads"])
        assert server.proc is not None and server.proc.poll() is None


def test_invalid_settings(built_store):
    proc = serve(built_store, "--base-url", "not-a-url")
    assert proc.returncode != 0 and "base URL" in proc.stderr
    proc = subprocess.run([sys.executable, "-m", "diplokg.cli", "serve", "--store", str(built_store)],
                          capture_output=True, text=True, timeout=60,
                          env={"DIPLOKG_TIMEOUT": "soon", "PATH": "/usr/bin"})
    assert proc.returncode != 0 and "invalid value for timeout" in proc.stderr


def test_build_if_changed(tmp_path):
    store = tmp_path / "store"
    first = run_cli("build", "--store", str(store), "--if-changed", "-q")
    assert first.returncode == 0 and "Built store" in first.stdout
    target = store.resolve()
    second = run_cli("build", "--store", str(store), "--if-changed", "-q")
    assert second.returncode == 0 and "up to date" in second.stdout
    assert store.resolve() == target  # not rebuilt
    with (target / "dumps" / "diplokg.ttl").open("ab") as fh:  # a damaged build is rebuilt
        fh.write(b"# tampered\n")
    third = run_cli("build", "--store", str(store), "--if-changed", "-q")
    assert third.returncode == 0 and "Built store" in third.stdout and store.resolve() != target


def test_serve_help_documents_options():
    proc = run_cli("serve", "--help")
    for option in ("--host", "--port", "--store", "--base-url", "--timeout", "--row-cap", "--workers",
                   "--client-concurrency", "--max-body", "--max-url", "--federation-allowlist", "--service-timeout",
                   "DIPLOKG_"):
        assert option in proc.stdout


def _store_processes(server_pid: int) -> list[int]:
    """The zygotes and workers below a server (children and grandchildren)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    children = [p for p, pp in parents.items() if pp == server_pid]
    return children + [p for p, pp in parents.items() if pp in children]


def _maps_jemalloc(pid: int) -> bool:
    return "libjemalloc" in Path(f"/proc/{pid}/maps").read_text()


def test_store_processes_run_with_the_allocator_asked_for(built_store):
    """scripts/test installs libjemalloc2: by default (auto) the zygotes and every worker map it, and
    /health says so; --allocator system leaves them on the C library's malloc; the web process
    itself is never changed."""
    for option, name in ((), "jemalloc"), (("--allocator", "system"), "system"):
        with ServerProcess(built_store, *option) as server:
            assert httpx.get(server.url + "health").json()["allocator"] == name
            r = httpx.get(server.endpoint, params={"query": "ASK {}"}, headers={"Accept": "text/csv"})
            assert r.status_code == 200
            assert server.proc is not None
            processes = _store_processes(server.proc.pid)
            assert len(processes) >= 3, processes  # a zygote (two while switching) and two workers
            assert {_maps_jemalloc(p) for p in processes} == {name == "jemalloc"}
            assert not _maps_jemalloc(server.proc.pid)
