"""Virtuoso Open Source 7 (Debian's package, installed on first use by virtuoso_install): our own
instance in a work directory with its own virtuoso.ini, loaded with Virtuoso's bulk loader
(ld_dir, rdf_loader_run, checkpoint through isql-vt), served at http://127.0.0.1:P/sparql.

Same semantics as the other engines:
- N-Quads keep their graph names through the bulk loader (ld_dir's graph argument only names the
  graph of triples that have none; the dumps have none such).
- A query without FROM sees the union of all graphs, as in Virtuoso by default. A fresh Virtuoso
  database already holds graphs of its own (virtrdf#, its quad-map metadata, ~2500 triples; the
  LDP vocabulary; the endpoint's service description), which would join that union and GRAPH ?g.
  prepare() therefore lists the graphs of the fresh database before loading and makes them private
  (graph-level security: the PrivateGraphs group, no permission for "nobody" on private graphs,
  read on the rest), so the SPARQL endpoint sees exactly the loaded data.
- No truncation and no timeout (virtuoso.ini [SPARQL] and [Parameters], see INI_LIMITS).

Memory: NumberOfBuffers/MaxDirtyBuffers default to Virtuoso's own recommendation for a machine
with 2 GB to spare (170000/130000 pages of 8 KB).
"""

from __future__ import annotations

import secrets
import shutil
import subprocess
import time
from pathlib import Path

from . import net, procs
from .base import Engine, PrepareInfo, ServerCommand, count_quads, plain_nquads
from .virtuoso_install import VirtuosoBinaries, ensure_installed

#: Limits set in virtuoso.ini so that no benchmark answer is cut short (Virtuoso's Debian
#: template caps results at 10000 rows and queries at 60 s, and rejects queries whose estimated
#: cost exceeds 400 s; MaxSortedTopRows caps ORDER BY … LIMIT/OFFSET windows at 10000 rows).
#: MaxSortedTopRows stays at 1 000 000: above it Virtuoso 7.2 (Debian) allocates the window and dies
#: (measured: ORDER BY … LIMIT 5000000, or ORDER BY … OFFSET 1 without LIMIT, which it takes as
#: a window of OFFSET + ResultSetMaxRows, killed the server); at the cap it answers error SR353.
INI_LIMITS = {
    ("SPARQL", "ResultSetMaxRows"): "1000000000",
    ("SPARQL", "MaxQueryExecutionTime"): "0",
    ("SPARQL", "MaxQueryCostEstimationTime"): "0",
    ("Parameters", "MaxSortedTopRows"): "1000000",
}
PRIVATE_GROUP = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"
NO_GRAPH = "urn:x-diplokg-bench:triples-without-graph"


class VirtuosoError(RuntimeError):
    """isql reported an error."""


