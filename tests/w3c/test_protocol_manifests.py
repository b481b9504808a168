"""The W3C SPARQL 1.1 protocol and service-description manifests, entry by entry: each is run by a
test of tests/endpoint (against both query backends, with this dataset's graphs in place of the
manifest's kasei.us data), or refused as the read-only endpoint documents (updates: 403). A manifest
entry without its test here, or a test named here that does not exist, fails."""

from __future__ import annotations

import re

import rdflib

from support.cli_runner import REPO
from w3c.manifests import MF, SUITES, iri_of, path_of

ENDPOINT_TESTS = REPO / "tests" / "endpoint"
UPDATES = "test_update_operations_are_refused"
#: manifest entry → the test function (file under tests/endpoint) that runs it
PROTOCOL = {
    "query_get": "test_w3c_protocol.py::test_query_get",
    "query_post_form": "test_w3c_protocol.py::test_query_post_form",
    "query_post_direct": "test_w3c_protocol.py::test_query_post_direct",
    "query_dataset_default_graphs_get": "test_w3c_protocol.py::test_query_dataset_default_graphs_get",
    "query_dataset_default_graphs_post": "test_w3c_protocol.py::test_query_dataset_default_graphs_post",
    "query_dataset_named_graphs_post": "test_w3c_protocol.py::test_query_dataset_named_graphs_post",
    "query_dataset_named_graphs_get": "test_w3c_protocol.py::test_query_dataset_named_graphs_get",
    "query_dataset_full": "test_w3c_protocol.py::test_query_dataset_full",
    "query_multiple_dataset": "test_w3c_protocol.py::test_query_multiple_dataset",
    "query_content_type_select": "test_w3c_protocol.py::test_query_content_type_select",
    "query_content_type_ask": "test_w3c_protocol.py::test_query_content_type_ask",
    "query_content_type_describe": "test_w3c_protocol.py::test_query_content_type_describe",
    "query_content_type_construct": "test_w3c_protocol.py::test_query_content_type_construct",
    "bad_query_method": "test_w3c_protocol.py::test_bad_query_method",
    "bad_multiple_queries": "test_w3c_protocol.py::test_bad_multiple_queries",
    "bad_query_wrong_media_type": "test_w3c_protocol.py::test_bad_query_wrong_media_type",
    "bad_query_missing_form_type": "test_w3c_protocol.py::test_bad_query_missing_form_type",
    "bad_query_missing_direct_type": "test_w3c_protocol.py::test_bad_query_missing_direct_type",
    "bad_query_non_utf8": "test_w3c_protocol.py::test_bad_query_non_utf8",
    "bad_query_syntax": "test_w3c_protocol.py::test_bad_query_syntax",
    "bad_update_get": "test_w3c_protocol.py::test_bad_update_get",
    "bad_multiple_updates": "test_w3c_protocol.py::test_bad_multiple_updates",
    "bad_update_wrong_media_type": "test_w3c_protocol.py::test_bad_update_wrong_media_type",
    "bad_update_missing_form_type": "test_w3c_protocol.py::test_bad_update_missing_form_type",
    "bad_update_non_utf8": "test_w3c_protocol.py::test_bad_update_non_utf8",
    **{name: f"test_w3c_protocol.py::{UPDATES}" for name in (
        "update_post_form", "update_post_direct", "update_dataset_default_graph", "update_dataset_default_graphs",
        "update_dataset_named_graphs", "update_dataset_full", "update_base_uri", "bad_update_syntax",
        "bad_update_dataset_conflict")},
}
SERVICE_DESCRIPTION = {
    "returns-rdf": "test_description.py::test_service_description",
    "has-endpoint-triple": "test_description.py::test_service_description",
    # no validator of the SD vocabulary exists: the test checks the terms the description uses
    # (sd:Service, sd:endpoint, sd:supportedLanguage, sd:resultFormat, sd:feature, sd:defaultDataset …)
    "conforms-to-schema": "test_description.py::test_service_description",
}


def entries(manifest: str) -> set[str]:
    graph = rdflib.Graph().parse(path_of(manifest), format="turtle", publicID=manifest)
    head = graph.value(rdflib.URIRef(manifest), MF.entries)
    return {str(e).rsplit("#", 1)[1] for e in rdflib.collection.Collection(graph, head)}


def defined(reference: str) -> bool:
    file, function = reference.split("::")
    return re.search(rf"^def {function}\(", (ENDPOINT_TESTS / file).read_text("utf-8"), re.MULTILINE) is not None


def test_every_protocol_test_is_run_or_refused_as_documented():
    manifest = iri_of(SUITES / "sparql11/protocol/manifest.ttl")
    assert entries(manifest) == set(PROTOCOL)
    assert [ref for ref in PROTOCOL.values() if not defined(ref)] == []
    updates = (ENDPOINT_TESTS / "test_w3c_protocol.py").read_text("utf-8")
    assert [name for name, ref in PROTOCOL.items() if ref.endswith(UPDATES) and f'"{name}":' not in updates] == []


def test_every_service_description_test_is_run():
    manifest = iri_of(SUITES / "sparql11/service-description/manifest.ttl")
    assert entries(manifest) == set(SERVICE_DESCRIPTION)
    assert [ref for ref in SERVICE_DESCRIPTION.values() if not defined(ref)] == []
