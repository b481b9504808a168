"""``diplokg generate``: write a source tree with realistic SYNTHETIC data of a chosen size, for
benchmarks and load tests.

The tree is a copy of a real one (ontology, shapes, saved queries and the real data, so the saved
queries' default parameters still find their answers) plus ``data/synthetic/part-NNNN.nq``: one
named graph per synthetic source document, in our own ontology, passing our SHACL shapes. Missions
are generated one at a time, taking the sending states in turn (Tajikistan first), until the whole
tree holds at least the requested number of triples; the same seed always gives byte-identical
files. Nothing generated is ever part of the published data: every document says it is synthetic.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pyoxigraph as ox

from diplokg import __version__
from diplokg.core.errors import DiplokgError
from diplokg.core.namespaces import ID
from diplokg.source.loader import parse_file
from diplokg.source.tree import SourceTree
from diplokg.synthetic.dates import random_day
from diplokg.synthetic.document import Document, dkg, en, iri
from diplokg.synthetic.events import bilateral_events
from diplokg.synthetic.facts import mission_facts, post_node, profile_document, relation_facts, tenure_facts
from diplokg.synthetic.plan import StateInfo, TenurePlan, Unit, World, rng_for

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PART_QUADS = 250_000
MIN_TRIPLES, MAX_TRIPLES = 1_000, 50_000_000


@dataclass
class GenerateResult:
    out: Path
    triples: int  # in the whole tree: ontology, real data and synthetic data
    synthetic_triples: int
    documents: int
    units: int
    seconds: float


def read_states(layout: SourceTree) -> dict[str, StateInfo]:
    """The states of the reference graph (IRI state/<code>, English and German names)."""
    names: dict[str, dict[str, str]] = {}
    states: set[str] = set()
    prefix = ID + "state/"
    for path in layout.data_files():
        for q in parse_file(path, layout.display(path)):
            s = q.subject
            if not isinstance(s, ox.NamedNode) or not s.value.startswith(prefix):
                continue
            code = s.value[len(prefix):]
            if q.predicate.value == RDF_TYPE and q.object == dkg("State"):
                states.add(code)
            elif q.predicate.value == RDFS_LABEL and isinstance(q.object, ox.Literal) and q.object.language:
                names.setdefault(code, {})[q.object.language] = q.object.value
    return {c: StateInfo(c, names[c]["en"], names[c]["de"]) for c in sorted(states)
            if "en" in names.get(c, {}) and "de" in names.get(c, {})}


class Emitter:
    """Generates the documents of one unit (a resident mission and its concurrent accreditations),
    remembering which state profiles and relations have been written already."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.profiles_done: set[str] = set()
        self.relations_done: set[frozenset[str]] = set()

    def unit_documents(self, unit: Unit) -> list[Document]:
        w = self.world
        docs = [profile_document(w, c) for c in dict.fromkeys([unit.sender, unit.seat_state, *unit.also_covers])
                if c not in self.profiles_done]
        self.profiles_done.update(d.key.removeprefix("synthetic-profile-") for d in docs)
        a, seat = unit.sender, unit.seat_state
        main = self._pair_document(a, seat)
        mission_facts(main, w, unit)
        rng = rng_for(w.seed, "unit", a, seat)
        post = post_node(main, w, a, seat, main.say(
            f"{w.states[a].name_de} unterhält eine Botschaft in {w.profile(seat).cities[0]}."))
        plans = w.tenures(a, seat, unit.opened)
        covered_docs = {b: self._pair_document(a, b) for b in unit.also_covers}
        covered_posts = {b: post_node(d, w, a, b, d.say(f"{w.states[a].name_de} ist in {w.states[b].name_de} durch "
                                                          f"seine Botschaft in {w.profile(seat).cities[0]} vertreten."))
                         for b, d in covered_docs.items()}
        first_in = dict.fromkeys(unit.also_covers, True)
        for plan in plans:
            tenure = tenure_facts(main, w, plan, a, seat, post, (seat, 0), rng)
            if plan.attested_only or not unit.also_covers:
                continue
            group: list[tuple[ox.NamedNode, Document, str]] = []
            for b in unit.also_covers:
                established = w.relation_established(a, b).day
                if plan.appointed <= established + dt.timedelta(days=366):
                    continue
                concurrent = _concurrent_plan(plan, b, rng, first_in[b])
                first_in[b] = False
                group.append((tenure_facts(covered_docs[b], w, concurrent, a, b, covered_posts[b], (seat, 0), rng,
                                           holder_key=f"{plan.key}-envoy"), covered_docs[b], b))
            if group:
                self._concurrent_group(main, plan, tenure, group, seat, rng)
        for b, doc in covered_docs.items():
            bilateral_events(doc, w, a, b, w.relation_established(a, b).day)
        bilateral_events(main, w, a, seat, w.relation_established(a, seat).day)
        return [*docs, main, *covered_docs.values()]

    def _pair_document(self, a: str, b: str) -> Document:
        sa, sb = self.world.states[a], self.world.states[b]
        doc = Document(f"synthetic-{a}-{b}", f"relations of {sa.name_en} with {sb.name_en}",
                       f"Beziehungen von {sa.name_de} zu {sb.name_de}", self.world.seed)
        pair = frozenset({a, b})
        if pair not in self.relations_done:
            relation_facts(doc, self.world, a, b)
            self.relations_done.add(pair)
        return doc

    def _concurrent_group(self, main: Document, plan: TenurePlan, tenure: ox.NamedNode,
                          group: list[tuple[ox.NamedNode, Document, str]], seat: str, rng: random.Random) -> None:
        w = self.world
        city_name = w.profile(seat).cities[0]
        names = ", ".join(w.states[b].name_de for _, _, b in group)
        ev = main.say(f"{plan.holder_name} ist mit Sitz in {city_name} zugleich in {names} akkreditiert.")
        node = main.typed(iri(f"concurrent/synthetic-{plan.key}"), "ConcurrentAccreditation",
                          f"{plan.holder_name}'s concurrent accreditations from {city_name}",
                          f"Mehrfachakkreditierung von {plan.holder_name} mit Sitz in {city_name}", ev)
        main.add(node, dkg("holder"), iri(f"person/synthetic-{plan.key}-envoy"))
        main.add(node, dkg("residence"), iri(f"place/synthetic-{seat}-0"))
        main.add(node, dkg("includesTenure"), tenure)
        main.add(tenure, dkg("concurrentAccreditation"), node)
        for other, doc, _ in group:
            main.add(node, dkg("includesTenure"), other)
            doc.add(other, dkg("concurrentAccreditation"), node)
        if rng.random() < 0.1:
            reading = main.typed(iri(f"interpretation/synthetic-concurrent-{plan.key}"), "Interpretation",
                                 "The accreditations are read as held at the same time",
                                 "Die Akkreditierungen werden als gleichzeitig gelesen")
            main.add(reading, dkg("interpretationKind"), ox.NamedNode(
                "https://w3id.org/diplokg/vocab/interpretation-kind/implied-fact"))
            main.add(reading, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#comment"),
                     en("Synthetic reading: 'zugleich' is read as concurrent accreditations from the same residence."))
            main.add(node, dkg("interpretation"), reading)


