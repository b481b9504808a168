"""The build pipeline: parse → validate → load into a fresh on-disk store → switch atomically."""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .errors import DiplokgError, InvalidDataError
from .layout import Layout
from .loader import LoadedData, Progress, load
from .artifacts import sha256_file, write_artifacts
from .examples_graph import example_quads
from .saved_queries import load_all
from .store import write_store
from .validation import ValidationReport, load_shapes, validate


@dataclass
class BuildResult:
    store: Path
    build_dir: Path
    graph_counts: list[tuple[str, int]]
    report: ValidationReport


def check(layout: Layout, progress: Progress | None = None) -> tuple[LoadedData, ValidationReport]:
    """Parse and validate a source tree without writing anything."""
    if not layout.shape_files():
        raise DiplokgError(f"no SHACL shapes found in {layout.shapes_dir}; refusing to call unvalidated data valid")
    loaded = load(layout, progress)
    if progress:
        progress(f"validating {len(set(loaded.quads))} triples against {len(layout.shape_files())} shape file(s)")
    report = validate(loaded, load_shapes(layout.shape_files()))
    return loaded, report


def build(layout: Layout, store: Path, progress: Progress | None = None) -> BuildResult:
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
    quads = set(loaded.quads) | set(example_quads(load_all(layout.queries_dir).values()))
    counts = Counter(q.graph_name.value for q in quads)  # type: ignore[union-attr]
    graph_counts = sorted(counts.items())
    info = {
        "fingerprint": fingerprint(layout),
        "diplokg_version": __version__,
        "inputs": {f: sha256_file(layout.root / f) for f in loaded.files},
        "graphs": dict(graph_counts),
        "triples": sum(counts.values()),
    }
    if progress:
        progress(f"loading {info['triples']} quads into a new store; writing snapshot, dumps and statistics")
    build_dir = write_store(store, quads, info, lambda target, db: write_artifacts(target, db, layout.queries_dir,
                                                                                 layout.shape_files()))
    return BuildResult(store, build_dir, graph_counts, report)


def fingerprint(layout: Layout) -> str:
    """What a build depends on: every ontology, data and shapes file, and the diplokg version."""
    digest = hashlib.sha256(f"diplokg {__version__}\n".encode())
    for path in layout.ontology_files() + layout.data_files() + layout.shape_files() + layout.query_files():
        digest.update(f"{layout.display(path)} {sha256_file(path)}\n".encode())
    return digest.hexdigest()


def is_up_to_date(layout: Layout, store: Path) -> bool:
    """True if ``store`` is a complete build of exactly these inputs (and its dumps are intact; a
    store from before shapes were published with it counts as out of date)."""
    from .release import open_release

    try:
        release = open_release(store)
    except DiplokgError:
        return False
    return release.info.get("fingerprint") == fingerprint(layout) and release.shapes_dir.is_dir()
