"""Reconciliation queries (W3C Reconciliation Service API 0.2): a batch read and checked, and the
candidates of each query.

A candidate's score (0–100) is its name's likeness (``matching.names.partial_likeness``) × 100,
raised by 10 for each property constraint its values meet and lowered by 25 for each one they
contradict (a property the entity has no value of counts neither way). ``match`` is true only for
an unambiguous exact match: the best candidate's name is the query up to case, accents, script or
punctuation, no other candidate's is, and no constraint is contradicted. ``features`` say each part.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from typing import Any

from diplokg.matching.index import MAX_QUERY
from diplokg.matching.names import likeness, plain
from diplokg.search.facts import MAX_LOOKUPS, Lookup, Value, entity_id, type_id
from diplokg.search.finder import Finder, SearchError
from diplokg.search.properties import BY_ID, Kind, Property

MAX_QUERIES = 50
MAX_CONSTRAINTS = 10
MAX_VALUES = 20
DEFAULT_LIMIT = 5
MAX_LIMIT = 25
MIN_NAME = 0.4  # names less alike are not candidates (letters in common, nothing more)
EXACT = 0.95  # a name likeness from here on is the same name (case, accents, script, punctuation aside)
RAISE, LOWER = 10, 25
_KEYS = {"query", "type", "limit", "properties", "type_strict"}


class ReconcileError(ValueError):
    """A batch the service cannot answer as sent (400, with this message)."""


@dataclass(frozen=True)
class Constraint:
    property: Property
    values: tuple[Any, ...]  # strings, numbers, booleans or {"id": ...}


@dataclass(frozen=True)
class Query:
    text: str
    types: tuple[str, ...]
    limit: int
    constraints: tuple[Constraint, ...]


def read_batch(raw: str, finder: Finder) -> dict[str, Query]:
    """The queries of a batch (``queries`` parameter), by their keys; ReconcileError if it is not
    JSON, not a batch of the spec's shape, too large, or names an unknown type or property."""
    try:
        batch = json.loads(raw)
    except ValueError as e:
        raise ReconcileError(f"'queries' is not valid JSON: {e}") from None
    if not isinstance(batch, dict) or not batch:
        raise ReconcileError("'queries' must be a JSON object of queries by key, "
                             "e.g. {\"q0\": {\"query\": \"Norway\"}}")
    if len(batch) > MAX_QUERIES:
        raise ReconcileError(f"{len(batch)} queries in one request; at most {MAX_QUERIES} are answered per request "
                             "(OpenRefine: lower the batch size)")
    queries = {key: _query(key, value, finder) for key, value in batch.items()}
    work = sum(q.limit for q in queries.values() if q.constraints)
    if work > MAX_LOOKUPS:
        raise ReconcileError(f"the properties of up to {work} candidates would be looked up (the 'limit' of each query "
                             f"with properties, added up); at most {MAX_LOOKUPS} per request: lower 'limit' or send "
                             "fewer queries with properties per request")
    return queries


def _query(key: str, value: Any, finder: Finder) -> Query:
    if not isinstance(value, dict):
        raise ReconcileError(f"query {key!r} must be a JSON object")
    unknown = set(value) - _KEYS
    if unknown:
        raise ReconcileError(f"query {key!r} has unknown fields {sorted(unknown)}; known: {sorted(_KEYS)}")
    text = value.get("query", "")
    if not isinstance(text, str):
        raise ReconcileError(f"query {key!r}: 'query' must be a string")
    if len(text) > MAX_QUERY:
        raise ReconcileError(f"query {key!r}: 'query' has {len(text)} characters; at most {MAX_QUERY} are matched")
    if "query" not in value and not value.get("properties"):
        raise ReconcileError(f"query {key!r} needs 'query' or at least one property")
    if value.get("type_strict", "any") not in ("any", "should", "all"):
        raise ReconcileError(f"query {key!r}: 'type_strict' must be 'any', 'should' or 'all'")
    raw_types = value.get("type", [])
    raw_types = [raw_types] if isinstance(raw_types, str) else raw_types
    if not isinstance(raw_types, list) or not all(isinstance(t, str) for t in raw_types):
        raise ReconcileError(f"query {key!r}: 'type' must be a type id or a list of them")
    try:
        types = tuple(finder.resolve_type(t) for t in raw_types)
    except SearchError as e:
        raise ReconcileError(f"query {key!r}: {e}") from None
    limit = value.get("limit", DEFAULT_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int | float) or not 0 < limit <= MAX_LIMIT:
        raise ReconcileError(f"query {key!r}: 'limit' must be a number from 1 to {MAX_LIMIT}")
    return Query(text, types, int(limit), _constraints(key, value.get("properties", [])))


