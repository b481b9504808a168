"""Helpers of the `diplokg link` tests: where the fixtures are, temporary copies of the repository's
data with some verified links removed, and running the command against the stand-ins."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox

from support.cli_runner import REPO, run_cli

HERE = Path(__file__).parent
#: the recorded Wikidata answers and expected files of the link suite
FIXTURES = HERE.parent / "fixtures" / "wikidata"
ID = "https://w3id.org/diplokg/id/"
DKG = "https://w3id.org/diplokg/ontology#"
#: Entities whose verified QIDs the fixture trees remove (QIDs from data/reference-entities.trig and
#: data/states.trig). Without its QID a state violates the shapes, so only proposing unlinks Norway.
UNLINKED = {"place/dushanbe": "Q9365", "organization/osce": "Q81299"}
UNLINKED_FOR_PROPOSING = {**UNLINKED, "state/NOR": "Q20"}


def unlink(root: Path, *entities: str) -> None:
    """Remove the Wikidata link of each entity from a source tree: its dkg:wikidataId and
    skos:exactMatch, and any dkg:WikidataLink record of it (the data files are rewritten)."""
    targets = {ox.NamedNode(ID + e) for e in entities}
    link_props = {ox.NamedNode(DKG + "wikidataId"), ox.NamedNode("http://www.w3.org/2004/02/skos/core#exactMatch")}
    for path in sorted((root / "data").rglob("*.trig")):
        quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TRIG))
        records = {q.subject for q in quads
                   if q.predicate == ox.NamedNode(DKG + "linkedEntity") and q.object in targets}
        keep = [q for q in quads
                if q.subject not in records and not (q.subject in targets and q.predicate in link_props)]
        if len(keep) != len(quads):
            path.write_bytes(ox.serialize(keep, format=ox.RdfFormat.TRIG))


def copy_tree(root: Path) -> Path:
    for part in ("ontology", "data", "shapes", "queries"):
        shutil.copytree(REPO / part, root / part)
    return root


def propose(tree: Path, out: Path, api: str, sparql: str, *extra: str):
    return run_cli("link", "--source", str(tree), "-o", str(out), "--api", api, "--sparql", sparql,
                   "--delay", "0", "--timeout", "10", "-q", *extra)
