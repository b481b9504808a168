"""`pip install .` gives a package that works outside the repository: every subpackage, the
ontology, data, shapes, saved queries and the web front end are inside it, and the command line
validates, builds and queries from them with no checkout on the path."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support.cli_runner import REPO

#: what `pip install .` reads (a copy of it is installed, so no build output lands in the checkout)
PROJECT = ["pyproject.toml", "README.md", "LICENSE", "server", "ontology", "data", "shapes", "queries"]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The package as `pip install` puts it into a directory of its own (dependencies: the test
    environment's)."""
    root = tmp_path_factory.mktemp("install")
    source = root / "project"
    source.mkdir()
    for part in PROJECT:
        if (REPO / part).is_dir():
            shutil.copytree(REPO / part, source / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(REPO / part, source / part)
    target = root / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps",
                    "--target", str(target), str(source)], check=True, cwd=root, timeout=900,
                   capture_output=True)
    return target


def _run(installed: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_the_wheel_holds_every_package_and_the_data(installed: Path) -> None:
    package = installed / "diplokg"
    code = REPO / "server" / "diplokg"
    for init in code.rglob("__init__.py"):
        assert (package / init.relative_to(code)).is_file(), init.parent.name
    for part in ("ontology", "data", "shapes", "queries"):
        for f in (REPO / part).rglob("*"):
            if f.is_file() and f.suffix in {".ttl", ".trig", ".rq", ".txt", ".csv", ".md", ".json"}:
                assert (package / part / f.relative_to(REPO / part)).read_bytes() == f.read_bytes(), f
    for page in ("editor.html", "editor.js", "views.js", "site.css", "docs.css"):
        assert (package / "static" / page).is_file(), page
    assert list((package / "static" / "vendor").glob("*.js")), "the vendored web libraries"


def test_the_installed_command_works_far_from_the_checkout(installed: Path, tmp_path: Path) -> None:
    where = _run(installed, tmp_path, "-c", "import diplokg.app.factory, diplokg; print(diplokg.__file__)")
    assert where.returncode == 0, where.stderr
    assert where.stdout.strip() == str(installed / "diplokg" / "__init__.py")
    validated = _run(installed, tmp_path, "-m", "diplokg.cli", "validate")
    assert validated.returncode == 0 and "conforms" in validated.stdout, validated.stdout + validated.stderr
    built = _run(installed, tmp_path, "-m", "diplokg.cli", "build", "--store", "store", "--quiet")
    assert built.returncode == 0, built.stderr
    answer = _run(installed, tmp_path, "-m", "diplokg.cli", "query", "--store", "store", "--format", "csv",
                  "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a dkg:State }")
    assert answer.returncode == 0 and answer.stdout.splitlines()[1] == "195", answer.stdout + answer.stderr
