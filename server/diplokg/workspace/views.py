"""The JSON the page shows: the source text, a card per drafted fact (rule, confidence, sentence and
its offsets, notes, questions with their answers, triples with labels and short IRIs and the edits
applied, the comparison with the published graph) and the decisions and summary as saved. Every
value is plain text; the page inserts it as text."""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from diplokg.core.namespaces import ONTOLOGY, PREFIXES, shorten
from diplokg.review.candidates import Candidate
from diplokg.review.cards import Card, Draft
from diplokg.review.compare import Comparison
from diplokg.review.model import Decision, Edit, Term, term_text
from diplokg.workspace.session import Session

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
TEXT = ox.NamedNode(ONTOLOGY + "text")
SOURCE_DOCUMENT = ox.NamedNode(ONTOLOGY + "SourceDocument")


def state(session: Session) -> dict[str, Any]:
    """Everything the page shows, as saved in the review file now."""
    review, draft = session.review, session.review.draft
    labels = session.names
    cards = [_card(c, review.decisions[c.fact], session.comparisons.get(c.fact), labels,
                   session.choices.get(c.fact, {})) for c in draft.cards]
    return {"draft": draft.path.name, "review_file": str(review.path), "reviewer": session.reviewer,
            "graph": draft.graph.value, "text": source_text(draft), "cards": cards,
            "summary": summary(cards), "publish": publish_state(session), "compared": bool(session.comparisons),
            "properties": [{"value": term_text(p), "shown": f"{shorten(p.value)}" + (f" ({label})" if label else "")}
                           for p, label in session.properties]}


def publish_state(session: Session) -> dict[str, Any]:
    """Whether ``diplokg ingest --accept`` would take the decisions as saved (it checks the shapes and
    the tree besides), and what stands in the way: each undecided fact and each unanswered question
    of an accepted one, with the card it concerns (its position), in the draft's order."""
    review = session.review
    position = {c.fact: i for i, c in enumerate(review.draft.cards)}
    blocking: list[dict[str, Any]] = []
    for card in review.draft.cards:
        decision = review.decisions[card.fact]
        name = shorten(card.fact)
        if not decision.decision:
            blocking.append({"card": position[card.fact], "reason": f"{name} ({card.rule}) is undecided"})
        if decision.decision in ("", "accept"):
            answers = [a.strip() for a in decision.answers]
            blocking += [{"card": position[card.fact], "reason": f"{name}: open question: {q}"}
                         for i, q in enumerate(card.questions) if i >= len(answers) or not answers[i]]
    if not review.with_decision("accept"):
        blocking.append({"card": None, "reason": "no fact is accepted"})
    return {"ready": not blocking, "blocking": blocking}


def source_text(draft: Draft) -> str:
    """The page's text (``dkg:text`` of the draft's source document)."""
    documents = {t.subject for t in draft.base if t.predicate == RDF_TYPE and t.object == SOURCE_DOCUMENT}
    return next((t.object.value for t in draft.base if t.subject in documents and t.predicate == TEXT
                 and isinstance(t.object, ox.Literal)), "")


def summary(cards: list[dict[str, Any]]) -> dict[str, int]:
    """How many facts are undecided, accepted, rejected, deferred; open questions not yet answered
    (of the facts undecided or accepted: a rejected or deferred fact is not published)."""
    out = {"undecided": 0, "accept": 0, "reject": 0, "defer": 0, "open_questions": 0}
    for card in cards:
        out[card["decision"]["decision"] or "undecided"] += 1
        if card["decision"]["decision"] in ("", "accept"):
            answers = card["decision"]["answers"]
            out["open_questions"] += sum(1 for i in range(len(card["questions"]))
                                         if i >= len(answers) or not answers[i].strip())
    return out


def _show(term: object, labels: dict[str, str]) -> str:
    if isinstance(term, ox.NamedNode):
        short = shorten(term.value)
        return f"{labels[term.value]} ({short})" if term.value in labels else short
    if isinstance(term, ox.Literal):
        return f"{term.value}@{term.language}" if term.language else term.value
    return str(term)


def _card(card: Card, decision: Decision, comparison: Comparison | None, labels: dict[str, str],
          choices: dict[str, list[Candidate]]) -> dict[str, Any]:
    return {"fact": card.fact, "name": shorten(card.fact), "rule": card.rule, "confidence": str(card.confidence),
            "sentence": {"iri": card.sentence.iri, "quote": card.sentence.quote, "start": card.sentence.start,
                         "end": card.sentence.end},
            "notes": list(card.notes), "questions": list(card.questions),
            "triples": _triples(card, decision.edits, labels, choices),
            "subjects": [{"value": term_text(s), "shown": _show(s, labels)}
                         for s in sorted({t.subject for t in card.triples if isinstance(t.subject, ox.NamedNode)},
                                         key=str)],
            "decision": {"decision": decision.decision, "answers": list(decision.answers),
                         "edits": [_edit(e) for e in decision.edits], "reviewer": decision.reviewer,
                         "decided": decision.decided},
            "comparison": _comparison(comparison)}


def _edit(edit: Edit) -> dict[str, str]:
    return {"resource": term_text(edit.resource), "property": term_text(edit.property),
            "old": term_text(edit.old), "new": term_text(edit.new)}


def _triples(card: Card, edits: tuple[Edit, ...], labels: dict[str, str],
             choices: dict[str, list[Candidate]]) -> list[dict[str, Any]]:
    """The fact's triples in a stable order, each with its edit (if any) and, for an entity value,
    its candidates (review.candidates: what it can be changed to, best first)."""
    rows = []
    for t in sorted(card.triples, key=lambda t: (str(t.subject), str(t.predicate), str(t.object))):
        if not isinstance(t.subject, ox.NamedNode) or isinstance(t.object, ox.Triple | ox.BlankNode):
            continue
        edit = next((e for e in edits if e.resource == t.subject and e.property == t.predicate and e.old == t.object),
                    None)
        rows.append(_row(t.subject, t.predicate, t.object, edit, labels, choices))
    for edit in edits:
        if edit.old is None and edit.new is not None:
            rows.append(_row(edit.resource, edit.property, None, edit, labels, choices))
    return rows


def _row(subject: ox.NamedNode, predicate: ox.NamedNode, value: Term | None, edit: Edit | None,
         labels: dict[str, str], choices: dict[str, list[Candidate]]) -> dict[str, Any]:
    return {"subject": term_text(subject), "subject_shown": _show(subject, labels),
            "property": term_text(predicate), "property_shown": shorten(predicate.value),
            "value": term_text(value), "value_shown": _show(value, labels) if value is not None else "",
            "edited": edit is not None, "new": term_text(edit.new) if edit else "",
            "new_shown": _show(edit.new, labels) if edit and edit.new is not None else "",
            "choices": [{"value": term_text(c.value), "shown": f"{c.name} ({shorten(c.value.value)})",
                         "origin": c.origin} for c in choices.get(value.value, [])]
            if isinstance(value, ox.NamedNode) else []}


def _comparison(comparison: Comparison | None) -> dict[str, Any] | None:
    if comparison is None:
        return None
    return {"status": comparison.status.value,
            "conflicts": [{"resource": shorten(c.resource.value), "property": shorten(c.property.value),
                           "here": _show(c.value, {}), "there": _show(c.other, {}),
                           "graph": shorten(c.source.graph.value), "quotes": list(c.source.quotes)}
                          for c in comparison.conflicts],
            "known_from": [{"resource": shorten(s.resource.value), "graph": shorten(s.graph.value),
                            "quotes": list(s.quotes)} for s in comparison.known_from]}
