"""``diplokg export wikidata``: Wikidata-shaped RDF, QuickStatements and the list of skipped facts,
run as a user runs it, on a store built from the bundled data and on one built with a test fixture
(tests/export/fixture.trig, invented entities with QIDs beyond Wikidata's range)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from support.cli_runner import REPO, run_cli

EXPECTED = REPO / "tests" / "fixtures" / "export" / "expected"
FIXTURE = REPO / "tests" / "fixtures" / "export" / "fixture.trig"
FILES = ("quickstatements.txt", "skipped.tsv", "wikidata.ttl")
ID = "https://w3id.org/diplokg/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

WIKIDATA_PREFIXES = """
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
PREFIX p: <http://www.wikidata.org/prop/>
PREFIX ps: <http://www.wikidata.org/prop/statement/>
PREFIX pq: <http://www.wikidata.org/prop/qualifier/>
PREFIX pqv: <http://www.wikidata.org/prop/qualifier/value/>
PREFIX pr: <http://www.wikidata.org/prop/reference/>
PREFIX wikibase: <http://wikiba.se/ontology#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""


def _export(store: Path, out: Path) -> str:
    return run_cli("export", "wikidata", "--store", str(store), "-o", str(out), check=True).stdout


def _load(ttl: Path) -> ox.Store:
    db = ox.Store()
    db.load(path=str(ttl), format=ox.RdfFormat.TURTLE)
    return db


def _select(db: ox.Store, query: str) -> list[dict[str, str]]:
    result = db.query(WIKIDATA_PREFIXES + query)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def _skipped(out: Path) -> list[dict[str, str]]:
    header, *rows = (out / "skipped.tsv").read_text(encoding="utf-8").splitlines()
    columns = header.split("\t")
    assert columns == ["fact", "kind", "not_exported", "without_qid", "reason"]
    return [dict(zip(columns, row.split("\t"), strict=True)) for row in rows]


