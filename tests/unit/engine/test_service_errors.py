"""Unit tests of telling a failing SERVICE call apart (diplokg.engine.service_errors)."""

from __future__ import annotations

import pytest

from diplokg.engine.service_errors import service_failure


@pytest.mark.parametrize("error,named", [
    # texts pyoxigraph 0.5.13 raised for failing SERVICE calls (see diplokg.engine.service_errors)
    (OSError("Error 500 Internal Server Error returned by http://b/sparql with payload:\nboom"), "http://b/sparql"),
    (RuntimeError("Unsupported Content-Type returned by service <http://b/sparql>: text/html"), "http://b/sparql"),
    (RuntimeError("Expecting <head> tag, found <results>"), None),
    (ConnectionRefusedError("Connection refused (os error 111)"), None),
])
def test_service_failure_names_the_endpoint_and_keeps_the_engine_text(error, named):
    message = service_failure(error, ["http://a/sparql", "http://b/sparql"])
    assert message is not None and str(error) in message
    assert message.startswith(f"SERVICE <{named}>:" if named else "SERVICE <http://a/sparql> or SERVICE <http://b/sparql>:")


@pytest.mark.parametrize("error,services", [
    (ConnectionRefusedError("Connection refused (os error 111)"), []),  # no SERVICE in the query
    (RuntimeError("The SPARQL query does not contains variable x in its SELECT projection"), ["http://a/"]),
    (ValueError("bad input"), ["http://a/"]),
    (SyntaxError("error at 1:3"), ["http://a/"]),
])
def test_other_errors_are_not_service_failures(error, services):
    assert service_failure(error, services) is None