def _concurrent_plan(plan: TenurePlan, receiver: str, rng: random.Random, first: bool) -> TenurePlan:
    last = plan.ended or plan.appointed + dt.timedelta(days=400)
    appointed = random_day(rng, plan.appointed + dt.timedelta(days=10), plan.appointed + dt.timedelta(days=120))
    appointed = min(appointed, last)
    credentials = appointed + dt.timedelta(days=rng.randint(20, 150))
    sender = plan.key.split("-", 1)[0]
    n = plan.key.rsplit("-", 1)[1]
    return TenurePlan(key=f"{sender}-{receiver}-{n}", holder_name=plan.holder_name, appointed=appointed,
                      credentials=credentials if plan.ended is None or credentials < plan.ended else None,
                      ended=plan.ended, with_appointment=True, attested_only=False, end_reason=plan.end_reason,
                      first_holder=first)


def _fitting_documents(emitter: Emitter, unit: Unit, budget: int) -> list[Document]:
    """The unit's documents; if they would overshoot the remaining budget by more than 5 %, the
    mission covers fewer further states (halving their list), so sizes land near the target."""
    saved = (set(emitter.profiles_done), set(emitter.relations_done))
    while True:
        docs = emitter.unit_documents(unit)
        if not unit.also_covers or sum(d.size for d in docs) <= budget * 1.05:
            return docs
        emitter.profiles_done, emitter.relations_done = set(saved[0]), set(saved[1])
        unit = replace(unit, also_covers=unit.also_covers[: len(unit.also_covers) // 2])


def units_in_order(world: World) -> list[Unit]:
    """Round robin over the sending states: each state's first mission, then each one's second…"""
    per_sender = [world.units_of(s) for s in world.senders]
    out: list[Unit] = []
    for r in range(max(len(u) for u in per_sender)):
        out.extend(units[r] for units in per_sender if r < len(units))
    return out


def generate(layout: SourceTree, out: Path, triples: int, seed: int = 1,
             progress: Callable[[str], None] | None = None) -> GenerateResult:
    """Write a source tree at ``out`` (which must not exist or be empty) with about ``triples``
    triples: the real tree plus synthetic documents until the total reaches the target."""
    if not MIN_TRIPLES <= triples <= MAX_TRIPLES:
        raise DiplokgError(f"--triples must be between {MIN_TRIPLES:,} and {MAX_TRIPLES:,}")
    if out.exists() and any(out.iterdir()):
        raise DiplokgError(f"{out} exists and is not empty; choose a new directory")
    started = time.monotonic()
    for name in ("ontology", "shapes", "queries", "data"):
        shutil.copytree(layout.root / name, out / name)
    target = SourceTree(out)
    base = sum(len(parse_file(p, target.display(p))) for p in target.ontology_files() + target.data_files())
    world = World(seed, read_states(target))
    emitter = Emitter(world)
    synthetic_dir = out / "data" / "synthetic"
    synthetic_dir.mkdir()
    total, written, documents, units, part, part_fh = base, 0, 0, 0, 0, None
    part_count = PART_QUADS
    for unit in units_in_order(world):
        if total >= triples:
            break
        docs = _fitting_documents(emitter, unit, triples - total)
        for doc in docs:
            quads = list(doc.all_quads())
            if part_fh is None or part_count >= PART_QUADS:
                if part_fh is not None:
                    part_fh.close()
                part += 1
                part_fh = (synthetic_dir / f"part-{part:04d}.nq").open("wb")
                part_count = 0
            ox.serialize(quads, part_fh, ox.RdfFormat.N_QUADS)
            part_count += len(quads)
            written += len(quads)
            total += len(quads)
            documents += 1
        units += 1
        if progress and units % 50 == 0:
            progress(f"{units} missions, {documents} documents, {total:,} triples")
    if part_fh is not None:
        part_fh.close()
    result = GenerateResult(out, total, written, documents, units, time.monotonic() - started)
    (synthetic_dir / "README.md").write_text(
        "# Synthetic data — NOT REAL\n\n"
        f"Generated by `diplokg generate --triples {triples} --seed {seed}` (diplokg {__version__}) for benchmarks "
        "and load tests. Every name, date and fact in these files is made up; the states are the real ones of "
        "the reference graph. Never publish these files as data.\n", encoding="utf-8")
    (out / "synthetic.json").write_text(json.dumps({
        "generator": f"diplokg {__version__}", "seed": seed, "requested_triples": triples,
        "triples": total, "synthetic_triples": written, "documents": documents, "missions": units,
    }, indent=2) + "\n", encoding="utf-8")
    return result
