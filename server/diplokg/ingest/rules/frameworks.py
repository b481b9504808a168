"""The legal framework of a relation and the status a sentence gives it.

- a name of the framework ("Rechtsrahmen", "rechtliche Grundlage", "Vertragsbasis", "legal
  framework", "treaty base", "договорно-правовая база") and, in the same clause, a word of its
  status: "Der zwischenstaatliche Rechtsrahmen befindet sich im Wiederherstellungsprozess", "the
  legal framework of the relations is being restored", "договорно-правовая база восстанавливается"
  (status being-restored of vocab:status);
- the relation: of the states the sentence names, else of the page's two states (a reading note);
- not drafted: a framework without a status the vocabulary has ("the legal basis of the relations
  is the Treaty of …", "the treaty base comprises 40 documents").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from diplokg.ingest.facts import Drafted, LegalFramework
from diplokg.ingest.rules.context import HOME, SentenceView

_FRAMEWORK = {
    "de": r"\w*Rechtsrahmen\w*|rechtliche\w*\s+(?:Rahmen|Grundlage|Basis)\w*|Vertrags(?:basis|grundlage)\w*"
          r"|Rechts(?:grundlage|basis)\w*|vertragsrechtliche\w*\s+(?:Basis|Grundlage)\w*",
    "en": r"legal\s+(?:framework|basis|base)|treaty(?:-legal)?\s+(?:framework|basis|base)"
          r"|contractual(?:\s+and\s+legal)?\s+(?:framework|basis|base)",
    "ru": r"(?:договорно-|нормативно-)?правов\w+\s+(?:баз\w+|основ\w+)",
}
#: status words, each with its concept of vocab:status
_STATUS = {
    "de": [(r"Wiederherstellung\w*|wiederhergestellt\w*|wiederherzustellen", "being-restored")],
    "en": [(r"restor\w+|re-?established|re-?establishing", "being-restored")],
    "ru": [(r"восстан[ао]вл\w+", "being-restored")],
}
_CLAUSE = re.compile(r"[;:]|,\s+(?:und|aber|doch|and|but|а|и|но)\s")
_WITHIN = 100  # characters between the framework and its status word


def framework_rules(view: SentenceView) -> Iterator[Drafted]:
    language = view.context.page.language
    framework = re.search(rf"(?<![\w-])(?:{_FRAMEWORK[language]})(?![\w-])", view.text, re.I)
    if framework is None:
        return
    for pattern, status in _STATUS[language]:
        word = _near(view.text, re.compile(rf"(?<![\w-])(?:{pattern})", re.I), framework)
        if word is None:
            continue
        reasons = [f"'{framework.group(0)}' … '{word.group(0)}': the legal framework's status is {status}"]
        states, sure = _states(view, reasons)
        if len(states) != 2:
            return
        fact = LegalFramework(states, status, word.group(0))
        yield Drafted(fact, view.sentence, f"frameworks/{status}", 0.8 if sure else 0.65, reasons)
        return


def _near(text: str, pattern: re.Pattern[str], framework: re.Match[str]) -> re.Match[str] | None:
    """The status word nearest the framework's name in its clause."""
    found = [m for m in pattern.finditer(text) if abs(m.start() - framework.start()) <= _WITHIN
             and not _CLAUSE.search(text, min(m.end(), framework.end()), max(m.start(), framework.start()))]
    return min(found, key=lambda m: abs(m.start() - framework.start()), default=None)


def _states(view: SentenceView, reasons: list[str]) -> tuple[frozenset[str], bool]:
    """The states of the relation: those the sentence names (with Tajikistan), else the page's two."""
    named = {m.key for m in view.states} - {HOME}
    if len(named) == 1:
        return frozenset({HOME, *named}), True
    partner = view.context.partner
    pair = frozenset(s for s in (HOME, partner) if s)
    reasons.append(f"the sentence names {'no state' if not named else 'several states'}: the framework is read "
                   f"as that of the page's two states, {', '.join(sorted(pair))}")
    return pair, False
