"""``diplokg ingest --accept REVIEW``: publish a review as ``data/sources/<slug>.trig`` of a source
tree — the draft's source document and sentences, the triples of the accepted facts with the
reviewer's edits applied, and per accepted fact its provenance (a ``dkg:ReviewedFact``: the draft
fact's rule, confidence, notes, questions and resources, who accepted it, when, the answers and
the edits). Rejected, deferred and undecided facts are not published.

A fact publishes the triples it asserts (``review.cards``); a resource it only points to (another
fact's post, an IRI an edit put in) must be published by an accepted fact or be described by the
source tree already — otherwise the review is refused with the fact and the resource named, never
published dangling.

Refused (:class:`ReviewError`, every problem listed, nothing written): a malformed review or one of
a changed draft (``file.load_review``), undecided facts, an accepted fact with an unanswered open
question, no accepted fact, a dangling resource, an existing target without ``replace`` (or the
source graph already in another file), and data that with the new source does not conform to the
SHACL shapes (every violation). The file is written atomically (temporary file, fsync, rename)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from diplokg.core.atomic_file import write_atomically
from diplokg.core.formats import serialized
from diplokg.core.namespaces import ID, PREFIXES
from diplokg.review.cards import RDF_TYPE, Card, dkg
from diplokg.review.errors import ReviewError
from diplokg.review.file import Review, load_review
from diplokg.review.model import Decision, term_text
from diplokg.source.loader import LoadedData, load, parse_file
from diplokg.source.tree import SourceTree
from diplokg.validation.validate import load_shapes, validate

XSD = PREFIXES["xsd"]
_BASE = "source document and sentences"


@dataclass
class Published:
    """What ``accept`` wrote: the file, the facts published, and on replacing, triples added and
    removed per fact (``_BASE`` for the document and sentences)."""

    path: Path
    facts: list[str]
    triples: int
    replaced: bool = False
    changes: dict[str, tuple[int, int]] = field(default_factory=dict)


def publish_triples(review: Review) -> tuple[dict[str, set[ox.Triple]], list[str]]:
    """The triples to publish, by accepted fact (``_BASE``: the document and sentences), and the
    problems of the decisions (undecided facts, unanswered questions, nothing accepted)."""
    problems = [f"fact {c.fact} is undecided (accept, reject or defer it)" for c in review.undecided()]
    out: dict[str, set[ox.Triple]] = {_BASE: set(review.draft.base)}
    for card in review.with_decision("accept"):
        decision = review.decisions[card.fact]
        answers = [a.strip() for a in decision.answers]
        for i, question in enumerate(card.questions):
            if i >= len(answers) or not answers[i]:
                problems.append(f"fact {card.fact} is accepted with its open question unanswered: {question}")
        out[card.fact] = _edited(card, decision) | _provenance(review, card, decision)
    if len(out) == 1:
        problems.append("no fact is accepted: nothing to publish")
    return out, problems


def _edited(card: Card, decision: Decision) -> set[ox.Triple]:
    triples = set(card.triples)
    for edit in decision.edits:
        if edit.old is not None:
            triples.discard(ox.Triple(edit.resource, edit.property, edit.old))
        if edit.new is not None:
            triples.add(ox.Triple(edit.resource, edit.property, edit.new))
    return triples


def _provenance(review: Review, card: Card, decision: Decision) -> set[ox.Triple]:
    fact = ox.NamedNode(card.fact)
    kept = {t for t in review.draft.triples if t.subject == fact and t.predicate not in (RDF_TYPE, dkg("asserts"))}
    out = {*kept, ox.Triple(fact, RDF_TYPE, dkg("ReviewedFact")),
           ox.Triple(fact, dkg("acceptedBy"), ox.Literal(decision.reviewer)),
           ox.Triple(fact, ox.NamedNode(PREFIXES["prov"] + "generatedAtTime"),
                     ox.Literal(decision.decided, datatype=ox.NamedNode(XSD + "dateTime")))}
    for i, (question, answer) in enumerate(zip(card.questions, decision.answers, strict=False), start=1):
        node = ox.NamedNode(f"{card.fact}/answer/{i}")
        out |= {ox.Triple(fact, dkg("answer"), node), ox.Triple(node, RDF_TYPE, dkg("QuestionAnswer")),
                ox.Triple(node, dkg("question"), ox.Literal(question)),
                ox.Triple(node, dkg("answerText"), ox.Literal(answer.strip()))}
    for i, edit in enumerate(decision.edits, start=1):
        node = ox.NamedNode(f"{card.fact}/edit/{i}")
        out |= {ox.Triple(fact, dkg("edit"), node), ox.Triple(node, RDF_TYPE, dkg("ReviewEdit")),
                ox.Triple(node, dkg("editedResource"), edit.resource),
                ox.Triple(node, dkg("editedProperty"), edit.property)}
        out |= {ox.Triple(node, dkg(name), ox.Literal(term_text(value)))
                for name, value in (("oldValue", edit.old), ("newValue", edit.new)) if value is not None}
    return out


def dangling(review: Review, published: dict[str, set[ox.Triple]], described: set[str]) -> list[str]:
    """Resources under id/ that published triples lead to but neither the new source nor the rest of
    the tree (``described``: subjects) describes, with the fact that drafted them."""
    subjects = {t.subject.value for ts in published.values() for t in ts if isinstance(t.subject, ox.NamedNode)}
    drafted_by = {r: c.fact for c in review.draft.cards for r in c.resources}
    problems = []
    for fact, triples in published.items():
        needed = {t.object.value for t in triples if isinstance(t.object, ox.NamedNode)
                  and t.object.value.startswith(ID) and t.predicate != dkg("draftedResource")}
        for node in sorted(needed - subjects - described):
            owner = drafted_by.get(node)
            decided = review.decisions[owner].decision or "undecided" if owner else ""
            why = f"drafted by fact {owner}, which is {decided}" if owner else "described nowhere"
            problems.append(f"fact {fact} needs {node}, which would not be published ({why})")
    return problems


def accept(review_file: Path, layout: SourceTree, replace: bool = False,
           progress: Callable[[str], None] | None = None) -> Published:
    """Check the review and publish it (see the module docstring)."""
    review = load_review(review_file)
    target = layout.data_dir / "sources" / f"{review.draft.slug}.trig"
    published, problems = publish_triples(review)
    if target.exists() and not replace:
        problems.append(f"{target} exists: give --replace to overwrite it (it shows what changes)")
    if progress:
        progress(f"loading and validating {layout.root} with {target.name}")
    loaded = load(layout)
    display = layout.display(target)
    old = set(parse_file(target, display)) if target.exists() else set()
    others = loaded.graph_files.get(review.draft.graph.value, set()) - {display}
    if others:
        problems.append(f"the graph {review.draft.graph.value} is already in {', '.join(sorted(others))}")
    quads = [ox.Quad(t.subject, t.predicate, t.object, review.draft.graph) for ts in published.values() for t in ts]
    merged = loaded.replaced(old, sorted(set(quads), key=str), display, target)
    described = {q.subject.value for q in merged.store.quads_for_pattern(None, None, None)
                 if isinstance(q.subject, ox.NamedNode)}
    problems += dangling(review, published, described)
    problems += _violations(merged, layout)
    if problems:
        raise ReviewError(f"{review_file}: refused, nothing was written ({len(problems)} problem(s))", problems)
    write_atomically(target, _trig(review, quads))
    changes = _changes(review, published, {ox.Triple(q.subject, q.predicate, q.object) for q in old}) if old else {}
    accepted = [c.fact for c in review.with_decision("accept")]
    return Published(target, accepted, len(set(quads)), bool(old), changes)


def _violations(loaded: LoadedData, layout: SourceTree) -> list[str]:
    report = validate(loaded, load_shapes(layout.shape_files()))
    return [f"SHACL: {v.focus_node} {v.path or ''}: {v.message}"
            + (f" (value {v.value})" if v.value else "") + (f" [{', '.join(v.files)}]" if v.files else "")
            for v in report.violations]


def _changes(review: Review, published: dict[str, set[ox.Triple]], old: set[ox.Triple]) -> dict[str, tuple[int, int]]:
    """Triples added and removed per fact of the draft (``_BASE``: the document and sentences)."""
    new = set().union(*published.values())
    out = {fact: (len(triples - old), 0) for fact, triples in published.items()}
    for triple in old - new:
        fact = _owner(review, triple)
        added, removed = out.get(fact, (0, 0))
        out[fact] = (added, removed + 1)
    return {f: n for f, n in out.items() if n != (0, 0)}


def _owner(review: Review, triple: ox.Triple) -> str:
    subject = triple.subject.value if isinstance(triple.subject, ox.NamedNode) else ""
    for card in review.draft.cards:
        if triple in card.triples or subject == card.fact or subject.startswith(card.fact + "/"):
            return card.fact
    return _BASE if triple in review.draft.base else "(no fact of this draft)"


def _trig(review: Review, quads: list[ox.Quad]) -> bytes:
    prefixes = {p: PREFIXES[p] for p in ("dkg", "rdfs", "xsd", "skos", "oa", "prov", "dcterms", "owl")}
    prefixes["id"] = ID
    ordered = sorted(set(quads), key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
    head = (f"# Published by diplokg ingest --accept from {review.path.name}, a review of the draft "
            f"{review.draft.path.name} (SHA-256 {review.draft.sha256}): the accepted facts only, each a "
            "dkg:ReviewedFact with its reviewer, time, answers and edits.\n")
    return head.encode("utf-8") + serialized(ox.serialize(ordered, format=ox.RdfFormat.TRIG, prefixes=prefixes))
