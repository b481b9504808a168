"""`diplokg review DRAFT.trig --compare` end to end: a page drafted by `diplokg ingest` (the relations
of Tajikistan and Romania dated otherwise than the Romania page, an opening date of Romania's
embassy, relations with Finland) compared with a built store and with a source tree; bad input is
refused with one line and exit status 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.cli_runner import REPO, run_cli

PAGE = ("Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien wurden am 9. August 1993 aufgenommen. "
        "Die Botschaft Rumäniens in Astana wurde am 3. März 2005 eröffnet.\n"
        "Die diplomatischen Beziehungen zwischen Tadschikistan und Finnland wurden am 3. März 1993 aufgenommen.\n")


@pytest.fixture(scope="module")
def draft(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("review")
    page = folder / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    out = folder / "draft.trig"
    run_cli("ingest", str(page), "-o", str(out), "--source", str(REPO), "--name", "test-page", "-q", check=True)
    return out


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("published") / "store"
    run_cli("build", "--source", str(REPO), "--store", str(store), "--quiet", check=True)
    return store


def _expected(lines: list[str]) -> None:
    facts = [line.split() for line in lines if not line.startswith("    ")]
    assert [(f[0], f[1]) for f in facts] == [("1", "contradicts"), ("2", "adds"), ("3", "new")]
    assert lines[0].split()[2] == "relations/established" and "9. August" in lines[0]
    assert lines[1].startswith("    id:relation/ROU-TJK dkg:establishedBy: "
                               "id:event/1993-08-09-establishment-of-relations-ROU-TJK here, "
                               "id:event/1992-07-07-establishment-of-relations-ROU-TJK in ")
    assert "mfa-tj-romania" in lines[1] and '"Die diplomatischen Beziehungen zwischen Tadschikistan und Rumänien ' \
        'wurden am 7 Juli 1992' in lines[1]
    assert "missions/opened" in lines[2] and "Finnland" in lines[3]


def test_compare_with_a_built_store(draft: Path, published: Path) -> None:
    proc = run_cli("review", str(draft), "--compare", "--store", str(published), check=True)
    _expected(proc.stdout.splitlines())


def test_compare_with_a_source_tree(draft: Path) -> None:
    proc = run_cli("review", str(draft), "--compare", "--source", str(REPO), "-q", check=True)
    _expected(proc.stdout.splitlines())


@pytest.mark.parametrize(("args", "message"), [
    (["--compare", "--store", "/nonexistent/store"], "no store at /nonexistent/store"),
    (["--compare", "--source", "/nonexistent/tree"], "/nonexistent/tree is not a source tree"),
    (["--port", "70000"], "--port 70000 is not a port"),
    (["--reviewer", " "], "--reviewer needs a name"),
])
def test_bad_input_is_one_line_and_status_2(draft: Path, args: list[str], message: str) -> None:
    review = draft.with_name(draft.name.removesuffix(".trig") + ".review.yaml")  # begun by diplokg ingest
    before = review.read_bytes()
    proc = run_cli("review", str(draft), *args)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and message in proc.stderr
    assert review.read_bytes() == before


def test_the_workspace_refuses_a_review_file_of_another_draft(draft: Path, tmp_path: Path) -> None:
    changed = tmp_path / draft.name
    changed.write_bytes(draft.read_bytes() + b"\n# changed\n")
    review = changed.with_name(changed.name.removesuffix(".trig") + ".review.yaml")
    review.write_text("draft: " + changed.name + "\nsha256: '" + "0" * 64 + "'\ngraph: https://w3id.org/diplokg/graph/"
                      "source/x\nfacts: []\nhistory: []\n", encoding="utf-8")
    before = review.read_bytes()
    proc = run_cli("review", str(changed), "--reviewer", "tester", "--port", "0", "--source", str(REPO), "-q")
    assert proc.returncode == 2 and "has changed since this review began" in proc.stderr
    assert review.read_bytes() == before


def test_a_file_that_is_no_draft_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "broken.trig"
    broken.write_text("garbage {", encoding="utf-8")
    for path, message in ((broken, "is not a TriG draft"), (REPO / "data" / "sources" / "romania.trig",
                                                            "holds no dkg:DraftedFact"),
                          (tmp_path / "missing.trig", "no draft at")):
        proc = run_cli("review", str(path), "--compare", "--source", str(REPO))
        assert proc.returncode == 2 and message in proc.stderr and proc.stderr.count("\n") == 1
