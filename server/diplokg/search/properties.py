"""The properties the reconciliation service knows: for property constraints in queries, for data
extension and for the property suggest service. Each is a fixed graph pattern from ``$entity`` to
``?value`` (the entity is bound as an RDF term; the patterns are constants of this module), with
the classes it applies to and the kind of its values.

``values_query`` joins the patterns of the asked properties into one query per entity, each branch
naming its property in ``?property``, so that one internal query answers every property of an
entity."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from diplokg.core.namespaces import sparql_prologue


class Kind(Enum):
    ENTITY = "entity"  # an IRI of our namespace: {"id", "name"}
    TEXT = "str"
    DATE = "date"


@dataclass(frozen=True)
class Property:
    id: str
    name: str
    description: str
    types: tuple[str, ...]  # the class names (ontology local names) it applies to; () for all
    kind: Kind
    pattern: str  # from $entity to ?value


PROPERTIES: tuple[Property, ...] = (
    Property("wikidata", "Wikidata item (QID)", "The Wikidata item of the entity, verified (dkg:wikidataId)",
             ("State", "City", "Organization", "Person"), Kind.TEXT, "$entity dkg:wikidataId ?value"),
    Property("isoAlpha2", "ISO 3166-1 alpha-2 code", "Two-letter country code of a state", ("State",), Kind.TEXT,
             "$entity dkg:isoAlpha2 ?value"),
    Property("isoAlpha3", "ISO 3166-1 alpha-3 code", "Three-letter country code of a state", ("State",), Kind.TEXT,
             "$entity dkg:isoAlpha3 ?value"),
    Property("label", "Label", "The entity's labels (the 'lang' setting picks a language)", (), Kind.TEXT,
             "$entity rdfs:label ?value"),
    Property("altLabel", "Other names", "Alternative labels: other spellings, name orders, abbreviations", (),
             Kind.TEXT, "$entity skos:altLabel ?value"),
    Property("type", "Type", "The entity's classes in the diplokg ontology", (), Kind.ENTITY,
             "$entity a ?value FILTER (STRSTARTS(STR(?value), STR(dkg:)))"),
    Property("country", "Country", "The state a city is located in", ("City",), Kind.ENTITY,
             "$entity dkg:locatedIn ?value"),
    Property("state", "State represented", "The state whose posts a person holds, or on whose behalf a person "
             "or organisation acts in an event (a person's or organisation's state)", ("Person", "Organization"),
             Kind.ENTITY, "{ ?tenure dkg:holder $entity ; dkg:ofPost/dkg:sendingState ?value } UNION "
             "{ ?part dkg:agent $entity ; dkg:onBehalfOf ?value } UNION { $entity dkg:belongsToState ?value }"),
    Property("post", "Posts held", "The head-of-mission posts a person holds or held", ("Person",), Kind.ENTITY,
             "?tenure dkg:holder $entity ; dkg:ofPost ?value"),
    Property("accreditedTo", "Accredited to", "The receiving states of a person's posts", ("Person",), Kind.ENTITY,
             "?tenure dkg:holder $entity ; dkg:ofPost/dkg:receivingState ?value"),
    Property("residence", "Residence", "Where a person resides in a post (often a third country's capital)",
             ("Person",), Kind.ENTITY, "?tenure dkg:holder $entity ; dkg:residence ?value"),
    Property("relationsEstablished", "Relations established", "When diplomatic relations of a state were "
             "established (the date of the establishing event)", ("State",), Kind.DATE,
             "?relation dkg:relationBetween $entity ; dkg:establishedBy/dkg:date ?value"),
    Property("relationWith", "Relations with", "The states a state has diplomatic relations with in the graph",
             ("State",), Kind.ENTITY,
             "?relation dkg:relationBetween $entity , ?value FILTER (?value != $entity)"),
    Property("date", "Date", "The date of an event", ("Event",), Kind.DATE, "$entity dkg:date ?value"),
)
BY_ID = {p.id: p for p in PROPERTIES}


def for_type(type_name: str | None) -> list[Property]:
    """The properties that apply to a class (its ontology local name), or all with None."""
    return [p for p in PROPERTIES if type_name is None or not p.types or type_name in p.types]


def values_query(properties: Sequence[Property]) -> str:
    """One SELECT of ``$entity ?property ?value`` (the entity in the projection, so that it can be
    bound), a UNION of the properties' patterns."""
    branches = " UNION ".join(f'{{ BIND("{p.id}" AS ?property) {p.pattern} }}' for p in properties)
    return sparql_prologue() + f"SELECT DISTINCT $entity ?property ?value WHERE {{ {branches} }}"
