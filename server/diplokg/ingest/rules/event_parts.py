"""The part each person plays in an event (vocab:role): the visitor of a visit, the speaker of a
speech, the signatory of a signing, else a participant; the head of a delegation keeps that part.
A person is the subject of an event named before its trigger, or after a German visit verb that
puts the subject after it ("1999 besuchte der Minister X Portugal"). An event that names no subject
shares the persons of the visit or conference of its sentence ("paid an official visit …, during
which he held talks with …")."""

from __future__ import annotations

import re
from dataclasses import replace

from diplokg.ingest.facts import Event, Participant
from diplokg.ingest.rules import event_words as words
from diplokg.ingest.rules.context import SentenceView
from diplokg.ingest.rules.event_people import Named
from diplokg.ingest.rules.event_words import Trigger

_PART = {"visit": "visitor", "official-visit": "visitor", "working-visit": "visitor", "state-visit": "visitor",
         "speech": "speaker", "agreement-signing": "signatory"}


def with_part(participant: Participant, kind: str, subject: bool) -> Participant:
    """The participant in its part of an event of type ``kind`` (the visitor of a visit, …); a
    delegation's head keeps that part."""
    if participant.part == "head-of-delegation":
        return participant
    part = _PART.get(kind, "participant") if subject or kind in ("speech", "agreement-signing") else "participant"
    return replace(participant, part=part)


def is_subject(view: SentenceView, n: Named, t: Trigger) -> bool:
    """Whether a person is the subject of ``t``: named before it, or after a German visit verb whose
    subject follows it ("1999 besuchte der Minister X Portugal"; not "besuchte den Minister")."""
    if n.start < t.start:
        return True
    return view.context.page.language == "de" and t.form == "visit-verb" and \
        not re.search(r"\b(?:den|einen|dem|einem)\b", view.text[t.end:n.start])


def shared_subject(participants: tuple[Participant, ...], named: list[Named], source: Event | None,
                   earlier: list[Event], start: int, kind: str) -> tuple[Participant, ...]:
    """An event that names no subject before it (at ``start``) shares the persons of the visit or
    conference of the sentence it took place in ("paid an official visit …, during which he held
    talks with …"); ``earlier``: the events drafted before it in the sentence."""
    if any(n.start < start for n in named):
        return participants
    frame = source if source is not None and source in earlier else None
    frame = frame or next((e for e in reversed(earlier) if e.type in words.FRAMING and e.type != kind), None)
    same = next((e for e in reversed(earlier) if e.type == kind and kind in words.VISITS), None)
    frame = frame if frame is not None and frame.type in words.FRAMING else same
    if frame is None:
        return participants
    mine = {q.person for q in participants}
    shared = [with_part(p, kind, True) for p in frame.participants if p.person is not None and p.person not in mine]
    return (*shared, *participants)
