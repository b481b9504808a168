"""``diplokg query``: run a SPARQL query (or a saved query with parameters) against the built
store and render the result for a terminal or a file."""

from __future__ import annotations

import argparse
import io
import shutil
import sys
from pathlib import Path

import pyoxigraph as ox

from diplokg.build.errors import QueryError
from diplokg.cli.common import add_common
from diplokg.core.errors import DiplokgError
from diplokg.core.formats import OX_RDF, OX_RESULTS, serialized
from diplokg.core.namespaces import PREFIXES, shorten
from diplokg.core.terms import Term

AnyTerm = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
RESULT_FORMATS = OX_RESULTS
GRAPH_FORMATS = {name: OX_RDF[name] for name in ("turtle", "ntriples")}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    q = sub.add_parser("query", help="run a SPARQL query against the built store",
                       description="Run a SPARQL 1.1 query over the union of all named graphs of the built store. "
                       "The project prefixes (dkg:, id:, vocab:, rdfs:, skos:, oa:, …) are predefined.")
    q.add_argument("query", nargs="?", help="the SPARQL query text, or '-' (or nothing) to read it from stdin")
    q.add_argument("-f", "--file", help="read the query from this file")
    q.add_argument("--saved", metavar="SLUG", help="run a saved query (see queries/) instead")
    q.add_argument("--param", action="append", metavar="NAME=VALUE",
                   help="a parameter of the saved query (repeatable); values are checked and bound as RDF terms")
    q.add_argument("--format", default="table", choices=["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"],
                   help="output: table (default, for terminals), csv, tsv, json, xml for SELECT/ASK; "
                   "turtle, ntriples for CONSTRUCT/DESCRIBE")
    add_common(q)
    q.set_defaults(func=cmd_query)


def cmd_query(args: argparse.Namespace) -> int:
    from diplokg.build.store import open_read_only, run_query

    store = open_read_only(Path(args.store))
    if args.saved:
        text, substitutions = _saved_query(store, Path(args.store), args.saved, args.param or [])
        data = render(run_query(store, text, substitutions), args.format)
    else:
        if args.param:
            raise DiplokgError("--param needs --saved SLUG")
        data = render(run_query(store, _read_query(args)), args.format)
    sys.stdout.buffer.write(data)
    sys.stdout.flush()
    return 0


def _read_query(args: argparse.Namespace) -> str:
    if args.file:
        try:
            return Path(args.file).read_text(encoding="utf-8")
        except OSError as e:
            raise DiplokgError(f"cannot read query file: {e}") from None
    if args.query in (None, "-"):
        if sys.stdin.isatty() and args.query is None:
            raise DiplokgError("no query given: pass a SPARQL string, --file FILE, or pipe the query on stdin")
        return sys.stdin.read()
    return str(args.query)


def _saved_query(store: ox.Store, store_path: Path, slug: str, params: list[str]
                 ) -> tuple[str, dict[ox.Variable, Term]]:
    """The text of a saved query of the store and its parameters as RDF terms (validated)."""
    from diplokg.build.artifacts import QUERIES
    from diplokg.saved_queries.catalog import ALLOWED_VALUES_QUERY, load_all

    queries = load_all(store_path.resolve() / QUERIES)
    if slug not in queries:
        raise DiplokgError(f"no saved query {slug!r}; available: {', '.join(queries) or 'none'}")
    saved = queries[slug]
    raw: dict[str, list[str]] = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep:
            raise DiplokgError(f"--param expects NAME=VALUE, got {item!r}")
        raw.setdefault(name.strip(), []).append(value)
    allowed = {}
    for p in saved.parameters:
        if p.enumerate and p.values_class:
            rows = store.query(ALLOWED_VALUES_QUERY, use_default_graph_as_union=True,
                               substitutions={ox.Variable("class"): ox.NamedNode(p.values_class)})
            assert isinstance(rows, ox.QuerySolutions)  # a SELECT query
            allowed[p.name] = {term.value for row in rows if (term := row["v"]) is not None}
    return saved.text, saved.bind(raw, allowed)


def render(result: object, fmt: str) -> bytes:
    """Serialise a query result in the requested output format."""
    if isinstance(result, ox.QueryBoolean):
        if fmt == "table":
            return (("yes" if bool(result) else "no") + "\n").encode()
        if fmt in RESULT_FORMATS:
            return serialized(result.serialize(format=RESULT_FORMATS[fmt]))
        raise QueryError(f"format {fmt!r} does not apply to ASK results; use table, csv, tsv, json or xml")
    if isinstance(result, ox.QuerySolutions):
        if fmt == "table":
            return render_table(result).encode()
        if fmt in RESULT_FORMATS:
            return serialized(result.serialize(format=RESULT_FORMATS[fmt]))
        raise QueryError(f"format {fmt!r} does not apply to SELECT results; use table, csv, tsv, json or xml")
    if isinstance(result, ox.QueryTriples):
        if fmt in {"table", "turtle"}:
            return serialized(ox.serialize(list(result), format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
        if fmt in GRAPH_FORMATS:
            return serialized(ox.serialize(list(result), format=GRAPH_FORMATS[fmt]))
        raise QueryError(f"format {fmt!r} does not apply to CONSTRUCT/DESCRIBE results; use turtle or ntriples")
    raise QueryError("unexpected query result")


def term_text(term: AnyTerm | None) -> str:
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
    out.write(" | ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)).rstrip() + "\n")
    out.write(line + "\n")
    for r in cut:
        out.write(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() + "\n")
    out.write(f"({len(rows)} row{'s' if len(rows) != 1 else ''})\n")
    return out.getvalue()
