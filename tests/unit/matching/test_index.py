"""Unit tests of the name index (diplokg.matching.index): written from entries, searched without
case, accents, script or word order, with misspellings found through the trigrams; types filter,
pages and the choice of label."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from diplokg.matching.index import Entry, Name, NameIndex, write_index

ONT = "https://w3id.org/diplokg/ontology#"
ID = "https://w3id.org/diplokg/id/"


def _entry(path: str, cls: str, *names: tuple[str, str, bool]) -> Entry:
    return Entry(ID + path, (ONT + cls,), tuple(Name(t, lang, alt) for t, lang, alt in names))


ENTRIES = [
    _entry("person/idibek-kalandar", "Person", ("Idibek Kalandar", "en", False), ("Kalandar Idibek", "en", True)),
    _entry("tenure/idibek-kalandar-TJK-NOR", "Tenure", ("Idibek Kalandar, Tajikistan's ambassador to Norway", "en",
                                                         False)),
    _entry("state/ROU", "State", ("Romania", "en", False), ("Rumänien", "de", False)),
    _entry("state/NOR", "State", ("Norway", "en", False), ("Norwegen", "de", False)),
    _entry("organization/tajikhydro", "Organization", ("Tajikhydro", "en", False), ("Tajhydro", "en", True)),
    _entry("organization/npa", "Organization", ("Norwegian People's Aid", "en", False)),
    _entry("person/kaland", "Person", ("Каланд Ринат", "ru", False)),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> NameIndex:
    path = tmp_path_factory.mktemp("index") / "names.sqlite"
    figures = write_index(path, ENTRIES)
    assert figures["entities"] == len(ENTRIES) and figures["names"] == 11 and figures["bytes"] == path.stat().st_size
    return NameIndex(path)


def _first(index: NameIndex, query: str, **kw: object) -> str:
    found = index.search(query, **kw)  # type: ignore[arg-type] # keyword arguments of search
    assert found.hits, f"nothing found for {query!r}"
    return found.hits[0].iri[len(ID):]


@pytest.mark.parametrize(("query", "expected"), [
    ("Idibek Kalandar", "person/idibek-kalandar"),
    ("kalandar idibek", "person/idibek-kalandar"),
    ("Qalandar Idibek", "person/idibek-kalandar"),
    ("Каландар Идибек", "person/idibek-kalandar"),
    ("Kalamdar", "person/idibek-kalandar"),  # a consonant wrong: found by the trigrams
    ("Rumänien", "state/ROU"),
    ("rumanien", "state/ROU"),
    ("Tajhydro", "organization/tajikhydro"),
    ("Tajhidro", "organization/tajikhydro"),
    ("Norwegian Peoples Aid", "organization/npa"),
    ("Norw", "state/NOR"),
])
def test_the_right_entity_comes_first(index: NameIndex, query: str, expected: str) -> None:
    assert _first(index, query) == expected


def test_a_hit_says_its_type_label_and_why(index: NameIndex) -> None:
    hit = index.search("Kalandar Idibek").hits[0]
    assert (hit.type, hit.label, hit.matched, hit.score, hit.reason) == (
        ONT + "Person", "Idibek Kalandar", "Kalandar Idibek", 1.0, "exact")
    assert index.search("Rumänien", lang="de").hits[0].label == "Rumänien"
    assert index.search("Rumänien", lang="en").hits[0].label == "Romania"


def test_types_filter_and_pages(index: NameIndex) -> None:
    assert _first(index, "Idibek Kalandar, ambassador", types=[ONT + "Person"]) == "person/idibek-kalandar"
    assert not index.search("Norway", types=[ONT + "Person"]).hits
    everything = index.search("Kalandar", limit=10)
    # names with the word: "Каланд Ринат" is near, but asked for only when no name has the words
    assert [h.iri[len(ID):].split("/")[0] for h in everything.hits] == ["person", "tenure"]
    assert everything.total == 2
    assert index.search("Kaland Rinat").hits[0].iri == ID + "person/kaland"
    pages = [index.search("Kalandar", limit=1, offset=n).hits[0].iri for n in range(2)]
    assert pages == [h.iri for h in everything.hits]


def test_nothing_alike_finds_nothing_and_signs_alone_are_no_query(index: NameIndex) -> None:
    assert not index.search("Xyzzyqwv").hits
    assert index.search("„“ -- ").total == 0


def test_names_and_entities_by_iri(index: NameIndex) -> None:
    assert index.names_of(ID + "state/ROU") == [("Romania", "en", 0), ("Rumänien", "de", 0)] or \
        sorted(index.names_of(ID + "state/ROU")) == [("Romania", "en", 0), ("Rumänien", "de", 0)]
    assert index.entity(ID + "state/ROU", "de").label == "Rumänien"  # type: ignore[union-attr] # it exists
    assert index.entity(ID + "state/XXX") is None
    assert index.type_counts() == {ONT + "Person": 2, ONT + "State": 2, ONT + "Organization": 2, ONT + "Tenure": 1}


def test_an_index_of_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "names.sqlite"
    write_index(path, ENTRIES[:1])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'format'")
    with pytest.raises(sqlite3.DatabaseError, match="format 0"):
        NameIndex(path)
