"""The saved queries as self-contained SPARQL texts, for engines that know nothing of our saved-query
parameters: each parameter's default value is bound by a VALUES block placed first in the query's
top-level WHERE group (the values are RDF terms written by pyoxigraph, never pasted strings), as
the sparql backend sends them to its engine (diplokg.engine.remote_query.bind_values).

The benchmark sends the same text to every engine, and checks once that our endpoint gives the
same answer for this text as for the saved query with its parameters bound by substitution.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diplokg.engine.remote_query import bind_values
from diplokg.saved_queries.catalog import SavedQuery, load_all


@dataclass(frozen=True)
class BenchQuery:
    slug: str
    text: str  # self-contained: defaults bound by VALUES
    original: SavedQuery
    bindings: dict[str, str]  # parameter name -> value as an N-Triples term (for the $name= check)


def bench_queries(queries_dir: Path) -> list[BenchQuery]:
    """Every saved query without SERVICE, with its defaults bound."""
    out = []
    for slug, saved in load_all(queries_dir).items():
        if saved.federated:
            continue
        bound = saved.bind({})  # defaults, checked and typed like the endpoint does
        text = saved.text
        if bound:
            text = bind_values(text, {v.value: t for v, t in bound.items()})
        by_variable = {p.variable.lstrip("?$"): p.name for p in saved.parameters}
        bindings = {by_variable[v.value]: str(t) for v, t in bound.items()}
        out.append(BenchQuery(slug, text, saved, bindings))
    return out
