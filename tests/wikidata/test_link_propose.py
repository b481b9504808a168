"""`diplokg link -o FILE`: proposing Wikidata candidates, run as a subprocess against stand-ins of
the search API and the query service on loopback (synthetic responses, see recorded/README.md),
and its failures when Wikidata cannot be reached."""

from __future__ import annotations

import csv
import io
import socket
import threading
from itertools import pairwise
from pathlib import Path

import pyoxigraph as ox
import pytest
from link_fixtures import FIXTURES, propose

from support.cli_runner import run_cli
from support.server_process import free_port

EXPECTED_ROWS = FIXTURES / "expected-review-rows.tsv"
CLASSES = ["Person", "Organization", "DiplomaticMission", "City", "State"]


def read_tsv(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""), delimiter="\t"))


def unlinked_in(tree: Path) -> set[str]:
    """Entities of our classes without dkg:wikidataId, computed here independently of diplokg."""
    dkg = "https://w3id.org/diplokg/ontology#"
    typed, linked = set(), set()
    for path in (tree / "data").rglob("*.trig"):
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TRIG):
            if q.predicate.value.endswith("#type") and q.object.value in {dkg + c for c in CLASSES}:
                typed.add(q.subject.value)
            if q.predicate.value == dkg + "wikidataId":
                linked.add(q.subject.value)
    return typed - linked


def test_propose_writes_the_expected_review_rows(propose_tree, search_api, wdqs, tmp_path) -> None:
    out = tmp_path / "review.tsv"
    proc = propose(propose_tree, out, search_api.url, wdqs.url)
    assert proc.returncode == 0, proc.stderr
    assert "Wrote" in proc.stdout and "diplokg link --accept" in proc.stdout
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines()
    expected = EXPECTED_ROWS.read_text(encoding="utf-8").splitlines()
    assert lines[0] == expected[0] == "\t".join([
        "entity", "entity_label", "entity_type", "entity_context", "candidate", "candidate_label",
        "candidate_description", "candidate_url", "score", "reasons", "decision", "reviewer", "reviewed_on", "note"])
    # the rows of the entities the fixtures give candidates to, byte for byte
    shown = {line.split("\t", 1)[0] for line in expected[1:]}
    assert [line for line in lines[1:] if line.split("\t", 1)[0] in shown] == expected[1:]
    # every unlinked entity of the data has at least one row, and no linked one has any
    rows = read_tsv(out)
    assert {r["entity"] for r in rows} == unlinked_in(propose_tree)
    # sorted by entity, then score (best first); decisions left to the reviewer
    keys = [(r["entity"], -float(r["score"] or 0)) for r in rows]
    assert keys == sorted(keys)
    assert all(r["decision"] == r["reviewer"] == r["reviewed_on"] == "" for r in rows)
    # an entity without candidates still gets a row, saying what was searched
    kalandar = [r for r in rows if r["entity"].endswith("/person/idibek-kalandar")]
    assert len(kalandar) == 1 and kalandar[0]["candidate"] == ""
    assert kalandar[0]["reasons"] == ("no candidates: searched for “Idibek Kalandar” (de), “Idibek Kalandar” (en), "
                                      "“Kalandar Idibek” (de), “Kalandar Idibek” (en)")


def test_exact_label_and_right_type_outscore_wrong_type(propose_tree, search_api, wdqs, tmp_path) -> None:
    out = tmp_path / "review.tsv"
    assert propose(propose_tree, out, search_api.url, wdqs.url).returncode == 0
    rows = [r for r in read_tsv(out) if r["entity"].endswith("/person/fixture-person-a")]
    scores = {r["candidate"]: float(r["score"]) for r in rows}
    reasons = {r["candidate"]: r["reasons"] for r in rows}
    # the search stand-in lists the wrong-type item first; the score puts the right one first
    assert [r["candidate"] for r in rows] == ["Q900000001", "Q900000005", "Q900000006", "Q900000002", "Q900000007",
                                              "Q900000008"]
    assert scores["Q900000001"] > scores["Q900000005"] > scores["Q900000002"]
    assert reasons["Q900000001"].startswith("label exact (de, en); instance of Q5 (human); "
                                            "citizenship Q863 = state served")
    assert "type mismatch: instance of Q900000003" in reasons["Q900000002"]
    assert "alias match (en) for our name variant “Person A Fixture”" in reasons["Q900000006"]
    assert "no facts from the query service" in reasons["Q900000007"]
    assert scores["Q900000008"] == 0 and "already the QID of id:person/fixture-person-b" in reasons["Q900000008"]


