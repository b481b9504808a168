"""Start ``diplokg serve`` as a real process on a free loopback port, wait until /health says ok
and the in-memory copy is loaded (unless --disk-only), and stop it afterwards (used by the endpoint
tests and the benchmark)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

#: options for servers that tests deliberately send many failing requests from one address
NO_ERROR_BUDGET = ("--client-errors", "0")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerProcess:
    def __init__(self, store: Path, *options: str, log: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.endpoint = self.url + "sparql"
        self.log = log
        self.options = options
        self.store = store
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> ServerProcess:
        out = open(self.log, "wb") if self.log else subprocess.DEVNULL  # noqa: SIM115 - closed below
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "diplokg.cli", "serve", "--store", str(self.store), "--port", str(self.port),
             *self.options],
            stdout=out, stderr=subprocess.STDOUT if self.log else subprocess.DEVNULL,
            env={**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"},
        )
        if self.log:
            out.close()  # the child has its own copy
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"diplokg serve exited with {self.proc.returncode}" + self._log_tail())
            try:
                health = httpx.get(self.url + "health", timeout=2)
                # settled: answering from memory, or from disk by choice (--disk-only)
                if health.status_code == 200 and health.json()["in_memory"] in ("loaded", "off"):
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError("diplokg serve did not become healthy" + self._log_tail())

    def _log_tail(self) -> str:
        if self.log and self.log.exists():
            return ":\n" + self.log.read_text(errors="replace")[-3000:]
        return ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
