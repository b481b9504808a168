"""Comparable answers from different engines: one query sent to every engine over HTTP, each
response normalised, then compared.

Normalisation removes differences of representation only:
- SPARQL JSON ``typed-literal`` (Virtuoso's, from the 2006 draft) is a ``literal``;
- a literal of datatype xsd:string is the simple literal (RDF 1.1), rdf:langString is implied by
  a language tag, and language tags compare in lower case (they are case-insensitive);
- blank node labels are replaced by one placeholder (the data has no blank nodes);
- unbound variables are absent from a solution.
Anything else (another lexical form of a number, a missing or extra row) is a difference.

compare() classifies: "identical"; "order differs" (same rows, other order, for a query whose
outermost level has ORDER BY: ties may explain it); "same values, other lexical forms" (equal once
numbers and booleans are compared by value); "different".
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

import pyoxigraph as ox

from . import net

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "short", "byte",
                              "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
                              "unsignedInt", "unsignedLong", "unsignedShort", "unsignedByte")}
ACCEPT = {"SELECT": "application/sparql-results+json", "ASK": "application/sparql-results+json",
          "CONSTRUCT": "application/n-triples", "DESCRIBE": "application/n-triples"}

Term = tuple[str, str, str]  # (uri | bnode | literal, value, "@lang" or datatype IRI or "")
Row = frozenset[tuple[str, Term]]


@dataclass(frozen=True)
class Answer:
    """A normalised answer: a boolean, solutions (in response order), triples, or an error."""

    kind: str  # boolean | bindings | graph | error
    boolean: bool | None = None
    rows: tuple[Row, ...] = ()
    triples: frozenset[tuple[Term, Term, Term]] = frozenset()
    error: str = ""
    timed_out: bool = False

    @property
    def size(self) -> int:
        return len(self.rows) if self.kind == "bindings" else len(self.triples) if self.kind == "graph" else 1


@dataclass(frozen=True)
class Verdict:
    category: str  # identical | order differs | same values, other lexical forms | different | error
    detail: str = ""
    examples: list[str] = field(default_factory=list)

    @property
    def same(self) -> bool:
        return self.category == "identical"


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE (diplokg's lexer: comments and strings skipped)."""
    from diplokg.core.lexer import analyse

    form = analyse(text).form
    if form not in ACCEPT:
        raise ValueError(f"not a SPARQL query form: {form}")
    return form


def is_ordered(text: str) -> bool:
    """True if the outermost query level has ORDER BY (sub-select orderings do not count)."""
    from diplokg.core.lexer import tokens

    depth, seen_brace = 0, False
    toks = tokens(text)
    for i, (kind, tok) in enumerate(toks):
        if tok == "{":
            depth, seen_brace = depth + 1, True
        elif tok == "}":
            depth -= 1
        elif (kind == "word" and tok.upper() == "ORDER" and depth == 0 and seen_brace and i + 1 < len(toks)
              and toks[i + 1][1].upper() == "BY"):
            return True
    return False


def ask(url: str, text: str, timeout: float = 600) -> Answer:
    """Send a query (POST, form-encoded) and normalise the answer; HTTP errors become error answers."""
    form = query_form(text)
    try:
        r = net.sparql_post(url, text, ACCEPT[form], timeout=timeout)
    except TimeoutError:
        return Answer("error", error=f"no answer within {timeout:g} s", timed_out=True)
    except OSError as e:
        return Answer("error", error=f"{type(e).__name__}: {e}")
    if r.status != 200:
        return Answer("error", error=f"HTTP {r.status}: {r.body[:1500].decode(errors='replace').strip()}")
    try:
        return parse(r.body, r.content_type, form)
    except (ValueError, SyntaxError, KeyError) as e:
        return Answer("error", error=f"unreadable {r.content_type} answer: {e}: {r.body[:300]!r}")


def parse(body: bytes, content_type: str, form: str) -> Answer:
    if form in ("CONSTRUCT", "DESCRIBE"):
        fmt = ox.RdfFormat.from_media_type(content_type)
        if fmt is None:
            raise ValueError(f"no RDF parser for {content_type}")
        return Answer("graph", triples=frozenset((_ox_term(t.subject), _ox_term(t.predicate), _ox_term(t.object))
                                                 for t in ox.parse(body, format=fmt)))
    data = json.loads(body)
    if "boolean" in data:
        return Answer("boolean", boolean=bool(data["boolean"]))
    rows = tuple(frozenset((var, _json_term(value)) for var, value in binding.items())
                 for binding in data["results"]["bindings"])
    return Answer("bindings", rows=rows)


def _literal(value: str, datatype: str | None, lang: str | None) -> Term:
    if lang:
        return ("literal", value, "@" + lang.lower())
    if datatype in (None, XSD + "string", RDF_LANGSTRING):
        return ("literal", value, "")
    return ("literal", value, datatype)


def _json_term(v: dict[str, str]) -> Term:
    kind = v["type"]
    if kind == "uri":
        return ("uri", v["value"], "")
    if kind == "bnode":
        return ("bnode", "_", "")
    if kind in ("literal", "typed-literal"):
        return _literal(v["value"], v.get("datatype"), v.get("xml:lang") or v.get("lang"))
    raise ValueError(f"unknown term type {kind!r}")


