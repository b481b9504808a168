"""Extra sections of the entity pages of states and persons (see entity_pages.py).

A state page (dkg:State) shows its diplomatic relations, its missions (sent, and hosted or
responsible for it), the heads of mission it sends and receives (tenures of head-of-mission posts,
with rank, residence and non-resident accreditations) and a timeline of the events involving it.
A person page (dkg:Person) shows the person's tenures and participations in events.

One bounded SELECT per section (the accreditations query serves both directions). The entity is
bound to ``?entity`` through pyoxigraph substitutions, so ``?entity`` is projected and never used in
a subquery or BIND. Each query returns one row per fact × evidence sentence × label × multi-valued
detail; the rows are folded here into one table row per fact (relation, mission, tenure,
participation, event), which keeps the SPARQL plain (no GROUP BY over a dozen columns). Where a
resource has several English labels the smallest is shown, so a page does not depend on row order.

Dates are shown as the source words them (dkg:dateAsStated) with the stated value and its
precision (xsd:date = day, xsd:gYearMonth = month, xsd:gYear = year); an event without a stated
date shows "not stated" and, where recorded, its normalised bounds. Rows are sorted by the bounds
(dkg:earliestDate, dkg:latestDate), undated rows last, as in the saved queries. Every value from the
graph is HTML-escaped and only http(s) IRIs become links.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from diplokg.pages.urls import local_url
from diplokg.core.namespaces import ONTOLOGY, shorten
from diplokg.core.terms import Term
from diplokg.http.execution import QueryRunner

STATE = ONTOLOGY + "State"
PERSON = ONTOLOGY + "Person"
XSD = "http://www.w3.org/2001/XMLSchema#"
PRECISION = {XSD + "date": "day", XSD + "gYearMonth": "month", XSD + "gYear": "year"}
ROW_LIMIT = 2000  # rows of one section query (rows, not facts: labels and evidence multiply them)

_PREFIXES = """PREFIX dkg: <https://w3id.org/diplokg/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def _label(var: str, prop: str = "rdfs:label") -> str:
    return f'OPTIONAL {{ ?{var} {prop} ?{var}Label . FILTER(LANG(?{var}Label) = "en") }}'


def _dates(event: str) -> str:
    """The stated date (or span) of an event, its wording in the source and its normalised bounds."""
    return (f"OPTIONAL {{ ?{event} dkg:date ?{event}Date }} OPTIONAL {{ ?{event} dkg:startDate ?{event}Start }} "
            f"OPTIONAL {{ ?{event} dkg:endDate ?{event}End }} OPTIONAL {{ ?{event} dkg:dateAsStated ?{event}AsStated }} "
            f"OPTIONAL {{ ?{event} dkg:earliestDate ?{event}Earliest }} OPTIONAL {{ ?{event} dkg:latestDate ?{event}Latest }}")


def _date_vars(event: str) -> str:
    return " ".join(f"?{event}{s}" for s in ("Date", "Start", "End", "AsStated", "Earliest", "Latest"))


def _evidence(fact: str) -> str:
    """The quoted sentences (dkg:evidence → oa:exact) of a fact and their source documents."""
    return (f"OPTIONAL {{ ?{fact} dkg:evidence ?evidence . " + _label("evidence") + " "
            "OPTIONAL { ?evidence oa:hasSelector/oa:exact ?quote } "
            "OPTIONAL { ?evidence oa:hasSource ?doc . " + _label("doc") + " } }")


_EVIDENCE_VARS = "?evidence ?evidenceLabel ?quote ?doc ?docLabel"

#: Diplomatic relations of a state, with the establishing event's date (relations-of-a-state.rq).
RELATIONS = _PREFIXES + f"""SELECT DISTINCT ?entity ?relation ?relationLabel ?partner ?partnerLabel
       ?establishment ?establishmentLabel {_date_vars("establishment")} {_EVIDENCE_VARS}
WHERE {{
  ?relation a dkg:DiplomaticRelation ;
            dkg:relationBetween ?entity , ?partner .
  FILTER(?partner != ?entity)
  {_label("relation")}
  {_label("partner")}
  OPTIONAL {{
    ?relation dkg:establishedBy ?establishment .
    {_label("establishment")}
    {_dates("establishment")}
  }}
  {_evidence("relation")}
}}
ORDER BY (!BOUND(?establishmentEarliest)) ?establishmentEarliest ?establishmentLatest ?partner ?relation
LIMIT {ROW_LIMIT}"""

