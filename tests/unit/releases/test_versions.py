"""Versioned releases (`diplokg release VERSION`): immutable directories with checksums, a version
IRI in VoID/DCAT, a changelog entry with what changed, and every release servable side by side."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import httpx

from diplokg.releases.versions import verify_checksums
from support.cli_runner import run_cli
from support.server_process import ServerProcess
from support.source_breakage import break_shacl

OLD_COMMENT = '"A sovereign state (UN member or observer state) that sends and receives diplomatic representation."@en'
NEW_COMMENT = '"A sovereign state (UN member or observer state) that sends and receives diplomatic envoys."@en'


def files_of(path: Path) -> dict[str, str]:
    return {str(p.relative_to(path)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(path.rglob("*")) if p.is_file() and not p.name.startswith("LOG")}


def release(source: Path, releases: Path, version: str):
    return run_cli("release", version, "--source", str(source), "--releases", str(releases), "-q")


def test_releases_are_versioned_immutable_and_servable_side_by_side(source_tree, tmp_path):
    releases = tmp_path / "releases"
    first = release(source_tree, releases, "1.0.0")
    assert first.returncode == 0, first.stderr
    assert "Released 1.0.0" in first.stdout and "first release" in first.stdout
    ontology = source_tree / "ontology" / "diplokg.ttl"
    ontology.write_text(ontology.read_text(encoding="utf-8").replace(OLD_COMMENT, NEW_COMMENT), encoding="utf-8")
    second = release(source_tree, releases, "1.0.1")
    assert second.returncode == 0, second.stderr
    assert "1 quads added and 1 removed since 1.0.0" in second.stdout

    info = json.loads((releases / "1.0.1" / "release.json").read_text())
    assert info["version"] == "1.0.1" and info["previous"] == "1.0.0"
    assert info["version_iri"] == "https://w3id.org/diplokg/id/dataset/diplokg/1.0.1"
    changelog = (releases / "CHANGELOG.md").read_text()
    assert changelog.index("## 1.0.1") < changelog.index("## 1.0.0")  # newest first
    assert "since 1.0.0: 1 quads added, 1 removed" in changelog and "first release" in changelog
    for version in ("1.0.0", "1.0.1"):
        assert verify_checksums(releases / version) == []

    # immutable: the same version again is refused and changes nothing
    before = files_of(releases / "1.0.0")
    again = release(source_tree, releases, "1.0.0")
    assert again.returncode == 1 and "releases are immutable" in again.stderr
    assert files_of(releases / "1.0.0") == before
    assert release(source_tree, releases, "../escape").returncode == 1

    # both releases are served, side by side, each saying which it is
    with ServerProcess(releases / "1.0.0", "--no-access-log") as old, \
            ServerProcess(releases / "1.0.1", "--no-access-log") as new:
        for server, version in ((old, "1.0.0"), (new, "1.0.1")):
            health = httpx.get(server.url + "health", timeout=10).json()
            assert health["release"] == version
            assert health["release_iri"] == f"https://w3id.org/diplokg/id/dataset/diplokg/{version}"
            void = httpx.get(server.url + ".well-known/void", headers={"Accept": "application/n-triples"},
                             timeout=10).text
            assert (f"<https://w3id.org/diplokg/id/dataset/diplokg> <http://www.w3.org/2002/07/owl#versionIRI> "
                    f"<https://w3id.org/diplokg/id/dataset/diplokg/{version}>") in void
        assert ("<https://w3id.org/diplokg/id/dataset/diplokg/1.0.1> <http://www.w3.org/ns/dcat#previousVersion> "
                "<https://w3id.org/diplokg/id/dataset/diplokg/1.0.0>") in void
        ask = 'ASK { <https://w3id.org/diplokg/ontology#State> rdfs:comment ?c FILTER(CONTAINS(?c, "envoys")) }'
        answers = [httpx.get(s.endpoint, params={"query": ask}, headers={"Accept": "application/sparql-results+json"},
                             timeout=10).json()["boolean"] for s in (old, new)]
        assert answers == [False, True]
    # serving did not change a published byte
    assert verify_checksums(releases / "1.0.0") == [] and verify_checksums(releases / "1.0.1") == []


def test_a_failed_release_leaves_nothing_behind(source_tree, tmp_path):
    releases = tmp_path / "releases"
    assert release(source_tree, releases, "1.0.0").returncode == 0
    break_shacl(source_tree)
    failed = release(source_tree, releases, "1.0.1")
    assert failed.returncode == 1 and "violation" in failed.stderr
    assert sorted(p.name for p in releases.iterdir()) == ["1.0.0", "CHANGELOG.md"]
    assert "1.0.1" not in (releases / "CHANGELOG.md").read_text()


def test_checksums_name_a_damaged_file(source_tree, tmp_path):
    releases = tmp_path / "releases"
    assert release(source_tree, releases, "2026.11.1").returncode == 0
    dump = next((releases / "2026.11.1" / "dumps").iterdir())
    dump.write_bytes(dump.read_bytes() + b"\n")
    assert verify_checksums(releases / "2026.11.1") == [f"dumps/{dump.name}"]