def _constraints(key: str, raw: Any) -> tuple[Constraint, ...]:
    if not isinstance(raw, list) or len(raw) > MAX_CONSTRAINTS:
        raise ReconcileError(f"query {key!r}: 'properties' must be a list of at most {MAX_CONSTRAINTS} "
                             "{\"pid\", \"v\"} objects")
    found = []
    for item in raw:
        if not isinstance(item, dict) or set(item) != {"pid", "v"} or not isinstance(item["pid"], str):
            raise ReconcileError(f"query {key!r}: each property must be an object with 'pid' and 'v'")
        prop = BY_ID.get(item["pid"])
        if prop is None:
            raise ReconcileError(f"query {key!r}: unknown property {item['pid']!r}; known: {sorted(BY_ID)}")
        values = item["v"] if isinstance(item["v"], list) else [item["v"]]
        if len(values) > MAX_VALUES or not all(_value_ok(v) for v in values):
            raise ReconcileError(f"query {key!r}: the values of {prop.id!r} must be at most {MAX_VALUES} strings, "
                                 "numbers, booleans or {\"id\": ...} objects")
        found.append(Constraint(prop, tuple(values)))
    return tuple(found)


def _value_ok(value: Any) -> bool:
    if isinstance(value, dict):
        return isinstance(value.get("id"), str) and len(value["id"]) <= 1000
    return isinstance(value, bool | int | float) or (isinstance(value, str) and len(value) <= 1000)


async def candidates(query: Query, finder: Finder, lookup: Lookup) -> list[dict[str, Any]]:
    """The candidates of one query, best first, as the spec's result objects."""
    if not query.text.strip():
        return []  # no name to match: property values alone are not indexed
    found = await asyncio.to_thread(finder.index.search, query.text, query.types, query.limit + 10, 0, lookup.lang)
    hits = [h for h in found.hits if entity_id(h.iri) is not None and h.score >= MIN_NAME]
    exact = [h for h in hits if h.score >= EXACT]
    props = tuple(c.property for c in query.constraints)
    scored: list[tuple[float, bool, dict[str, Any]]] = []  # score, contradicted, candidate
    for hit in hits[:query.limit]:
        values = await lookup.values(hit.iri, props) if props else {}
        verdicts = {c.property.id: _meets(c, values.get(c.property.id, [])) for c in query.constraints}
        score = 100 * hit.score + sum(RAISE if v else -LOWER for v in verdicts.values() if v is not None)
        score = round(max(0.0, min(100.0, score)), 1)
        features = [{"id": "name_similarity", "value": hit.score}, {"id": "exact_name", "value": hit.score >= EXACT}]
        features += [{"id": f"property:{pid}", "value": v} for pid, v in verdicts.items() if v is not None]
        matched = "" if hit.matched == hit.label else f" “{hit.matched}”"
        scored.append((score, False in verdicts.values(), {
            "id": entity_id(hit.iri), "name": hit.label,
            "description": f"{finder.type_label(hit.type)}; matched{matched} by {hit.reason}",
            "type": [{"id": type_id(t), "name": finder.type_label(t)} for t in hit.types],
            "score": score, "features": features, "match": False}))
    scored.sort(key=lambda s: -s[0])
    if scored and len(exact) == 1 and scored[0][2]["id"] == entity_id(exact[0].iri) and not scored[0][1]:
        scored[0][2]["match"] = True
    return [c for _, _, c in scored]


def _meets(constraint: Constraint, values: list[Value]) -> bool | None:
    """Whether the entity's values meet the constraint (None: it has no value of the property)."""
    if not values:
        return None
    return any(_same(wanted, value, constraint.property.kind) for wanted in constraint.values for value in values)


def _same(wanted: Any, value: Value, kind: Kind) -> bool:
    if isinstance(wanted, dict):
        wanted = wanted["id"]
    text = str(wanted).lower() if isinstance(wanted, bool) else str(wanted)
    if value.iri is not None:
        ident = entity_id(value.iri) or type_id(value.iri)
        return text in (value.iri, ident) or likeness(text, value.label)[0] >= 0.85
    if kind is Kind.DATE:
        return bool(text) and value.text.startswith(text.split("T")[0])
    return plain(text) == plain(value.text) and bool(plain(text))
