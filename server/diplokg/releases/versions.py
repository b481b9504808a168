"""Versioned releases: ``diplokg release VERSION`` builds the store and dumps into an immutable
``releases/VERSION/`` directory that ``diplokg serve --store releases/VERSION`` serves as it is.

A release directory is a complete build (see build.py) plus:
- ``release.json``: version, version IRI, when it was made, triples, the previous release;
- ``SHA256SUMS``: the SHA-256 of every file in it, in the format ``sha256sum -c`` reads;
and the releases directory keeps a ``CHANGELOG.md`` with one entry per release: its size and the
triples added and removed since the previous one. A version that exists is never rebuilt or
overwritten; older releases stay servable side by side.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from diplokg.build.artifacts import SNAPSHOT, sha256_file
from diplokg.build.errors import StoreError
from diplokg.build.pipeline import build
from diplokg.build.reader import RELEASE_INFO
from diplokg.core.errors import DiplokgError
from diplokg.core.namespaces import ID
from diplokg.source.tree import SourceTree

CHECKSUMS = "SHA256SUMS"
CHANGELOG = "CHANGELOG.md"
DATASET_VERSIONS = ID + "dataset/diplokg/"
_VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}")


@dataclass(frozen=True)
class ReleaseResult:
    path: Path
    version: str
    version_iri: str
    triples: int
    previous: str | None
    added: int | None
    removed: int | None


def version_iri(version: str) -> str:
    return DATASET_VERSIONS + version


def check_version(version: str) -> str:
    if not _VERSION.fullmatch(version) or ".." in version:
        raise DiplokgError(f"release version {version!r} must be letters, digits and . + _ - "
                           "(e.g. 2026.11.1 or 1.0.0), starting with a letter or digit")
    return version


def release_versions(releases: Path) -> list[str]:
    """Versions released in ``releases``, oldest first."""
    if not releases.is_dir():
        return []
    found = [p for p in releases.iterdir() if p.is_dir() and (p / RELEASE_INFO).is_file()]
    return [p.name for p in sorted(found, key=lambda p: json.loads((p / RELEASE_INFO).read_text())["released_at"])]


class _ReleaseInfo(TypedDict):
    """The content of ``release.json``."""

    version: str
    version_iri: str
    triples: int
    previous: str | None
    released_at: str  # ISO 8601, UTC


def make_release(layout: SourceTree, releases: Path, version: str,
                 progress: Callable[[str], None] | None = None) -> ReleaseResult:
    """Validate and build ``layout`` into ``releases/version``; DiplokgError if that version exists."""
    check_version(version)
    releases.mkdir(parents=True, exist_ok=True)
    target = releases / version
    if target.exists():
        raise StoreError(f"release {version} exists at {target}; releases are immutable: choose a new version")
    versions = release_versions(releases)
    previous = versions[-1] if versions else None
    work = releases / f".building-{version}-{os.getpid()}"
    try:
        result = build(layout, work / "store", progress)
        os.rename(result.build_dir, target)  # the complete build becomes the release, in one step
    finally:
        shutil.rmtree(work, ignore_errors=True)
    triples = sum(n for _, n in result.graph_counts)
    added = removed = None
    if previous is not None:
        old, new = _lines(releases / previous / SNAPSHOT), _lines(target / SNAPSHOT)
        added, removed = len(new - old), len(old - new)
    info: _ReleaseInfo = {"version": version, "version_iri": version_iri(version), "triples": triples,
                          "previous": previous, "released_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}
    (target / RELEASE_INFO).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    _write_checksums(target)
    _add_changelog_entry(releases / CHANGELOG, info, added, removed)
    return ReleaseResult(target, version, info["version_iri"], triples, previous, added, removed)


def verify_checksums(path: Path) -> list[str]:
    """Files of the release at ``path`` that are missing or differ from SHA256SUMS."""
    bad = []
    for line in (path / CHECKSUMS).read_text(encoding="utf-8").splitlines():
        digest, name = line.split("  ", 1)
        file = path / name
        if not file.is_file() or sha256_file(file) != digest:
            bad.append(name)
    return bad


def _lines(snapshot: Path) -> set[bytes]:
    with snapshot.open("rb") as f:
        return set(f)


def _write_checksums(target: Path) -> None:
    # RocksDB's LOG files change whenever the store is opened: not part of what a release is
    files = sorted(p for p in target.rglob("*") if p.is_file() and p.name != CHECKSUMS and not p.name.startswith("LOG"))
    lines = [f"{sha256_file(p)}  {p.relative_to(target).as_posix()}" for p in files]
    (target / CHECKSUMS).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _add_changelog_entry(changelog: Path, info: _ReleaseInfo, added: int | None, removed: int | None) -> None:
    change = ("first release" if info["previous"] is None
              else f"since {info['previous']}: {added:,} quads added, {removed:,} removed")
    entry = (f"## {info['version']} ({info['released_at'][:10]})\n\n"
             f"- {info['triples']:,} quads; {change}\n- version IRI <{info['version_iri']}>\n\n")
    old = changelog.read_text(encoding="utf-8") if changelog.exists() else "# diplokg releases\n\n"
    head, _, rest = old.partition("\n\n")
    changelog.write_text(f"{head}\n\n{entry}{rest}", encoding="utf-8")
