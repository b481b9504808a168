"""The Reconciliation API's JSON Schemas (tests/fixtures/reconciliation-0.2, written from the
specification's text) accept what the specification allows and refuse what it does not, so that
validating the service's answers against them can fail."""

from __future__ import annotations

import jsonschema_rs
import pytest

from support.reconciliation import KINDS, valid, validator

MANIFEST = {"versions": ["0.1", "0.2"], "name": "x", "identifierSpace": "https://e.org/id/",
            "schemaSpace": "https://e.org/ns#", "view": {"url": "https://e.org/{{id}}"},
            "preview": {"url": "https://e.org/p?id={{id}}", "width": 400, "height": 100},
            "extend": {"property_settings": [{"type": "number", "name": "limit", "label": "Limit", "default": 0}]}}
RESULTS = {"q0": {"result": [{"id": "a", "name": "A", "score": 80.5, "match": False, "type": [{"id": "T", "name": "T"}],
                              "features": [{"id": "f", "value": 0.5}, {"id": "g", "value": True}]}]}}
VALUES = [{"str": "x"}, {"int": 3}, {"float": 1.5}, {"date": "1992-07-07T00:00:00Z"}, {"id": "b", "name": "B"}, {}]
EXTEND = {"meta": [{"id": "p", "name": "P"}], "rows": {"a": {"p": VALUES}}}


@pytest.mark.parametrize(("kind", "document"), [
    ("manifest", MANIFEST),
    ("query-batch", {"q0": {"query": "Norway", "type": ["State"], "limit": 3,
                            "properties": [{"pid": "p", "v": [{"id": "b"}, "x", 2, True]}], "type_strict": "any"}}),
    ("query-batch", {"q0": {"properties": [{"pid": "p", "v": "x"}]}}),
    ("result-batch", RESULTS),
    ("suggest-response", {"result": [{"id": "a", "name": "A", "notable": ["T", {"id": "U", "name": "U"}]}]}),
    ("propose-properties-response", {"type": "T", "properties": [{"id": "p", "name": "P"}]}),
    ("extend-query", {"ids": ["a"], "properties": [{"id": "p", "settings": {"limit": 1}}]}),
    ("extend-response", EXTEND),
])
def test_what_the_specification_allows_is_valid(kind, document):
    valid(kind, document)


@pytest.mark.parametrize(("kind", "document"), [
    ("manifest", {**MANIFEST, "versions": ["0.1"]}),
    ("manifest", {k: v for k, v in MANIFEST.items() if k != "schemaSpace"}),
    ("manifest", {**MANIFEST, "view": {"url": "https://e.org/fixed"}}),
    ("manifest", {**MANIFEST, "preview": {"url": "https://e.org/p?id={{id}}", "width": 400}}),
    ("manifest", {**MANIFEST, "extend": {"property_settings": [{"type": "number", "name": "n", "label": "N",
                                                                 "default": "ten"}]}}),
    ("query-batch", {}),
    ("query-batch", {"q0": {"type": "State"}}),
    ("query-batch", {"q0": {"query": "x", "colour": "red"}}),
    ("query-batch", {"q0": {"query": "x", "type_strict": "sometimes"}}),
    ("result-batch", {"q0": {"result": [{"id": "a", "name": "A"}]}}),
    ("result-batch", {"q0": {"result": [{"id": "a", "name": "A", "score": "high"}]}}),
    ("result-batch", {"q0": {"result": [{"id": "a", "name": "A", "score": 1,
                                         "features": [{"id": "f", "value": "x"}]}]}}),
    ("result-batch", {"q0": {"candidates": []}}),
    ("suggest-response", {"result": [{"id": "a"}]}),
    ("propose-properties-response", {"properties": [{"id": "p"}]}),
    ("extend-query", {"ids": ["a"]}),
    ("extend-response", {"rows": {}}),
    ("extend-response", {**EXTEND, "rows": {"a": {"p": [{"str": "x", "int": 1}]}}}),
    ("extend-response", {**EXTEND, "rows": {"a": {"p": [{"date": "1992-07-07"}]}}}),
    ("extend-response", {**EXTEND, "rows": {"a": {"p": [{"id": "b"}]}}}),
])
def test_what_it_does_not_allow_is_refused(kind, document):
    with pytest.raises(jsonschema_rs.ValidationError):
        valid(kind, document)


def test_every_kind_has_a_schema():
    assert all(validator(kind) is not None for kind in KINDS)
