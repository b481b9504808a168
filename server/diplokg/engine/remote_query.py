"""What the ``sparql`` backend sends to the remote engine for one query, and the checks made before.

- The query is parsed here first, by the same parser as the embedded backend (pyoxigraph), so an
  invalid query gets the same 400 with the same message and position on both backends and never
  reaches the engine. Nothing is evaluated: SELECT, CONSTRUCT and DESCRIBE results are lazy; an ASK
  (evaluated at once by pyoxigraph) is checked as the CONSTRUCT with the same WHERE clause.
- The query's base IRI (the endpoint's public URL, or a saved query's) becomes an explicit ``BASE``
  before everything else, so relative IRIs resolve as on the embedded backend, not against whatever
  the engine takes for its own URL. A query with a ``BASE`` of its own gets none (Virtuoso refuses
  two); instead the IRIs of its prologue (``BASE``, ``PREFIX``) are written out resolved, so a
  relative ``BASE <sub/>`` means the same on both backends.
- The endpoint's predefined prefixes become PREFIX declarations, for those the query uses without
  declaring them.
- Bound values (saved-query parameters, ``$name`` bindings) become a VALUES block at the start of the
  query's outermost group pattern. The values are RDF terms serialised by pyoxigraph in N-Triples
  syntax (escaped by it), never text from the request.
- The dataset is kept to the release's graphs: a FROM / FROM NAMED or a protocol dataset naming a
  graph the release does not have gets an empty one, and a query with only FROM (or only FROM NAMED)
  gets the other half empty, so that a query never reads what else the engine holds (``confined``).
- The dataset: the default graph of a query without FROM is the union of the release's named graphs,
  as on the embedded backend, so the engine gets them as ``default-graph-uri`` and
  ``named-graph-uri`` (SPARQL 1.1 Protocol), unless its own dataset is already exactly that (then
  ``graphs`` is empty and nothing is sent); a protocol dataset is passed on as given; a query with
  its own FROM/FROM NAMED gets none (its clauses apply).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping

import pyoxigraph as ox

from diplokg.core.iris import resolve
from diplokg.core.lexer import QueryForm, QueryInfo, analyse, token_spans
from diplokg.core.terms import Term
from diplokg.engine.messages import QueryJob
from diplokg.engine.service_errors import query_fault

#: quads per named graph (how publish and the sparql backend check that an engine holds a release)
GRAPH_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
_EMPTY = ox.Store()
_POSITION = re.compile(r"error at (\d+):(\d+)")
_ASK_AS = "CONSTRUCT{}"
#: names an empty default graph or an empty set of named graphs (a protocol dataset that gives only
#: one of the two): without it an engine may take all its graphs for the missing part
NO_GRAPH = "urn:x-diplokg:no-graph"


class BindingUnsupported(ValueError):
    """A bound value has no place in the query's text (no group pattern to put the VALUES block in)."""


def check_syntax(text: str, form: QueryForm | None, prefixes: dict[str, str], base: str | None = None) -> None:
    """SyntaxError (pyoxigraph's message, positions in ``text``) unless ``text`` parses with the base
    IRI ``base``."""
    ask = _keyword(text, "ASK") if form == "ASK" else None
    if ask is None:
        _parse(text, prefixes, base)
        return
    offset = ask
    checked = text[:offset] + _ASK_AS + text[offset + 3:]
    try:
        _parse(checked, prefixes, base)
    except SyntaxError as e:
        raise SyntaxError(_shift_position(str(e), text, offset, len(_ASK_AS) - 3)) from None


def _parse(text: str, prefixes: dict[str, str], base: str | None) -> None:
    """Parse ``text`` (lazy: not evaluated). pyoxigraph also plans it, and refuses functions it does
    not implement; the engine may implement them (Virtuoso's ``bif:``), so that is left to it."""
    try:
        _EMPTY.query(text, prefixes=prefixes, base_iri=base)
    except RuntimeError as e:
        if not query_fault(e):
            raise


def _keyword(text: str, word: str) -> int | None:
    """Offset of the query-form keyword (the first word after the prologue)."""
    for kind, value, offset in token_spans(text):
        if kind == "word" and value.upper() not in ("PREFIX", "BASE"):
            return offset if value.upper() == word else None
    return None


