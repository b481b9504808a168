"""The on-disk pyoxigraph store: atomic builds and read-only opening.

Layout on disk, for ``--store var/store``::

    var/store                -> symlink to var/.store.builds/<build-id>
    var/.store.builds/<id>/  one complete RocksDB store per successful build

A build writes a new directory, fills it, closes it, and only then replaces the ``store`` symlink
with ``os.replace`` (an atomic rename). A failed or interrupted build therefore never touches the
store that is being served; the previous build is kept one generation for rollback.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path

import pyoxigraph as ox

from diplokg.build.errors import QueryError, StoreError
from diplokg.core.namespaces import PREFIXES

BUILD_INFO = "diplokg-build.json"
#: errors of a disk that is full, over quota, read-only or failing
_WRITE_FAILURES = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EROFS, errno.EIO}


def builds_dir(store: Path) -> Path:
    return store.parent / f".{store.name}.builds"


@contextlib.contextmanager
def new_build(store: Path) -> Iterator[tuple[Path, dict[str, object]]]:
    """Yield a fresh build directory and the build information to fill in; on normal exit write the
    information and atomically make the directory the current store; on any exception remove it
    and leave the current store as it was."""
    store = store.absolute()
    if store.exists() and not store.is_symlink():
        raise StoreError(
            f"{store} exists and is not a store built by diplokg (expected a symlink); move it away or choose "
            "another --store"
        )
    parent = builds_dir(store)
    parent.mkdir(parents=True, exist_ok=True)
    build_id = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}"
    target = parent / build_id
    info: dict[str, object] = {}
    try:
        target.mkdir()
        yield target, info
        (target / BUILD_INFO).write_text(json.dumps(info, indent=2, sort_keys=True), encoding="utf-8")
        link_tmp = parent / f".link-{build_id}"
        link_tmp.symlink_to(target)
        os.replace(link_tmp, store)  # atomic switch
    except OSError as e:
        shutil.rmtree(target, ignore_errors=True)
        if e.errno in _WRITE_FAILURES:
            current = f"it still serves {os.readlink(store)}" if store.is_symlink() else "there is no store yet"
            raise StoreError(f"the new build could not be written in {parent} ({e.strerror}); the store {store} is "
                             f"unchanged: {current}") from e
        raise
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    _prune(parent, keep={target.name, *_current_names(store)}, generations=2)


def write_store(
    store: Path,
    quads: Iterable[ox.Quad],
    info: dict[str, object],
    artifacts: Callable[[Path, ox.Store], dict[str, object]] | None = None,
) -> Path:
    """Load quads into a fresh store directory, let ``artifacts`` write what is published with it
    (dumps, snapshot, statistics) into the same directory, and atomically make it the current store."""
    with new_build(store) as (target, build_info_):
        db = ox.Store(str(target))
        db.bulk_extend(quads)
        db.flush()
        db.optimize()
        build_info_.update(info)
        if artifacts is not None:
            build_info_["artifacts"] = artifacts(target, db)
        del db
    return target


def _current_names(store: Path) -> set[str]:
    try:
        return {Path(os.readlink(store)).name}
    except OSError:
        return set()


def _prune(parent: Path, keep: set[str], generations: int) -> None:
    builds = sorted((p for p in parent.iterdir() if p.is_dir() and not p.name.startswith(".")), key=lambda p: p.name)
    for old in builds[:-generations]:
        if old.name not in keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in parent.glob(".link-*"):
        stale.unlink(missing_ok=True)


def open_read_only(store: Path) -> ox.Store:
    """Open a built store for reading; a missing or corrupt store is a clear error."""
    if not store.exists():
        raise StoreError(f"no store at {store}; run 'diplokg build --store {store}' first")
    if not (store / BUILD_INFO).is_file():
        raise StoreError(f"{store} is not a complete diplokg store (no {BUILD_INFO}); rebuild it")
    try:
        return ox.Store.read_only(str(store))
    except (OSError, RuntimeError) as e:  # RocksDB reports damaged files as RuntimeError ("Corruption: …")
        raise StoreError(f"cannot open store {store}: {e}") from None


def build_info(store: Path) -> dict[str, object]:
    try:
        info: dict[str, object] = json.loads((store / BUILD_INFO).read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise StoreError(f"cannot read build information of {store}: {e}") from None
    return info


Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def run_query(store: ox.Store, sparql: str, substitutions: Mapping[ox.Variable, Term] | None = None
              ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
    """Evaluate a query over the union of all named graphs (the registered prefixes are predefined)."""
    try:
        return store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions=dict(substitutions or {}),
        )
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None
    except (OSError, ValueError, TypeError, RuntimeError) as e:
        raise QueryError(f"query failed: {e}") from None


def run_select(store: ox.Store, sparql: str) -> ox.QuerySolutions:
    """:func:`run_query` for a SELECT query: its solutions."""
    solutions = run_query(store, sparql)
    assert isinstance(solutions, ox.QuerySolutions), "a SELECT query has solutions"
    return solutions