#: Missions sent by a state, seated in it, or responsible for it (dkg:covers).
MISSIONS = _PREFIXES + f"""SELECT DISTINCT ?entity ?mission ?missionLabel ?link ?missionType ?missionTypeLabel
       ?sending ?sendingLabel ?seat ?seatLabel ?seatState ?seatStateLabel ?covered ?coveredLabel {_EVIDENCE_VARS}
WHERE {{
  {{ ?mission dkg:sendingState ?entity . BIND("sent" AS ?link) }}
  UNION
  {{ ?mission (dkg:seat|dkg:locatedIn)/dkg:locatedIn? ?entity . BIND("seated" AS ?link) }}
  UNION
  {{ ?mission dkg:covers ?entity . BIND("covers" AS ?link) }}
  ?mission a dkg:DiplomaticMission .
  {_label("mission")}
  OPTIONAL {{ ?mission dkg:missionType ?missionType . {_label("missionType", "skos:prefLabel")} }}
  OPTIONAL {{ ?mission dkg:sendingState ?sending . {_label("sending")} }}
  OPTIONAL {{
    ?mission dkg:seat ?seat .
    {_label("seat")}
    OPTIONAL {{ ?seat dkg:locatedIn ?seatState . {_label("seatState")} }}
  }}
  OPTIONAL {{ ?mission dkg:covers ?covered . {_label("covered")} }}
  {_evidence("mission")}
}}
ORDER BY ?link ?mission
LIMIT {ROW_LIMIT}"""

# Post, tenure, holder, rank, residence, concurrent accreditation and the dated events of a tenure
# (heads-of-mission-on-date.rq, non-resident-accreditations.rq); ?post is bound by the caller.
_TENURES = f"""
  {_label("post")}
  OPTIONAL {{ ?post dkg:sendingState ?sending . {_label("sending")} }}
  OPTIONAL {{ ?post dkg:receivingState ?receiving . {_label("receiving")} }}
  OPTIONAL {{ ?post dkg:rank ?rank . {_label("rank", "skos:prefLabel")} }}
  OPTIONAL {{
    ?tenure dkg:ofPost ?post .
    {_label("tenure")}
    OPTIONAL {{ ?tenure dkg:holder ?holder . {_label("holder")} }}
    OPTIONAL {{ ?tenure dkg:rankAsStated ?rankAsStated }}
    OPTIONAL {{
      ?tenure dkg:residence ?residence .
      {_label("residence")}
      OPTIONAL {{ ?residence dkg:locatedIn ?residenceState . {_label("residenceState")} }}
    }}
    OPTIONAL {{ ?tenure dkg:isResident ?isResident }}
    OPTIONAL {{ ?tenure dkg:isFirstHolder ?isFirstHolder }}
    OPTIONAL {{ ?tenure dkg:attestedOn ?attestedOn }}
    OPTIONAL {{ {{ ?tenure dkg:concurrentAccreditation ?group }} UNION {{ ?group dkg:includesTenure ?tenure }}
               {_label("group")} }}
    OPTIONAL {{ ?tenure dkg:appointment ?appointment . {_dates("appointment")} }}
    OPTIONAL {{ ?tenure dkg:credentialsPresentation ?credentials . {_dates("credentials")} }}
    OPTIONAL {{ ?tenure dkg:termination ?termination . {_dates("termination")} }}
  }}
  BIND(COALESCE(?tenure, ?post) AS ?fact)
  {_evidence("fact")}"""