def _shift_position(message: str, text: str, offset: int, shift: int) -> str:
    """Error positions after the replaced keyword, moved back by the replacement's extra length."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1)

    def fix(m: re.Match[str]) -> str:
        err_line, err_col = int(m.group(1)), int(m.group(2))
        if err_line == line and err_col > column + 3:
            err_col -= shift
        return f"error at {err_line}:{err_col}"
    return _POSITION.sub(fix, message, count=1)


def engine_text(text: str, predefined: dict[str, str], bindings: Mapping[str, Term],
                protocol_dataset: bool = False, info: QueryInfo | None = None, base: str | None = None,
                release: Collection[str] | None = None) -> str:
    """The query as the engine gets it: its base IRI and the predefined prefixes it uses declared,
    bound values as VALUES, and, with a protocol dataset, without its own FROM / FROM NAMED clauses
    (the protocol dataset replaces them, SPARQL 1.1 Protocol 2.1.4; Virtuoso would use the query's);
    without, its own clauses kept to the ``release``'s graphs (``confined``). ``info``: the lexer's
    analysis of ``text``, if the caller has it."""
    info = info or analyse(text, predefined, base)
    if protocol_dataset and info.has_dataset_clause:
        text = without_dataset_clauses(text)
    elif info.has_dataset_clause and release is not None:
        text = confined(text, {**predefined, **info.prefixes}, info.base, release)
    if bindings:
        text = bind_values(text, bindings, info.form)
    used = {value.split(":", 1)[0] for kind, value, _ in token_spans(text) if kind == "pname"}
    missing = sorted(p for p in used if p in predefined and p not in info.prefixes)
    prologue = "".join(f"PREFIX {p}: <{predefined[p]}>\n" for p in missing)
    if base is not None:
        text, own_base = absolute_prologue(text, base)
        if not own_base:  # an absolute IRI from the settings, not from the request
            prologue = f"BASE {ox.NamedNode(base)}\n" + prologue
    return prologue + text


def absolute_prologue(text: str, base: str) -> tuple[str, bool]:
    """``text`` with the IRIs of its BASE and PREFIX declarations resolved against ``base`` (and
    the BASEs before them), and whether it declares a BASE of its own."""
    spans = token_spans(text)
    edits: list[tuple[int, int, str]] = []
    own_base, i = False, 0
    while i < len(spans):
        kind, value, _ = spans[i]
        keyword = value.upper() if kind == "word" else ""
        if keyword == "BASE" and i + 1 < len(spans) and spans[i + 1][0] == "iri":
            iri_at = i + 1
            own_base = True
        elif keyword == "PREFIX" and i + 2 < len(spans) and spans[i + 2][0] == "iri":
            iri_at = i + 2
        else:
            break
        written, offset = spans[iri_at][1], spans[iri_at][2]
        resolved = resolve(written[1:-1], base)
        if keyword == "BASE":
            base = resolved
        edits.append((offset, offset + len(written), f"<{resolved}>"))
        i = iri_at + 1
    for start, end, replacement in reversed(edits):
        text = text[:start] + replacement + text[end:]
    return text, own_base


def confined(text: str, prefixes: Mapping[str, str], base: str | None, release: Collection[str]) -> str:
    """``text``'s FROM / FROM NAMED clauses kept to the release: a graph the release does not have is
    replaced by ``NO_GRAPH`` (empty, as it is on the embedded store, which holds nothing else), and
    a missing half (FROM without FROM NAMED, or the reverse) is given as ``NO_GRAPH``, because the
    engine would fill it with every graph it holds (Virtuoso does: GRAPH ?g then ranges over all of
    them, other datasets included)."""
    edits: list[tuple[int, int, str]] = []
    kinds: set[bool] = set()  # named or not, of the clauses seen
    end = 0
    for _, named, (kind, written, at) in _dataset_clauses(text):
        if kind == "iri":
            graph = resolve(written[1:-1], base)
        else:
            prefix, _, local = written.partition(":")
            graph = prefixes.get(prefix, "") + local
        if graph not in release:
            edits.append((at, at + len(written), f"<{NO_GRAPH}>"))
        kinds.add(named)
        end = at + len(written)
    if kinds == {True}:
        edits.append((end, end, f" FROM <{NO_GRAPH}>"))
    elif kinds == {False}:
        edits.append((end, end, f" FROM NAMED <{NO_GRAPH}>"))
    for start, stop, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[stop:]
    return text


def without_dataset_clauses(text: str) -> str:
    """``text`` with every ``FROM [NAMED] <iri>`` blanked out (offsets and line numbers kept)."""
    out = list(text)
    for offset, _, (_, written, at) in _dataset_clauses(text):
        end = at + len(written)
        out[offset:end] = [" "] * (end - offset)
    return "".join(out)


def _dataset_clauses(text: str) -> Iterator[tuple[int, bool, tuple[str, str, int]]]:
    """Every ``FROM [NAMED] target`` of ``text``: the offset of FROM, whether NAMED, and the target
    token (kind ``iri`` or ``pname``, text, offset)."""
    spans = token_spans(text)
    for i, (kind, value, offset) in enumerate(spans):
        if kind != "word" or value.upper() != "FROM":
            continue
        j = i + 1
        named = j < len(spans) and spans[j][0] == "word" and spans[j][1].upper() == "NAMED"
        j += named
        if j < len(spans) and spans[j][0] in ("iri", "pname"):
            yield offset, named, spans[j]


def bind_values(text: str, bindings: Mapping[str, Term], form: QueryForm | None = None) -> str:
    """``text`` with ``bindings`` (variable name → RDF term) as a VALUES block first in its
    outermost group pattern (BindingUnsupported if it has none)."""
    form = form or analyse(text).form
    names = sorted(bindings)
    row = " ".join(str(bindings[n]) for n in names)
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({row}) }} "
    at = _outer_group(text, form)
    if at is None:
        raise BindingUnsupported("this query has no WHERE group pattern to bind values in")
    return text[:at + 1] + block + text[at + 1:]


def _outer_group(text: str, form: QueryForm | None) -> int | None:
    """Offset of the ``{`` opening the outermost group pattern (the WHERE clause)."""
    spans = token_spans(text)
    depth, started, template = 0, False, form == "CONSTRUCT"
    i = 0
    while i < len(spans):
        kind, value, offset = spans[i]
        if kind == "word" and value.upper() in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE") and not started:
            started = True
            if template:  # CONSTRUCT { template } WHERE { … }: skip the template
                nxt = spans[i + 1] if i + 1 < len(spans) else None
                if nxt and nxt[1] == "{":
                    i = _matching(spans, i + 1)
                elif nxt and nxt[0] == "word" and nxt[1].upper() == "WHERE":
                    return None  # CONSTRUCT WHERE { … }: the group is also the template
        elif started and kind == "other" and value == "(":
            depth += 1
        elif started and kind == "other" and value == ")":
            depth -= 1
        elif started and kind == "other" and value == "{" and depth == 0:
            return offset
        i += 1
    return None


def _matching(spans: list[tuple[str, str, int]], open_at: int) -> int:
    depth = 0
    for j in range(open_at, len(spans)):
        if spans[j][0] == "other" and spans[j][1] == "{":
            depth += 1
        elif spans[j][0] == "other" and spans[j][1] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(spans)


def dataset_params(job: QueryJob, graphs: list[str], release: Collection[str] | None = None) -> list[tuple[str, str]]:
    """``default-graph-uri`` / ``named-graph-uri`` for the engine (see the module's docstring); a
    protocol dataset's graphs that are not in the ``release`` become ``NO_GRAPH`` (see ``confined``)."""
    if job.dataset is not None:  # an empty part is named by a graph that never exists

        def kept(names: tuple[str, ...]) -> list[str]:
            return [g if release is None or g in release else NO_GRAPH for g in names] or [NO_GRAPH]
        return ([("default-graph-uri", g) for g in kept(job.dataset.default_graphs)]
                + [("named-graph-uri", g) for g in kept(job.dataset.named_graphs)])
    if job.union and graphs:
        return [("default-graph-uri", g) for g in graphs] + [("named-graph-uri", g) for g in graphs]
    return []  # the query's own FROM clauses apply, or (no graphs given) the engine's dataset is the union
