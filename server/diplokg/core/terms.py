"""One RDF term in N-Triples syntax (``<http://…>``, ``"text"@de``,
``"2015-04-20"^^<http://www.w3.org/2001/XMLSchema#date>``) read into a pyoxigraph term, as variable
bindings of a request (RDF4J's ``$name=TERM``) are written."""

from __future__ import annotations

import re

import pyoxigraph as ox

#: an RDF term that may be bound to a variable
Term = ox.NamedNode | ox.Literal

_IRI = re.compile(r'^<([^<>"{}|^`\\\x00-\x20]*)>$')
_LITERAL = re.compile(r'^"((?:[^"\\\n\r]|\\.)*)"'
                      r'(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^<([^<>"{}|^`\\\x00-\x20]*)>)?$', re.S)
_ESCAPE = re.compile(r'\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))', re.S)
_SIMPLE = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


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