_TENURE_VARS = (f"""?post ?postLabel ?sending ?sendingLabel ?receiving ?receivingLabel ?rank ?rankLabel
       ?tenure ?tenureLabel ?holder ?holderLabel ?rankAsStated ?residence ?residenceLabel
       ?residenceState ?residenceStateLabel ?isResident ?isFirstHolder ?attestedOn ?group ?groupLabel
       ?appointment {_date_vars("appointment")} ?credentials {_date_vars("credentials")}
       ?termination {_date_vars("termination")} ?fact {_EVIDENCE_VARS}""")

#: Head-of-mission posts a state sends ("out") and receives ("in"), with their tenures.
ACCREDITATIONS = _PREFIXES + f"""SELECT DISTINCT ?entity ?direction {_TENURE_VARS}
WHERE {{
  {{ ?post dkg:sendingState ?entity . BIND("out" AS ?direction) }}
  UNION
  {{ ?post dkg:receivingState ?entity . BIND("in" AS ?direction) }}
  ?post a dkg:HeadOfMissionPost .{_TENURES}
}}
ORDER BY ?direction ?post ?tenure
LIMIT {ROW_LIMIT}"""

#: The tenures a person holds (dkg:holder of a tenure of a post).
POSTS = _PREFIXES + f"""SELECT DISTINCT ?entity {_TENURE_VARS}
WHERE {{
  ?tenure dkg:holder ?entity ;
          dkg:ofPost ?post .{_TENURES}
}}
ORDER BY ?post ?tenure
LIMIT {ROW_LIMIT}"""

# How an event involves a state: the paths of bilateral-timeline.rq (directly, or through an
# agent, organisation, mission, agreement, post or relation of the state; parts of an event inherit).
_INVOLVES = """{ ?event dkg:subEventOf?/(dkg:between|dkg:provider|dkg:recipient|dkg:organizer
                             |dkg:participation/dkg:agent|dkg:participation/dkg:onBehalfOf
                             |dkg:concerns|^dkg:signing|dkg:underAgreement|^dkg:establishedBy
                             |^dkg:appointment/dkg:ofPost|^dkg:credentialsPresentation/dkg:ofPost
                             |^dkg:termination/dkg:ofPost)
           /dkg:party?
           /(dkg:belongsToState|dkg:locatedIn|dkg:sendingState|dkg:receivingState|dkg:covers
             |dkg:relationBetween)? ?entity }
  UNION
  { ?event dkg:subEventOf?/dkg:place ?entity }"""

#: Events involving a state, with their types and dates.
TIMELINE = _PREFIXES + f"""SELECT DISTINCT ?entity ?event ?eventLabel ?type ?typeLabel {_date_vars("event")} {_EVIDENCE_VARS}
WHERE {{
  ?event a dkg:Event .
  {_INVOLVES}
  {_label("event")}
  OPTIONAL {{ ?event dkg:eventType ?type . {_label("type", "skos:prefLabel")} }}
  {_dates("event")}
  {_evidence("event")}
}}
ORDER BY (!BOUND(?eventEarliest)) ?eventEarliest ?eventLatest ?event
LIMIT {ROW_LIMIT}"""

#: A person's participations in events (event-participants.rq).
PARTICIPATIONS = _PREFIXES + f"""SELECT DISTINCT ?entity ?participation ?participationLabel ?event ?eventLabel
       ?role ?roleLabel ?titleAsStated ?onBehalfOf ?onBehalfOfLabel {_date_vars("event")} {_EVIDENCE_VARS}
WHERE {{
  ?participation dkg:agent ?entity .
  ?event dkg:participation ?participation .
  {_label("participation")}
  {_label("event")}
  OPTIONAL {{ ?participation dkg:role ?role . {_label("role", "skos:prefLabel")} }}
  OPTIONAL {{ ?participation dkg:titleAsStated ?titleAsStated }}
  OPTIONAL {{ ?participation dkg:onBehalfOf ?onBehalfOf . {_label("onBehalfOf")} }}
  {_dates("event")}
  {_evidence("participation")}
}}
ORDER BY (!BOUND(?eventEarliest)) ?eventEarliest ?eventLatest ?event ?participation
LIMIT {ROW_LIMIT}"""


