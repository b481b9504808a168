"""Breakages of a private source tree (see the ``source_tree`` fixture) that a build must refuse."""

from __future__ import annotations

from pathlib import Path


def break_shacl(tree: Path) -> None:
    """Make Madalina Lupu's tenure lose its post: a SHACL violation in romania.trig."""
    f = tree / "data" / "sources" / "romania.trig"
    text = f.read_text(encoding="utf-8")
    needle = ("    dkg:ofPost <post/ROU-TJK-ambassador-extraordinary-and-plenipotentiary> ;\n"
              "    dkg:holder <person/madalina-lupu> ;\n")
    assert needle in text
    f.write_text(text.replace(needle, "    dkg:holder <person/madalina-lupu> ;\n"), encoding="utf-8")


def break_syntax(tree: Path) -> int:
    """Insert a Turtle syntax error into norway.trig; return its line number."""
    f = tree / "data" / "sources" / "norway.trig"
    lines = f.read_text(encoding="utf-8").splitlines(keepends=True)
    idx = next(i for i, ln in enumerate(lines) if ln.startswith("<relation/NOR-TJK>"))
    lines.insert(idx, "<broken> dkg:oops \"unterminated .\n")
    f.write_text("".join(lines), encoding="utf-8")
    return idx + 1
