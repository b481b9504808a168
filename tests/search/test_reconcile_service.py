"""/reconcile against a real server, as OpenRefine speaks it (W3C Reconciliation Service API 0.2):
every response validates against the spec's schemas (tests/fixtures/reconciliation-0.2); a table
of the seed pages' names is linked correctly, with ``match`` on the unambiguous ones; property
constraints raise and lower scores; data extension returns the facts; bad input is a 400 that says
why, and a reconciliation counts against its client's concurrency like a SPARQL query."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from support.reconciliation import SEED_TABLE, valid
from support.server_process import NO_ERROR_BUDGET, ServerProcess

ID = "https://w3id.org/diplokg/id/"
COUNT_CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def tight_server(built_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    """A server with tight limits: one request in flight per client, small bodies, a 4 s budget."""
    log = tmp_path_factory.mktemp("tight") / "serve.log"
    with ServerProcess(built_store, "--timeout", "4", "--max-body", "5000", "--client-concurrency", "1",
                       "--workers", "2", *NO_ERROR_BUDGET, log=log) as proc:
        yield proc


def _post(server, **form: object) -> httpx.Response:
    return httpx.post(server.url + "reconcile", data={k: json.dumps(v) for k, v in form.items()}, timeout=60)


def _reconcile(server, queries: dict) -> dict:
    valid("query-batch", queries)
    r = _post(server, queries=queries)
    assert r.status_code == 200, r.text
    return valid("result-batch", r.json())


def _get(server, path: str, **params: object) -> httpx.Response:
    return httpx.get(server.url + path, params=params, timeout=30)


def test_the_manifest_is_a_valid_0_2_manifest_that_points_at_our_pages(server):
    manifest = valid("manifest", _get(server, "reconcile").json())
    assert manifest["identifierSpace"] == ID
    assert manifest["schemaSpace"] == "https://w3id.org/diplokg/ontology#"
    assert {t["id"] for t in manifest["defaultTypes"]} >= {"State", "Person", "Organization", "City", "Event"}
    assert manifest["view"]["url"] == server.url + "id/{{id}}"
    for kind in ("entity", "type", "property"):
        service = manifest["suggest"][kind]
        assert service["service_url"] + service["service_path"] == server.url + f"reconcile/suggest/{kind}"
    docs = _get(server, "reconcile/docs")
    assert docs.status_code == 200 and "at most 50 queries per request" in docs.text


def test_a_table_of_the_seed_names_is_linked_with_match_on_the_unambiguous_ones(server):
    queries = {str(n): {"query": name, "type": kind} for n, (name, kind, _, _) in enumerate(SEED_TABLE)}
    for start in range(0, len(queries), 10):  # OpenRefine's batches of ten
        batch = {k: queries[k] for k in list(queries)[start:start + 10]}
        answer = _reconcile(server, batch)
        for key in batch:
            name, kind, expected, match = SEED_TABLE[int(key)]
            best = answer[key]["result"][0]
            assert (best["id"], best["match"]) == (expected, match), (name, answer[key]["result"][:2])
            assert 0 <= best["score"] <= 100 and {"id": kind, "name": kind} in best["type"]
            assert not any(c["match"] for c in answer[key]["result"][1:])


def test_candidates_explain_their_score_with_features(server):
    result = _reconcile(server, {"q": {"query": "Qalandar Idibek", "limit": 3}})["q"]["result"]
    best = result[0]
    features = {f["id"]: f["value"] for f in best["features"]}
    assert features == {"name_similarity": 0.85, "exact_name": False} and best["score"] == 85.0
    assert "spelling variant" in best["description"] and 1 <= len(result) <= 3


def test_property_constraints_raise_and_lower_scores(server):
    answer = _reconcile(server, {
        "plain": {"query": "Wien"},
        "agrees": {"query": "Wien", "properties": [{"pid": "country", "v": "Austria"}]},
        "by_id": {"query": "Wien", "properties": [{"pid": "country", "v": {"id": "state/AUT"}}]},
        "disagrees": {"query": "Wien", "properties": [{"pid": "country", "v": "Kazakhstan"}]},
        "qid": {"query": "Vienna", "properties": [{"pid": "wikidata", "v": "Q1741"}]},
        "envoy": {"query": "Lupu", "type": "Person", "properties": [{"pid": "accreditedTo", "v": "Tajikistan"}]},
    })
    score = {k: v["result"][0]["score"] for k, v in answer.items()}
    assert all(v["result"][0]["id"] == "place/vienna" for k, v in answer.items() if k != "envoy")
    assert score["agrees"] == score["by_id"] == score["qid"] == 100 > score["disagrees"] == 75
    assert answer["plain"]["result"][0]["match"] and answer["agrees"]["result"][0]["match"]
    assert not answer["disagrees"]["result"][0]["match"]
    assert {"id": "property:country", "value": False} in answer["disagrees"]["result"][0]["features"]
    envoy = answer["envoy"]["result"][0]
    assert envoy["id"] == "person/madalina-lupu" and envoy["score"] > 100 * 0.75


def test_suggest_services_answer_as_one_types(server):
    entities = valid("suggest-response", _get(server, "reconcile/suggest/entity", prefix="Kal", type="Person").json())
    assert entities["result"][0]["id"] == "person/idibek-kalandar"
    assert {"id": "Person", "name": "Person"} in entities["result"][0]["notable"]
    types = valid("suggest-response", _get(server, "reconcile/suggest/type", prefix="sta").json())
    assert types["result"][0]["id"] == "State"
    props = valid("suggest-response", _get(server, "reconcile/suggest/property", prefix="resid").json())
    assert [p["id"] for p in props["result"]] == ["residence"]
    assert _get(server, "reconcile/suggest/nothing", prefix="x").status_code == 404


def test_preview_is_a_small_card_of_the_entity(server):
    r = _get(server, "reconcile/preview", id="person/idibek-kalandar")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<b>Idibek Kalandar</b>" in r.text and "Kalandar Idibek" in r.text and "Person" in r.text
    # OpenRefine shows it in an iframe on its own origin; the site's other pages may not be framed
    assert "frame-ancestors *" in r.headers["content-security-policy"]
    assert "script-src" not in r.headers["content-security-policy"] and "<script" not in r.text
    assert "frame-ancestors 'none'" in _get(server, "reconcile/docs").headers["content-security-policy"]
    assert _get(server, "reconcile/preview", id="person/nobody").status_code == 404


def test_data_extension_returns_the_facts_of_reconciled_ids(server):
    proposed = valid("propose-properties-response", _get(server, "reconcile/properties", type="Person").json())
    assert {"state", "post", "accreditedTo", "residence", "wikidata"} <= {p["id"] for p in proposed["properties"]}
    query = {"ids": ["state/NOR", "person/idibek-kalandar", "place/vienna", "state/ROU", "person/nobody"],
             "properties": [{"id": "isoAlpha3"}, {"id": "wikidata"}, {"id": "residence"},
                            {"id": "accreditedTo"}, {"id": "country"}, {"id": "relationsEstablished"},
                            {"id": "label", "settings": {"lang": "de"}}]}
    r = _post(server, extend=valid("extend-query", query))
    assert r.status_code == 200, r.text
    rows = valid("extend-response", r.json())["rows"]
    assert rows["state/NOR"]["isoAlpha3"] == [{"str": "NOR"}] and rows["state/NOR"]["wikidata"] == [{"str": "Q20"}]
    assert rows["state/NOR"]["label"] == [{"str": "Norwegen"}]
    assert rows["person/idibek-kalandar"]["residence"] == [{"id": "place/vienna", "name": "Vienna"}]
    assert {v["id"] for v in rows["person/idibek-kalandar"]["accreditedTo"]} == {"state/AUT", "state/NOR", "state/ROU"}
    assert rows["place/vienna"]["country"] == [{"id": "state/AUT", "name": "Austria"}]
    assert rows["state/ROU"]["relationsEstablished"] == [{"date": "1992-07-07T00:00:00Z"}]
    assert rows["person/nobody"] == {p["id"]: [] for p in query["properties"]}


@pytest.mark.parametrize(("form", "message"), [
    ({"queries": "{not json"}, "not valid JSON"),
    ({"queries": "[]"}, "JSON object"),
    ({"queries": json.dumps({"q": {"query": "Norway", "type": "Spaceship"}})}, "Spaceship"),
    ({"queries": json.dumps({str(n): {"query": "x"} for n in range(10_000)})}, "at most 50"),
    ({"queries": json.dumps({"q": {"query": "x" * 10_000}})}, "at most 300"),
    ({"queries": json.dumps({"q": {"query": "Norway", "limit": 1000}})}, "'limit'"),
    ({"queries": json.dumps({"q": {"query": "Norway", "properties": [{"pid": "P17", "v": "x"}]}})}, "unknown property"),
    ({"queries": json.dumps({"q": {"query": "Norway", "colour": "red"}})}, "unknown fields"),
    ({"queries": json.dumps({"q": {"type": "State"}})}, "needs 'query'"),
    ({"extend": "{}"}, "'ids'"),
    ({"extend": json.dumps({"ids": ["state/NOR"], "properties": [{"id": "colour"}]})}, "unknown property"),
    ({"extend": json.dumps({"ids": ["x"] * 1000, "properties": []})}, "at most 100"),
])
def test_bad_input_is_a_400_that_says_why(server, form, message):
    r = httpx.post(server.url + "reconcile", data=form, timeout=60)
    assert r.status_code == 400, r.text
    assert message in r.json()["message"]
    if len(str(form)) < 4000:  # the same by GET (as long as it fits in a URL)
        assert httpx.get(server.url + "reconcile", params=form, timeout=60).status_code == 400


def test_a_body_that_is_not_a_form_or_too_large_is_refused(tight_server):
    r = httpx.post(tight_server.url + "reconcile", json={"queries": {}}, timeout=30)
    assert r.status_code == 415
    big = {"queries": json.dumps({"q": {"query": "Norway " * 2000}})}
    assert httpx.post(tight_server.url + "reconcile", data=big, timeout=30).status_code == 413


def test_too_much_work_in_one_request_is_a_400_before_any_is_done(server):
    queries = {str(n): {"query": "Wien", "limit": 25, "properties": [{"pid": "country", "v": "Austria"}]}
               for n in range(9)}
    r = _post(server, queries=queries)
    assert r.status_code == 400 and "up to 225 candidates" in r.json()["message"], r.text
    queries.pop("8")
    assert _post(server, queries=queries).status_code == 200


def test_reconciliation_counts_against_the_client_limit(tight_server):
    statuses: list[int] = []

    def slow() -> None:
        statuses.append(httpx.get(tight_server.endpoint, params={"query": COUNT_CARTESIAN, "timeout": "2"},
                                  timeout=30).status_code)

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.5)
    r = httpx.post(tight_server.url + "reconcile", data={"queries": json.dumps({"q": {"query": "Norway"}})},
                   timeout=30)
    thread.join(30)
    assert r.status_code == 429 and r.headers["retry-after"]
    assert statuses == [503]
    assert httpx.post(tight_server.url + "reconcile", data={"queries": json.dumps({"q": {"query": "Norway"}})},
                      timeout=30).status_code == 200
