"""/search against a real server over the packaged data: the seed pages' name variants find the
right entity first (issue 25), hits say their type, label and why, types filter, pages page, bad
parameters are 400s, and every HTML page carries the search box."""

from __future__ import annotations

import re

import httpx
import pytest

ID = "https://w3id.org/diplokg/id/"
ONT = "https://w3id.org/diplokg/ontology#"


def _search(server, **params: object) -> dict:
    r = httpx.get(server.url + "search", params=params, headers={"Accept": "application/json"}, timeout=30)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    return r.json()


@pytest.mark.parametrize(("query", "expected", "reason"), [
    ("Qalandar Idibek", "person/idibek-kalandar", "spelling variant"),
    ("Kalandar Idibek", "person/idibek-kalandar", "exact"),
    ("Каландар Идибек", "person/idibek-kalandar", "transliteration"),
    ("Rumänien", "state/ROU", "exact"),
    ("Rumaenien", "state/ROU", None),
    ("Tajhydro", "organization/tajikhydro", "exact"),
    ("Norwegian Peoples Aid", "organization/norwegian-peoples-aid", "punctuation"),
    ("EBRD", "organization/ebrd", "exact"),
    ("OSZE", "organization/osce", "exact"),
    ("Madalina Lupu", "person/madalina-lupu", "exact"),
    ("Lupu Madalina", "person/madalina-lupu", "word order"),
    ("Wien", "place/vienna", "exact"),
    ("Astana", "place/astana", "exact"),
    ("Ole Johan Bernoy", "person/ole-johan-bernoy", "exact"),
    ("Sirojiddin Mukhriddin", "person/sirojiddin-muhriddin", "spelling variant"),
    ("Majlisi Namoyandagon", None, "exact"),
])
def test_seed_name_variants_find_the_right_entity_first(server, query, expected, reason):
    hit = _search(server, q=query)["hits"][0]
    if expected is not None:
        assert hit["iri"] == ID + expected, hit
    if reason is not None:
        assert hit["reason"] == reason, hit


def test_a_hit_has_its_type_label_why_and_page(server):
    found = _search(server, q="Kalandar Idibek", limit=3)
    hit = found["hits"][0]
    assert hit["label"] == "Idibek Kalandar" and hit["matched"] == "Kalandar Idibek"
    assert hit["type"] == ONT + "Person" and hit["typeLabel"] == "Person" and hit["score"] == 1.0
    assert hit["page"] == server.url + "id/person/idibek-kalandar"
    assert httpx.get(hit["page"], timeout=30).status_code == 200
    assert found["total"] > 3 and found["next"].startswith(server.url + "search?")
    assert [h["score"] for h in found["hits"]] == sorted((h["score"] for h in found["hits"]), reverse=True)


def test_types_filter_and_pages_follow_each_other(server):
    people = _search(server, q="Kalandar", type="Person")
    assert {h["type"] for h in people["hits"]} == {ONT + "Person"}
    for spelling in ("dkg:Person", ONT + "Person", "person"):
        assert _search(server, q="Kalandar", type=spelling)["hits"] == people["hits"]
    whole = _search(server, q="Norway", limit=12)["hits"]
    paged = _search(server, q="Norway", limit=6)["hits"] + _search(server, q="Norway", limit=6, offset=6)["hits"]
    assert [h["iri"] for h in paged] == [h["iri"] for h in whole]
    assert _search(server, q="Norwegen", lang="de")["hits"][0]["label"] == "Norwegen"


@pytest.mark.parametrize(("params", "message"), [
    ({}, "'q'"),
    ({"q": "x" * 301}, "at most 300"),
    ({"q": "Norway", "limit": "0"}, "'limit'"),
    ({"q": "Norway", "limit": "many"}, "whole number"),
    ({"q": "Norway", "offset": "-1"}, "'offset'"),
    ({"q": "Norway", "type": "Spaceship"}, "types: "),
    ({"q": "Norway", "lang": "en;drop"}, "'lang'"),
])
def test_bad_parameters_are_400_with_the_reason(server, params, message):
    r = httpx.get(server.url + "search", params=params, headers={"Accept": "application/json"}, timeout=30)
    assert r.status_code == 400 and message in r.json()["message"], r.text


def test_an_unacceptable_format_is_406(server):
    assert httpx.get(server.url + "search", params={"q": "x"}, headers={"Accept": "image/png"},
                     timeout=30).status_code == 406


def test_the_html_page_lists_hits_with_links_and_a_type_choice(server):
    r = httpx.get(server.url + "search", params={"q": "Rumänien"}, headers={"Accept": "text/html"}, timeout=30)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<a href="' + server.url + 'id/state/ROU">Romania</a>' in r.text
    assert '<option value="dkg:State">State (' in r.text
    assert 'rel="alternate" type="application/json"' in r.text
    empty = httpx.get(server.url + "search", headers={"Accept": "text/html"}, timeout=30)
    assert empty.status_code == 200 and "<ol" not in empty.text


@pytest.mark.parametrize("path", ["", "id/state/NOR", "ontology", "shapes", "dumps/", "queries", "sparql",
                                  "search?q=Norway", "reconcile/docs", "graph/reference/states"])
def test_every_html_page_has_the_search_box(server, path):
    r = httpx.get(server.url + path, headers={"Accept": "text/html"}, timeout=30, follow_redirects=True)
    assert r.status_code == 200, path
    form = re.search(r'<form class="search" role="search" action="([^"]*)search"', r.text)
    assert form, f"no search box on /{path}"
    assert re.search(r'<input id="site-search"[^>]*role="combobox"[^>]*aria-controls="site-search-list"', r.text)
    assert re.search(r'<script src="[^"]*static/search\.js" defer>', r.text)
