"""A built store as the server publishes it: the snapshot to load, the dumps, the statistics.

Opening checks that everything a build writes is there and intact, so a missing or damaged store
stops the server with a clear message instead of serving an empty or partial dataset."""

from __future__ import annotations

import gzip
import json
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from diplokg.build.artifacts import (
    DUMPS,
    QUERIES,
    SHAPES,
    SNAPSHOT,
    load_manifest,
    load_void_statistics,
    sha256_file,
)
from diplokg.build.errors import StoreError
from diplokg.build.names import NAME_INDEX
from diplokg.build.store import BUILD_INFO

#: written into a versioned release's directory by ``diplokg release`` (releases.versions)
RELEASE_INFO = "release.json"


@dataclass(frozen=True)
class Release:
    path: Path  # the resolved build directory
    info: dict[str, Any]
    dumps: list[dict[str, Any]]
    stats: dict[str, Any]
    built_at: str  # ISO 8601, UTC

    @property
    def snapshot(self) -> Path:
        return self.path / SNAPSHOT

    @property
    def queries_dir(self) -> Path:
        return self.path / QUERIES

    @property
    def shapes_dir(self) -> Path:
        """The SHACL shapes the release was validated against (absent in stores built before they
        were published)."""
        return self.path / SHAPES

    @property
    def name_index(self) -> Path:
        """The names of the release's entities for search and reconciliation (``matching.index``)."""
        return self.path / NAME_INDEX

    def shape_files(self) -> list[Path]:
        return sorted(self.shapes_dir.glob("*.ttl"))

    @property
    def quads(self) -> int:
        return int(self.info["artifacts"]["snapshot_quads"])

    @property
    def build_id(self) -> str:
        return self.path.name

    def version_info(self) -> dict[str, Any] | None:
        """``release.json`` of a versioned release (version, version IRI, previous release), or None
        if this is a plain build."""
        try:
            info: dict[str, Any] = json.loads((self.path / RELEASE_INFO).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return info

    def dump_file(self, name: str) -> tuple[Path, dict[str, Any]] | None:
        for entry in self.dumps:
            if entry["file"] == name:
                return self.path / DUMPS / name, entry
        return None


def open_release(store: Path) -> Release:
    """The release built at ``store``, after checking that every file it publishes is there with
    its recorded size (checksums: ``verify_dump_checksums``, which reads every byte)."""
    if not store.exists():
        raise StoreError(f"no store at {store}; run 'diplokg build --store {store}' first")
    path = store.resolve()
    info_file = path / BUILD_INFO
    if not info_file.is_file():
        raise StoreError(f"{store} is not a complete diplokg store (no {BUILD_INFO}); rebuild it")
    try:
        info = json.loads(info_file.read_text(encoding="utf-8"))
        artifacts = info["artifacts"]
        dumps = load_manifest(path)
        stats = load_void_statistics(path)
    except (OSError, ValueError, KeyError) as e:
        raise StoreError(f"{store} was built without the files the server publishes ({e}); rebuild it with "
                         f"'diplokg build --store {store}'") from None
    if not (path / QUERIES).is_dir():
        raise StoreError(f"{store} was built without its saved queries; rebuild it")
    if not (path / NAME_INDEX).is_file():
        raise StoreError(f"{store} was built without its name index ({NAME_INDEX}); rebuild it")
    snapshot = path / SNAPSHOT
    if not snapshot.is_file():
        raise StoreError(f"{store} has no {SNAPSHOT}; rebuild it")
    if "snapshot_bytes" in artifacts and snapshot.stat().st_size != artifacts["snapshot_bytes"]:
        raise StoreError(f"{snapshot} holds {snapshot.stat().st_size} bytes, the build recorded "
                         f"{artifacts['snapshot_bytes']}; rebuild the store")
    for entry in dumps:
        file = path / DUMPS / entry["file"]
        if not file.is_file() or file.stat().st_size != entry["bytes"]:
            raise StoreError(f"dump {file} is missing or does not match its recorded size and checksum; "
                             "rebuild the store")
    built_at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(info_file.stat().st_mtime))
    return Release(path, info, dumps, stats, built_at)


def verify_dump_checksums(release: Release) -> None:
    """StoreError naming the first dump whose SHA-256 is not the one recorded by the build."""
    for entry in release.dumps:
        _verified_dump(release, entry)


def _verified_dump(release: Release, entry: dict[str, Any]) -> Path:
    """The dump file of ``entry``, after checking its SHA-256 against the recorded one."""
    file: Path = release.path / DUMPS / entry["file"]
    try:
        ok = sha256_file(file) == entry["sha256"]
    except OSError:
        ok = False
    if not ok:
        raise StoreError(f"dump {file} does not match its recorded checksum; rebuild the store")
    return file


def write_published_dump(release: Release, fmt: str, output: BinaryIO) -> None:
    """Write the release's published dump in ``fmt`` (a dump.FORMATS name), decompressed, to
    ``output`` — the bytes ``dump.write_dump`` would compute from the store, since the build wrote
    them with it. Its checksum is verified first, so a damaged dump is an error, never output."""
    entry = next((e for e in release.dumps if e["dump_format"] == fmt), None)
    if entry is None:
        raise StoreError(f"{release.path} publishes no {fmt} dump; rebuild the store")
    file = _verified_dump(release, entry)
    with file.open("rb") as raw, (gzip.GzipFile(fileobj=raw, mode="rb") if entry["gzip"] else raw) as source:
        shutil.copyfileobj(source, output, 1 << 20)
