"""Oxigraph's own server (PyPI package ``oxigraph``, the Rust CLI): ``oxigraph load`` into a
RocksDB directory, ``oxigraph serve-read-only --union-default-graph`` on loopback."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from . import net, procs
from .base import Engine, PrepareInfo, ServerCommand, plain_nquads


def oxigraph_binary(python: str = sys.executable) -> str:
    """The ``oxigraph`` command installed next to ``python`` (the venv's), else the one on PATH."""
    found = shutil.which("oxigraph", path=str(Path(python).parent)) or shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the oxigraph command is not installed (pip install '.[bench]': PyPI package oxigraph)")
    return found


class OxigraphEngine(Engine):
    name = "oxigraph"

    def __init__(self, binary: str | None = None) -> None:
        super().__init__()
        self.binary = binary or oxigraph_binary()
        self.location: Path | None = None

    def prepare(self, data: Path, workdir: Path) -> PrepareInfo:
        """``data``: an N-Quads file, gzip or not (decompressed first: the CLI guesses the format
        from the extension and does not read gzip)."""
        workdir.mkdir(parents=True, exist_ok=True)
        self.workdir = workdir
        nquads, unzip_s = plain_nquads(data, workdir / "input")
        location = workdir / "oxigraph"
        if location.exists():
            shutil.rmtree(location)
        measured = procs.run_measured([self.binary, "load", "--location", str(location), "--file", str(nquads)],
                                      workdir / "oxigraph-load.log")
        self.location = location
        return PrepareInfo(measured.seconds, measured.peak_rss_bytes, procs.dir_bytes(location),
                           {"decompress_s": unzip_s, "version": self.version()})

    def version(self) -> str:
        out = subprocess.run([self.binary, "--version"], capture_output=True, text=True, timeout=30)
        return out.stdout.strip()

    def server_command(self) -> ServerCommand:
        if self.location is None:
            raise RuntimeError("oxigraph: prepare() first")
        port = net.free_port()
        return ServerCommand([self.binary, "serve-read-only", "--location", str(self.location),
                              "--bind", f"{net.HOST}:{port}", "--union-default-graph"],
                             f"http://{net.HOST}:{port}/query")
