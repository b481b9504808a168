"""The data-quality check of the Wikidata links (``diplokg check-links``): the bundled data has no
finding, and a store with each kind of problem gets each reported, by the command and its exit status.

The broken store is a copy of the built store with bad links added (the build itself would refuse
most of them by SHACL). The added QIDs are those of entities already in the data, reused wrongly on
purpose: these are test fixtures, not facts."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from diplokg.wikidata.quality import check_links
from support.cli_runner import run_cli

ID = "https://w3id.org/diplokg/id/"
BAD = f"""
@prefix dkg:  <https://w3id.org/diplokg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix wd:   <http://www.wikidata.org/entity/> .
@prefix id:   <{ID}> .
# a second city with Astana's QID (and no provenance record)
<{ID}test/other-astana> a dkg:City ; dkg:wikidataId "Q1520" ; skos:exactMatch wd:Q1520 .
# a person with Tajikistan's QID: a duplicate across kinds
<{ID}test/person> a dkg:Person ; dkg:wikidataId "Q863" ; skos:exactMatch wd:Q863 .
# one embassy linked to the class item "embassy"
<{ID}test/embassy> a dkg:DiplomaticMission ; dkg:wikidataId "Q3917681" ; skos:exactMatch wd:Q3917681 .
# QID and exactMatch disagree (numbers beyond Wikidata's range: no item is meant)
<{ID}test/organisation> a dkg:Organization ; dkg:wikidataId "Q900000001" ; skos:exactMatch wd:Q900000002 .
"""
GRAPH = ox.NamedNode(ID.replace("/id/", "/graph/") + "test/bad-links")


@pytest.fixture(scope="module")
def broken_store(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("broken") / "store"
    shutil.copytree(built_store, path)
    store = ox.Store(str(path))
    store.load(BAD.encode(), format=ox.RdfFormat.TURTLE, to_graph=GRAPH)
    wikidata_id = ox.NamedNode("https://w3id.org/diplokg/ontology#wikidataId")
    nor = ox.NamedNode(ID + "state/NOR")
    for quad in list(store.quads_for_pattern(nor, wikidata_id, None)):  # Norway loses its QID
        store.remove(quad)
    store.flush()
    del store
    return path


def test_the_bundled_data_has_no_finding(store) -> None:
    report = check_links(store)
    assert report.ok, report.to_text()
    assert report.linked == 195 + 7  # every state, and the four cities and three organisations of the verified list


def test_each_kind_of_problem_is_reported(broken_store: Path) -> None:
    from diplokg.build.store import open_read_only

    report = check_links(open_read_only(broken_store))
    got = {(f.kind, f.entities) for f in report.findings}
    t = ID + "test/"
    assert got == {
        ("duplicate-qid", (ID + "place/astana", t + "other-astana")),
        ("duplicate-qid", (ID + "state/TJK", t + "person")),
        ("mixed-types", (ID + "state/TJK", t + "person")),
        ("class-item-as-instance", (t + "embassy",)),
        ("qid-mismatch", (t + "organisation",)),
        # Norway: its exactMatch stays, its QID is gone
        ("qid-mismatch", (ID + "state/NOR",)),
        ("no-provenance", (t + "other-astana",)),
        ("no-provenance", (t + "person",)),
        ("no-provenance", (t + "embassy",)),
        ("no-provenance", (t + "organisation",)),
        ("state-without-qid", (ID + "state/NOR",)),
    }, report.to_text()
    mixed = next(f for f in report.findings if f.kind == "mixed-types")
    assert mixed.qid == "Q863" and "person" in mixed.message and "state" in mixed.message
    embassy = next(f for f in report.findings if f.kind == "class-item-as-instance")
    assert "vocab:mission-type/embassy" in embassy.message


def test_command_exit_status_and_formats(built_store: Path, broken_store: Path) -> None:
    good = run_cli("check-links", "--store", str(built_store))
    assert good.returncode == 0, good.stderr
    assert good.stdout.startswith("202 entities carry a Wikidata link; 0 finding(s).")

    bad = run_cli("check-links", "--store", str(broken_store))
    assert bad.returncode == 1, bad.stderr
    assert "duplicate-qid: Q1520 is the link of 2 entities" in bad.stdout
    assert "state-without-qid: id:state/NOR has no Wikidata QID" in bad.stdout

    as_json = run_cli("check-links", "--store", str(broken_store), "--format", "json")
    assert as_json.returncode == 1
    data = json.loads(as_json.stdout)
    assert data["ok"] is False and len(data["findings"]) == 11
    assert {f["kind"] for f in data["findings"]} == {"duplicate-qid", "mixed-types", "class-item-as-instance",
                                                     "qid-mismatch", "no-provenance", "state-without-qid"}


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    proc = run_cli("check-links", "--store", str(tmp_path / "nowhere"))
    assert proc.returncode == 1 and proc.stdout == ""  # like `validate`: 1 for findings and for errors
    assert "no store at" in proc.stderr


# ---- --wikidata: the types of the linked items, asked of a query service --------------------------
# A stand-in for the Wikidata Query Service on loopback, its graph written from the store's own
# links: each linked item an instance of the class expected for its kind. Two planted faults, both
# fixture assertions and not facts: Astana's item is said to be an instance of Q5 (human), and the
# OSCE's item is left out (as if deleted).
EXPECTED_CLASS = {"State": "Q3624078", "City": "Q515", "Organization": "Q43229"}
_LINKS = """SELECT ?qid ?class WHERE { ?e dkg:wikidataId ?qid ; a ?class }"""


def _standin_graph(store) -> str:
    lines = ["@prefix wd: <http://www.wikidata.org/entity/> .", "@prefix wdt: <http://www.wikidata.org/prop/direct/> ."]
    from diplokg.core.namespaces import PREFIXES

    for row in store.query(_LINKS, prefixes=PREFIXES, use_default_graph_as_union=True):
        qid, cls = row["qid"].value, row["class"].value.rsplit("#", 1)[1]
        if cls not in EXPECTED_CLASS or qid == "Q81299":
            continue
        lines.append(f"wd:{qid} wdt:P31 wd:{'Q5' if qid == 'Q1520' else EXPECTED_CLASS[cls]} .")
    return "\n".join(sorted(set(lines))) + "\n"


def test_wikidata_type_check_reports_wrong_types_and_missing_items(store, built_store: Path) -> None:
    from support.sparql_standin import StandInEndpoint

    with StandInEndpoint(_standin_graph(store)) as wikidata:
        proc = run_cli("check-links", "--store", str(built_store), "--wikidata", "--sparql", wikidata.url,
                       "--format", "json")
        assert len(wikidata.queries) == 1  # one query for all 202 items
        query = wikidata.queries[0]
    assert proc.returncode == 1, proc.stderr
    findings = {(f["kind"], f["qid"], tuple(f["entities"])) for f in json.loads(proc.stdout)["findings"]}
    assert findings == {
        ("wrong-type", "Q1520", (ID + "place/astana",)),
        ("item-missing", "Q81299", (ID + "organization/osce",)),
    }
    wrong = next(f for f in json.loads(proc.stdout)["findings"] if f["kind"] == "wrong-type")
    assert "not an instance of Q515 (city)" in wrong["message"] and "Q5" in wrong["message"]
    # only QIDs reach the query text, no labels from the data
    assert "wd:Q863" in query and "Tajikistan" not in query and "Astana" not in query


def test_wikidata_type_check_passes_when_every_item_has_its_type(store, built_store: Path) -> None:
    from support.sparql_standin import StandInEndpoint

    graph = _standin_graph(store).replace("wd:Q1520 wdt:P31 wd:Q5 .", "wd:Q1520 wdt:P31 wd:Q515 .")
    graph += "wd:Q81299 wdt:P31 wd:Q43229 .\n"
    with StandInEndpoint(graph) as wikidata:
        proc = run_cli("check-links", "--store", str(built_store), "--wikidata", "--sparql", wikidata.url)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 finding(s)" in proc.stdout


def test_wikidata_type_check_unreachable_is_a_clear_error(built_store: Path) -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = run_cli("check-links", "--store", str(built_store), "--wikidata", "--sparql", f"http://127.0.0.1:{port}/sparql")
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.strip() == ("diplokg: error: cannot reach the Wikidata Query Service at "
                                   f"http://127.0.0.1:{port}/sparql: "
                                   "connection refused — `diplokg check-links --wikidata` needs internet access")