def test_requests_are_sequential_polite_and_bind_only_qids(search_api, wdqs, tmp_path) -> None:
    """A tree holding only the ontology and the constructed persons: 3 searches, then one query."""
    import shutil

    from support.cli_runner import REPO

    tree = tmp_path / "src"
    shutil.copytree(REPO / "ontology", tree / "ontology")
    (tree / "data").mkdir()
    shutil.copy(FIXTURES / "fixture-entities.trig", tree / "data")
    proc = propose(tree, tmp_path / "review.tsv", search_api.url, wdqs.url, "--delay", "0.3", "--limit", "3")
    assert proc.returncode == 0, proc.stderr
    assert search_api.searches() == [("Fixture Person A", "de"), ("Fixture Person A", "en"), ("Person A Fixture", "en")]
    times = [t for t, _, _ in search_api.requests]
    assert all(b - a >= 0.27 for a, b in pairwise(times)), times
    for _, params, headers in search_api.requests:
        assert params["action"] == "wbsearchentities" and params["type"] == "item" and params["format"] == "json"
        assert params["uselang"] == params["language"] and params["limit"] == "3"
        assert headers["user-agent"].startswith("diplokg-link/0.1.0 (https://w3id.org/diplokg)")
    # one SPARQL query, POSTed as a form, asking for SPARQL JSON, with QIDs but no label text
    assert len(wdqs.queries) == 1 and len(wdqs.headers) == 1
    sparql_headers = wdqs.headers[0]
    assert sparql_headers["content-type"] == "application/x-www-form-urlencoded"
    assert sparql_headers["accept"] == "application/sparql-results+json"
    assert sparql_headers["user-agent"].startswith("diplokg-link/0.1.0 (https://w3id.org/diplokg)")
    query = wdqs.queries[0]
    assert "wd:Q900000001" in query and "Fixture Person" not in query
    # --limit 3 cut the five hits of "Fixture Person A" (en) to three
    assert "wd:Q900000007" not in query


def test_proposing_from_a_built_store(built_store, search_api, wdqs, tmp_path) -> None:
    out = tmp_path / "review.csv"
    proc = run_cli("link", "--store", str(built_store), "-o", str(out), "--api", search_api.url,
                   "--sparql", wdqs.url, "--delay", "0", "-q")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"), newline="")))  # .csv: comma-separated
    entities = {r["entity"] for r in rows}
    assert "https://w3id.org/diplokg/id/person/madalina-lupu" in entities
    assert "https://w3id.org/diplokg/id/place/dushanbe" not in entities  # linked in the packaged data
    # of the fixtures, only the constructed mission candidate concerns an unlinked entity of the packaged data
    assert [(r["entity"], r["candidate"]) for r in rows if r["candidate"]] == [
        ("https://w3id.org/diplokg/id/mission/ROU-embassy-astana", "Q900000020")]
    assert len(wdqs.queries) == 1


# ---- Wikidata unreachable or failing: exit 2, one clear line, nothing written --------------------
def _assert_refused(proc, out: Path, message: str) -> None:
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert proc.stderr.strip().splitlines() == [f"diplokg: error: {message}"]
    assert out.read_text(encoding="utf-8") == "previous review\n"  # untouched
    assert not list(out.parent.glob(".*.tmp"))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    path = tmp_path / "review.tsv"
    path.write_text("previous review\n", encoding="utf-8")
    return path


def test_search_api_connection_refused(propose_tree, wdqs, out) -> None:
    api = f"http://127.0.0.1:{free_port()}/w/api.php"
    _assert_refused(propose(propose_tree, out, api, wdqs.url), out,
                    f"cannot reach the Wikidata search API at {api}: connection refused — "
                    "`diplokg link` needs internet access; nothing was written")


def test_query_service_connection_refused(propose_tree, search_api, out) -> None:
    sparql = f"http://127.0.0.1:{free_port()}/sparql"
    _assert_refused(propose(propose_tree, out, search_api.url, sparql), out,
                    f"cannot reach the Wikidata Query Service at {sparql}: connection refused — "
                    "`diplokg link` needs internet access; nothing was written")


