"""Run SPARQL queries against a store and render the results for terminals and files."""

from __future__ import annotations

import io
import shutil

import pyoxigraph as ox

from diplokg.core.errors import QueryError
from diplokg.core.formats import OX_RDF, OX_RESULTS
from diplokg.core.namespaces import PREFIXES, shorten

RESULT_FORMATS = OX_RESULTS
GRAPH_FORMATS = {name: OX_RDF[name] for name in ("turtle", "ntriples")}


def run(store: ox.Store, sparql: str, substitutions: dict[ox.Variable, ox.Term] | None = None):
    """Evaluate a query over the union of all named graphs (the registered prefixes are predefined)."""
    try:
        return store.query(
            sparql,
            prefixes=PREFIXES,
            use_default_graph_as_union=True,
            substitutions=substitutions or {},
        )
    except SyntaxError as e:
        raise QueryError(f"SPARQL syntax error: {e}") from None
    except (OSError, ValueError, TypeError, RuntimeError) as e:
        raise QueryError(f"query failed: {e}") from None


def render(result: object, fmt: str) -> bytes:
    """Serialise a query result in the requested output format."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return (("yes" if bool(result) else "no") + "\n").encode()
        if fmt in RESULT_FORMATS:
            return result.serialize(format=RESULT_FORMATS[fmt])
        raise QueryError(f"format {fmt!r} does not apply to ASK results; use table, csv, tsv, json or xml")
    if isinstance(result, ox.QuerySolutions):
        if fmt == "table":
            return render_table(result).encode()
        if fmt in RESULT_FORMATS:
            return result.serialize(format=RESULT_FORMATS[fmt])
        raise QueryError(f"format {fmt!r} does not apply to SELECT results; use table, csv, tsv, json or xml")
    if isinstance(result, ox.QueryTriples):
        if fmt in {"table", "turtle"}:
            return ox.serialize(list(result), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        if fmt in GRAPH_FORMATS:
            return ox.serialize(list(result), format=GRAPH_FORMATS[fmt])
        raise QueryError(f"format {fmt!r} does not apply to CONSTRUCT/DESCRIBE results; use turtle or ntriples")
    raise QueryError("unexpected query result")


def term_text(term: ox.Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return f"{term.value}@{term.language}"
        return term.value
    return str(term)


def render_table(solutions: ox.QuerySolutions) -> str:
    """A plain-text table sized to the terminal; cells are compacted with the known prefixes."""
    names = [v.value for v in solutions.variables]
    rows = [[term_text(sol[v]) for v in solutions.variables] for sol in solutions]
    width = max(40, shutil.get_terminal_size((160, 20)).columns)
    limit = max(12, width // max(1, len(names)) - 3)
    cut = [[c if len(c) <= limit else c[: limit - 1] + "…" for c in r] for r in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cut]) for i, n in enumerate(names)]
    out = io.StringIO()
    line = "+".join("-" * (w + 2) for w in widths)
    out.write(" | ".join(n.ljust(w) for n, w in zip(names, widths)).rstrip() + "\n")
    out.write(line + "\n")
    for r in cut:
        out.write(" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()
