"""How the SPARQL endpoint is described in the OpenAPI document (/openapi.json, /docs): its
parameters and request bodies, so that clients and API fuzzers (schemathesis, in the tests) know
every input it takes. /sparql itself is answered by app.DirectRoute, not through these routes."""

from __future__ import annotations

from typing import Any

SPARQL_DOC = """SPARQL 1.1 Protocol query operation (read-only).

* `GET /sparql?query=…`, `POST` with `application/x-www-form-urlencoded` (`query=…`) or with
  `application/sparql-query` (the query as body).
* `default-graph-uri` / `named-graph-uri` (repeatable) set the dataset and override `FROM`; without
  them, the default graph is the union of all named graphs.
* Results by `Accept` (or `format=json|xml|csv|tsv|turtle|ntriples|rdfxml|jsonld|trig|nquads`).
* `timeout=SECONDS` lowers the time budget for this request.
* `$name=TERM` (repeatable, RDF4J's convention) binds the variable `?name` to an RDF term in N-Triples
  syntax (`<http://…>`, `"text"@de`, `"2015-04-20"^^<http://www.w3.org/2001/XMLSchema#date>`) before
  evaluation; in a SELECT the variable must be projected.
* Without a query, `GET /sparql` returns the SPARQL Service Description.
* Update requests are refused with 403; SERVICE is refused unless its endpoint is allowlisted.
* A query that calls SERVICE runs at most the service timeout (`--service-timeout`, default 10 s) in
  all; when it runs out the answer is 504 (`kind` `service-timeout`) naming the endpoint. A SERVICE
  endpoint that fails (HTTP error, not SPARQL results, unreachable) gives 502 (`kind` `service`)
  with the endpoint and the engine's message; `SERVICE SILENT` ignores a call that fails outright
  (error status, wrong content type, unreachable), not results that break off mid-way.
"""

_IRI_LIST = {"type": "array", "items": {"type": "string", "format": "iri"}}
_FIELDS: dict[str, tuple[dict[str, Any], str]] = {
    "query": ({"type": "string"}, "the SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE)"),
    "default-graph-uri": (_IRI_LIST, "IRIs of the graphs whose merge is the default graph (repeatable)"),
    "named-graph-uri": (_IRI_LIST, "IRIs of the named graphs of the dataset (repeatable)"),
    "timeout": ({"type": "number", "exclusiveMinimum": 0}, "time budget in seconds (at most the server's)"),
    "format": ({"type": "string"}, "result format; overrides Accept"),
}


def sparql_openapi(method: str) -> dict[str, Any]:
    """``openapi_extra`` of the GET or POST operation of /sparql."""
    if method == "GET":
        return {"parameters": [
            {"name": name, "in": "query", "required": False, "description": text, "schema": schema,
             **({"style": "form", "explode": True} if schema.get("type") == "array" else {})}
            for name, (schema, text) in _FIELDS.items()]}
    form = {"type": "object", "required": ["query"],
            "properties": {name: {**schema, "description": text} for name, (schema, text) in _FIELDS.items()}}
    return {"requestBody": {"required": True, "content": {
        "application/x-www-form-urlencoded": {"schema": form},
        "application/sparql-query": {"schema": {"type": "string", "description": "the SPARQL query"}}}}}
