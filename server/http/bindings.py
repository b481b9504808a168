"""Variable bindings sent with a protocol query, as in RDF4J's REST API: a parameter ``$name``
whose value is one RDF term in N-Triples syntax (``<http://…>``, ``"text"@de``,
``"2015-04-20"^^<http://www.w3.org/2001/XMLSchema#date>``) binds ``?name`` before evaluation.

The values become RDF terms (pyoxigraph ``substitutions``), never query text. The engine substitutes
only variables a SELECT projects, so a binding of any other variable is refused with 400.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from diplokg.engine.execute import encode_term
from diplokg.http.protocol import ProtocolError
from diplokg.core.lexer import select_projection

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")
_IRI = re.compile(r'^<([^<>"{}|^`\\\x00-\x20]*)>$')
_LITERAL = re.compile(r'^"((?:[^"\\\n\r]|\\.)*)"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<([^<>"{}|^`\\\x00-\x20]*)>)?$', re.S)
_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
MAX_BINDINGS = 100


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        if m.group(3) is not None:
            if m.group(3) not in _SIMPLE:
                raise ValueError(f"unknown escape \\{m.group(3)}")
            return _SIMPLE[m.group(3)]
        return chr(int(m.group(1) or m.group(2), 16))
    return _ESCAPE.sub(one, text)


def parse_term(text: str) -> ox.NamedNode | ox.Literal:
    """One IRI or literal in N-Triples syntax (ValueError with the reason otherwise)."""
    text = text.strip()
    if m := _IRI.match(text):
        iri = _unescape(m.group(1)) if "\\" in m.group(1) else m.group(1)
        if ":" not in iri:
            raise ValueError(f"<{iri}> is not an absolute IRI")
        return ox.NamedNode(iri)
    if m := _LITERAL.match(text):
        value = _unescape(m.group(1))
        if m.group(2):
            return ox.Literal(value, language=m.group(2).lower())
        if m.group(3):
            return ox.Literal(value, datatype=ox.NamedNode(m.group(3)))
        return ox.Literal(value)
    raise ValueError("expected an IRI <…> or a literal \"…\" (optionally @lang or ^^<datatype>) in N-Triples syntax")


def protocol_bindings(params: dict[str, list[str]]) -> dict[str, dict[str, str]]:
    """The ``$name`` parameters of a request as substitutions (variable name → encoded term)."""
    out: dict[str, dict[str, str]] = {}
    for key, values in params.items():
        if not key.startswith("$"):
            continue
        name = key[1:]
        if not _NAME.match(name):
            raise ProtocolError(400, f"'{key[:60]}' is not a variable binding: $ must be followed by a variable name")
        if len(values) != 1:
            raise ProtocolError(400, f"the binding '{key}' must be given once, got {len(values)} values")
        try:
            out[name] = encode_term(parse_term(values[0]))
        except ValueError as e:
            raise ProtocolError(400, f"the binding '{key}' is not an RDF term: {e}") from None
        if len(out) > MAX_BINDINGS:
            raise ProtocolError(400, f"at most {MAX_BINDINGS} variable bindings per request")
    return out


def check_bindable(query: str, form: str, names: list[str]) -> None:
    """400 unless every bound variable can be substituted (SELECT: it must be projected)."""
    if not names or form != "SELECT":
        return
    projected = select_projection(query)
    missing = [n for n in names if projected is not None and n not in projected]
    if missing:
        raise ProtocolError(400, "a binding needs its variable in the SELECT clause (the engine substitutes projected "
                            "variables only): " + ", ".join("?" + n for n in missing))
