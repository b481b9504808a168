"""The build pipeline: parse → validate → load into a fresh on-disk store → switch atomically."""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from diplokg import __version__
from diplokg.build.artifacts import SNAPSHOT, sha256_file, write_publications, write_snapshot
from diplokg.build.stats import graph_counts as graph_counts_of
from diplokg.build.store import new_build
from diplokg.core.errors import DiplokgError
from diplokg.saved_queries.catalog import load_all
from diplokg.saved_queries.examples import example_quads
from diplokg.source.loader import LoadedData, Progress, load
from diplokg.source.tree import SourceTree
from diplokg.validation.errors import InvalidDataError
from diplokg.validation.validate import ValidationReport, load_shapes, validate


@dataclass
class BuildResult:
    store: Path
    build_dir: Path
    graph_counts: list[tuple[str, int]]
    report: ValidationReport


def check(layout: SourceTree, progress: Progress | None = None, engine: str = "sparql"
          ) -> tuple[LoadedData, ValidationReport]:
    """Parse and validate a source tree without writing anything (validation uses every core:
    validation.forked)."""
    if not layout.shape_files():
        raise DiplokgError(f"no SHACL shapes found in {layout.shapes_dir}; refusing to call unvalidated data valid")
    loaded = load(layout, progress)
    if progress:
        progress(f"validating {len(loaded)} triples against {len(layout.shape_files())} shape file(s) "
                 f"with the {engine} engine")
    report = validate(loaded, load_shapes(layout.shape_files()), engine=engine, processes=os.cpu_count() or 1)
    return loaded, report


def build(layout: SourceTree, store: Path, progress: Progress | None = None) -> BuildResult:
    """Validate, then load everything into a new store at ``store``; invalid data raises and leaves
    the existing store untouched."""
    loaded, report = check(layout, progress)
    if not report.conforms:
        raise InvalidDataError(
            f"SHACL validation failed with {len(report.violations)} violation(s); the store was not changed "
            "(run 'diplokg validate' for the report)",
            report,
        )
    # the saved queries, published in the dataset as SPARQL examples (generated from the query files,
    # which are checked here: a malformed query file fails the build)
    loaded.store.bulk_extend(example_quads(load_all(layout.queries_dir).values()))
    graph_counts = graph_counts_of(loaded.store)
    info = {
        "fingerprint": fingerprint(layout),
        "diplokg_version": __version__,
        "inputs": {f: sha256_file(layout.root / f) for f in loaded.files},
        "graphs": dict(graph_counts),
        "triples": sum(n for _, n in graph_counts),
    }
    if progress:
        progress(f"writing snapshot, dumps and statistics of {info['triples']} quads; loading them into a new store")
    with new_build(store) as (build_dir, build_info):
        order = write_snapshot(build_dir, loaded.store)
        # the on-disk store loads the snapshot (in Rust, without the GIL) while the dumps are written;
        # leaving the executor waits for the load, also when writing the dumps fails
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="diplokg-store-load") as loader:
            disk = loader.submit(_load_disk_store, build_dir, build_dir / SNAPSHOT)
            publications = write_publications(build_dir, loaded.store, order, layout.queries_dir,
                                              layout.shape_files())
            disk.result()  # re-raises the load's error
        build_info.update(info, artifacts=publications)
    return BuildResult(store, build_dir, graph_counts, report)


def _load_disk_store(build_dir: Path, snapshot: Path) -> None:
    db = ox.Store(str(build_dir))
    db.bulk_load(path=str(snapshot), format=ox.RdfFormat.N_QUADS)
    db.flush()
    db.optimize()


def fingerprint(layout: SourceTree) -> str:
    """What a build depends on: every ontology, data and shapes file, and the diplokg version."""
    digest = hashlib.sha256(f"diplokg {__version__}\n".encode())
    for path in layout.ontology_files() + layout.data_files() + layout.shape_files() + layout.query_files():
        digest.update(f"{layout.display(path)} {sha256_file(path)}\n".encode())
    return digest.hexdigest()


def is_up_to_date(layout: SourceTree, store: Path) -> bool:
    """True if ``store`` is a complete build of exactly these inputs (and its dumps are intact; a
    store from before shapes were published with it counts as out of date)."""
    from diplokg.build.reader import open_release

    try:
        release = open_release(store)
    except DiplokgError:
        return False
    return release.info.get("fingerprint") == fingerprint(layout) and release.shapes_dir.is_dir()
