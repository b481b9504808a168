"""Parse the ontology and data files into quads, remembering which file each subject came from.

The ontology and vocabularies go into one named graph; data files are TriG/N-Quads and name their
own graphs. Triples in the default graph of a data file are rejected, so that every fact in the
store belongs to exactly one source graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from diplokg.core.namespaces import ONTOLOGY_GRAPH
from diplokg.source.errors import SourceSyntaxError
from diplokg.source.tree import SourceTree

Progress = Callable[[str], None]

_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
}


@dataclass
class LoadedData:
    """Everything parsed from one source tree, held in an in-memory pyoxigraph store (compact, and
    queryable by the validator) rather than as Python objects."""

    store: ox.Store = field(default_factory=ox.Store)
    files: list[str] = field(default_factory=list)
    #: named graph IRI -> the files (relative paths) whose quads went into it
    graph_files: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    #: file -> its path, for re-reading files that share a graph (see files_for)
    paths: dict[str, Path] = field(default_factory=dict)

    @property
    def quads(self) -> list[ox.Quad]:
        """All quads as Python objects (for small data and for pyshacl; the build does not use it)."""
        return list(self.store.quads_for_pattern(None, None, None))

    def __len__(self) -> int:
        return len(self.store)

    def replaced(self, old: set[ox.Quad], new: list[ox.Quad], display: str, path: Path) -> LoadedData:
        """A copy with the quads ``old`` removed and ``new`` added, from the file ``display``."""
        out = LoadedData(files=sorted({*self.files, display}), paths={**self.paths, display: path})
        out.store.bulk_extend(q for q in self.store.quads_for_pattern(None, None, None) if q not in old)
        out.store.bulk_extend(new)
        for graph, files in self.graph_files.items():
            out.graph_files[graph] |= files
        for q in new:
            assert not isinstance(q.graph_name, ox.DefaultGraph), "the new quads are in a named graph"
            out.graph_files[q.graph_name.value].add(display)
        return out

    def files_for(self, term: object) -> list[str]:
        """The files that describe ``term`` (have it as a subject)."""
        if not isinstance(term, (ox.NamedNode, ox.BlankNode)):
            return []
        graphs = {q.graph_name.value for q in self.store.quads_for_pattern(term, None, None)
                  if isinstance(q.graph_name, ox.NamedNode)}
        out: set[str] = set()
        for graph in graphs:
            files = self.graph_files.get(graph, set())
            if len(files) == 1:
                out |= files
            else:  # several files share the graph (the ontology files): look at which describe the term
                out |= {f for f in files if f in self.paths and term in _subjects(self.paths[f])}
        return sorted(out)


@lru_cache(maxsize=16)
def _subjects(path: Path) -> frozenset[object]:
    return frozenset(q.subject for q in parse_file(path, str(path)))


def parse_file(path: Path, display: str, graph: ox.NamedNode | None = None) -> list[ox.Quad]:
    """Parse one RDF file; a syntax error becomes a SourceSyntaxError naming file and line."""
    quads = _parsed(path, display)
    if graph is not None:
        return [ox.Quad(q.subject, q.predicate, q.object, graph) for q in quads]
    return list(quads)


def _parsed(path: Path, display: str) -> Iterator[ox.Quad]:
    """Stream the quads of one file; a syntax or read error raises SourceSyntaxError."""
    fmt = _FORMATS.get(path.suffix)
    if fmt is None:
        raise SourceSyntaxError(display, None, None, f"unsupported file type {path.suffix!r}")
    try:
        with path.open("rb") as fh:
            yield from ox.parse(fh, format=fmt)
    except SyntaxError as e:
        message = str(e.msg if getattr(e, "msg", None) else e)
        line, col = getattr(e, "lineno", None), getattr(e, "offset", None)
        raise SourceSyntaxError(display, line, col, _strip_position(message)) from None
    except (OSError, ValueError) as e:
        raise SourceSyntaxError(display, None, None, str(e)) from None


def _strip_position(message: str) -> str:
    # pyoxigraph prefixes messages with "Parser error at line X column Y: "; we report it ourselves.
    if message.startswith("Parser error at ") and ": " in message:
        return message.split(": ", 1)[1]
    return message


def load(layout: SourceTree, progress: Progress | None = None) -> LoadedData:
    """Parse the ontology (into the ontology graph) and every data file of the source tree into an
    in-memory store, streaming: no file is held as a list of Python objects."""
    out = LoadedData()
    ontology_graph = ox.NamedNode(ONTOLOGY_GRAPH)
    jobs: list[tuple[Path, ox.NamedNode | None]] = [(p, ontology_graph) for p in layout.ontology_files()]
    jobs += [(p, None) for p in layout.data_files()]
    for path, graph in jobs:
        shown = layout.display(path)
        if progress:
            progress(f"parsing {shown}")
        out.store.bulk_extend(_file_quads(path, shown, graph, out.graph_files))
        out.files.append(shown)
        out.paths[shown] = path
    return out


def _file_quads(path: Path, shown: str, graph: ox.NamedNode | None,
                graph_files: dict[str, set[str]]) -> Iterator[ox.Quad]:
    """The quads of one file (into ``graph`` if given), noting which graphs the file writes;
    a syntax error or a triple outside a named graph raises SourceSyntaxError."""
    seen: ox.NamedNode | ox.BlankNode | ox.DefaultGraph | None = None
    for q in _parsed(path, shown):
        if graph is not None:
            q = ox.Quad(q.subject, q.predicate, q.object, graph)
        if q.graph_name != seen:
            seen = q.graph_name
            if isinstance(seen, ox.DefaultGraph):
                raise SourceSyntaxError(shown, None, None,
                                        "triples outside a named graph; wrap them in GRAPH <…> { … }")
            graph_files[seen.value].add(shown)
        yield q
