"""One-value constraints per source graph (diplokg.validation.per_source), through validate() with
both engines: two sources may each state their own value, one source or a shared graph and a source
may not, and every other constraint still holds for the union."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
import rdflib.compare
from rdflib.namespace import SH

from diplokg.core.errors import DiplokgError
from diplokg.source.loader import LoadedData
from diplokg.validation.per_source import split_shapes, views
from diplokg.validation.validate import ValidationReport, validate

SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <https://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:ThingShape a sh:NodeShape ; sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:date ; sh:maxCount 1 ; sh:datatype xsd:date ; sh:message "one date" ] ,
                [ sh:path ex:name ; sh:uniqueLang true ] ,
                [ sh:path ex:part ; sh:node ex:PartShape ] .
ex:PartShape a sh:NodeShape ; sh:property [ sh:path ex:size ; sh:maxCount 1 ] .
"""
EX = "https://example.org/"
SOURCE = "https://w3id.org/diplokg/graph/source/"
SHARED = "https://w3id.org/diplokg/graph/reference/entities"


def quad(s: str, p: str, o: ox.NamedNode | ox.Literal, graph: str) -> ox.Quad:
    return ox.Quad(ox.NamedNode(EX + s), ox.NamedNode(p if p.startswith("http") else EX + p), o, ox.NamedNode(graph))


