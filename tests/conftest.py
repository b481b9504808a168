"""Shared fixtures: the repository root, the diplokg command, and one store built once per session
by the real command line from the packaged data."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def run_cli(*args: str, input: str | None = None, cwd: Path | None = None, check: bool = False) -> subprocess.CompletedProcess[str]:
    """Run the installed ``diplokg`` command (as a subprocess, exactly as a user would)."""
    env = {**os.environ, "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    proc = subprocess.run(
        [sys.executable, "-m", "diplokg.cli", *args],
        input=input,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=600,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"diplokg {' '.join(args)} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built by ``diplokg build`` from the packaged data (shared, read-only for tests)."""
    store = tmp_path_factory.mktemp("built") / "store"
    run_cli("build", "--store", str(store), "--quiet", check=True)
    return store


@pytest.fixture(scope="session")
def store(built_store: Path):
    from diplokg.store import open_read_only

    return open_read_only(built_store)


@pytest.fixture
def source_tree(tmp_path: Path) -> Path:
    """A private copy of the repository's ontology, data and shapes that a test may break."""
    import shutil

    root = tmp_path / "src"
    for part in ("ontology", "data", "shapes"):
        shutil.copytree(REPO / part, root / part)
    return root
