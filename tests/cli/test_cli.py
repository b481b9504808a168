"""The diplokg command line, run as a subprocess exactly as a user runs it."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from support.cli_runner import REPO, run_cli
from support.source_breakage import break_shacl, break_syntax

COMMANDS = ["validate", "build", "query", "dump", "export", "stats", "link", "proxy-config", "release"]


def test_help_documents_every_command() -> None:
    out = run_cli("--help", check=True).stdout
    for cmd in COMMANDS:
        assert cmd in out
        sub = run_cli(cmd, "--help", check=True).stdout
        assert f"usage: diplokg {cmd}" in sub


def test_packaged_files_are_the_repository_files() -> None:
    """The wheel ships ontology, data and shapes; the installed copy must be the checked-in one."""
    import diplokg

    pkg = Path(diplokg.__file__).parent
    for part in ("ontology", "data", "shapes"):
        for f in (REPO / part).rglob("*"):
            if f.is_file():
                assert (pkg / part / f.relative_to(REPO / part)).read_bytes() == f.read_bytes(), f


# ---- validate ---------------------------------------------------------------------------------
def test_validate_conforms_outside_the_repository(tmp_path: Path) -> None:
    """The installed package carries its own ontology, data and shapes: run far from the checkout."""
    proc = run_cli("validate", cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "conforms" in proc.stdout


def test_validate_json_and_turtle_reports() -> None:
    report = json.loads(run_cli("validate", "--format", "json", check=True).stdout)
    assert report == {"conforms": True, "violations": []}
    g = rdflib.Graph().parse(data=run_cli("validate", "--format", "turtle", check=True).stdout, format="turtle")
    assert (None, rdflib.URIRef("http://www.w3.org/ns/shacl#conforms"), rdflib.Literal(True)) in g


def test_validate_reports_violation_with_focus_constraint_and_file(source_tree: Path) -> None:
    break_shacl(source_tree)
    proc = run_cli("validate", "--source", str(source_tree))
    assert proc.returncode == 1
    assert "id:tenure/madalina-lupu-ROU-TJK" in proc.stdout
    assert "sh:MinCountConstraintComponent" in proc.stdout
    assert "data/sources/romania.trig" in proc.stdout
    assert "dkg:ofPost" in proc.stdout
    report = json.loads(run_cli("validate", "--source", str(source_tree), "--format", "json").stdout)
    assert report["conforms"] is False
    assert any(
        v["focus_node"].endswith("tenure/madalina-lupu-ROU-TJK")
        and v["constraint"] == "http://www.w3.org/ns/shacl#MinCountConstraintComponent"
        and v["files"] == ["data/sources/romania.trig"]
        for v in report["violations"]
    )


def test_validate_reports_syntax_error_with_file_and_line(source_tree: Path) -> None:
    line = break_syntax(source_tree)
    proc = run_cli("validate", "--source", str(source_tree))
    assert proc.returncode == 1
    assert f"data/sources/norway.trig:{line}" in proc.stderr
    assert "Traceback" not in proc.stderr
    errors = [ln for ln in proc.stderr.splitlines() if not ln.startswith("[")]  # "[ 0.01s] ..." is progress
    assert len(errors) == 1 and errors[0].startswith("diplokg: error:"), proc.stderr


# ---- build ------------------------------------------------------------------------------------
def test_build_prints_counts_per_named_graph(tmp_path: Path) -> None:
    proc = run_cli("build", "--store", str(tmp_path / "store"))
    assert proc.returncode == 0, proc.stderr
    for graph in ("graph/ontology", "graph/reference/states", "graph/reference/entities",
                  "graph/source/mfa-tj-romania", "graph/source/mfa-tj-norway"):
        assert f"https://w3id.org/diplokg/{graph}" in proc.stdout
    assert "dkg:Tenure" in proc.stdout
    assert "parsing" in proc.stderr  # progress is shown


@pytest.mark.parametrize("breakage", ["shacl", "syntax"])
def test_failed_build_leaves_store_untouched(tmp_path: Path, source_tree: Path, breakage: str) -> None:
    store = tmp_path / "store"
    run_cli("build", "--source", str(source_tree), "--store", str(store), "-q", check=True)
    before_target = os.readlink(store)
    before_dump = run_cli("dump", "--store", str(store), "--format", "nq", check=True).stdout
    if breakage == "shacl":
        break_shacl(source_tree)
    else:
        break_syntax(source_tree)
    proc = run_cli("build", "--source", str(source_tree), "--store", str(store))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert ("violation" if breakage == "shacl" else "norway.trig:") in proc.stderr
    assert os.readlink(store) == before_target
    assert run_cli("dump", "--store", str(store), "--format", "nq", check=True).stdout == before_dump
    assert len([p for p in (tmp_path / ".store.builds").iterdir() if p.is_dir()]) == 1  # no half-built leftovers


def test_rebuild_switches_and_keeps_one_previous_generation(tmp_path: Path) -> None:
    store = tmp_path / "store"
    targets = set()
    for _ in range(3):
        run_cli("build", "--store", str(store), "-q", check=True)
        targets.add(os.readlink(store))
    assert len(targets) == 3
    assert len([p for p in (tmp_path / ".store.builds").iterdir() if p.is_dir()]) == 2


def test_build_refuses_to_overwrite_a_foreign_directory(tmp_path: Path) -> None:
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "precious.txt").write_text("keep me")
    proc = run_cli("build", "--store", str(tmp_path / "store"))
    assert proc.returncode == 1
    assert "not a store built by diplokg" in proc.stderr
    assert (tmp_path / "store" / "precious.txt").read_text() == "keep me"


# ---- query ------------------------------------------------------------------------------------
RELATIONS = ("SELECT ?partner WHERE { ?r a dkg:DiplomaticRelation ; dkg:relationBetween id:state\\/TJK , ?partner . "
             "FILTER(?partner != id:state\\/TJK) } ORDER BY ?partner")


def test_query_string_file_and_stdin(built_store: Path, tmp_path: Path) -> None:
    expected = ["partner", "https://w3id.org/diplokg/id/state/NOR", "https://w3id.org/diplokg/id/state/ROU"]
    assert (run_cli("query", RELATIONS, "--store", str(built_store), "--format", "csv", check=True).stdout.splitlines()
            == expected)
    qf = tmp_path / "q.rq"
    qf.write_text(RELATIONS)
    assert "state/NOR" in run_cli("query", "--file", str(qf), "--store", str(built_store), check=True).stdout
    assert "state/ROU" in run_cli("query", "--store", str(built_store), "--format", "tsv", input=RELATIONS,
                                  check=True).stdout


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_query_select_formats(built_store: Path, fmt: str) -> None:
    out = run_cli("query", RELATIONS, "--store", str(built_store), "--format", fmt, check=True).stdout
    if fmt == "json":
        data = json.loads(out)
        assert [b["partner"]["value"] for b in data["results"]["bindings"]] == [
            "https://w3id.org/diplokg/id/state/NOR", "https://w3id.org/diplokg/id/state/ROU"]
    elif fmt == "xml":
        assert "<sparql" in out and "state/NOR" in out
    elif fmt == "table":
        assert "id:state/NOR" in out and "(2 rows)" in out
    else:
        assert "state/NOR" in out and "state/ROU" in out


def test_query_ask_and_construct(built_store: Path) -> None:
    assert run_cli("query", "ASK { id:state\\/TJK a dkg:State }", "--store", str(built_store),
                   check=True).stdout.strip() == "yes"
    assert json.loads(run_cli("query", "ASK { id:state\\/TJK a dkg:Person }", "--store", str(built_store),
                              "--format", "json", check=True).stdout)["boolean"] is False
    construct = "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s a dkg:Person ; rdfs:label ?l }"
    ttl = run_cli("query", construct, "--store", str(built_store), "--format", "turtle", check=True).stdout
    nt = run_cli("query", construct, "--store", str(built_store), "--format", "ntriples", check=True).stdout
    assert set(ox.parse(ttl, format=ox.RdfFormat.TURTLE)) == set(ox.parse(nt, format=ox.RdfFormat.N_TRIPLES))
    assert len(nt.strip().splitlines()) == 11 * 2  # eleven persons, en + de labels


def test_query_errors_are_one_line(built_store: Path) -> None:
    proc = run_cli("query", "SELEKT * WHERE { ?s ?p ?o }", "--store", str(built_store))
    assert proc.returncode == 2
    assert proc.stderr.startswith("diplokg: error: SPARQL syntax error")
    assert len(proc.stderr.strip().splitlines()) == 1
    proc = run_cli("query", "ASK {}", "--store", str(built_store), "--format", "turtle")
    assert proc.returncode == 2 and "does not apply" in proc.stderr


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    for cmd in (["query", "ASK {}"], ["stats"], ["dump", "--format", "nt"]):
        proc = run_cli(*cmd, "--store", str(tmp_path / "nothing"))
        assert proc.returncode == 1
        assert "no store at" in proc.stderr and "Traceback" not in proc.stderr


# ---- dump -------------------------------------------------------------------------------------
DUMP_FORMATS = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "trig": ox.RdfFormat.TRIG,
                "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD}


@pytest.mark.parametrize("fmt", list(DUMP_FORMATS))
def test_dump_is_deterministic_and_round_trips(built_store: Path, store, tmp_path: Path, fmt: str) -> None:
    a, b = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    run_cli("dump", "--store", str(built_store), "--format", fmt, "-o", str(a), check=True)
    # a second, independent build of the same input must dump byte-identically
    other = tmp_path / "other" / "store"
    run_cli("build", "--store", str(other), "-q", check=True)
    run_cli("dump", "--store", str(other), "--format", fmt, "-o", str(b), check=True)
    assert a.read_bytes() == b.read_bytes()
    parsed = list(ox.parse(path=str(a), format=DUMP_FORMATS[fmt]))
    stored = [q for q in store.quads_for_pattern(None, None, None, None)]
    if fmt in {"trig", "nq", "jsonld"}:
        assert set(parsed) == set(stored)
    else:
        assert {ox.Triple(q.subject, q.predicate, q.object) for q in parsed} == {
            ox.Triple(q.subject, q.predicate, q.object) for q in stored}


@pytest.mark.parametrize("fmt", list(DUMP_FORMATS))
def test_dump_is_the_published_dump(built_store: Path, tmp_path: Path, fmt: str) -> None:
    """What `diplokg dump` writes is what a fresh serialisation of the store gives, and what the
    server publishes under /dumps/ (decompressed)."""
    from diplokg.build.dump import write_dump
    from diplokg.build.store import open_read_only

    out = tmp_path / f"dump.{fmt}"
    run_cli("dump", "--store", str(built_store), "--format", fmt, "-o", str(out), check=True)
    with (tmp_path / "computed").open("wb") as fh:
        write_dump(open_read_only(built_store), fmt, fh)
    assert out.read_bytes() == (tmp_path / "computed").read_bytes()


def test_dump_refuses_a_damaged_published_dump(built_store: Path, tmp_path: Path) -> None:
    import shutil

    store = tmp_path / "store"
    shutil.copytree(built_store.resolve(), store)
    ttl = store / "dumps" / "diplokg.ttl"
    data = bytearray(ttl.read_bytes())
    data[200] ^= 1
    ttl.write_bytes(bytes(data))
    out = tmp_path / "out.ttl"
    proc = run_cli("dump", "--store", str(store), "--format", "ttl", "-o", str(out))
    assert proc.returncode == 1 and "does not match its recorded checksum" in proc.stderr
    assert not out.exists() and not list(tmp_path.glob(".out.ttl*"))


def test_dump_to_stdout(built_store: Path) -> None:
    out = run_cli("dump", "--store", str(built_store), "--format", "nt", check=True).stdout
    assert "<https://w3id.org/diplokg/id/state/TJK>" in out


# ---- stats ------------------------------------------------------------------------------------
def test_stats(built_store: Path) -> None:
    out = run_cli("stats", "--store", str(built_store), check=True).stdout
    assert "Instances per class:" in out
    assert re.search(r"^\s+195\s+dkg:State$", out, re.M), out
    assert "id:source/mfa-tj-romania" in out and "id:source/mfa-tj-norway" in out