# ---------------------------------------------------------------------------------------------
# Folding rows into facts


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
    facts: dict[tuple[str | None, ...], Fact] = {}
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


# ---------------------------------------------------------------------------------------------
# Rendering

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
        return ", ".join(self.link(t) for t in sorted(terms, key=lambda t: self.labels.get(str(t["value"]), str(t["value"]))))

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
                text = _wording(wording)
            if earliest or latest:
                text += (f' <small class="bounds">(between {html.escape(earliest or "?")} and '
                         f'{html.escape(latest or "?")})</small>')
            return text
        value = self._time(stated)
        if end is not None:
            value += "–" + self._time(end)
        precision = html.escape(PRECISION.get(str(stated.get("datatype", "")), shorten(str(stated.get("datatype", "")))))
        if wording is None:
            return f'{value} <small class="precision">({precision})</small>'
        if end is None and str(wording["value"]) == str(stated["value"]):  # e.g. "1992": the wording is the value
            return f'{value} <small class="precision">({precision})</small>'
        return f'{_wording(wording)} <small class="precision">({value}, {precision})</small>'

    @staticmethod
    def _time(term: dict[str, Any]) -> str:
        value = str(term["value"])
        if _DATETIME.match(value):
            return f'<time datetime="{value}">{value}</time>'
        return html.escape(value)

    def literal(self, fact: Fact, var: str) -> str:
        """All values of a literal variable, each marked with its language."""
        return "; ".join(_wording(term) for term in fact.all(var))


def _wording(term: dict[str, Any]) -> str:
    """A literal as the source words it, in an element carrying its language tag where it has one."""
    text = html.escape(str(term["value"]))
    lang = term.get("xml:lang")
    return f'<span lang="{html.escape(str(lang), quote=True)}">{text}</span>' if lang else text


def _table(cls: str, title: str, head: list[str], rows: list[str], folded: Folded, empty: str, intro: str = "") -> str:
    parts = [f'<section class="{cls} entity-section" id="{cls}"><h2>{html.escape(title)}</h2>{intro}']
    if rows:
        parts.append("<table><thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr></thead><tbody>")
        parts.extend(rows)
        parts.append("</tbody></table>")
    else:
        parts.append(f'<p class="none">{html.escape(empty)}</p>')
    if folded.truncated:
        parts.append(f'<p class="truncated">Only the first {ROW_LIMIT} result rows were read; the SPARQL '
                     "endpoint and the saved queries give the full list.</p>")
    parts.append("</section>")
    return "".join(parts)


def _sort_key(r: Renderer, fact: Fact, event: str, label_var: str) -> tuple[Any, ...]:
    earliest, latest = fact.value(event + "Earliest"), fact.value(event + "Latest")
    iri = fact.value(label_var) or ""
    return (earliest is None, earliest or "", latest or "", r.labels.get(iri, iri), iri)


def relations_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["relation", "partner"])
    r = Renderer(base_url, folded.labels)
    facts = sorted(folded.facts, key=lambda f: _sort_key(r, f, "establishment", "partner"))
    out = []
    for f in facts:
        established = r.date(f, "establishment") if f.get("establishment") else '<span class="none">not recorded</span>'
        out.append(f'<tr><td class="partner">{r.link(f.get("partner"))}</td><td class="date">{established}</td>'
                   f'<td class="fact">{r.link(f.get("relation"))}</td><td class="evidence">{r.evidence(f)}</td></tr>')
    return _table("relations", "Diplomatic relations", ["Partner state", "Established", "Relation", "Evidence"],
                  out, folded, "No diplomatic relations of this state are recorded.")


