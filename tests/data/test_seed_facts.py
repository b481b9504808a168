"""One test per statement of the two seed pages: each fact is asked for with SPARQL against the
built store, and must come back with the German source sentence that states it (its evidence)."""

from __future__ import annotations

import pytest

from diplokg.build.store import run_query
from support.seed_facts import FACTS, evidence_query


@pytest.mark.parametrize("name", list(FACTS))
def test_seed_fact_is_queryable_with_its_source_sentence(store, name: str) -> None:
    pattern, document, fragment = FACTS[name]
    rows = [(s["fact"].value, s["doc"].value, s["quote"].value) for s in run_query(store, evidence_query(pattern))]
    assert rows, f"no fact found for: {name}"
    assert any(doc == document and fragment in quote for _, doc, quote in rows), rows


def test_every_sentence_of_both_pages_is_used_as_evidence(store) -> None:
    """No statement of the pages is left out: each quoted sentence (the section heading too)
    is the evidence of at least one fact."""
    unused = [
        s["quote"].value
        for s in run_query(store, """
            SELECT ?quote WHERE {
              ?ev a dkg:Evidence ; oa:hasSelector/oa:exact ?quote .
              FILTER NOT EXISTS { ?fact dkg:evidence ?ev }
            }""")
    ]
    assert unused == [], unused
