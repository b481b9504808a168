"""The comparison of results the W3C suites rely on: it must tell apart what the W3C tells apart
(lexical forms, multiplicity, order when ordered, a blank node used twice) and nothing more
(blank node labels, the order of unordered solutions, the column order of SELECT *)."""

from __future__ import annotations

from w3c.results import Boolean, Graph, Solutions, Table, difference, parse_csv, parse_graph, parse_results

INT = "http://www.w3.org/2001/XMLSchema#integer"


def solutions(*rows: dict[str, tuple[str, ...]], ordered: bool = False) -> Solutions:
    names = frozenset(n for r in rows for n in r)
    return Solutions(names, tuple(tuple(sorted(r.items())) for r in rows), ordered)


def iri(v: str) -> tuple[str, ...]:
    return ("iri", "http://example/" + v)


def bnode(v: str) -> tuple[str, ...]:
    return ("bnode", v)


def integer(v: str) -> tuple[str, ...]:
    return ("literal", v, INT, "")


def test_lexical_forms_differ_even_when_values_are_equal():
    assert difference(solutions({"v": integer("01")}), solutions({"v": integer("1")}), False) is not None
    assert difference(solutions({"v": integer("1")}), solutions({"v": integer("1")}), False) is None


def test_unordered_solutions_are_a_multiset():
    a, b = {"x": iri("a")}, {"x": iri("b")}
    assert difference(solutions(a, b), solutions(b, a), False) is None
    assert difference(solutions(a, b), solutions(b, a), True) is not None
    assert difference(solutions(a, a, b), solutions(a, b, b), False) is not None
    assert difference(solutions(a, a), solutions(a), False) is not None


def test_blank_nodes_are_renamed_consistently():
    expected = solutions({"x": bnode("b0"), "y": bnode("b0")}, {"x": bnode("b1"), "y": bnode("b2")})
    renamed = solutions({"x": bnode("q"), "y": bnode("r")}, {"x": bnode("p"), "y": bnode("p")})
    assert difference(expected, renamed, False) is None
    merged = solutions({"x": bnode("p"), "y": bnode("p")}, {"x": bnode("p"), "y": bnode("r")})
    assert difference(expected, merged, False) is not None  # one blank node cannot stand for two


def test_lax_cardinality_admits_fewer_duplicates_not_other_solutions():
    a, b = {"x": iri("a")}, {"x": iri("b")}
    assert difference(solutions(a, a, b), solutions(a, b), False, lax=True) is None
    assert difference(solutions(a, a, b), solutions(a, b), False) is not None
    assert difference(solutions(a, a, b), solutions(a, a), False, lax=True) is not None


def test_variables_booleans_and_kinds():
    assert difference(solutions({"x": iri("a")}), solutions({"y": iri("a")}), False) is not None
    assert difference(Boolean(True), Boolean(False), False) is not None
    assert difference(Boolean(True), solutions(), False) is not None


def test_graphs_are_compared_up_to_blank_node_renaming():
    one = parse_graph(b"_:a <http://example/p> _:b .\n_:b <http://example/p> _:a .\n", "nt")
    two = parse_graph(b"_:x <http://example/p> _:y .\n_:y <http://example/p> _:x .\n", "nt")
    loop = parse_graph(b"_:x <http://example/p> _:x .\n_:y <http://example/p> _:y .\n", "nt")
    assert isinstance(one, Graph)
    assert difference(one, two, False) is None
    assert difference(one, loop, False) is not None
    typed = parse_graph(b'<http://example/s> <http://example/p> "01"^^<%s> .' % INT.encode(), "nt")
    canonical = parse_graph(b'<http://example/s> <http://example/p> "1"^^<%s> .' % INT.encode(), "nt")
    assert difference(typed, canonical, False) is not None


def test_csv_columns_by_name_and_blank_nodes_renamed():
    expected = parse_csv(b"s,o\r\n_:b0,1\r\n_:b1,2\r\n")
    actual = parse_csv(b"o,s\r\n2,_:x\r\n1,_:y\r\n")
    assert isinstance(expected, Table)
    assert difference(expected, actual, False) is None
    assert difference(expected, parse_csv(b"o,s\r\n2,_:x\r\n1,_:x\r\n"), False) is not None


def test_results_formats_parse_to_the_same_solutions():
    xml = (b'<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
           b'<variable name="x"/></head><results><result><binding name="x"><literal datatype="' + INT.encode()
           + b'">01</literal></binding></result></results></sparql>')
    json = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"01","datatype":"%s"}}]}}' \
        % INT.encode()
    tsv = b'?x\n"01"^^<%s>\n' % INT.encode()
    parsed = [parse_results(xml, "srx"), parse_results(json, "srj"), parse_results(tsv, "tsv")]
    assert all(difference(parsed[0], p, False) is None for p in parsed)
    assert parsed[0] == solutions({"x": integer("01")})
