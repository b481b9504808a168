"""What the reconciliation service says of an entity beyond its names: the values of its
properties (``properties``), read by one internal query per entity, counted against the work one
request may do, and written as the Reconciliation API writes values."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from diplokg.core.namespaces import ID, ONTOLOGY
from diplokg.matching.index import NameIndex
from diplokg.search.properties import Kind, Property, values_query

XSD = "http://www.w3.org/2001/XMLSchema#"
#: entities whose properties one request may look up (each is one internal query)
MAX_LOOKUPS = 200

Select = Callable[[str, Mapping[str, ox.NamedNode]], Awaitable[list[dict[str, dict[str, str]]]]]


class TooMuchWork(ValueError):
    """A request that would look up more entities than ``MAX_LOOKUPS`` (400)."""


@dataclass(frozen=True)
class Value:
    """One value of a property: an IRI (``label`` its name) or a literal (``datatype``, ``lang``)."""
    iri: str | None
    text: str
    datatype: str = ""
    lang: str = ""
    label: str = ""


def entity_id(iri: str) -> str | None:
    """The service's identifier of an entity IRI (its path in our ``id/`` namespace), or None."""
    return iri[len(ID):] if iri.startswith(ID) and len(iri) > len(ID) else None


def entity_iri(ident: str) -> str:
    """The IRI of a service identifier (an IRI of our namespace is taken as it is)."""
    return ident if ident.startswith(ID) else ID + ident


def type_id(iri: str) -> str:
    """A class's identifier: its local name in our ontology ("State"), else its IRI."""
    return iri[len(ONTOLOGY):] if iri.startswith(ONTOLOGY) else iri


@dataclass
class Lookup:
    """The property values of entities for one request, each entity asked once."""
    select: Select
    index: NameIndex
    lang: str = "en"
    done: int = 0
    _seen: dict[tuple[str, tuple[str, ...]], dict[str, list[Value]]] = field(default_factory=dict)

    async def values(self, iri: str, properties: Sequence[Property]) -> dict[str, list[Value]]:
        """The values of ``properties`` of the entity ``iri`` by property id (absent: no value)."""
        key = (iri, tuple(sorted(p.id for p in properties)))
        if key in self._seen:
            return self._seen[key]
        self.done += 1
        if self.done > MAX_LOOKUPS:
            raise TooMuchWork(f"this request would look up the properties of more than {MAX_LOOKUPS} entities; "
                              "send fewer queries, candidates or ids per request")
        rows = await self.select(values_query(properties), {"entity": ox.NamedNode(iri)})
        found: dict[str, list[Value]] = {}
        for row in rows:
            value = row["value"]
            if value["type"] == "uri":
                known = self.index.entity(value["value"], self.lang)
                item = Value(value["value"], value["value"], label=known.label if known else type_id(value["value"]))
            else:
                item = Value(None, value["value"], value.get("datatype", ""), value.get("xml:lang", ""))
            found.setdefault(row["property"]["value"], []).append(item)
        self._seen[key] = found
        return found


def api_value(value: Value, kind: Kind) -> dict[str, Any]:
    """A value as the data extension response writes it: an entity ``{id, name}``, a date (full
    dates only: ``{date}`` at midnight UTC; a year or month stays ``{str}``), a number or a string."""
    if value.iri is not None:
        ident = entity_id(value.iri) or type_id(value.iri)
        return {"id": ident, "name": value.label or ident}
    if kind is Kind.DATE and value.datatype == XSD + "date" and len(value.text) == 10:
        return {"date": value.text + "T00:00:00Z"}
    if value.datatype in (XSD + "integer", XSD + "int", XSD + "long"):
        try:
            return {"int": int(value.text)}
        except ValueError:
            return {"str": value.text}
    if value.datatype in (XSD + "decimal", XSD + "double", XSD + "float"):
        try:
            return {"float": float(value.text)}
        except ValueError:
            return {"str": value.text}
    return {"str": value.text}
