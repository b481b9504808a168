"""The shape of the code that ARCHITECTURE.md promises: packages that say what they hold and may
import, no module over 400 lines, no function over 60, every subpackage shipped in the wheel.
(Layers and cycles are checked by import-linter in scripts/test, from the contracts in
pyproject.toml.)"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CODE = REPO / "server" / "diplokg"
MODULES = sorted(CODE.rglob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _name(path: Path) -> str:
    return ".".join(("diplokg", *path.relative_to(CODE).with_suffix("").parts)).removesuffix(".__init__")


def test_the_code_is_where_the_architecture_says() -> None:
    assert len(MODULES) > 100
    assert not list((REPO / "server").glob("*.py")), "all Python code lives in the diplokg package"


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_no_module_over_400_lines(module: Path) -> None:
    lines = len(module.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{_name(module)} has {lines} lines; split it by concern"


@pytest.mark.parametrize("module", MODULES, ids=_name)
def test_no_function_over_60_lines(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    long = [f"{node.name} ({node.end_lineno - node.lineno + 1} lines)" for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
            and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES]
    assert not long, f"{_name(module)}: " + ", ".join(long)


@pytest.mark.parametrize("package", sorted(p.parent for p in CODE.rglob("__init__.py")),
                         ids=lambda p: _name(p / "x.py"))
def test_every_package_says_what_it_holds(package: Path) -> None:
    doc = ast.get_docstring(ast.parse((package / "__init__.py").read_text(encoding="utf-8")))
    assert doc and len(doc) > 80, f"{package.name}/__init__.py needs a docstring saying what the package holds"
    if package.parent == CODE:  # the concerns: each says which packages it may import
        assert "May import" in doc, f"{package.name}/__init__.py must say what it may import"


def test_every_subpackage_is_shipped_in_the_wheel() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    packages = {_name(p) for p in CODE.rglob("__init__.py")}
    assert packages <= listed, f"add to [tool.setuptools] packages: {sorted(packages - listed)}"
    code_dirs = {p.parent for p in MODULES}
    assert all((d / "__init__.py").exists() for d in code_dirs), "a folder of modules without __init__.py"
