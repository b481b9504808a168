"""Rows of a section query folded into facts (one table row per relation, mission, tenure,
participation or event) and rendered as HTML: links named by English labels (the smallest where a
resource has several, so a page does not depend on row order), quoted evidence, and dates as the
source words them. Every value from the graph is HTML-escaped and only http(s) IRIs become links."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diplokg.core.namespaces import shorten
from diplokg.http.urls import local_url
from diplokg.pages.section_queries import PRECISION, ROW_LIMIT


@dataclass
class Fact:
    """One table row: the first value of every variable, all values of each variable, the evidence."""

    first: dict[str, dict[str, Any]] = field(default_factory=dict)
    values: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    evidence: list[tuple[str, str | None, str | None]] = field(default_factory=list)  # (evidence IRI, quote, doc IRI)

    def get(self, var: str) -> dict[str, Any] | None:
        return self.first.get(var)

    def value(self, var: str) -> str | None:
        term = self.first.get(var)
        return None if term is None else str(term["value"])

    def all(self, var: str) -> list[dict[str, Any]]:
        return self.values.get(var, [])


@dataclass
class Folded:
    facts: list[Fact]
    labels: dict[str, str]
    truncated: bool


def fold(rows: list[dict[str, Any]], key: Iterable[str]) -> Folded:
    """Group rows by the values of ``key`` (in first-seen order); English labels (``?xLabel`` of
    ``?x``) go to one table, the smallest label of each IRI winning."""
    key = tuple(key)
    labels: dict[str, str] = {}
    facts: dict[tuple[tuple[str, str] | None, ...], Fact] = {}
    for row in rows:
        for var, term in row.items():
            if var.endswith("Label") and term.get("type") == "literal":
                target = row.get(var[: -len("Label")])
                if target is not None and target["type"] == "uri":
                    iri, text = str(target["value"]), str(term["value"])
                    if iri not in labels or text < labels[iri]:
                        labels[iri] = text
        k = tuple(None if row.get(v) is None else (row[v]["type"], row[v]["value"]) for v in key)
        fact = facts.setdefault(k, Fact())
        for var, term in row.items():
            fact.first.setdefault(var, term)
            seen = fact.values.setdefault(var, [])
            if term not in seen:
                seen.append(term)
        if "evidence" in row:
            item = (str(row["evidence"]["value"]), str(row["quote"]["value"]) if "quote" in row else None,
                    str(row["doc"]["value"]) if "doc" in row else None)
            if item not in fact.evidence:
                fact.evidence.append(item)
    return Folded(list(facts.values()), labels, len(rows) >= ROW_LIMIT)


_DATETIME = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _natural(text: str) -> tuple[tuple[int, str], ...]:
    """Sort key that orders …/sentence/9 before …/sentence/10."""
    return tuple((0, f"{int(p):020d}") if p.isdigit() else (1, p) for p in re.split(r"(\d+)", text))


class Renderer:
    def __init__(self, base_url: str, labels: dict[str, str]) -> None:
        self.base_url = base_url
        self.labels = labels

    def link(self, term: dict[str, Any] | None, text: str | None = None) -> str:
        """An entity as a link (local page for our IRIs; only http(s) IRIs are links), named by its
        English label (or ``text``)."""
        if term is None:
            return ""
        if term["type"] != "uri":
            return html.escape(str(term["value"]))
        iri = str(term["value"])
        text = html.escape(text or self.labels.get(iri) or shorten(iri))
        href = local_url(iri, self.base_url)
        if re.match(r"^https?://", href):
            return f'<a href="{html.escape(href, quote=True)}" title="{html.escape(iri, quote=True)}">{text}</a>'
        return f'<span title="{html.escape(iri, quote=True)}">{text}</span>'

    def links(self, terms: list[dict[str, Any]]) -> str:
        return ", ".join(self.link(t) for t in sorted(
            terms, key=lambda t: self.labels.get(str(t["value"]), str(t["value"]))))

    def evidence(self, fact: Fact) -> str:
        """The quoted source sentences of a fact, each with its source document and sentence page."""
        parts = []
        for evidence, quote, doc in sorted(fact.evidence, key=lambda e: (e[2] or "", _natural(e[0]))):
            source = self.link({"type": "uri", "value": doc}) if doc else ""
            sentence = self.link({"type": "uri", "value": evidence})
            quoted = f'<blockquote lang="de">{html.escape(quote)}</blockquote>' if quote is not None else ""
            parts.append(f'{quoted}<p class="source">{source}{" · " if source else ""}{sentence}</p>')
        return "".join(parts) or '<span class="none">no source sentence recorded</span>'

    def date(self, fact: Fact, event: str) -> str:
        """An event's date as stated: the source's wording, the stated value with its precision,
        or "not stated" (with the normalised bounds where recorded). Nothing is made more precise."""
        stated = fact.get(event + "Date") or fact.get(event + "Start")
        end = fact.get(event + "End")
        wording = fact.get(event + "AsStated")
        earliest, latest = fact.value(event + "Earliest"), fact.value(event + "Latest")
        if stated is None:
            text = '<span class="none">not stated</span>'
            if wording is not None:
                text = literal_html(wording)
            if earliest or latest:
                text += (f' <small class="bounds">(between {html.escape(earliest or "?")} and '
                         f'{html.escape(latest or "?")})</small>')
            return text
        value = self._time(stated)
        if end is not None:
            value += "–" + self._time(end)
        precision = html.escape(PRECISION.get(str(stated.get("datatype", "")),
                                              shorten(str(stated.get("datatype", "")))))
        if wording is None:
            return f'{value} <small class="precision">({precision})</small>'
        if end is None and str(wording["value"]) == str(stated["value"]):  # e.g. "1992": the wording is the value
            return f'{value} <small class="precision">({precision})</small>'
        return f'{literal_html(wording)} <small class="precision">({value}, {precision})</small>'

    @staticmethod
    def _time(term: dict[str, Any]) -> str:
        value = str(term["value"])
        if _DATETIME.match(value):
            return f'<time datetime="{value}">{value}</time>'
        return html.escape(value)

    def literal(self, fact: Fact, var: str) -> str:
        """All values of a literal variable, each marked with its language."""
        return "; ".join(literal_html(term) for term in fact.all(var))


def literal_html(term: dict[str, Any]) -> str:
    """A literal as the source words it, in an element carrying its language tag where it has one."""
    text = html.escape(str(term["value"]))
    lang = term.get("xml:lang")
    return f'<span lang="{html.escape(str(lang), quote=True)}">{text}</span>' if lang else text


def table(cls: str, title: str, head: list[str], rows: list[str], folded: Folded, empty: str, intro: str = "") -> str:
    parts = [f'<section class="{cls} entity-section" id="{cls}"><h2>{html.escape(title)}</h2>{intro}']
    if rows:
        parts.append("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head)
                     + "</tr></thead><tbody>")
        parts.extend(rows)
        parts.append("</tbody></table>")
    else:
        parts.append(f'<p class="none">{html.escape(empty)}</p>')
    if folded.truncated:
        parts.append(f'<p class="truncated">Only the first {ROW_LIMIT} result rows were read; the SPARQL '
                     "endpoint and the saved queries give the full list.</p>")
    parts.append("</section>")
    return "".join(parts)


def sort_key(r: Renderer, fact: Fact, event: str, label_var: str) -> tuple[Any, ...]:
    earliest, latest = fact.value(event + "Earliest"), fact.value(event + "Latest")
    iri = fact.value(label_var) or ""
    return (earliest is None, earliest or "", latest or "", r.labels.get(iri, iri), iri)