def test_search_api_timeout(propose_tree, wdqs, out) -> None:
    """A port that accepts connections and never answers."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        api = f"http://127.0.0.1:{silent.getsockname()[1]}/w/api.php"
        proc = run_cli("link", "--source", str(propose_tree), "-o", str(out), "--api", api, "--sparql", wdqs.url,
                       "--delay", "0", "--timeout", "1", "-q")
    _assert_refused(proc, out, f"cannot reach the Wikidata search API at {api}: timed out after 1 s — "
                               "`diplokg link` needs internet access; nothing was written")


@pytest.mark.parametrize(("status", "headers", "cause"), [
    (500, {}, "HTTP 500 Internal Server Error"),
    (503, {}, "HTTP 503 Service Unavailable"),
    (429, {"Retry-After": "60"}, "HTTP 429 Too Many Requests (retry after 60 s)"),
])
def test_search_api_http_errors(propose_tree, search_api, wdqs, out, status, headers, cause) -> None:
    search_api.fail_with = (status, headers)
    _assert_refused(propose(propose_tree, out, search_api.url, wdqs.url), out,
                    f"cannot reach the Wikidata search API at {search_api.url}: {cause} — try again later; "
                    "nothing was written")


def test_query_service_http_error(propose_tree, search_api, wdqs, out) -> None:
    wdqs.fail_with = (500, {})
    _assert_refused(propose(propose_tree, out, search_api.url, wdqs.url), out,
                    f"cannot reach the Wikidata Query Service at {wdqs.url}: HTTP 500 Internal Server Error — "
                    "try again later; nothing was written")
    assert len(search_api.requests) > 10  # the searches ran; the failure came at the one query


def test_search_api_error_object(propose_tree, search_api, wdqs, out) -> None:
    search_api.api_error = ("maxlag", "Waiting for a database server: 6 seconds lagged.")
    _assert_refused(propose(propose_tree, out, search_api.url, wdqs.url), out,
                    f"cannot reach the Wikidata search API at {search_api.url}: API error maxlag: Waiting for a "
                    "database server: 6 seconds lagged. — try again later; nothing was written")


def test_not_json_is_no_usable_answer(propose_tree, wdqs, out) -> None:
    """Something else answers at the URL (a captive portal, a wrong --api)."""
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Portal(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            body = b"<html>please log in</html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Portal)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        api = f"http://127.0.0.1:{server.server_address[1]}/w/api.php"
        _assert_refused(propose(propose_tree, out, api, wdqs.url), out,
                        f"no usable answer from the Wikidata search API at {api}: the answer is not JSON — "
                        "nothing was written")
    finally:
        server.shutdown()
        server.server_close()


def test_bad_options_are_refused_before_any_request(propose_tree, search_api, wdqs, tmp_path) -> None:
    out = str(tmp_path / "review.tsv")
    cases = [
        (["--api", "file:///etc/passwd"], "--api must be an http(s) URL"),
        (["--languages", "de,EN;DROP"], "--languages expects language codes"),
        (["--limit", "0"], "--limit must be between 1 and 50"),
        (["--reviewer", "Ann"], "--reviewer: only for accepting (--accept FILE)"),
    ]
    for extra, message in cases:
        proc = run_cli("link", "--source", str(propose_tree), "-o", out, "--sparql", wdqs.url, *extra)
        assert proc.returncode == 2 and message in proc.stderr, (extra, proc.stderr)
    assert not search_api.requests and not wdqs.queries
    assert not Path(out).exists()


def test_help_describes_the_workflow() -> None:
    text = " ".join(run_cli("link", "--help", check=True).stdout.split())
    for option in ("-o FILE", "--accept FILE", "--store", "--source", "--api", "--sparql", "--languages", "--limit",
                   "--delay", "--timeout", "--reviewer", "--reviewed-on"):
        assert option in text, option
    assert "Nothing is ever linked automatically" in text


def test_client_reads_the_search_format(search_api) -> None:
    """In process: the client against the search stand-in (the format of recorded/wbsearchentities)."""
    from diplokg.wikidata.client import SearchHit, WikidataClient

    client = WikidataClient(api_url=search_api.url, delay=0)
    assert client.search("OSCE", "en", 5) == [
        SearchHit("Q81299", "Organization for Security and Co-operation in Europe", "", "alias", "en", "OSCE", 0)]
    assert client.search("Fixture Person A", "en", 2) == [
        SearchHit("Q900000002", "Fixture Person A", "FIXTURE: constructed candidate of the wrong type", "label", "en",
                  "Fixture Person A", 0),
        SearchHit("Q900000005", "Fixture Person A", "FIXTURE: constructed human with another citizenship", "label",
                  "en", "Fixture Person A", 1)]
    assert client.search("a search without a fixture", "de", 5) == []
    assert client.requests_made == 3