def date(text: str) -> ox.Literal:
    return ox.Literal(text, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date"))


TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
THING = ox.NamedNode(EX + "Thing")


def check(quads: list[ox.Quad], engine: str, processes: int = 1) -> ValidationReport:
    loaded = LoadedData()
    loaded.store.bulk_extend(quads)
    for q in quads:
        assert isinstance(q.graph_name, ox.NamedNode)
        loaded.graph_files[q.graph_name.value].add(q.graph_name.value.rsplit("/", 1)[-1] + ".trig")
    return validate(loaded, rdflib.Graph().parse(data=SHAPES, format="turtle"), engine=engine, processes=processes)


def found(report: ValidationReport) -> list[tuple[str, str, str | None, tuple[str, ...]]]:
    return [(v.focus_node.removeprefix(EX), v.constraint.removeprefix(str(SH)), v.graph, v.files)
            for v in report.violations]


ENGINES = pytest.mark.parametrize("engine", ["sparql", "pyshacl"])


@ENGINES
def test_two_sources_may_each_state_their_own_value(engine: str) -> None:
    report = check([quad("a", TYPE, THING, SOURCE + "one"), quad("a", "date", date("1992-07-07"), SOURCE + "one"),
                    quad("a", "date", date("1993-08-09"), SOURCE + "two")], engine)
    assert report.conforms, report.to_text()
    assert "conforms" in report.to_turtle() and report.violations == []


@ENGINES
def test_one_source_stating_two_values_is_a_violation_naming_its_graph(engine: str) -> None:
    report = check([quad("a", TYPE, THING, SOURCE + "one"), quad("a", "date", date("1992-07-07"), SOURCE + "two"),
                    quad("a", "date", date("1993-08-09"), SOURCE + "two")], engine)
    assert found(report) == [("a", "MaxCountConstraintComponent", SOURCE + "two", ("two.trig",))]
    assert f"graph:      <{SOURCE}two>" in report.to_text()
    assert report.violations[0].message == f"one date (in source graph <{SOURCE}two>)"
    assert f"one date (in source graph <{SOURCE}two>)" in report.to_turtle()
    assert not report.conforms


@ENGINES
def test_a_shared_graph_and_a_source_that_differ_are_a_violation_of_the_source(engine: str) -> None:
    report = check([quad("a", TYPE, THING, SHARED), quad("a", "date", date("1992-07-07"), SHARED),
                    quad("a", "date", date("1993-08-09"), SOURCE + "one")], engine)
    assert found(report) == [("a", "MaxCountConstraintComponent", SOURCE + "one", ("one.trig",))]


@ENGINES
def test_a_shared_graph_that_breaks_a_one_value_shape_is_reported_once(engine: str) -> None:
    report = check([quad("a", TYPE, THING, SHARED), quad("a", "name", ox.Literal("A", language="en"), SHARED),
                    quad("a", "name", ox.Literal("B", language="en"), SHARED),
                    quad("b", TYPE, THING, SOURCE + "one"), quad("b", TYPE, THING, SOURCE + "two")], engine)
    assert found(report) == [("a", "UniqueLangConstraintComponent", None, ("entities.trig",))]


@ENGINES
def test_every_other_constraint_still_holds_for_the_union(engine: str) -> None:
    report = check([quad("a", TYPE, THING, SOURCE + "one"),
                    quad("a", "date", ox.Literal("someday"), SOURCE + "two"),
                    quad("a", "part", ox.NamedNode(EX + "p"), SOURCE + "one"),
                    quad("p", "size", ox.Literal("1"), SOURCE + "one"),
                    quad("p", "size", ox.Literal("2"), SOURCE + "two")], engine)
    assert found(report) == [("a", "DatatypeConstraintComponent", None, ("one.trig", "two.trig")),
                             ("a", "NodeConstraintComponent", None, ("one.trig", "two.trig"))]


def test_the_one_value_constraints_of_nested_shapes_stay_with_the_union() -> None:
    split = split_shapes(rdflib.Graph().parse(data=SHAPES, format="turtle"))
    one = {(str(p), str(o)) for _, p, o in split.one_value if p in (SH.maxCount, SH.uniqueLang)}
    assert one == {(str(SH.maxCount), "1"), (str(SH.uniqueLang), "true")}
    assert len(list(split.union.triples((None, SH.maxCount, None)))) == 1  # ex:PartShape's
    assert (None, SH.uniqueLang, None) not in split.union
    assert (None, SH.datatype, None) not in split.one_value and (None, SH.node, None) not in split.one_value


def test_a_view_holds_its_source_and_what_the_others_say_of_its_subjects() -> None:
    store = ox.Store()
    store.bulk_extend([quad("s", "x", ox.Literal("shared"), SHARED), quad("a", "x", ox.Literal("of a"), SHARED),
                       quad("Thing", "http://www.w3.org/2000/01/rdf-schema#subClassOf", THING, SHARED),
                       quad("a", TYPE, THING, SOURCE + "one"), quad("s", TYPE, THING, SOURCE + "one"),
                       quad("a", "date", date("1992-07-07"), SOURCE + "one"),
                       quad("a", "date", date("1993-08-09"), SOURCE + "two")])
    got = [(v.graph, sorted(f"{q.subject.value.removeprefix(EX)} {q.object}" for q in v.quads))
           for _, v in views(store)]
    thing = f"<{EX}Thing>"
    assert got == [
        (None, sorted([f"Thing {thing}", f"a {thing}", f"s {thing}", 'a "of a"', 's "shared"'])),
        (SOURCE + "one", sorted([f"Thing {thing}", f"a {thing}", f"s {thing}", 'a "of a"', 's "shared"',
                                 f"a {date('1992-07-07')}"])),
        (SOURCE + "two", sorted([f"Thing {thing}", f"a {thing}", 'a "of a"', f"a {date('1993-08-09')}"])),
    ]


def test_the_labels_of_ontology_terms_stay_with_the_union() -> None:
    shapes = SHAPES + """ex:TermShape a sh:NodeShape ;
    sh:target [ a sh:SPARQLTarget ; sh:select "SELECT ?this WHERE { ?this a ex:Term }" ] ;
    sh:property [ sh:path ex:label ; sh:uniqueLang true ] .
"""
    split = split_shapes(rdflib.Graph().parse(data=shapes, format="turtle"))
    assert (None, SH.uniqueLang, None) in split.union
    assert len(list(split.one_value.triples((None, SH.uniqueLang, None)))) == 1


@ENGINES
def test_views_validated_in_forked_processes_give_the_same_report(engine: str) -> None:
    """validate(processes=3), as diplokg build runs it: the source views split over three children
    and the SHACL-SHACL check in a child find exactly what one process finds, in the same order."""
    quads = [quad("a", TYPE, THING, SHARED), quad("a", "name", ox.Literal("A", language="en"), SHARED),
             quad("a", "name", ox.Literal("B", language="en"), SHARED)]
    for i in range(7):  # seven sources: every child gets views, some break the one-value shape
        graph = SOURCE + f"s{i}"
        quads += [quad(f"x{i}", TYPE, THING, graph), quad(f"x{i}", "date", date("1992-07-07"), graph)]
        if i % 2:
            quads.append(quad(f"x{i}", "date", date("1993-08-09"), graph))
        quads.append(quad("a", "name", ox.Literal(f"C{i}", language="de"), graph))
    one, three = check(quads, engine), check(quads, engine, processes=3)
    assert found(one) == found(three)
    assert [v.focus_node for v in one.violations].count(EX + "a") == 1  # the shared view's, not again per source
    assert {v.graph for v in one.violations} == {None, *(SOURCE + f"s{i}" for i in (1, 3, 5))}
    assert rdflib.compare.isomorphic(one.results_graph, three.results_graph)


def test_an_invalid_shapes_graph_is_reported_from_the_forked_check() -> None:
    loaded = LoadedData()
    loaded.store.bulk_extend([quad("a", TYPE, THING, SOURCE + "one")])
    bad = rdflib.Graph().parse(data=SHAPES + "ex:ThingShape sh:maxCount \"many\" .", format="turtle")
    with pytest.raises(DiplokgError, match="SHACL-SHACL"):
        validate(loaded, bad, processes=2)
