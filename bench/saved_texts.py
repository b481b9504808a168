"""The saved queries as self-contained SPARQL texts, for engines that know nothing of our saved-query
parameters: each parameter's default value is bound by a VALUES block placed first in the query's
top-level WHERE group (the values are RDF terms written by pyoxigraph, never pasted strings).

The benchmark sends the same text to every engine, and checks once that our endpoint gives the
same answer for this text as for the saved query with its parameters bound by substitution.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from diplokg.saved_queries import SavedQuery, load_all
from diplokg.sparql_lexer import token_spans


@dataclass(frozen=True)
class BenchQuery:
    slug: str
    text: str  # self-contained: defaults bound by VALUES
    original: SavedQuery
    bindings: dict[str, str]  # parameter name -> value as an N-Triples term (for the $name= check)


def where_brace(text: str) -> int:
    """Offset just after the opening brace of the top-level WHERE group."""
    spans = token_spans(text)
    depth, form_seen, template_skipped = 0, None, False
    for i, (kind, token, offset) in enumerate(spans):
        word = token.upper() if kind == "word" else None
        if depth == 0 and word in {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"} and form_seen is None:
            form_seen = word
            continue
        if form_seen is None:
            continue
        if depth == 0 and word == "WHERE":
            nxt = spans[i + 1]
            if nxt[1] != "{":
                raise ValueError("WHERE is not followed by '{'")
            return nxt[2] + 1
        if token == "{":
            if depth == 0:
                if form_seen == "CONSTRUCT" and not template_skipped:
                    template_skipped = True
                else:
                    return offset + 1
            depth += 1
        elif token == "}":
            depth -= 1
    raise ValueError("no WHERE group found")


def bench_queries(queries_dir: Path) -> list[BenchQuery]:
    """Every saved query without SERVICE, with its defaults bound."""
    out = []
    for slug, saved in load_all(queries_dir).items():
        if saved.federated:
            continue
        bound = saved.bind({})  # defaults, checked and typed like the endpoint does
        text = saved.text
        if bound:
            names = " ".join(str(v) for v in bound)
            values = " ".join(str(t) for t in bound.values())
            at = where_brace(text)
            text = f"{text[:at]}\n  VALUES ({names}) {{ ({values}) }}\n{text[at:]}"
        by_variable = {p.variable.lstrip("?$"): p.name for p in saved.parameters}
        bindings = {by_variable[v.value]: str(t) for v, t in bound.items()}
        out.append(BenchQuery(slug, text, saved, bindings))
    return out
