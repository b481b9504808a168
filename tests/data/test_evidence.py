"""Integrity of sources and evidence: archived texts, checksums, quotes and wording as stated."""

from __future__ import annotations

import hashlib
from pathlib import Path

from diplokg.build.store import run_query

REPO = Path(__file__).resolve().parents[2]


def test_source_documents_match_archived_files(store) -> None:
    rows = list(run_query(store, "SELECT ?doc ?file ?sha ?text WHERE { ?doc a dkg:SourceDocument ; "
                                 "dkg:fileName ?file ; dkg:sha256 ?sha ; dkg:text ?text }"))
    assert len(rows) == 2
    for r in rows:
        raw = (REPO / "data" / "sources" / "text" / r["file"].value).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == r["sha"].value
        assert raw.decode("utf-8") == r["text"].value


def test_every_quote_occurs_exactly_once_in_its_document(store) -> None:
    rows = list(run_query(store, """
        SELECT ?ev ?quote ?text WHERE {
          ?ev oa:hasSource ?doc ; oa:hasSelector ?sel . ?sel a oa:TextQuoteSelector ; oa:exact ?quote .
          ?doc dkg:text ?text }"""))
    assert len(rows) == 31  # 10 sentences on the Romania page, 21 lines/sentences on the Norway page
    for r in rows:
        assert r["text"].value.count(r["quote"].value) == 1, r["ev"]


def test_wording_as_stated_is_quoted_from_the_evidence(store) -> None:
    """Titles, dates, amounts and ranks 'as stated' must appear verbatim in the fact's own sentences."""
    rows = list(run_query(store, """
        SELECT ?s ?p ?value (GROUP_CONCAT(?quote; separator=" || ") AS ?quotes) WHERE {
          VALUES ?p { dkg:titleAsStated dkg:rankAsStated dkg:dateAsStated dkg:amountAsStated
                      dkg:issuerTitleAsStated dkg:title dkg:occasion }
          ?s ?p ?value . FILTER(LANG(?value) = "de")
          ?s dkg:evidence/oa:hasSelector/oa:exact ?quote .
        } GROUP BY ?s ?p ?value"""))
    assert len(rows) > 40
    missing = [(r["s"].value, r["p"].value, r["value"].value) for r in rows
               if r["value"].value not in r["quotes"].value]
    assert missing == []


def test_german_topics_are_quoted_from_the_evidence(store) -> None:
    rows = list(run_query(store, """
        SELECT ?s ?value (GROUP_CONCAT(?quote; separator=" || ") AS ?quotes) WHERE {
          VALUES ?p { dkg:topic dkg:purpose dkg:subject }
          ?s ?p ?value . FILTER(LANG(?value) = "de")
          ?s dkg:evidence/oa:hasSelector/oa:exact ?quote .
        } GROUP BY ?s ?value"""))
    assert rows
    assert [(r["s"].value, r["value"].value) for r in rows if r["value"].value not in r["quotes"].value] == []


def test_every_interpretation_is_used_and_explained(store) -> None:
    rows = list(run_query(store, """
        SELECT ?i (COUNT(?user) AS ?uses) WHERE {
          ?i a dkg:Interpretation ; rdfs:comment ?c ; dkg:interpretationKind ?k . FILTER(LANG(?c) = "en")
          OPTIONAL { ?user dkg:interpretation ?i }
        } GROUP BY ?i"""))
    assert len(rows) >= 15
    assert [r["i"].value for r in rows if int(r["uses"].value) == 0] == []


def test_no_blank_nodes_anywhere(store) -> None:
    """Blank nodes would make dumps non-deterministic and facts unaddressable."""
    assert not bool(run_query(store, "ASK { { ?s ?p ?o FILTER(isBlank(?s)) } UNION { ?s ?p ?o FILTER(isBlank(?o)) } }"))


def test_only_verified_qids_on_non_state_entities(store) -> None:
    """QIDs other than states' come only from data/reference/wikidata-verified.md."""
    verified = {"Q1520", "Q1741", "Q19660", "Q9365", "Q81299", "Q488981", "Q656801"}
    text = (REPO / "data" / "reference" / "wikidata-verified.md").read_text(encoding="utf-8")
    assert all(q in text for q in verified)
    rows = {r["q"].value
            for r in run_query(store, "SELECT ?q WHERE { ?x dkg:wikidataId ?q FILTER NOT EXISTS { ?x a dkg:State } }")}
    assert rows == verified
