"""The build's name index (``names.sqlite``, ``matching.index``): every subject with a label
(``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``) in any graph, with its classes, for search
and reconciliation. Quoted sentences (evidence and their annotation targets) are left out: they are
read on their source's page, and at 1 M triples they would be a third of the names."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from diplokg.core.namespaces import ONTOLOGY, PREFIXES
from diplokg.matching.index import Entry, Name, write_index

NAME_INDEX = "names.sqlite"
LEFT_OUT = frozenset({ONTOLOGY + "Evidence", PREFIXES["oa"] + "SpecificResource"})
_LABELS = """SELECT ?s ?p ?label WHERE {
  VALUES ?p { rdfs:label skos:prefLabel skos:altLabel } ?s ?p ?label FILTER (isIRI(?s) && isLiteral(?label)) }"""
_TYPES = "SELECT ?s ?type WHERE { ?s a ?type FILTER (isIRI(?s) && isIRI(?type)) }"
_PROLOGUE = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"


def entries(store: ox.Store) -> Iterator[Entry]:
    """The index's entries of the union of ``store``'s graphs, in IRI order; an entity's first class
    is one of our ontology's (the one its page shows), then the others in IRI order."""
    names: dict[str, set[Name]] = {}
    for row in _select(store, _PROLOGUE + _LABELS):
        label = row["label"]
        assert isinstance(row, ox.QuerySolution) and isinstance(label, ox.Literal)
        names.setdefault(row["s"].value, set()).add(
            Name(label.value, label.language or "", row["p"].value.endswith("altLabel")))
    types: dict[str, set[str]] = {}
    for row in _select(store, _TYPES):
        assert isinstance(row, ox.QuerySolution)
        if row["s"].value in names:
            types.setdefault(row["s"].value, set()).add(row["type"].value)
    for iri in sorted(names):
        classes = types.get(iri, set())
        if classes & LEFT_OUT:
            continue
        ordered = sorted(classes, key=lambda c: (not c.startswith(ONTOLOGY), c))
        yield Entry(iri, tuple(ordered), tuple(sorted(names[iri], key=lambda n: (n.alternative, n.lang, n.text))))


def _select(store: ox.Store, query: str) -> ox.QuerySolutions:
    solutions = store.query(query, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions), "a SELECT query has solutions"
    return solutions


def write_name_index(build_dir: Path, store: ox.Store) -> dict[str, float]:
    """Write ``names.sqlite`` of ``store`` into ``build_dir``; its counts, size and build time."""
    started = time.perf_counter()
    figures: dict[str, float] = {**write_index(build_dir / NAME_INDEX, entries(store))}
    figures["seconds"] = round(time.perf_counter() - started, 2)
    return figures
