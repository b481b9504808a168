"""Unit tests of the request limits (diplokg.http.limits): the time budget of a federated query."""

from __future__ import annotations

from diplokg.http.limits import QueryBudget, query_budget, service_timeout_message


def test_federated_query_budget():
    assert query_budget(30, [], 10) == QueryBudget(30)  # no SERVICE: the query's own budget
    budget = query_budget(30, ["http://a/sparql", "http://a/sparql"], 10)
    assert budget == QueryBudget(10, ("http://a/sparql",)) and budget.service_bound
    # a lower query budget wins and is the query's own
    assert query_budget(4, ["http://a/sparql"], 10) == QueryBudget(4)
    assert not query_budget(4, ["http://a/sparql"], 10).service_bound
    message = service_timeout_message(query_budget(20, ["http://a/sparql", "http://b/sparql"], 2))
    assert message.startswith("SERVICE <http://a/sparql> or SERVICE <http://b/sparql>: no answer within 2 s")
