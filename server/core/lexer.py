"""A small SPARQL tokenizer: enough to learn, before a query runs, its form (SELECT/ASK/CONSTRUCT/
DESCRIBE or an update), whether it has a dataset clause, its PREFIX/BASE declarations and every
``SERVICE`` target.

It never decides whether a query is *valid* (the engine's parser does that and its message is what
the client sees); it must only never miss a ``SERVICE`` keyword. Anything it cannot classify is
treated as code, so an odd string or comment makes it refuse rather than overlook a keyword.
The scanner is a single regular-expression pass (no recursion), linear in the query length.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urljoin

_PN_CHARS = r"\w\u00B7\u00C0-\uFFFF-"
_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n\r]*)
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<var>[?$][\w\u00B7\u00C0-\uFFFF]+)
  | (?P<bnode>_:[\w\u00B7\u00C0-\uFFFF.-]*)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\u00B7\u00C0-\uFFFF.-]*)?:
        (?:[\w\u00B7\u00C0-\uFFFF:%-]|\\[_~.\-!$&'()*+,;=/?\#@%]|\.(?=[\w\u00B7\u00C0-\uFFFF:%-]))*)
  | (?P<word>[A-Za-z_][\w]*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

QUERY_FORMS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


@dataclass(frozen=True)
class ServiceCall:
    """One ``SERVICE`` clause: its target as written, and the absolute IRI when the target is constant."""

    target: str
    iri: str | None  # None for a variable or an unresolvable target
    silent: bool


@dataclass
class QueryInfo:
    form: str | None = None  # SELECT, ASK, CONSTRUCT, DESCRIBE; UPDATE for update operations; None if unknown
    has_dataset_clause: bool = False  # FROM / FROM NAMED present
    prefixes: dict[str, str] = field(default_factory=dict)
    base: str | None = None
    services: list[ServiceCall] = field(default_factory=list)
    max_depth: int = 0  # deepest nesting of ( { [ outside strings, IRIs and comments


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs, whitespace and comments dropped."""
    return [(kind, token) for kind, token, _ in token_spans(text)]


def token_spans(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) triples, whitespace and comments dropped."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind not in ("ws", "comment"):
            out.append((kind, m.group(), m.start()))  # type: ignore[arg-type]
    return out


def analyse(text: str, predefined_prefixes: dict[str, str] | None = None) -> QueryInfo:
    info = QueryInfo()
    prefixes = dict(predefined_prefixes or {})
    toks = tokens(text)
    i, n = 0, len(toks)
    in_prologue = True
    depth = 0
    while i < n:
        kind, value = toks[i]
        if kind == "other":
            if value in "({[":
                depth += 1
                info.max_depth = max(info.max_depth, depth)
            elif value in ")}]":
                depth -= 1
        upper = value.upper() if kind == "word" else ""
        if in_prologue and upper == "PREFIX" and i + 2 < n and toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
            iri = _resolve(toks[i + 2][1][1:-1], info.base)
            prefixes[toks[i + 1][1][:-1]] = iri
            info.prefixes[toks[i + 1][1][:-1]] = iri
            i += 3
            continue
        if in_prologue and upper == "BASE" and i + 1 < n and toks[i + 1][0] == "iri":
            info.base = _resolve(toks[i + 1][1][1:-1], info.base)
            i += 2
            continue
        if in_prologue and kind == "word":
            in_prologue = False
            if upper in QUERY_FORMS:
                info.form = upper
            elif upper in UPDATE_KEYWORDS:
                info.form = "UPDATE"
        elif in_prologue:
            in_prologue = False
        if upper == "FROM":
            info.has_dataset_clause = True
        elif upper == "SERVICE":
            j = i + 1
            silent = j < n and toks[j][0] == "word" and toks[j][1].upper() == "SILENT"
            if silent:
                j += 1
            target_kind, target = toks[j] if j < n else ("other", "")
            iri = None
            if target_kind == "iri":
                iri = _resolve(target[1:-1], info.base)
            elif target_kind == "pname":
                prefix, _, local = target.partition(":")
                if prefix in prefixes and "\\" not in local:
                    iri = prefixes[prefix] + local
            info.services.append(ServiceCall(target, iri, silent))
        i += 1
    return info


def _resolve(iri: str, base: str | None) -> str:
    if base and not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", iri):
        return urljoin(base, iri)
    return iri


def mentions_service(text: str) -> bool:
    """Cheap pre-check: can this text contain the SERVICE keyword at all?"""
    return "service" in text.lower()


def select_projection(text: str) -> set[str] | None:
    """Variables of the outermost SELECT clause: plain ``?v`` and ``(expression AS ?v)``; None for ``*``."""
    toks = tokens(text)
    start = next((i for i, (kind, value) in enumerate(toks) if kind == "word" and value.upper() == "SELECT"), None)
    if start is None:
        return None
    clause = []
    for kind, value in toks[start + 1:]:
        if (kind == "word" and value.upper() in ("WHERE", "FROM")) or (kind == "other" and value == "{"):
            break
        clause.append((kind, value))
    if any(kind == "other" and value == "*" for kind, value in clause):
        return None
    out, depth = set(), 0
    for j, (kind, value) in enumerate(clause):
        if kind == "other" and value in "()":
            depth += 1 if value == "(" else -1
        elif kind == "var" and (depth == 0 or (j > 0 and clause[j - 1][0] == "word" and clause[j - 1][1].upper() == "AS")):
            out.add(value[1:])
    return out
