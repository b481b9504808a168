"""The JSON Schemas of the Reconciliation Service API 0.2 (tests/fixtures/reconciliation-0.2,
written from the specification's text) and a helper that validates a document against one."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema_rs

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "reconciliation-0.2"
KINDS = ("manifest", "query-batch", "result-batch", "suggest-response", "propose-properties-response",
         "extend-query", "extend-response")


@cache
def validator(kind: str) -> Any:
    return jsonschema_rs.validator_for(json.loads((SCHEMAS / f"{kind}.json").read_text(encoding="utf-8")))


def valid(kind: str, document: Any) -> Any:
    """``document``, after checking it against the schema of ``kind`` (ValidationError if not)."""
    validator(kind).validate(document)
    return document


#: a researcher's table of names from the two seed pages (as the pages write them, in German, in
#: other orders and spellings), with the type chosen in OpenRefine, the entity each name is, and
#: whether the service may call it a match (an unambiguous exact name) or leaves it to the reviewer
SEED_TABLE: tuple[tuple[str, str, str, bool], ...] = (
    ("Idibek Kalandar", "Person", "person/idibek-kalandar", True),
    ("Kalandar Idibek", "Person", "person/idibek-kalandar", True),
    ("Qalandar Idibek", "Person", "person/idibek-kalandar", False),
    ("Madalina Lupu", "Person", "person/madalina-lupu", True),
    ("Ole Johan Bernoy", "Person", "person/ole-johan-bernoy", True),
    ("Emomali Rahmon", "Person", "person/emomali-rahmon", True),
    ("Sirojiddin Muhriddin", "Person", "person/sirojiddin-muhriddin", True),
    ("Nizomiddin Zohidi", "Person", "person/nizomiddin-zohidi", True),
    ("Muzaffar Huseinzoda", "Person", "person/muzaffar-huseinzoda", True),
    ("Dan Niculaescu", "Person", "person/dan-niculaescu", True),
    ("Knut Vollebaek", "Person", "person/knut-vollebaek", True),
    ("Jan Petersen", "Person", "person/jan-petersen", True),
    ("Sherali Gul", "Person", "person/sherali-gul", True),
    ("Norwegen", "State", "state/NOR", True),
    ("Rumänien", "State", "state/ROU", True),
    ("Tadschikistan", "State", "state/TJK", True),
    ("Österreich", "State", "state/AUT", True),
    ("Kasachstan", "State", "state/KAZ", True),
    ("Tajhydro", "Organization", "organization/tajikhydro", True),
    ("Tajikhydro", "Organization", "organization/tajikhydro", True),
    ("Norwegian Peoples Aid", "Organization", "organization/norwegian-peoples-aid", True),
    ("EBRD", "Organization", "organization/ebrd", True),
    ("OSZE", "Organization", "organization/osce", True),
    ("Wien", "City", "place/vienna", True),
    ("Astana", "City", "place/astana", True),
    ("Bukarest", "City", "place/bucharest", True),
    ("Duschanbe", "City", "place/dushanbe", True),
)
