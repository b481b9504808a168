"""Engine adapters for the benchmark: five SPARQL servers driven through one interface.

=================  ==============================================  =======================
name               what runs                                       prepare(data, …) reads
=================  ==============================================  =======================
diplokg            ``diplokg build`` + ``diplokg serve``           a source tree
oxigraph-memory    ``oxigraph serve`` in memory, ``POST /store``   an N-Quads file (.gz ok)
oxigraph           ``oxigraph load`` + ``serve-read-only``         an N-Quads file (.gz ok)
virtuoso           Debian's Virtuoso 7, bulk loader, own ini       an N-Quads file (.gz ok)
rdflib-endpoint    rdflib Dataset + rdflib-endpoint on uvicorn     an N-Quads file (.gz ok)
=================  ==============================================  =======================

The interface (base.Engine)::

    engine = create("oxigraph")                   # or ENGINES["oxigraph"](**options)
    info = engine.prepare(data, workdir)          # PrepareInfo: seconds, peak_rss_bytes, disk_bytes, details
    started = engine.start()                      # StartInfo: seconds (launch -> first answer), pids, details
    engine.query_url                              # SPARQL protocol URL: GET ?query=… or POST form-encoded
    engine.rss_bytes()                            # resident memory of the server's process tree now
    engine.pss_bytes()                            # the same with shared pages counted once
    engine.stop()                                 # clean shutdown, SIGKILL on timeout, nothing left over

``start``/``stop`` may be repeated (each start is a cold start from the prepared files; for
oxigraph-memory, launch and load over HTTP: it keeps nothing on disk); an engine
is also a context manager that stops on exit. All servers listen on 127.0.0.1 on free ports and
log to files in the work directory.

Same semantics everywhere: every triple of the data is in a named graph; a query without FROM
sees the union of the named graphs; GRAPH ?g ranges over exactly the loaded named graphs; no
engine truncates results or times out queries (diplokg's row cap and budget are lifted, Virtuoso's
ini limits too: see virtuoso_engine.INI_LIMITS). The diplokg build writes the N-Quads file the
other engines load: ``DiplokgEngine.nquads_path`` after prepare.

Importing: bench/ is not an installed package. ``python bench/bench.py`` has bench/ on sys.path,
so ``from engines import create`` works there; elsewhere put bench/ on sys.path first.
"""

from __future__ import annotations

from typing import Any

from .base import Engine, PrepareInfo, StartInfo
from .diplokg_engine import DiplokgEngine
from .oxigraph_engine import OxigraphEngine
from .oxigraph_memory_engine import OxigraphMemoryEngine
from .rdflib_engine import RdflibEndpointEngine
from .virtuoso_engine import VirtuosoEngine

#: Engine classes by name, in the order results are reported.
ENGINES: dict[str, type[Engine]] = {
    DiplokgEngine.name: DiplokgEngine,
    OxigraphMemoryEngine.name: OxigraphMemoryEngine,
    OxigraphEngine.name: OxigraphEngine,
    VirtuosoEngine.name: VirtuosoEngine,
    RdflibEndpointEngine.name: RdflibEndpointEngine,
}


def create(name: str, **options: Any) -> Engine:
    """A new engine adapter by name (options go to its constructor)."""
    try:
        cls = ENGINES[name]
    except KeyError:
        raise ValueError(f"unknown engine {name!r} (known: {', '.join(ENGINES)})") from None
    return cls(**options)


__all__ = [
    "ENGINES",
    "DiplokgEngine",
    "Engine",
    "OxigraphEngine",
    "OxigraphMemoryEngine",
    "PrepareInfo",
    "RdflibEndpointEngine",
    "StartInfo",
    "VirtuosoEngine",
    "create",
]
