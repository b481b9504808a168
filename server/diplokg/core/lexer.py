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
from enum import StrEnum

from diplokg.core.iris import resolve

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

UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"})


class QueryForm(StrEnum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"
    UPDATE = "UPDATE"  # any update operation

    @property
    def gives_graph(self) -> bool:
        """CONSTRUCT and DESCRIBE give RDF graphs; SELECT and ASK give query results."""
        return self in (QueryForm.CONSTRUCT, QueryForm.DESCRIBE)


QUERY_FORMS = frozenset({QueryForm.SELECT, QueryForm.ASK, QueryForm.CONSTRUCT, QueryForm.DESCRIBE})


@dataclass(frozen=True)
class ServiceCall:
    """One ``SERVICE`` clause: its target as written, and the absolute IRI when the target is constant."""

    target: str
    iri: str | None  # None for a variable or an unresolvable target
    silent: bool


@dataclass
class QueryInfo:
    form: QueryForm | None = None  # None if unknown
    has_dataset_clause: bool = False  # FROM / FROM NAMED present
    prefixes: dict[str, str] = field(default_factory=dict)
    base: str | None = None
    services: list[ServiceCall] = field(default_factory=list)
    max_depth: int = 0  # deepest nesting of ( { [ outside strings, IRIs and comments
    #: variables of the outermost SELECT clause (plain ``?v`` and ``(expression AS ?v)``); None for
    #: ``SELECT *`` and other forms
    projection: frozenset[str] | None = None


def tokens(text: str) -> list[tuple[str, str]]:
    """(kind, text) pairs, whitespace and comments dropped."""
    return [(kind, token) for kind, token, _ in token_spans(text)]


def token_spans(text: str) -> list[tuple[str, str, int]]:
    """(kind, text, offset) triples, whitespace and comments dropped."""
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind is not None and kind not in ("ws", "comment"):
            out.append((kind, m.group(), m.start()))
    return out


class _Analysis:
    """The state of one pass over the tokens of a query."""

    def __init__(self, toks: list[tuple[str, str]], predefined_prefixes: dict[str, str] | None,
                 base: str | None) -> None:
        self.toks, self.info = toks, QueryInfo(base=base)
        self.prefixes = dict(predefined_prefixes or {})
        self.in_prologue, self.depth = True, 0
        self.projection: set[str] | None = None  # collecting the SELECT clause while not None
        self.star = False

    def run(self) -> QueryInfo:
        i, n = 0, len(self.toks)
        while i < n:
            i = self.step(i)
        if self.projection is not None:  # a SELECT clause that never ended (the parser will refuse it)
            self.info.projection = None if self.star else frozenset(self.projection)
        return self.info

    def step(self, i: int) -> int:
        """Look at token ``i``; the index of the next token to look at."""
        kind, value = self.toks[i]
        upper = value.upper() if kind == "word" else ""
        if self.in_prologue and (skip := self.prologue(i, kind, upper)):
            return i + skip
        if self.projection is not None:
            self.select_clause(i, kind, value, upper)
        if kind == "other":
            self.bracket(value)
        if upper == "FROM":
            self.info.has_dataset_clause = True
        elif upper == "SERVICE":
            self.service(i + 1)
        return i + 1

    def prologue(self, i: int, kind: str, upper: str) -> int:
        """PREFIX and BASE declarations (the number of tokens they take), then the form."""
        toks, n = self.toks, len(self.toks)
        if upper == "PREFIX" and i + 2 < n and toks[i + 1][0] == "pname" and toks[i + 2][0] == "iri":
            iri = resolve(toks[i + 2][1][1:-1], self.info.base)
            self.prefixes[toks[i + 1][1][:-1]] = self.info.prefixes[toks[i + 1][1][:-1]] = iri
            return 3
        if upper == "BASE" and i + 1 < n and toks[i + 1][0] == "iri":
            self.info.base = resolve(toks[i + 1][1][1:-1], self.info.base)
            return 2
        self.in_prologue = False
        if upper in QUERY_FORMS:
            self.info.form = QueryForm(upper)
            if upper == "SELECT":
                self.projection = set()
                return 1
        elif upper in UPDATE_KEYWORDS:
            self.info.form = QueryForm.UPDATE
        return 0

    def select_clause(self, i: int, kind: str, value: str, upper: str) -> None:
        """One token of the outermost SELECT clause (it ends at WHERE, FROM or the first ``{``)."""
        assert self.projection is not None
        if upper in ("WHERE", "FROM") or (kind == "other" and value == "{"):
            self.info.projection = None if self.star else frozenset(self.projection)
            self.projection = None
        elif kind == "other" and value == "*":
            self.star = True
        elif kind == "var":
            before = self.toks[i - 1]
            # outside brackets the SELECT clause depth equals 0; inside an expression only "AS ?v"
            if self.depth == 0 or (before[0] == "word" and before[1].upper() == "AS"):
                self.projection.add(value[1:])

    def bracket(self, value: str) -> None:
        if value in "({[":
            self.depth += 1
            self.info.max_depth = max(self.info.max_depth, self.depth)
        elif value in ")}]":
            self.depth -= 1

    def service(self, j: int) -> None:
        toks, n = self.toks, len(self.toks)
        silent = j < n and toks[j][0] == "word" and toks[j][1].upper() == "SILENT"
        if silent:
            j += 1
        target_kind, target = toks[j] if j < n else ("other", "")
        iri = None
        if target_kind == "iri":
            iri = resolve(target[1:-1], self.info.base)
        elif target_kind == "pname":
            prefix, _, local = target.partition(":")
            if prefix in self.prefixes and "\\" not in local:
                iri = self.prefixes[prefix] + local
        self.info.services.append(ServiceCall(target, iri, silent))


def analyse(text: str, predefined_prefixes: dict[str, str] | None = None, base: str | None = None) -> QueryInfo:
    """Form, dataset clause, prologue, SERVICE targets, nesting depth and projection of ``text``, in
    one pass over its tokens. Relative IRIs resolve against ``base`` (the query's base IRI before
    its own ``BASE``, if any; ``info.base`` is the last one in force)."""
    return _Analysis(tokens(text), predefined_prefixes, base).run()


def mentions_service(text: str) -> bool:
    """Cheap pre-check: can this text contain the SERVICE keyword at all?"""
    return "service" in text.lower()
