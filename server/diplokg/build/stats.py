"""Summary figures of a store: triples per named graph, instances per class, facts per source."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

from diplokg.build.store import run_select
from diplokg.core.namespaces import shorten

_GRAPHS = """
SELECT ?g (COUNT(*) AS ?triples) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g
"""

_CLASSES = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?class .
  FILTER(STRSTARTS(STR(?class), STR(dkg:)))
} GROUP BY ?class ORDER BY ?class
"""

# A "fact" is a resource that carries its own evidence sentence; counted per source document.
_FACTS = """
SELECT ?doc (COUNT(DISTINCT ?fact) AS ?facts) (COUNT(DISTINCT ?evidence) AS ?sentences) WHERE {
  ?fact dkg:evidence ?evidence .
  ?evidence oa:hasSource ?doc .
} GROUP BY ?doc ORDER BY ?doc
"""


@dataclass
class Stats:
    graphs: list[tuple[str, int]]
    classes: list[tuple[str, int]]
    facts: list[tuple[str, int, int]]

    @property
    def total_triples(self) -> int:
        return sum(n for _, n in self.graphs)

    def to_text(self) -> str:
        lines = ["Triples per named graph:"]
        lines += [f"  {n:>7}  {g}" for g, n in self.graphs]
        lines.append(f"  {self.total_triples:>7}  (total in named graphs)")
        lines.append("Instances per class:")
        lines += [f"  {n:>7}  {c}" for c, n in self.classes]
        lines.append("Facts with evidence per source document (facts / quoted sentences):")
        lines += [f"  {f:>7} / {s:<4} {d}" for d, f, s in self.facts]
        return "\n".join(lines)


def _int(term: object) -> int:
    """A count of a solution (a literal); 0 if unbound."""
    return int(term.value) if isinstance(term, ox.Literal) else 0


def graph_counts(store: ox.Store) -> list[tuple[str, int]]:
    solutions = store.query(_GRAPHS)
    assert isinstance(solutions, ox.QuerySolutions), "a SELECT query has solutions"
    return [(sol["g"].value, _int(sol["triples"])) for sol in solutions]


def collect(store: ox.Store) -> Stats:
    classes = [(shorten(sol["class"].value), _int(sol["n"])) for sol in run_select(store, _CLASSES)]
    facts = [(shorten(sol["doc"].value), _int(sol["facts"]), _int(sol["sentences"]))
             for sol in run_select(store, _FACTS)]
    return Stats(graph_counts(store), classes, facts)
