"""A Virtuoso Open Source server of its own on loopback (Debian's virtuoso-opensource, which
scripts/test installs), with an empty database, for the ``sparql`` backend tests.

The database is made by the benchmark's Virtuoso adapter (bench/engines/virtuoso_engine.py): its
own virtuoso.ini and ports, a random dba password, Virtuoso's own graphs made private, no row or
time limit of its own. ``diplokg publish`` then loads a release into it, through the Graph Store
Protocol (``graph_store``, digest authentication as dba) or the bulk loader (``sql`` with
``load_dir``, a directory in its DirsAllowed)."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from support.cli_runner import REPO, run_cli

sys.path.insert(0, str(REPO / "bench"))  # bench/ is not an installed package

from engines import net, procs
from engines.virtuoso_engine import VirtuosoEngine


class _LimitedVirtuoso(VirtuosoEngine):
    """The benchmark's Virtuoso, with limits of its own in virtuoso.ini's [SPARQL] section (the
    benchmark sets none): a time limit for every query, a row limit for every result (0: none)."""

    def __init__(self, max_query_seconds: int, max_rows: int, **options: int) -> None:
        super().__init__(**options)
        self.limits = {"MaxQueryExecutionTime": (0, max_query_seconds), "ResultSetMaxRows": (1000000000, max_rows)}

    def write_ini(self, sql_port: int, http_port: int) -> Path:
        ini = super().write_ini(sql_port, http_port)
        text = ini.read_text()
        for key, (unlimited, value) in self.limits.items():
            assert f"{key} = {unlimited}\n" in text
            if value:
                text = text.replace(f"{key} = {unlimited}\n", f"{key} = {value}\n")
        ini.write_text(text)
        return ini


class VirtuosoInstance:
    def __init__(self, workdir: Path, buffers: int = 20000, max_query_seconds: int = 0, max_rows: int = 0) -> None:
        self.workdir = workdir
        self.engine = _LimitedVirtuoso(max_query_seconds, max_rows, buffers=buffers, dirty_buffers=buffers * 3 // 4)
        self.proc: subprocess.Popen[bytes] | None = None
        self.command: Any = None
        self.query_url = ""

    # -- what a test needs --------------------------------------------------------------------
    @property
    def graph_store(self) -> str:
        return self.query_url.removesuffix("/sparql") + "/sparql-graph-crud-auth"

    @property
    def sql(self) -> str:
        return f"{net.HOST}:{self.engine.sql_port}"

    @property
    def password(self) -> str:
        return self.engine.password

    @property
    def load_dir(self) -> Path:
        return self.engine.data_dir

    def password_file(self) -> Path:
        path = self.workdir / "dba-password"
        path.write_text(self.password + "\n")
        return path

    def publish(self, store: Path) -> None:
        """``diplokg publish`` the release built in ``store`` into this Virtuoso (Graph Store Protocol)."""
        run_cli("publish", "--store", str(store), "--to", self.graph_store, "--query-url", self.query_url,
                "--engine-user", "dba", "--engine-password-file", str(self.password_file()), "--engine-auth", "digest",
                "--quiet", check=True)

    @property
    def serve_options(self) -> tuple[str, ...]:
        """The options of ``diplokg serve`` that make this Virtuoso its query engine."""
        return ("--backend", "sparql", "--engine-url", self.query_url)

    def isql(self, sql: str) -> str:
        return self.engine.isql(sql)

    # -- life cycle ---------------------------------------------------------------------------
    def start(self) -> VirtuosoInstance:
        empty = self.workdir / "empty.nq"
        empty.parent.mkdir(parents=True, exist_ok=True)
        empty.write_text("")
        self.engine.prepare(empty, self.workdir)
        self.command = self.engine.server_command()
        self.query_url = self.command.query_url
        self._launch()
        return self

    def _launch(self) -> None:
        started = time.perf_counter()
        (self.engine.db_dir / "virtuoso.lck").unlink(missing_ok=True)  # left by a crashed instance
        with open(self.workdir / "virtuoso-serve.log", "ab") as log:
            self.proc = subprocess.Popen(self.command.argv, cwd=self.command.cwd, stdout=log, stderr=subprocess.STDOUT,
                                         start_new_session=True)
        net.wait_until_answering(self.query_url, self.proc, started, 120, "virtuoso-t")

    def restart(self, max_rows: int | None = None) -> None:
        """Start the server again on the same ports and database (after it crashed or was stopped),
        with another row limit if ``max_rows`` is given (0: none)."""
        self.stop()
        if max_rows is not None:
            self.engine.limits["ResultSetMaxRows"] = (1000000000, max_rows)
            http_port = int(self.query_url.rsplit(":", 1)[1].split("/")[0])
            self.engine.write_ini(self.engine.sql_port, http_port)
        self._launch()

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def stop(self) -> None:
        if self.proc is not None:
            procs.stop(self.proc, timeout=30)

    def __enter__(self) -> VirtuosoInstance:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
