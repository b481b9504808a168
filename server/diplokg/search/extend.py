"""Data extension (W3C Reconciliation Service API 0.2): for reconciled ids, the values of chosen
properties (``properties``), and the properties proposed for a type.

Settings of a property: ``lang`` keeps the literals in that language (labels); ``limit`` keeps the
first values (0: all)."""

from __future__ import annotations

import json
from typing import Any

from diplokg.search.facts import Lookup, api_value, entity_iri
from diplokg.search.finder import Finder, SearchError
from diplokg.search.properties import BY_ID, PROPERTIES, Property, for_type

MAX_IDS = 100
MAX_PROPERTIES = len(PROPERTIES)
SETTINGS = [
    {"name": "lang", "label": "Language", "type": "text", "default": "",
     "help_text": "Keep only values in this language (a tag such as en or de; empty: all)"},
    {"name": "limit", "label": "Limit", "type": "number", "default": 0,
     "help_text": "Maximum number of values per row (0: all)"},
]


class ExtendError(ValueError):
    """A data extension request the service cannot answer as sent (400)."""


def read_extend(raw: str) -> tuple[list[str], list[tuple[Property, dict[str, Any]]]]:
    """The ids and the (property, settings) pairs of an ``extend`` parameter; ExtendError if not."""
    try:
        request = json.loads(raw)
    except ValueError as e:
        raise ExtendError(f"'extend' is not valid JSON: {e}") from None
    if not isinstance(request, dict) or not isinstance(request.get("ids"), list) \
            or not isinstance(request.get("properties"), list):
        raise ExtendError("'extend' must be an object with 'ids' (a list of ids) and 'properties' "
                          "(a list of {\"id\": ...})")
    ids, props = request["ids"], request["properties"]
    if not all(isinstance(i, str) and 0 < len(i) <= 1000 for i in ids) or len(ids) > MAX_IDS:
        raise ExtendError(f"'ids' must be at most {MAX_IDS} entity ids (strings)")
    if len(props) > MAX_PROPERTIES:
        raise ExtendError(f"at most {MAX_PROPERTIES} properties per request")
    chosen = []
    for item in props:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise ExtendError("each property must be an object with an 'id'")
        prop = BY_ID.get(item["id"])
        if prop is None:
            raise ExtendError(f"unknown property {item['id']!r}; known: {sorted(BY_ID)}")
        settings = item.get("settings", {})
        if not isinstance(settings, dict):
            raise ExtendError(f"the settings of {prop.id!r} must be an object")
        chosen.append((prop, _settings(prop, settings)))
    return ids, chosen


def _settings(prop: Property, settings: dict[str, Any]) -> dict[str, Any]:
    lang, limit = settings.get("lang", ""), settings.get("limit", 0)
    if not isinstance(lang, str) or len(lang) > 35:
        raise ExtendError(f"the 'lang' setting of {prop.id!r} must be a language tag")
    try:
        limit = int(limit)
    except (TypeError, ValueError):
        raise ExtendError(f"the 'limit' setting of {prop.id!r} must be a whole number") from None
    if limit < 0:
        raise ExtendError(f"the 'limit' setting of {prop.id!r} must not be negative")
    return {"lang": lang.lower(), "limit": limit}


async def extend(ids: list[str], chosen: list[tuple[Property, dict[str, Any]]], finder: Finder,
                 lookup: Lookup) -> dict[str, Any]:
    """The data extension response: ``meta`` (the properties) and ``rows`` (values by id and
    property; an id that is not one of our entities gets empty lists)."""
    meta = [{"id": p.id, "name": p.name} for p, _ in chosen]
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {}
    props = [p for p, _ in chosen]
    for ident in ids:
        iri = entity_iri(ident)
        known = finder.index.entity(iri) is not None
        values = await lookup.values(iri, props) if known and props else {}
        row = {}
        for prop, settings in chosen:
            found = [v for v in values.get(prop.id, [])
                     if not settings["lang"] or v.lang.split("-")[0] == settings["lang"]]
            found.sort(key=lambda v: (v.label or v.text))
            if settings["limit"]:
                found = found[:settings["limit"]]
            row[prop.id] = [api_value(v, prop.kind) for v in found]
        rows[ident] = row
    return {"meta": meta, "rows": rows}


def propose(finder: Finder, type_text: str | None, limit: int) -> dict[str, Any]:
    """The properties proposed for a type (all of them without one)."""
    type_name = None
    if type_text:
        try:
            type_name = finder.resolve_type(type_text).rsplit("#", 1)[-1]
        except SearchError as e:
            raise ExtendError(str(e)) from None
    props = for_type(type_name)[:limit]
    answer: dict[str, Any] = {"properties": [{"id": p.id, "name": p.name, "description": p.description}
                                             for p in props], "limit": limit}
    if type_text:
        answer["type"] = type_text
    return answer