@pytest.fixture(scope="module")
def exported(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("wikidata-export") / "out"
    return out, _export(built_store, out)


@pytest.fixture(scope="module")
def fixture_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data plus tests/export/fixture.trig, validated and built like real data, exported."""
    root = tmp_path_factory.mktemp("wikidata-fixture")
    for part in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / part, root / "src" / part)
    shutil.copy(FIXTURE, root / "src" / "data" / "sources" / "test-wikidata-export-fixture.trig")
    run_cli("build", "--source", str(root / "src"), "--store", str(root / "store"), "-q", check=True)
    _export(root / "store", root / "out")
    return root / "out"


# ---- (a) the bundled data: exact expected files ---------------------------------------------------
def test_bundled_data_gives_the_expected_files(exported: tuple[Path, str]) -> None:
    out, _ = exported
    assert sorted(p.name for p in out.iterdir()) == sorted(FILES)  # nothing else, no temporary files left
    for name in FILES:
        assert (out / name).read_text(encoding="utf-8") == (EXPECTED / name).read_text(encoding="utf-8"), name


def test_summary_counts_exported_and_skipped_facts(exported: tuple[Path, str]) -> None:
    _, stdout = exported
    lines = [" ".join(line.split()) for line in stdout.splitlines()]
    assert "relation 2 exported (4 statements), 0 skipped" in lines
    assert "position-held 0 exported (0 statements), 5 skipped" in lines
    assert "mission 0 exported (0 statements), 1 skipped" in lines
    assert "wikidata.ttl: 52 triples; quickstatements.txt: 4 commands; skipped.tsv: 6 rows" in lines


# ---- (b) the RDF joins like a Wikidata dump ----------------------------------------------------------
def test_turtle_parses_and_answers_wikidata_shaped_queries(exported: tuple[Path, str]) -> None:
    out, _ = exported
    rdflib.Graph().parse(out / "wikidata.ttl", format="turtle")  # a second, independent parser
    db = _load(out / "wikidata.ttl")
    assert db.query(WIKIDATA_PREFIXES + "ASK { wd:Q863 wdt:P530 wd:Q218 . wd:Q218 wdt:P530 wd:Q863 . "
                    "wd:Q863 wdt:P530 wd:Q20 . wd:Q20 wdt:P530 wd:Q863 }")
    rows = _select(db, """SELECT ?subject ?start ?time ?precision ?zone ?calendar ?quote ?url WHERE {
        ?subject p:P530 ?st . ?st ps:P530 ?partner ; pq:P580 ?start ;
            pqv:P580 [ wikibase:timeValue ?time ; wikibase:timePrecision ?precision ;
                       wikibase:timeTimezone ?zone ; wikibase:timeCalendarModel ?calendar ] ;
            prov:wasDerivedFrom [ pr:P1683 ?quote ; pr:P854 ?url ] .
        VALUES (?subject ?partner) { (wd:Q863 wd:Q218) (wd:Q218 wd:Q863) (wd:Q863 wd:Q20) } }""")
    by_subject = {(r["subject"], r["url"]): r for r in rows}
    assert len(rows) == 3
    romania = by_subject[("http://www.wikidata.org/entity/Q863", ID + "source/mfa-tj-romania")]
    assert romania["start"] == romania["time"] == "1992-07-07T00:00:00Z"
    assert (romania["precision"], romania["zone"], romania["calendar"]) == ("11", "0", "http://www.wikidata.org/entity/Q1985727")
    assert romania["quote"] == ("Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien "
                                "wurden am 7 Juli 1992 aufgenommen.")
    norway = by_subject[("http://www.wikidata.org/entity/Q863", ID + "source/mfa-tj-norway")]
    assert (norway["time"], norway["precision"]) == ("1992-01-01T00:00:00Z", "9")  # "1992" as stated: a year


def test_typed_values_are_wikidatas(exported: tuple[Path, str]) -> None:
    out, _ = exported
    db = _load(out / "wikidata.ttl")
    (row,) = db.query(WIKIDATA_PREFIXES + """SELECT ?time ?precision ?quote WHERE {
        wd:Q863 p:P530 [ ps:P530 wd:Q218 ; pqv:P580 [ wikibase:timeValue ?time ; wikibase:timePrecision ?precision ] ;
                         prov:wasDerivedFrom [ pr:P1683 ?quote ] ] }""")
    assert row["time"] == ox.Literal("1992-07-07T00:00:00Z", datatype=ox.NamedNode(XSD + "dateTime"))
    assert row["precision"] == ox.Literal("11", datatype=ox.NamedNode(XSD + "integer"))
    assert row["quote"].language == "de"


def test_joins_with_wikidata_dump_triples(exported: tuple[Path, str]) -> None:
    """Load the export next to triples in the shape of Wikidata's own dump and join on wd: IRIs."""
    out, _ = exported
    db = _load(out / "wikidata.ttl")
    db.load(input=b'<http://www.wikidata.org/entity/Q218> <http://www.w3.org/2000/01/rdf-schema#label> "Romania"@en .\n'
                  b'<http://www.wikidata.org/entity/Q20> <http://www.w3.org/2000/01/rdf-schema#label> "Norway"@en .\n',
            format=ox.RdfFormat.N_TRIPLES)
    rows = _select(db, "SELECT ?label WHERE { wd:Q863 wdt:P530 ?partner . ?partner rdfs:label ?label } ORDER BY ?label")
    assert [r["label"] for r in rows] == ["Norway", "Romania"]


def test_statement_nodes_are_minted_in_our_namespace(exported: tuple[Path, str]) -> None:
    out, _ = exported
    db = _load(out / "wikidata.ttl")
    nodes = _select(db, "SELECT DISTINCT ?node WHERE { { ?s p:P530 ?node } UNION { ?st prov:wasDerivedFrom ?node } "
                        "UNION { ?st pqv:P580 ?node } }")
    assert len(nodes) == 4 + 2 + 2
    for row in nodes:
        assert row["node"].startswith(ID + "wikidata-"), row
    text = (out / "wikidata.ttl").read_text(encoding="utf-8")
    assert "wikidata.org/entity/statement" not in text and "wikidata.org/reference" not in text
    assert "https://w3id.org/diplokg/id/wikidata-statement/" in text.split("@prefix", 1)[0]  # said in the header


def test_nothing_is_invented(exported: tuple[Path, str], store: ox.Store) -> None:
    """Every QID comes from a dkg:wikidataId or a vocabulary's skos:exactMatch (or is the Gregorian
    calendar); every reference URL is one of our source documents; every quotation is its sentence."""
    out, _ = exported
    known = {r["item"].value for r in store.query(
        "SELECT DISTINCT ?item WHERE { { ?x <https://w3id.org/diplokg/ontology#wikidataId> ?q . "
        "BIND(IRI(CONCAT('http://www.wikidata.org/entity/', ?q)) AS ?item) } UNION "
        "{ ?c a <http://www.w3.org/2004/02/skos/core#Concept> ; "
        "<http://www.w3.org/2004/02/skos/core#exactMatch> ?item } }",
        use_default_graph_as_union=True)} | {"http://www.wikidata.org/entity/Q1985727"}
    db = _load(out / "wikidata.ttl")
    used = {t.value for q in db for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)
            and t.value.startswith("http://www.wikidata.org/entity/")}
    assert used and used <= known
    sentences = {(r["doc"].value, r["quote"].value) for r in store.query(
        "SELECT DISTINCT ?doc ?quote WHERE { ?ev <http://www.w3.org/ns/oa#hasSource> ?doc ; "
        "<http://www.w3.org/ns/oa#hasSelector>/<http://www.w3.org/ns/oa#exact> ?quote }",
        use_default_graph_as_union=True)}
    cited = {(r["url"], r["quote"])
             for r in _select(db, "SELECT ?url ?quote WHERE { ?ref pr:P854 ?url ; pr:P1683 ?quote }")}
    assert cited and cited <= sentences
    for line in (out / "quickstatements.txt").read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        for col in cols:
            if col.startswith("Q"):
                assert "http://www.wikidata.org/entity/" + col in known, line
        assert (cols[-1].strip('"'), cols[-3].removeprefix('de:"').removesuffix('"')) in sentences, line


