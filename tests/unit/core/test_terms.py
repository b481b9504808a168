"""RDF terms in N-Triples syntax read into pyoxigraph terms (diplokg.core.terms), as the ``$name``
bindings of a request are written."""

from __future__ import annotations

import pytest

from diplokg.core.terms import parse_term


@pytest.mark.parametrize("text,expected", [
    ("<http://example.org/a>", ("iri", "http://example.org/a", None, None)),
    ('"x\\"y\\n"', ("literal", 'x"y\n', "http://www.w3.org/2001/XMLSchema#string", None)),
    ('"caf\\u00E9"@DE', ("literal", "café", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString", "de")),
    ('"2015-04-20"^^<http://www.w3.org/2001/XMLSchema#date>',
     ("literal", "2015-04-20", "http://www.w3.org/2001/XMLSchema#date", None)),
])
def test_parse_term(text, expected):
    term = parse_term(text)
    kind = "iri" if not hasattr(term, "datatype") else "literal"
    got = (kind, term.value, term.datatype.value if kind == "literal" else None,
           (term.language or None) if kind == "literal" else None)
    assert got == expected


@pytest.mark.parametrize("text", ["", "<a b>", '"open', '"x"@', '"x"^^xsd:date', "_:b0", '"bad \\q escape"'])
def test_parse_term_refuses(text):
    with pytest.raises(ValueError):
        parse_term(text)