class VirtuosoEngine(Engine):
    name = "virtuoso"

    def __init__(self, buffers: int = 170000, dirty_buffers: int = 130000, loaders: int = 1,
                 install: bool = True, http_threads: int = 16) -> None:
        super().__init__()
        self.binaries: VirtuosoBinaries = ensure_installed(install)
        self.buffers, self.dirty_buffers = buffers, dirty_buffers
        self.loaders, self.http_threads = loaders, http_threads
        self.password = "dba"
        self.sql_port = 0

    # -- files -------------------------------------------------------------------------------

    @property
    def db_dir(self) -> Path:
        return self._work() / "virtuoso-db"

    @property
    def data_dir(self) -> Path:
        return self._work() / "virtuoso-input"

    def write_ini(self, sql_port: int, http_port: int) -> Path:
        """virtuoso.ini for this instance: its own files, loopback ports, memory, no limits."""
        db, vsp = self.db_dir, self._work() / "virtuoso-vsp"
        db.mkdir(parents=True, exist_ok=True)
        vsp.mkdir(exist_ok=True)
        sections: dict[str, dict[str, str]] = {
            "Database": {"DatabaseFile": f"{db}/virtuoso.db", "ErrorLogFile": f"{db}/virtuoso.log",
                         "LockFile": f"{db}/virtuoso.lck", "TransactionFile": f"{db}/virtuoso.trx",
                         "xa_persistent_file": f"{db}/virtuoso.pxa", "ErrorLogLevel": "7", "FileExtend": "200",
                         "MaxCheckpointRemap": "2000", "Striping": "0", "TempStorage": "TempDatabase"},
            "TempDatabase": {"DatabaseFile": f"{db}/virtuoso-temp.db", "TransactionFile": f"{db}/virtuoso-temp.trx",
                             "MaxCheckpointRemap": "2000", "Striping": "0"},
            "Parameters": {"ServerPort": f"{net.HOST}:{sql_port}", "DisableUnixSocket": "1",
                           "DisableTcpSocket": "0", "MaxClientConnections": str(max(16, self.loaders + 4)),
                           "CheckpointInterval": "60", "CaseMode": "2", "AllowOSCalls": "0",
                           "DirsAllowed": f"., {self.data_dir}", "NumberOfBuffers": str(self.buffers),
                           "MaxDirtyBuffers": str(self.dirty_buffers), "MaxQueryMem": "2G"},
            "HTTPServer": {"ServerPort": f"{net.HOST}:{http_port}", "ServerRoot": str(vsp),
                           "MaxClientConnections": str(self.http_threads), "ServerThreads": str(self.http_threads),
                           "MaxKeepAlives": str(self.http_threads), "KeepAliveTimeout": "10",
                           "EnabledDavVSP": "0", "Charset": "UTF-8"},
            "SPARQL": {},
        }
        for (section, key), value in INI_LIMITS.items():
            sections[section][key] = value
        text = "".join(f"[{name}]\n" + "".join(f"{k} = {v}\n" for k, v in values.items()) + "\n"
                       for name, values in sections.items())
        ini = self._work() / "virtuoso.ini"
        ini.write_text("; written by bench/engines/virtuoso_engine.py\n" + text)
        return ini

    # -- isql --------------------------------------------------------------------------------

    def isql(self, sql: str, timeout: float = 3600) -> str:
        """Run SQL statements (';'-terminated) as dba through isql-vt; raise VirtuosoError on any
        '*** Error' (isql itself exits 0 then)."""
        proc = subprocess.run([self.binaries.isql, f"{net.HOST}:{self.sql_port}", "dba", self.password,
                               "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ECHO=OFF", f"EXEC={sql}"],
                              capture_output=True, text=True, timeout=timeout)
        out = proc.stdout + proc.stderr
        if proc.returncode != 0 or "*** Error" in out:
            raise VirtuosoError(f"isql: {sql[:300]!r} failed (exit {proc.returncode}):\n{out[-2000:]}")
        return out

    # -- prepare -----------------------------------------------------------------------------

    def prepare(self, data: Path, workdir: Path) -> PrepareInfo:
        """``data``: an N-Quads file, gzip or not (decompressed into a directory of its own, the
        one ld_dir reads)."""
        if "'" in str(workdir.resolve()):
            raise ValueError(f"the work directory goes into SQL strings and must not contain a quote: {workdir}")
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir.resolve()
        for d in (self.db_dir, self.data_dir):
            if d.exists():
                shutil.rmtree(d)
        self.data_dir.mkdir(parents=True)
        if data.suffix == ".gz":
            nquads, unzip_s = plain_nquads(data, self.data_dir)
        else:
            nquads, unzip_s = self.data_dir / data.name, 0.0
            shutil.copyfile(data, nquads)
        if nquads.suffix != ".nq":
            nquads = nquads.rename(nquads.with_suffix(".nq"))
        in_file = count_quads(nquads)
        self.password = "dba"  # a new database's
        self.sql_port = net.free_port()
        ini = self.write_ini(self.sql_port, net.free_port())
        log = workdir / "virtuoso-load.log"
        with open(log, "ab") as out:
            t0 = time.perf_counter()
            proc = subprocess.Popen([self.binaries.server, "+foreground", "+configfile", str(ini)], stdout=out,
                                    stderr=subprocess.STDOUT, cwd=self.db_dir, start_new_session=True)
        try:
            self._wait_sql(proc, 600)
            t_ready = time.perf_counter()
            # hex: safe inside an SQL string, and never starts with '-' (isql took such a password for an option:
            # 'Bad login', about 1 run in 30 with token_urlsafe)
            password = secrets.token_hex(16)
            self.isql(f"USER_SET_PASSWORD('dba', '{password}');")
            self.password = password
            (workdir / "virtuoso-dba-password").write_text(self.password)
            system_graphs = self._graphs()
            t_load = time.perf_counter()
            self.isql(f"ld_dir('{self.data_dir}', '*.nq', '{NO_GRAPH}');")
            loaders = [subprocess.Popen([self.binaries.isql, f"{net.HOST}:{self.sql_port}", "dba", self.password,
                                         "VERBOSE=OFF", "BANNER=OFF", "EXEC=rdf_loader_run();"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
                       for _ in range(self.loaders)]
            for loader in loaders:
                out_text = loader.communicate(timeout=24 * 3600)[0]
                if "*** Error" in out_text:
                    raise VirtuosoError(f"rdf_loader_run: {out_text[-2000:]}")
            t_checkpoint = time.perf_counter()
            self.isql("checkpoint;")
            t_loaded = time.perf_counter()
            if self._number("SELECT COUNT(*) FROM DB.DBA.LOAD_LIST WHERE ll_state <> 2 OR ll_error IS NOT NULL;"):
                failed = self.isql("SELECT ll_file, ll_state, ll_error FROM DB.DBA.LOAD_LIST "
                                   "WHERE ll_state <> 2 OR ll_error IS NOT NULL;")
                raise VirtuosoError(f"the bulk loader did not load everything:\n{failed[-2000:]}")
            loaded = self._count_user_quads(system_graphs)
            self._hide(system_graphs)
            peak = procs.peak_rss_bytes(proc.pid)
            t_shutdown = time.perf_counter()
            self._shutdown(proc)
            t_end = time.perf_counter()
        except BaseException:
            procs.stop(proc, timeout=10)
            raise
        return PrepareInfo(t_end - t0, peak, procs.dir_bytes(self.db_dir), {
            "init_s": t_ready - t0, "load_s": t_checkpoint - t_load, "checkpoint_s": t_loaded - t_checkpoint,
            "shutdown_s": t_end - t_shutdown, "decompress_s": unzip_s, "quads_in_file": in_file,
            "quads_loaded": loaded, "system_graphs_hidden": " ".join(system_graphs), "loaders": self.loaders,
            "version": self.binaries.version(),
        })

    def _wait_sql(self, proc: subprocess.Popen[bytes], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise RuntimeError(f"virtuoso-t exited with {proc.returncode}"
                                   f"{procs.log_tail(self.db_dir / 'virtuoso.log')}")
            try:
                self.isql("SELECT 1;", timeout=30)
                return
            except (VirtuosoError, subprocess.TimeoutExpired) as e:
                last = str(e)
            time.sleep(0.05)
        raise RuntimeError(f"virtuoso-t did not accept SQL connections within {timeout:g} s: {last[-500:]}")

    def _graphs(self) -> list[str]:
        out = self.isql("SPARQL SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } };")
        return sorted(line.strip() for line in out.splitlines() if "://" in line or line.strip().startswith("urn:"))

    def _count_user_quads(self, system_graphs: list[str]) -> int:
        not_in = ", ".join(f"<{g}>" for g in system_graphs) or "<urn:x-none>"
        return self._number(f"SPARQL SELECT COUNT(*) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
                            f"FILTER (?g NOT IN ({not_in})) }};")

    def _number(self, sql: str) -> int:
        """The single integer a query returns."""
        out = self.isql(sql)
        numbers = [line.strip() for line in out.splitlines() if line.strip().isdigit()]
        if len(numbers) != 1:
            raise VirtuosoError(f"expected one number from {sql!r}, got:\n{out[-1000:]}")
        return int(numbers[0])

    def _hide(self, system_graphs: list[str]) -> None:
        """Make Virtuoso's own graphs private: the SPARQL endpoint's user ("nobody") gets no access
        to private graphs and read access to all others."""
        sql = [f"DB.DBA.RDF_GRAPH_GROUP_CREATE ('{PRIVATE_GROUP}', 1);"]
        sql += [f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE_GROUP}', '{g}');" for g in system_graphs]
        sql += ["DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1);",
                "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 1, 0);", "checkpoint;"]
        self.isql(" ".join(sql))

    def _shutdown(self, proc: subprocess.Popen[bytes], timeout: float = 600) -> None:
        """isql 'shutdown' (checkpoint, clean exit), then wait; SIGKILL after the timeout."""
        try:
            self.isql("shutdown;", timeout=timeout)
        except VirtuosoError:
            pass  # the connection may drop while the server goes down
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            procs.stop(proc, timeout=10)
            raise RuntimeError("virtuoso-t did not shut down after 'shutdown;'") from None

    # -- serve -------------------------------------------------------------------------------

    def server_command(self) -> ServerCommand:
        if not (self.db_dir / "virtuoso.db").exists():
            raise RuntimeError("virtuoso: prepare() first")
        self.sql_port, http_port = net.free_port(), net.free_port()
        while http_port == self.sql_port:
            http_port = net.free_port()
        ini = self.write_ini(self.sql_port, http_port)
        # a lock file left by a killed instance would stop this one (start() runs one at a time)
        (self.db_dir / "virtuoso.lck").unlink(missing_ok=True)
        return ServerCommand([self.binaries.server, "+foreground", "+configfile", str(ini)],
                             f"http://{net.HOST}:{http_port}/sparql", cwd=self.db_dir)