def missions_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["mission"])
    r = Renderer(base_url, folded.labels)
    facts = sorted(folded.facts, key=lambda f: (r.labels.get(f.value("mission") or "", ""), f.value("mission")))
    sent, hosted = [], []
    for f in facts:
        links = {str(t["value"]) for t in f.all("link")}
        seat = r.link(f.get("seat"))
        if f.get("seatState") is not None:
            seat += f' <small>({r.links(f.all("seatState"))})</small>'
        how = [w for k, w in (("seated", "seated here"), ("covers", "responsible for this state")) if k in links]
        row = (f'<tr><td class="fact">{r.link(f.get("mission"))}</td><td>{r.links(f.all("missionType"))}</td>'
               f'<td class="sending">{r.links(f.all("sending"))}</td><td class="seat">{seat}</td>'
               f'<td class="covers">{r.links(f.all("covered"))}</td>')
        if "sent" in links:
            sent.append(row + f'<td class="evidence">{r.evidence(f)}</td></tr>')
        if how:
            hosted.append(row + f'<td class="how">{html.escape(", ".join(how))}</td><td class="evidence">{r.evidence(f)}</td></tr>')
    head = ["Mission", "Type", "Sending state", "Seat", "Responsible for"]
    return (_table("missions-sent", "Missions sent", [*head, "Evidence"], sent, folded,
                   "No missions sent by this state are recorded.")
            + _table("missions-hosted", "Missions hosted or responsible for this state",
                     [*head, "Relation to this state", "Evidence"], hosted, folded,
                     "No missions seated in or responsible for this state are recorded."))


def _tenure_cells(r: Renderer, f: Fact) -> dict[str, str]:
    """Holder, rank, residence (with a note on non-resident accreditation) and dates of a tenure row."""
    rank = r.links(f.all("rank"))
    if f.all("rankAsStated"):
        rank += f' <small class="as-stated">({r.literal(f, "rankAsStated")})</small>'
    residence = r.link(f.get("residence"))
    if f.get("residenceState") is not None:
        residence += f' <small>({r.links(f.all("residenceState"))})</small>'
    resident = f.value("isResident")
    receiving = f.value("receiving")
    outside = (f.get("residenceState") is not None and receiving is not None
               and receiving not in {str(t["value"]) for t in f.all("residenceState")})
    if resident in ("false", "0") or (resident is None and outside):
        residence += ' <strong class="non-resident">non-resident accreditation</strong>'
    elif resident in ("true", "1"):
        residence += ' <small class="resident">resident</small>'
    dates = []
    for event, what in (("appointment", "appointed"), ("credentials", "credentials presented"), ("termination", "ended")):
        if f.get(event) is not None:
            dates.append(f'{what}: {r.date(f, event)} ({r.link(f.get(event), "event")})')
    days = sorted(str(t["value"]) for t in f.all("attestedOn"))
    if days:
        dates.append("in office on " + ", ".join(r._time({"value": d}) for d in days) + " (attested)")
    if f.value("isFirstHolder") in ("true", "1"):
        dates.append("first holder of the post")
    if f.get("group") is not None:
        dates.append("concurrent accreditation: " + r.links(f.all("group")))
    return {"holder": r.link(f.get("holder")) or '<span class="none">no holder recorded</span>', "rank": rank,
            "residence": residence or '<span class="none">not recorded</span>',
            "dates": "<br>".join(dates) or '<span class="none">no dates recorded</span>',
            "fact": r.link(f.get("tenure") or f.get("post"))}


def accreditations_sections(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["direction", "post", "tenure"])
    r = Renderer(base_url, folded.labels)
    out: dict[str, list[str]] = {"out": [], "in": []}

    def key(f: Fact) -> tuple[str, ...]:
        other = f.value("receiving" if f.value("direction") == "out" else "sending") or ""
        holder = f.value("holder") or ""
        return (r.labels.get(other, other), r.labels.get(holder, holder), f.value("tenure") or "", f.value("post") or "")

    for f in sorted(folded.facts, key=key):
        direction = f.value("direction") or ""
        c = _tenure_cells(r, f)
        other = r.links(f.all("receiving" if direction == "out" else "sending"))
        out.setdefault(direction, []).append(
            f'<tr><td class="state">{other}</td><td class="holder">{c["holder"]}</td><td class="rank">{c["rank"]}</td>'
            f'<td class="residence">{c["residence"]}</td><td class="dates">{c["dates"]}</td>'
            f'<td class="fact">{c["fact"]}</td><td class="evidence">{r.evidence(f)}</td></tr>')
    tail = ["Holder", "Rank", "Residence", "Dates", "Tenure", "Evidence"]
    intro = ('<p class="note">Heads of mission, one row per tenure (or per post where no holder is '
             'recorded). A non-resident head of mission exercises the post from a city outside the '
             'receiving state.</p>')
    return (_table("accreditations-out", "Heads of mission sent (accreditations out)", ["Receiving state", *tail],
                   out["out"], folded, "No heads of mission sent by this state are recorded.", intro)
            + _table("accreditations-in", "Heads of mission received (accreditations in)", ["Sending state", *tail],
                     out["in"], folded, "No heads of mission accredited to this state are recorded."))