# ---- QuickStatements ---------------------------------------------------------------------------------
def test_quickstatements_lines(exported: tuple[Path, str]) -> None:
    out, _ = exported
    lines = (out / "quickstatements.txt").read_text(encoding="utf-8").splitlines()
    romania = ('S1683\tde:"Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 7 Juli 1992 '
               'aufgenommen."\tS854\t"https://w3id.org/diplokg/id/source/mfa-tj-romania"')
    assert f"Q863\tP530\tQ218\tP580\t+1992-07-07T00:00:00Z/11\t{romania}" in lines
    assert f"Q218\tP530\tQ863\tP580\t+1992-07-07T00:00:00Z/11\t{romania}" in lines
    norway = [line for line in lines if line.startswith("Q863\tP530\tQ20\t")]
    assert len(norway) == 1 and "\tP580\t+1992-00-00T00:00:00Z/9\t" in norway[0]
    assert len(lines) == 4 and lines == sorted(lines)


# ---- (d) every fact is exported or listed with its reason -----------------------------------------
FACTS = """SELECT DISTINCT ?fact ?kind WHERE {
    { ?fact a dkg:DiplomaticRelation . BIND("relation" AS ?kind) }
    UNION { ?fact a dkg:Tenure . BIND("position-held" AS ?kind) }
    UNION { ?fact a dkg:DiplomaticMission . BIND("mission" AS ?kind) } }"""

WITHOUT_QID = """SELECT DISTINCT ?fact ?entity WHERE {
    { ?fact a dkg:Tenure ; dkg:holder|dkg:ofPost ?entity }
    UNION { ?fact a dkg:DiplomaticRelation ; dkg:relationBetween ?entity }
    UNION { ?fact a dkg:DiplomaticMission . BIND(?fact AS ?entity) }
    FILTER NOT EXISTS { ?entity dkg:wikidataId ?qid } }"""


