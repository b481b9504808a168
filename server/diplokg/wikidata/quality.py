"""Data-quality check of the Wikidata links of a built store (``diplokg check-links``).

It reports, as findings a researcher can act on:

- ``duplicate-qid``: one QID (``dkg:wikidataId`` or a ``skos:exactMatch`` Wikidata item) on several
  entities — a join on it would merge them;
- ``class-item-as-instance``: an entity linked to a Wikidata item that our ontology or
  vocabularies use as the alignment of a *class or concept* (e.g. Q3917681 "embassy", the class,
  linked to one particular embassy) — the wrong type of item;
- ``mixed-types``: entities of different kinds (state, city, person, organisation, mission) linked to
  one item — the link is wrong for at least one of them;
- ``qid-mismatch``: ``dkg:wikidataId`` and the ``skos:exactMatch`` Wikidata item disagree, or one is
  missing;
- ``no-provenance``: a link without exactly one ``dkg:WikidataLink`` record;
- ``state-without-qid``: a ``dkg:State`` without a QID.

With ``--wikidata`` (:func:`check_types_on_wikidata`) it also asks the Wikidata Query Service,
in one query, whether each linked item is an instance (``wdt:P31/wdt:P279*``) of the class expected
for its kind (the classes ``diplokg link`` scores with, :data:`link_candidates.EXPECTED`):

- ``wrong-type``: the item is not, e.g. a city linked to an item that is an instance of Q5 (human);
- ``item-missing``: Wikidata knows neither a label nor a statement of the item (deleted, merged into
  another item, or a typo).

Only entities of our namespace (``https://w3id.org/diplokg/id/``) are links; classes and concepts of
the ontology align with Wikidata items by the same properties, and that is what they should do.

The SHACL shapes refuse most of these at build time; this check also runs on stores built from other
data (e.g. a generated graph) and gives one report instead of a validation log. The queries are
constant texts; nothing from the data is spliced into them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

import pyoxigraph as ox

from diplokg.core.namespaces import ID, PREFIXES, shorten
from diplokg.wikidata.candidates import EXPECTED, is_qid, item_query, parse_items
from diplokg.wikidata.client import WikidataClient

WD = "http://www.wikidata.org/entity/"

# The kinds of entity a Wikidata link can belong to, most specific first.
_KINDS = """
    VALUES (?class ?kind) {
        (dkg:State "state") (dkg:City "city") (dkg:Person "person")
        (dkg:DiplomaticMission "mission") (dkg:Organization "organization")
    }"""

_LINKED = f"""
SELECT ?entity ?qid ?item ?kind WHERE {{
    {{ ?entity dkg:wikidataId ?qid .
       OPTIONAL {{ ?entity skos:exactMatch ?item . FILTER(STRSTARTS(STR(?item), "{WD}")) }} }}
    UNION
    {{ ?entity skos:exactMatch ?item . FILTER(STRSTARTS(STR(?item), "{WD}"))
       FILTER NOT EXISTS {{ ?entity dkg:wikidataId ?any }} }}
    FILTER(STRSTARTS(STR(?entity), "{ID}"))  # our entities; ontology terms and concepts align, not link
    OPTIONAL {{
        SELECT ?entity (MIN(?k) AS ?kind) WHERE {{
            {_KINDS}
            ?entity a ?class . BIND(?kind AS ?k)
        }} GROUP BY ?entity
    }}
}}"""

_CLASS_ITEMS = """
SELECT ?term ?item WHERE {
    ?term skos:exactMatch|skos:closeMatch|skos:broadMatch|skos:narrowMatch|dkg:wikidataProperty ?item .
    { ?term a owl:Class } UNION { ?term a skos:Concept } UNION { ?term a skos:ConceptScheme }
    FILTER(STRSTARTS(STR(?item), "http://www.wikidata.org/entity/Q"))
}"""

_RECORDS = """
SELECT ?entity (COUNT(DISTINCT ?link) AS ?n) WHERE {
    ?entity dkg:wikidataId ?qid .
    OPTIONAL { ?link a dkg:WikidataLink ; dkg:linkedEntity ?entity }
} GROUP BY ?entity"""

_STATES_WITHOUT_QID = """
SELECT ?state WHERE { ?state a dkg:State FILTER NOT EXISTS { ?state dkg:wikidataId ?qid } } ORDER BY ?state"""


@dataclass(frozen=True)
class Finding:
    kind: str
    message: str
    entities: tuple[str, ...]
    qid: str | None = None


@dataclass(frozen=True)
class Report:
    linked: int
    findings: tuple[Finding, ...]

    @property
    def ok(self) -> bool:
        return not self.findings

    def to_text(self) -> str:
        lines = [f"{self.linked} entities carry a Wikidata link; {len(self.findings)} finding(s)."]
        lines += [f"{f.kind}: {f.message}" for f in self.findings]
        return "\n".join(lines) + "\n"

    def to_json(self) -> str:
        return json.dumps({"linked": self.linked, "ok": self.ok, "findings": [asdict(f) for f in self.findings]},
                          indent=2, ensure_ascii=False) + "\n"


def _rows(store: ox.Store, query: str) -> list[dict[str, str]]:
    solutions = store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(solutions, ox.QuerySolutions), "the queries above are SELECT queries"
    names = [v.value for v in solutions.variables]
    return [{n: s[n].value for n in names if s[n] is not None} for s in solutions]


def _qid(row: dict[str, str]) -> str | None:
    if "qid" in row:
        return row["qid"]
    return row["item"].removeprefix(WD) if "item" in row else None


def check_links(store: ox.Store) -> Report:
    """All findings about the Wikidata links of ``store`` (sorted, so reports are comparable)."""
    rows = _rows(store, _LINKED)
    findings: list[Finding] = []

    by_entity: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_entity.setdefault(row["entity"], []).append(row)
    for entity, entity_rows in sorted(by_entity.items()):
        qids = {r["qid"] for r in entity_rows if "qid" in r}
        items = {r["item"].removeprefix(WD) for r in entity_rows if "item" in r}
        if qids != items:
            findings.append(Finding("qid-mismatch", f"{shorten(entity)}: dkg:wikidataId {sorted(qids) or 'none'} "
                                    f"but skos:exactMatch Wikidata item(s) {sorted(items) or 'none'}", (entity,)))

    by_qid: dict[str, set[str]] = {}
    kinds: dict[str, set[str]] = {}
    for row in rows:
        qid = _qid(row)
        if qid is None:
            continue
        by_qid.setdefault(qid, set()).add(row["entity"])
        kinds.setdefault(qid, set()).add(row.get("kind", "other"))
    for qid, entities in sorted(by_qid.items()):
        if len(entities) > 1:
            findings.append(Finding("duplicate-qid", f"{qid} is the link of {len(entities)} entities: "
                                    + ", ".join(shorten(e) for e in sorted(entities)), tuple(sorted(entities)), qid))
        if len(kinds[qid]) > 1:
            findings.append(Finding("mixed-types", f"{qid} links entities of different kinds ("
                                    + ", ".join(sorted(kinds[qid])) + ")", tuple(sorted(entities)), qid))

    class_items: dict[str, set[str]] = {}
    for row in _rows(store, _CLASS_ITEMS):
        class_items.setdefault(row["item"].removeprefix(WD), set()).add(row["term"])
    for qid, entities in sorted(by_qid.items()):
        if qid in class_items:
            terms = ", ".join(shorten(t) for t in sorted(class_items[qid]))
            findings.append(Finding("class-item-as-instance", f"{qid} is the Wikidata item of the class/concept "
                                    f"{terms} in our ontology, but is linked as the item of "
                                    + ", ".join(shorten(e) for e in sorted(entities)), tuple(sorted(entities)), qid))

    for row in _rows(store, _RECORDS):
        if int(row["n"]) != 1:
            findings.append(Finding("no-provenance", f"{shorten(row['entity'])}: {row['n']} dkg:WikidataLink records "
                                    "(exactly one must say where the link comes from)", (row["entity"],)))

    for row in _rows(store, _STATES_WITHOUT_QID):
        findings.append(Finding("state-without-qid", f"{shorten(row['state'])} has no Wikidata QID", (row["state"],)))

    return Report(linked=len(by_entity), findings=_sorted(findings))


_ORDER = ["duplicate-qid", "class-item-as-instance", "mixed-types", "qid-mismatch", "no-provenance",
          "state-without-qid", "wrong-type", "item-missing"]


def _sorted(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=lambda f: (_ORDER.index(f.kind), f.entities, f.message)))


def check_types_on_wikidata(store: ox.Store, client: WikidataClient) -> list[Finding]:
    """``wrong-type`` and ``item-missing`` findings for the linked entities of ``store``, from one query
    to ``client``'s query service (raises WikidataUnavailable if it cannot be asked)."""
    linked: dict[tuple[str, str], str] = {}  # (entity, qid) -> kind
    for row in _rows(store, _LINKED):
        qid = _qid(row)
        if qid and is_qid(qid) and row.get("kind") in EXPECTED:
            linked[(row["entity"], qid)] = row["kind"]
    if not linked:
        return []
    pairs = {(qid, cls) for (_, qid), kind in linked.items() for cls, _ in EXPECTED[kind]}
    facts = parse_items(client.select(item_query(pairs, ["en"], [])))
    findings = []
    for (entity, qid), kind in sorted(linked.items()):
        item = facts.get(qid)
        if item is None:
            findings.append(Finding("item-missing", f"{qid} (linked from {shorten(entity)}) has no label and no "
                                    "statement on Wikidata: deleted, merged into another item, or a typo?",
                                    (entity,), qid))
            continue
        expected = EXPECTED[kind]
        if not item.instance_of_expected & {cls for cls, _ in expected}:
            p31 = ", ".join(f"{q} ({label})" if label else q for q, label in sorted(item.claims.get("P31", {}).items()))
            findings.append(Finding("wrong-type", f"{qid} (linked from {shorten(entity)}, a {kind}) is not an instance "
                                    "of " + " or ".join(f"{c} ({n})" for c, n in expected) + " on Wikidata; its "
                                    f"instance of (P31): {p31 or 'none'}", (entity,), qid))
    return list(_sorted(findings))
