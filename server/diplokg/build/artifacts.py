"""What a build writes next to the on-disk store, for the server to publish unchanged:

- ``snapshot.nq`` — every quad, sorted (the server loads it into memory; the RocksDB store is the
  query store of the command line);
- ``dumps/`` — the downloads (TriG, N-Quads gzip, Turtle union, N-Triples gzip, JSON-LD) with a
  ``manifest.json`` of sizes and SHA-256 checksums; gzip members carry no time stamp, so the same
  data always gives byte-identical files;
- ``void-stats.json`` — the VoID statistics of the dataset;
- ``names.sqlite`` — the names of every labelled entity, for search and reconciliation (``build.names``);
- ``queries/`` and ``shapes/`` — copies of the saved queries and of the SHACL shapes the data was
  validated against, so that the server publishes exactly those.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, cast

import pyoxigraph as ox

from diplokg.build.dump import DumpOrder, dump_order, write_items
from diplokg.build.names import write_name_index

SNAPSHOT = "snapshot.nq"
DUMPS = "dumps"
MANIFEST = "manifest.json"
VOID_STATS = "void-stats.json"
#: gzip's own default: level 9 took 2-3 times as long for 1-3 % smaller dumps (1 M triples)
GZIP_LEVEL = 6


@dataclass(frozen=True)
class DumpSpec:
    file: str
    dump_format: str  # a format name of dump.FORMATS
    media_type: str
    w3c: str
    gzip: bool
    graphs: bool  # keeps the named graphs
    title: str


DUMP_SPECS: tuple[DumpSpec, ...] = (
    DumpSpec("diplokg.trig", "trig", "application/trig", "http://www.w3.org/ns/formats/TriG", False, True,
             "All named graphs (TriG)"),
    DumpSpec("diplokg.nq.gz", "nq", "application/n-quads", "http://www.w3.org/ns/formats/N-Quads", True, True,
             "All named graphs (N-Quads, gzip)"),
    DumpSpec("diplokg.ttl", "ttl", "text/turtle", "http://www.w3.org/ns/formats/Turtle", False, False,
             "Union of all graphs (Turtle)"),
    DumpSpec("diplokg.nt.gz", "nt", "application/n-triples", "http://www.w3.org/ns/formats/N-Triples", True, False,
             "Union of all graphs (N-Triples, gzip)"),
    DumpSpec("diplokg.jsonld", "jsonld", "application/ld+json", "http://www.w3.org/ns/formats/JSON-LD", False, True,
             "All named graphs (JSON-LD)"),
)


QUERIES = "queries"
SHAPES = "shapes"


def write_artifacts(build_dir: Path, store: ox.Store, queries_dir: Path | None = None,
                    shape_files: Sequence[Path] = ()) -> dict[str, object]:
    """Write snapshot, dumps and statistics for a freshly built store, and copies of the saved
    queries and the shape files it was built with; returns a summary for the build info."""
    order = write_snapshot(build_dir, store)
    return write_publications(build_dir, store, order, queries_dir, shape_files)


def write_snapshot(build_dir: Path, store: ox.Store) -> DumpOrder:
    """Sort the content once and write ``snapshot.nq``; returns the order for the dumps."""
    order = dump_order(store)
    with (build_dir / SNAPSHOT).open("wb") as fh:
        write_items(order, "nq", fh)
    return order


def write_publications(build_dir: Path, store: ox.Store, order: DumpOrder, queries_dir: Path | None = None,
                       shape_files: Sequence[Path] = ()) -> dict[str, object]:
    """Everything published besides the snapshot: dumps with their manifest, VoID statistics, the
    name index of search and reconciliation, copies of the saved queries and shapes."""
    (build_dir / QUERIES).mkdir()
    for query in sorted(queries_dir.glob("*.rq")) if queries_dir else []:
        shutil.copyfile(query, build_dir / QUERIES / query.name)
    (build_dir / SHAPES).mkdir()
    for shapes in shape_files:
        shutil.copyfile(shapes, build_dir / SHAPES / shapes.name)
    dumps = build_dir / DUMPS
    dumps.mkdir()
    entries = []
    for spec in DUMP_SPECS:
        target = dumps / spec.file
        if spec.dump_format == "nq":
            _gzip_copy(build_dir / SNAPSHOT, target)
        elif spec.gzip:
            with target.open("wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0,
                                                         compresslevel=GZIP_LEVEL) as fh:
                write_items(order, spec.dump_format, cast(BinaryIO, fh))  # a GzipFile is a binary file
        else:
            with target.open("wb") as fh:
                write_items(order, spec.dump_format, fh)
        entries.append({**spec.__dict__, "bytes": target.stat().st_size, "sha256": sha256_file(target)})
    (dumps / MANIFEST).write_text(json.dumps(entries, indent=2), encoding="utf-8")
    stats = void_statistics(store)
    (build_dir / VOID_STATS).write_text(json.dumps(stats, indent=2, sort_keys=True), encoding="utf-8")
    return {"snapshot": SNAPSHOT, "snapshot_quads": order.nquads.count(b"\n"),
            "snapshot_bytes": (build_dir / SNAPSHOT).stat().st_size, "dumps": [e["file"] for e in entries],
            "names": write_name_index(build_dir, store)}


def _gzip_copy(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("wb") as raw, \
            gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=GZIP_LEVEL) as dst:
        shutil.copyfileobj(src, dst, 1 << 20)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while block := fh.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


_Q_TOTALS = """SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects)
                      (COUNT(DISTINCT ?p) AS ?properties)
               WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"""
_Q_CLASSES = "SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY ?c"
_Q_PROPERTIES = """SELECT ?p (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }
                   GROUP BY ?p ORDER BY ?p"""
_Q_SOURCES = """SELECT DISTINCT ?source WHERE {
  VALUES ?type { <https://w3id.org/diplokg/ontology#SourceDocument>
                 <https://w3id.org/diplokg/ontology#ReferenceDataset> }
  ?source a ?type } ORDER BY ?source"""
_Q_GRAPHS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"


def void_statistics(store: ox.Store) -> dict[str, object]:
    """VoID figures of the default graph as the endpoint exposes it (the union of the named graphs)."""

    def select(query: str) -> ox.QuerySolutions:
        solutions = store.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions), "a SELECT query has solutions"
        return solutions

    def rows(query: str) -> list[tuple[str, int]]:
        out = []
        for sol in select(query):
            out.append((sol[0].value, int(sol[1].value)))
        return out

    totals = next(iter(select(_Q_TOTALS)))
    return {
        "triples": int(totals["triples"].value),
        "distinct_subjects": int(totals["subjects"].value),
        "distinct_objects": int(totals["objects"].value),
        "properties": int(totals["properties"].value),
        "quads": len(store),
        "classes": dict(rows(_Q_CLASSES)),
        "property_triples": dict(rows(_Q_PROPERTIES)),
        "graphs": dict(rows(_Q_GRAPHS)),
        "sources": [sol["source"].value for sol in select(_Q_SOURCES)],
    }


def load_manifest(build_dir: Path) -> list[dict[str, Any]]:
    manifest: list[dict[str, Any]] = json.loads((build_dir / DUMPS / MANIFEST).read_text(encoding="utf-8"))
    return manifest


def load_void_statistics(build_dir: Path) -> dict[str, Any]:
    stats: dict[str, Any] = json.loads((build_dir / VOID_STATS).read_text(encoding="utf-8"))
    return stats