def _store_facts(store_path: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    from diplokg.build.store import open_read_only
    from diplokg.core.namespaces import sparql_prologue

    db = open_read_only(store_path)
    facts = {r["fact"].value: r["kind"].value
             for r in db.query(sparql_prologue() + FACTS, use_default_graph_as_union=True)}
    missing: dict[str, set[str]] = {}
    for r in db.query(sparql_prologue() + WITHOUT_QID, use_default_graph_as_union=True):
        missing.setdefault(r["fact"].value, set()).add(r["entity"].value)
    return facts, missing


def _check_every_fact_accounted_for(store_path: Path, out: Path) -> tuple[set[str], list[dict[str, str]]]:
    facts, missing = _store_facts(store_path)
    exported = {r["fact"] for r in _select(_load(out / "wikidata.ttl"),
                                           "SELECT DISTINCT ?fact WHERE { ?st dcterms:source ?fact }")}
    rows = _skipped(out)
    skipped_whole = {r["fact"] for r in rows if r["not_exported"] == "all"}
    assert exported.isdisjoint(skipped_whole)
    assert exported | skipped_whole == set(facts)
    for row in rows:
        assert row["fact"] in facts and row["kind"] == facts[row["fact"]], row
        assert row["reason"].strip(), row
    for fact, entities in missing.items():  # every fact with an unlinked entity says which ones
        row = next(r for r in rows if r["fact"] == fact and r["not_exported"] == "all")
        assert set(row["without_qid"].split()) == entities, row
    return exported, rows


def test_every_fact_is_exported_or_listed_with_its_reason(built_store: Path, exported: tuple[Path, str]) -> None:
    out, _ = exported
    done, rows = _check_every_fact_accounted_for(built_store, out)
    assert done == {ID + "relation/NOR-TJK", ID + "relation/ROU-TJK"}
    assert sorted((r["kind"], r["fact"].removeprefix(ID)) for r in rows) == [
        ("mission", "mission/ROU-embassy-astana"),
        ("position-held", "tenure/idibek-kalandar-TJK-AUT"),
        ("position-held", "tenure/idibek-kalandar-TJK-NOR"),
        ("position-held", "tenure/idibek-kalandar-TJK-ROU"),
        ("position-held", "tenure/madalina-lupu-ROU-TJK"),
        ("position-held", "tenure/ole-johan-bernoy-NOR-TJK"),
    ]


# ---- (e) deterministic ---------------------------------------------------------------------------------
def test_rerun_gives_identical_bytes(built_store: Path, exported: tuple[Path, str], tmp_path: Path) -> None:
    out, _ = exported
    _export(built_store, tmp_path)  # into an existing directory, overwriting nothing else
    for name in FILES:
        assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


def test_unwritable_output_is_a_clear_error(built_store: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    proc = run_cli("export", "wikidata", "--store", str(built_store), "-o", str(tmp_path / "file"))
    assert proc.returncode == 1 and proc.stderr.startswith("diplokg: error: cannot write to"), proc.stderr


# ---- (c) the fixture: positions held and missions -------------------------------------------------
FIXTURE_SOURCE = '"https://w3id.org/diplokg/id/source/test-wikidata-export-fixture"'
SENTENCE_1 = ("Testdatensatz, keine Tatsache: Frau Erika Beispiel wurde am 3. Mai 2021 zur Außerordentlichen und "
              "bevollmächtigten Botschafterin Rumäniens in Norwegen ernannt.")
SENTENCE_2 = "Ihre Amtszeit als „Botschafterin in Norwegen“ endete im Juni 2023."


def test_fixture_position_held_with_start_and_end(fixture_export: Path) -> None:
    db = _load(fixture_export / "wikidata.ttl")
    assert db.query(WIKIDATA_PREFIXES + "ASK { wd:Q900000001 wdt:P39 wd:Q900000002 }")
    rows = _select(db, """SELECT ?start ?startPrecision ?end ?endPrecision WHERE {
        wd:Q900000001 p:P39 ?st . ?st ps:P39 wd:Q900000002 ;
            pqv:P580 [ wikibase:timeValue ?start ; wikibase:timePrecision ?startPrecision ] ;
            pqv:P582 [ wikibase:timeValue ?end ; wikibase:timePrecision ?endPrecision ] }""")
    assert rows == [{"start": "2021-05-03T00:00:00Z", "startPrecision": "11",
                     "end": "2023-06-01T00:00:00Z", "endPrecision": "10"}]
    lines = (fixture_export / "quickstatements.txt").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines if line.startswith("Q900000001\t")] == [
        f'Q900000001\tP39\tQ900000002\tP580\t+2021-05-03T00:00:00Z/11\tP582\t+2023-06-00T00:00:00Z/10\t'
        f'S1683\tde:"{SENTENCE_1}"\tS854\t{FIXTURE_SOURCE}'
    ]


def test_fixture_quotation_quickstatements_cannot_carry_stays_in_rdf_only(fixture_export: Path) -> None:
    """Sentence 2 has „…“ quotation marks: QuickStatements 3 would turn “ into ", so the reference is
    not proposed there (and listed), but the RDF keeps it."""
    db = _load(fixture_export / "wikidata.ttl")
    quotes = {r["quote"] for r in _select(db, "SELECT ?quote WHERE { wd:Q900000001 p:P39 ?st . "
                                              "?st prov:wasDerivedFrom/pr:P1683 ?quote }")}
    assert quotes == {SENTENCE_1, SENTENCE_2}
    assert SENTENCE_2 not in (fixture_export / "quickstatements.txt").read_text(encoding="utf-8")
    (row,) = [r for r in _skipped(fixture_export) if r["not_exported"].startswith("QuickStatements")]
    assert row["fact"] == ID + "tenure/test-fixture-erika-beispiel-ROU-NOR"
    assert "sentence/2" in row["reason"] and "“" in row["reason"]


def test_fixture_post_without_qid_is_skipped_naming_the_post(fixture_export: Path) -> None:
    (row,) = [r for r in _skipped(fixture_export) if r["fact"] == ID + "tenure/test-fixture-erika-beispiel-ROU-ISL"]
    assert ((row["kind"], row["not_exported"], row["without_qid"])
            == ("position-held", "all", ID + "post/test-fixture-ROU-ISL-envoy"))
    assert "Q121998" in row["reason"]  # says why the generic ambassador item is not used
    lines = (fixture_export / "quickstatements.txt").read_text(encoding="utf-8").splitlines()
    assert [line.split("\t")[2] for line in lines if "\tP39\t" in line] == ["Q900000002"]


def test_fixture_missions(fixture_export: Path) -> None:
    db = _load(fixture_export / "wikidata.ttl")
    truthy = {(r["s"], r["p"], r["o"])
              for r in _select(db, "SELECT ?s ?p ?o WHERE { VALUES ?s { wd:Q900000003 wd:Q900000004 } ?s ?p ?o . "
                                   "FILTER(STRSTARTS(STR(?p), STR(wdt:))) }")}
    wd, wdt = "http://www.wikidata.org/entity/", "http://www.wikidata.org/prop/direct/"
    assert truthy == {
        (wd + "Q900000003", wdt + "P31", wd + "Q3917681"),  # embassy
        (wd + "Q900000003", wdt + "P137", wd + "Q218"),  # operated by Romania
        (wd + "Q900000003", wdt + "P131", wd + "Q1741"),  # in Vienna
        (wd + "Q900000003", wdt + "P1001", wd + "Q40"),  # for Austria
        (wd + "Q900000004", wdt + "P31", wd + "Q7843791"),  # consulate
        (wd + "Q900000004", wdt + "P137", wd + "Q863"),
        (wd + "Q900000004", wdt + "P1001", wd + "Q20"),  # its seat has no QID: no P131
    }
    (row,) = [r for r in _skipped(fixture_export)
              if r["fact"] == ID + "mission/test-fixture-TJK-consulate-beispielstadt"]
    assert (row["not_exported"], row["without_qid"]) == ("P131 statement", ID + "place/test-fixture-beispielstadt")
    lines = (fixture_export / "quickstatements.txt").read_text(encoding="utf-8").splitlines()
    assert sorted(line.split("\tS1683\t")[0] for line in lines
                  if line.startswith("Q90000000") and "\tP39\t" not in line) == [
        "Q900000003\tP1001\tQ40", "Q900000003\tP131\tQ1741", "Q900000003\tP137\tQ218", "Q900000003\tP31\tQ3917681",
        "Q900000004\tP1001\tQ20", "Q900000004\tP137\tQ863", "Q900000004\tP31\tQ7843791",
    ]


def test_fixture_every_fact_is_exported_or_listed(fixture_export: Path) -> None:
    store_path = fixture_export.parent / "store"
    done, _ = _check_every_fact_accounted_for(store_path, fixture_export)
    assert {ID + "tenure/test-fixture-erika-beispiel-ROU-NOR", ID + "mission/test-fixture-ROU-embassy-vienna",
            ID + "mission/test-fixture-TJK-consulate-beispielstadt"} <= done


# ---- the mapping functions ------------------------------------------------------------------------------
@pytest.mark.parametrize(("datatype", "value", "rdf", "qs"), [
    ("date", "1992-07-07", "1992-07-07T00:00:00Z", "+1992-07-07T00:00:00Z/11"),
    ("gYearMonth", "2018-04", "2018-04-01T00:00:00Z", "+2018-04-00T00:00:00Z/10"),
    ("gYear", "1992", "1992-01-01T00:00:00Z", "+1992-00-00T00:00:00Z/9"),
])
def test_time_values_keep_the_stated_precision(datatype: str, value: str, rdf: str, qs: str) -> None:
    from diplokg.wikidata.export import wikidata_time
    from diplokg.wikidata.facts import StatedDate

    time = wikidata_time(StatedDate(value, XSD + datatype))
    assert time is not None and (time.rdf_lexical(), time.quickstatements()) == (rdf, qs)


@pytest.mark.parametrize(("datatype", "value"), [
    ("date", "1992-07-07Z"), ("date", "1992-07-07+02:00"), ("gYear", "-0044"), ("gYear", "12345"),
    ("dateTime", "1992-07-07T10:00:00"),
])
def test_dates_the_export_cannot_read_give_no_time(datatype: str, value: str) -> None:
    from diplokg.wikidata.export import wikidata_time
    from diplokg.wikidata.facts import StatedDate

    assert wikidata_time(StatedDate(value, XSD + datatype)) is None


@pytest.mark.parametrize("text", ['say "x"', "a\tb", "a\nb", "“x”", "a|b", "a\\b", "x /* y */", " padded"])
def test_quotations_quickstatements_would_alter_are_detected(text: str) -> None:
    from diplokg.wikidata.writers import unsafe_for_quickstatements

    assert unsafe_for_quickstatements(text)
    assert not unsafe_for_quickstatements("Die diplomatischen Beziehungen wurden am 7 Juli 1992 aufgenommen.")


def test_mapping_is_read_from_the_ontology_annotations(store: ox.Store) -> None:
    from diplokg.core.errors import DiplokgError
    from diplokg.core.namespaces import ONTOLOGY
    from diplokg.wikidata.export import resolve_mapping
    from diplokg.wikidata.facts import read_facts

    facts = read_facts(store)
    mapping = resolve_mapping(facts.annotations, facts.super_properties)
    assert {role: mapping[role]
            for role in ("relation", "position", "start", "end", "operator", "location", "jurisdiction")} == {
        "relation": "P530", "position": "P39", "start": "P580", "end": "P582",
        "operator": "P137", "location": "P131", "jurisdiction": "P1001"}
    # dkg:seat has no annotation of its own: P131 comes from its super-property dkg:locatedIn
    assert ONTOLOGY + "seat" not in facts.annotations
    without = {k: v for k, v in facts.annotations.items() if k != ONTOLOGY + "appointment"}
    with pytest.raises(DiplokgError, match="appointment"):
        resolve_mapping(without, facts.super_properties)
    changed = {**facts.annotations, ONTOLOGY + "covers": ("http://www.wikidata.org/entity/P9999999",)}
    assert resolve_mapping(changed, facts.super_properties)["jurisdiction"] == "P9999999"
