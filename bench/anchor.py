"""Our figures against the primary anchor, ``oxigraph serve`` in memory (the same engine without our
layer and without an on-disk store): each as ours/theirs, measured side by side in the same run,
with the goal issue 24 sets and whether this run met it.

The cheap lookups are sent like the saved queries (interleaved latency, then throughput with the
run's concurrent clients): they show what our layer costs per request when the engine has almost
nothing to do."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

ANCHOR = "oxigraph-memory"


@dataclass(frozen=True)
class Lookup:
    """A query of the benchmark that is not a saved query (same fields the loop reads)."""

    slug: str
    text: str


CHEAP_LOOKUPS = (
    Lookup("cheap: ASK {}", "ASK {}"),
    Lookup("cheap: one label", "SELECT ?label WHERE { <https://w3id.org/diplokg/id/state/NOR> "
                               "<http://www.w3.org/2000/01/rdf-schema#label> ?label } LIMIT 1"),
)
CHEAP = {q.slug for q in CHEAP_LOOKUPS}


def _ratio(ours: float | None, theirs: float | None) -> float | None:
    return ours / theirs if ours and theirs else None


def figures(size: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per goal: what, ours/theirs (or our value), the goal and whether it was met."""
    rows = size.get("queries", [])
    engines = size.get("engines", {})
    if ANCHOR not in engines:
        return []
    saved = [(r["query"], r["ratio_p50_ours_over"].get(ANCHOR)) for r in rows if r["query"] not in CHEAP]
    cheap = [(r["query"], r["ratio_p50_ours_over"].get(ANCHOR)) for r in rows if r["query"] in CHEAP]
    throughput = [(r["query"], _ratio(r["throughput_per_s"].get("diplokg"), r["throughput_per_s"].get(ANCHOR)))
                  for r in rows if r["query"] in CHEAP]
    ours, theirs = engines["diplokg"], engines[ANCHOR]
    out = [
        _worst("saved queries, p50 ours/anchor (each)", saved, 1.25, lower=True),
        _worst("cheap lookups, p50 ours/anchor (each)", cheap, 1.5, lower=True),
        _worst("cheap lookups, req/s ours/anchor, concurrent clients (each)", throughput, 1.0, lower=False),
        _one("build + validate / anchor's load", _ratio(ours["prepare_s"], theirs["prepare_s"]), 2.0, lower=True),
        _one("peak memory while building / loading", _ratio(ours["prepare_peak_rss_mb"],
                                                              theirs["prepare_peak_rss_mb"]), None, lower=True),
        _one("serving memory (PSS) ours/anchor", _ratio(ours.get("serving_pss_mb"), theirs.get("serving_pss_mb")),
             1.5, lower=True),
        _one("cold start, ours in s (launch to first answer)", ours.get("cold_start_s"), 2.0, lower=True),
    ]
    return out


def _worst(what: str, values: list[tuple[str, float | None]], goal: float, lower: bool) -> dict[str, Any]:
    known = [(q, v) for q, v in values if v is not None]
    if not known:
        return {"what": what, "value": None, "goal": goal, "met": None, "detail": "no figures"}
    query, worst = (max if lower else min)(known, key=lambda qv: qv[1])
    met = sum(1 for _, v in known if (v <= goal if lower else v >= goal))
    detail = (f"median {statistics.median(v for _, v in known):.2f}, worst {worst:.2f} ({query}); "
              f"{met} of {len(known)} meet it" + (f"; {len(values) - len(known)} without figures"
                                                  if len(known) < len(values) else ""))
    return {"what": what, "value": worst, "goal": goal, "met": met == len(values), "detail": detail}


def _one(what: str, value: float | None, goal: float | None, lower: bool) -> dict[str, Any]:
    met = None if value is None or goal is None else (value <= goal if lower else value >= goal)
    return {"what": what, "value": value, "goal": goal, "met": met, "detail": ""}


def lines(entries: list[dict[str, Any]]) -> list[str]:
    """The summary as printed lines."""
    if not entries:
        return []
    out = [f"against {ANCHOR} (oxigraph serve in memory, same engine, same run):",
           f"  {'figure':<58}{'value':>8}{'goal':>8}  met  detail"]
    for e in entries:
        value = "—" if e["value"] is None else f"{e['value']:.2f}"
        goal = "—" if e["goal"] is None else f"{e['goal']:g}"
        met = {True: "yes", False: "NO", None: "—"}[e["met"]]
        out.append(f"  {e['what']:<58}{value:>8}{goal:>8}  {met:<4} {e['detail']}")
    return out