def timeline_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["event"])
    r = Renderer(base_url, folded.labels)
    out = []
    for f in sorted(folded.facts, key=lambda f: _sort_key(r, f, "event", "event")):
        out.append(f'<tr><td class="date">{r.date(f, "event")}</td><td class="fact">{r.link(f.get("event"))}</td>'
                   f'<td class="types">{r.links(f.all("type"))}</td><td class="evidence">{r.evidence(f)}</td></tr>')
    intro = ('<p class="note">Events involving this state directly or through its organisations, '
             'missions, posts, agreements or relations, sorted by date; undated events last.</p>')
    return _table("timeline", "Timeline", ["Date", "Event", "Type", "Evidence"], out, folded,
                  "No events involving this state are recorded.", intro)


def posts_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["post", "tenure"])
    r = Renderer(base_url, folded.labels)
    out = []
    for f in sorted(folded.facts, key=lambda f: (r.labels.get(f.value("post") or "", ""), f.value("tenure") or "")):
        c = _tenure_cells(r, f)
        out.append(f'<tr><td class="post">{r.link(f.get("post"))}</td><td class="sending">{r.links(f.all("sending"))}</td>'
                   f'<td class="receiving">{r.links(f.all("receiving"))}</td><td class="rank">{c["rank"]}</td>'
                   f'<td class="residence">{c["residence"]}</td><td class="dates">{c["dates"]}</td>'
                   f'<td class="fact">{c["fact"]}</td><td class="evidence">{r.evidence(f)}</td></tr>')
    return _table("posts", "Posts held", ["Post", "Sending state", "Receiving state", "Rank", "Residence", "Dates",
                                          "Tenure", "Evidence"], out, folded, "No posts held by this person are recorded.")


def participations_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["participation", "event"])
    r = Renderer(base_url, folded.labels)
    out = []
    for f in sorted(folded.facts, key=lambda f: _sort_key(r, f, "event", "event")):
        out.append(f'<tr><td class="date">{r.date(f, "event")}</td><td class="event">{r.link(f.get("event"))}</td>'
                   f'<td class="role">{r.links(f.all("role"))}</td><td class="title">{r.literal(f, "titleAsStated")}</td>'
                   f'<td class="behalf">{r.links(f.all("onBehalfOf"))}</td><td class="fact">{r.link(f.get("participation"))}</td>'
                   f'<td class="evidence">{r.evidence(f)}</td></tr>')
    return _table("participations", "Participation in events", ["Date", "Event", "Role", "Title as stated",
                                                                "On behalf of", "Participation", "Evidence"],
                  out, folded, "No participations of this person in events are recorded.")


async def sections(types: set[str], service: QueryRunner, bind: dict[str, Term], base_url: str) -> str:
    """The extra sections for an entity of the given rdf:types (empty for other entities).
    The queries run one after the other; the page holds one slot of its client's concurrency limit."""
    parts = []
    if STATE in types:
        parts.append(relations_section(await service.select(RELATIONS, bind), base_url))
        parts.append(missions_section(await service.select(MISSIONS, bind), base_url))
        parts.append(accreditations_sections(await service.select(ACCREDITATIONS, bind), base_url))
        parts.append(timeline_section(await service.select(TIMELINE, bind), base_url))
    if PERSON in types:
        parts.append(posts_section(await service.select(POSTS, bind), base_url))
        parts.append(participations_section(await service.select(PARTICIPATIONS, bind), base_url))
    return "".join(parts)