def _ox_term(t: object) -> Term:
    if isinstance(t, ox.NamedNode):
        return ("uri", t.value, "")
    if isinstance(t, ox.BlankNode):
        return ("bnode", "_", "")
    if isinstance(t, ox.Literal):
        return _literal(t.value, t.datatype.value, t.language)
    raise ValueError(f"unsupported term {t!r}")


def _by_value(t: Term) -> Term:
    """A literal compared by value: numbers as canonical decimals, booleans as true/false."""
    kind, value, dt = t
    if kind == "literal" and dt in NUMERIC | {XSD + "double", XSD + "float"}:
        try:
            return ("literal", str(Decimal(value.strip()).normalize()), "number")
        except InvalidOperation:
            return t
    if kind == "literal" and dt == XSD + "boolean":
        return ("literal", "true" if value.strip() in ("1", "true") else "false", dt)
    return t


def _row_by_value(row: Row) -> Row:
    return frozenset((var, _by_value(term)) for var, term in row)


def show_term(t: Term) -> str:
    kind, value, extra = t
    if kind == "uri":
        return f"<{value}>"
    if kind == "bnode":
        return "_:b"
    return json.dumps(value, ensure_ascii=False) + (extra if extra.startswith("@") else f"^^<{extra}>" if extra else "")


def show_row(row: Row) -> str:
    return "{" + ", ".join(f"?{var}={show_term(t)}" for var, t in sorted(row)) + "}"


def compare(reference: Answer, other: Answer, ordered: bool, examples: int = 3) -> Verdict:
    """How ``other`` differs from ``reference`` (see the module docstring for the categories)."""
    if other.kind == "error":
        return Verdict("error", other.error)
    if reference.kind != other.kind:
        return Verdict("different", f"a {other.kind} answer instead of a {reference.kind} answer")
    if reference.kind == "boolean":
        return Verdict("identical") if reference.boolean == other.boolean else Verdict(
            "different", f"{other.boolean} instead of {reference.boolean}")
    if reference.kind == "graph":
        if reference.triples == other.triples:
            return Verdict("identical")
        missing, extra = reference.triples - other.triples, other.triples - reference.triples
        return Verdict("different", f"{len(other.triples)} triples instead of {len(reference.triples)}: "
                       f"{len(missing)} missing, {len(extra)} extra",
                       [f"missing {t}" for t in list(missing)[:examples]]
                       + [f"extra {t}" for t in list(extra)[:examples]])
    if reference.rows == other.rows:
        return Verdict("identical")
    a, b = Counter(reference.rows), Counter(other.rows)
    if a == b:
        if not ordered:
            return Verdict("identical")
        first = next(i for i, (x, y) in enumerate(zip(reference.rows, other.rows, strict=True)) if x != y)
        return Verdict("order differs", f"same {len(other.rows)} rows, first difference at row {first + 1}",
                       [f"reference row {first + 1}: {show_row(reference.rows[first])}",
                        f"this engine's row {first + 1}: {show_row(other.rows[first])}"])
    va, vb = Counter(map(_row_by_value, reference.rows)), Counter(map(_row_by_value, other.rows))
    if va == vb:
        missing = list((a - b).elements())[:examples]
        extra = list((b - a).elements())[:examples]
        return Verdict("same values, other lexical forms",
                       f"{len(other.rows)} rows; numbers/booleans written differently",
                       [f"reference {show_row(r)}" for r in missing] + [f"this engine {show_row(r)}" for r in extra])
    missing, extra = list((a - b).elements()), list((b - a).elements())
    return Verdict("different", f"{len(other.rows)} rows instead of {len(reference.rows)}: "
                   f"{len(missing)} missing, {len(extra)} extra", _pair_up(missing, extra, examples))


def _pair_up(missing: list[Row], extra: list[Row], examples: int) -> list[str]:
    """Example differences: each missing row next to the extra row sharing most bindings with it,
    as the variables whose values differ; unmatched rows whole."""
    out, pool = [], list(extra)
    for row in missing[:examples]:
        best = max(pool, key=lambda e: len(row & e), default=None)
        if best is not None and len(row & best) >= len(row) // 2:
            pool.remove(best)
            ref, other = dict(row), dict(best)
            diffs = [f"?{v}: {show_term(ref[v]) if v in ref else 'unbound'} -> "
                     f"{show_term(other[v]) if v in other else 'unbound'}"
                     for v in sorted(set(ref) | set(other)) if ref.get(v) != other.get(v)]
            same = {v: ref[v] for v in ref if ref.get(v) == other.get(v)}
            key = ", ".join(f"?{v}={show_term(same[v])}" for v in sorted(same) if same[v][0] == "uri")[:300]
            out.append(f"row [{key}]: " + "; ".join(diffs))
        else:
            out.append(f"missing {show_row(row)}")
    out += [f"extra {show_row(r)}" for r in pool[:max(0, examples - len(out))]]
    return out
