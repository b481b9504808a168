"""Extra sections of the entity pages of states and persons (see ``entity.py``).

A state page (dkg:State) shows its diplomatic relations, its missions (sent, and hosted or
responsible for it), the heads of mission it sends and receives (tenures of head-of-mission posts,
with rank, residence and non-resident accreditations) and a timeline of the events involving it.
A person page (dkg:Person) shows the person's tenures and participations in events.

One bounded SELECT per section (``section_queries.py``), its rows folded into one table row per
fact (``fact_tables.py``).

Dates are shown as the source words them (dkg:dateAsStated) with the stated value and its
precision (xsd:date = day, xsd:gYearMonth = month, xsd:gYear = year); an event without a stated
date shows "not stated" and, where recorded, its normalised bounds. Rows are sorted by the bounds
(dkg:earliestDate, dkg:latestDate), undated rows last, as in the saved queries. Every value from the
graph is HTML-escaped and only http(s) IRIs become links.
"""

from __future__ import annotations

import html
from typing import Any

from diplokg.core.terms import Term
from diplokg.http.execution import QueryRunner
from diplokg.pages.fact_tables import Fact, Renderer, fold, sort_key, table
from diplokg.pages.section_queries import (
    ACCREDITATIONS,
    MISSIONS,
    PARTICIPATIONS,
    PERSON,
    POSTS,
    RELATIONS,
    STATE,
    TIMELINE,
)


def relations_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["relation", "partner"])
    r = Renderer(base_url, folded.labels)
    facts = sorted(folded.facts, key=lambda f: sort_key(r, f, "establishment", "partner"))
    out = []
    for f in facts:
        established = r.date(f, "establishment") if f.get("establishment") else '<span class="none">not recorded</span>'
        out.append(f'<tr><td class="partner">{r.link(f.get("partner"))}</td><td class="date">{established}</td>'
                   f'<td class="fact">{r.link(f.get("relation"))}</td><td class="evidence">{r.evidence(f)}</td></tr>')
    return table("relations", "Diplomatic relations", ["Partner state", "Established", "Relation", "Evidence"],
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
            hosted.append(row + f'<td class="how">{html.escape(", ".join(how))}</td>'
                          f'<td class="evidence">{r.evidence(f)}</td></tr>')
    head = ["Mission", "Type", "Sending state", "Seat", "Responsible for"]
    return (table("missions-sent", "Missions sent", [*head, "Evidence"], sent, folded,
                   "No missions sent by this state are recorded.")
            + table("missions-hosted", "Missions hosted or responsible for this state",
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
    for event, what in (("appointment", "appointed"), ("credentials", "credentials presented"),
                        ("termination", "ended")):
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
        return (r.labels.get(other, other), r.labels.get(holder, holder), f.value("tenure") or "",
                f.value("post") or "")

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
    return (table("accreditations-out", "Heads of mission sent (accreditations out)", ["Receiving state", *tail],
                   out["out"], folded, "No heads of mission sent by this state are recorded.", intro)
            + table("accreditations-in", "Heads of mission received (accreditations in)", ["Sending state", *tail],
                     out["in"], folded, "No heads of mission accredited to this state are recorded."))


def timeline_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["event"])
    r = Renderer(base_url, folded.labels)
    out = []
    for f in sorted(folded.facts, key=lambda f: sort_key(r, f, "event", "event")):
        out.append(f'<tr><td class="date">{r.date(f, "event")}</td><td class="fact">{r.link(f.get("event"))}</td>'
                   f'<td class="types">{r.links(f.all("type"))}</td><td class="evidence">{r.evidence(f)}</td></tr>')
    intro = ('<p class="note">Events involving this state directly or through its organisations, '
             'missions, posts, agreements or relations, sorted by date; undated events last.</p>')
    return table("timeline", "Timeline", ["Date", "Event", "Type", "Evidence"], out, folded,
                  "No events involving this state are recorded.", intro)


def posts_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["post", "tenure"])
    r = Renderer(base_url, folded.labels)
    out = []
    for f in sorted(folded.facts, key=lambda f: (r.labels.get(f.value("post") or "", ""), f.value("tenure") or "")):
        c = _tenure_cells(r, f)
        out.append(f'<tr><td class="post">{r.link(f.get("post"))}</td>'
                   f'<td class="sending">{r.links(f.all("sending"))}</td>'
                   f'<td class="receiving">{r.links(f.all("receiving"))}</td><td class="rank">{c["rank"]}</td>'
                   f'<td class="residence">{c["residence"]}</td><td class="dates">{c["dates"]}</td>'
                   f'<td class="fact">{c["fact"]}</td><td class="evidence">{r.evidence(f)}</td></tr>')
    return table("posts", "Posts held", ["Post", "Sending state", "Receiving state", "Rank", "Residence", "Dates",
                                          "Tenure", "Evidence"], out, folded,
                  "No posts held by this person are recorded.")


def participations_section(rows: list[dict[str, Any]], base_url: str) -> str:
    folded = fold(rows, ["participation", "event"])
    r = Renderer(base_url, folded.labels)
    out = []
    for f in sorted(folded.facts, key=lambda f: sort_key(r, f, "event", "event")):
        out.append(f'<tr><td class="date">{r.date(f, "event")}</td><td class="event">{r.link(f.get("event"))}</td>'
                   f'<td class="role">{r.links(f.all("role"))}</td>'
                   f'<td class="title">{r.literal(f, "titleAsStated")}</td>'
                   f'<td class="behalf">{r.links(f.all("onBehalfOf"))}</td>'
                   f'<td class="fact">{r.link(f.get("participation"))}</td>'
                   f'<td class="evidence">{r.evidence(f)}</td></tr>')
    return table("participations", "Participation in events", ["Date", "Event", "Role", "Title as stated",
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
