"""Where the ontology, data, shapes and queries live: inside the installed package by default, or
in a source tree (a directory with ontology/, data/, shapes/, queries/) chosen by the user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class SourceTree:
    """Directories of one source tree."""

    root: Path

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    def ontology_files(self) -> list[Path]:
        return sorted(self.ontology_dir.glob("*.ttl"))

    def data_files(self) -> list[Path]:
        """All RDF data files; each must put its triples into named graphs (TriG or N-Quads)."""
        return sorted(p for p in self.data_dir.rglob("*") if p.suffix in {".trig", ".nq", ".ttl", ".nt"})

    def query_files(self) -> list[Path]:
        return sorted(self.queries_dir.glob("*.rq"))

    def shape_files(self) -> list[Path]:
        return sorted(self.shapes_dir.glob("*.ttl"))

    def display(self, path: Path) -> str:
        """Path relative to the source root, for messages."""
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def packaged_tree() -> SourceTree:
    """The ontology, data, shapes and queries shipped inside the installed package."""
    return SourceTree(_PACKAGE_DIR)
