"""One SPARQL query answered, top-down — the steps after the protocol request has been parsed
(``protocol`` for ``/sparql``, ``routes.saved_queries`` for a saved query with its parameters):

1. analysis: one pass of the lexer and the checks before the engine (``analysis``);
2. negotiation: the format for the query's form (``negotiation``);
3. execution and response: the job run on the backend and its answer sent (``execution``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from starlette.responses import Response

from diplokg.core.formats import GRAPH_FORMATS, RESULT_FORMATS
from diplokg.core.lexer import QueryForm
from diplokg.core.terms import Term
from diplokg.engine.messages import Dataset, QueryJob
from diplokg.http.analysis import analyse_query
from diplokg.http.errors import ProtocolError
from diplokg.http.execution import QueryRunner
from diplokg.http.negotiation import choose
from diplokg.http.responses import error_response, not_acceptable_for


@dataclass(frozen=True)
class QueryCall:
    """A query to answer and how the client asked for it."""

    text: str
    accept: str | None
    client: str
    formats: list[str] = field(default_factory=list)  # `format=` values (override Accept)
    timeout: float | None = None
    dataset: Dataset | None = None  # a protocol dataset (replaces the query's own)
    bindings: Mapping[str, Term] = field(default_factory=dict)
    #: the base IRI of relative IRIs before the query's own BASE (None: the endpoint's public URL)
    base: str | None = None


async def answer_query(runner: QueryRunner, call: QueryCall) -> Response:
    base = call.base or runner.settings.endpoint_url
    try:
        info = analyse_query(call.text, list(call.bindings), runner.settings.federation_allowlist, base)
    except ProtocolError as e:
        return error_response(e.status, e.message, call.accept, kind=e.kind)
    results = choose(call.accept, RESULT_FORMATS, call.formats)
    graph = choose(call.accept, GRAPH_FORMATS, call.formats)
    if info.form in (QueryForm.SELECT, QueryForm.ASK):
        needed = results
    elif info.form is not None and info.form.gives_graph:
        needed = graph
    else:
        needed = results or graph
    if needed is None:
        return not_acceptable_for(info.form, call.formats, call.accept)
    job = QueryJob(call.text, results.name if results else None, graph.name if graph else None,
                   runner.settings.row_cap, union=not info.has_dataset_clause, dataset=call.dataset,
                   bindings=dict(call.bindings), services=tuple(c.iri for c in info.services if c.iri), base=base)
    return await runner.run(job, call.timeout, call.accept, call.client)
