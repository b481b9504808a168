"""Parse the ontology and data files into quads, remembering which file each subject came from.

The ontology and vocabularies go into one named graph; data files are TriG/N-Quads and name their
own graphs. Triples in the default graph of a data file are rejected, so that every fact in the
store belongs to exactly one source graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .errors import SourceSyntaxError
from .layout import Layout
from .namespaces import ONTOLOGY_GRAPH

Progress = Callable[[str], None]

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
}


@dataclass
class LoadedData:
    """Everything parsed from one source tree."""

    quads: list[ox.Quad] = field(default_factory=list)
    #: subject term -> the files (relative paths) that describe it
    origins: dict[ox.NamedNode | ox.BlankNode, set[str]] = field(default_factory=lambda: defaultdict(set))
    files: list[str] = field(default_factory=list)

    def files_for(self, term: object) -> list[str]:
        return sorted(self.origins.get(term, ()))  # type: ignore[arg-type]


def parse_file(path: Path, display: str, graph: ox.NamedNode | None = None) -> list[ox.Quad]:
    """Parse one RDF file; a syntax error becomes a SourceSyntaxError naming file and line."""
    fmt = _FORMATS.get(path.suffix)
    if fmt is None:
        raise SourceSyntaxError(display, None, None, f"unsupported file type {path.suffix!r}")
    try:
        with path.open("rb") as fh:
            quads = list(ox.parse(fh, format=fmt))
    except SyntaxError as e:
        message = str(e.msg if getattr(e, "msg", None) else e)
        line, col = getattr(e, "lineno", None), getattr(e, "offset", None)
        raise SourceSyntaxError(display, line, col, _strip_position(message)) from None
    except (OSError, ValueError) as e:
        raise SourceSyntaxError(display, None, None, str(e)) from None
    if graph is not None:
        quads = [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
    return quads


def _strip_position(message: str) -> str:
    # pyoxigraph prefixes messages with "Parser error at line X column Y: "; we report it ourselves.
    if message.startswith("Parser error at ") and ": " in message:
        return message.split(": ", 1)[1]
    return message


def load(layout: Layout, progress: Progress | None = None) -> LoadedData:
    """Parse the ontology (into the ontology graph) and every data file of the source tree."""
    out = LoadedData()
    ontology_graph = ox.NamedNode(ONTOLOGY_GRAPH)
    jobs: list[tuple[Path, ox.NamedNode | None]] = [(p, ontology_graph) for p in layout.ontology_files()]
    jobs += [(p, None) for p in layout.data_files()]
    for path, graph in jobs:
        shown = layout.display(path)
        if progress:
            progress(f"parsing {shown}")
        quads = parse_file(path, shown, graph)
        for q in quads:
            if isinstance(q.graph_name, ox.DefaultGraph):
                raise SourceSyntaxError(shown, None, None, "triples outside a named graph; wrap them in GRAPH <…> { … }")
            out.origins[q.subject].add(shown)
        out.quads.extend(quads)
        out.files.append(shown)
    return out
