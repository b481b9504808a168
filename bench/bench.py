"""The benchmark: diplokg against oxigraph serve in memory (the primary anchor: the same engine
without our layer), oxigraph serve-read-only, Virtuoso and rdflib-endpoint on synthetic data of
several sizes, side by side in one run.

For each size it generates the data (``diplokg generate``), then prints and records:
- SHACL validation time (our SPARQL engine; pyshacl too up to --pyshacl-max triples);
- per engine: build/load time and its peak memory, on-disk size, cold start (launch until the first
  query is answered), memory while serving;
- dump time per format (``diplokg dump``);
- per saved query (defaults bound, the same text for every engine) and two cheap lookups (ASK {},
  one label): whether each engine's answer equals ours, p50/p99 latency (requests interleaved
  across engines), throughput with --clients concurrent clients, and the ratios ours/theirs (< 1: we
  are faster);
- the figures against the anchor with their goals (anchor.py).
Everything also goes to a JSON file (--json) so runs can be compared.

    python bench/bench.py --sizes 100000,1000000 [--engines diplokg,oxigraph,virtuoso,rdflib-endpoint]
        [--requests 30] [--clients 8] [--seconds 5] [--json FILE] [--workdir DIR]

Run it with scripts/bench (sets everything up). Benchmarks are scripts, not timed tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import anchor
import engines as engine_registry
from engines import answers, procs
from load import interleaved_latency, throughput
from saved_texts import bench_queries

DUMP_FORMATS = ("ttl", "nt", "trig", "nq", "jsonld")
MB = 1024 * 1024


def run_cli(args: list[str], log: Path, timeout: float = 7200) -> procs.Measured:
    return procs.run_measured([sys.executable, "-m", "diplokg.cli", *args], log, timeout=timeout)


def bench_size(size: int, opts: argparse.Namespace, work: Path, say) -> dict[str, Any]:
    out: dict[str, Any] = {"requested_triples": size}
    tree = work / "tree"
    log = work / "bench.log"
    m = run_cli(["generate", "-o", str(tree), "--triples", str(size), "--seed", str(opts.seed), "--quiet"], log)
    out["generated"] = json.loads((tree / "synthetic.json").read_text())
    out["generate_s"] = m.seconds
    say(f"\n== {out['generated']['triples']:,} triples (requested {size:,}, seed {opts.seed}); "
        f"generated in {m.seconds:.1f} s")

    # ---- validation --------------------------------------------------------------------------------
    validation: dict[str, Any] = {}
    m = run_cli(["validate", "--source", str(tree), "--quiet"], log)
    validation["sparql"] = {"seconds": m.seconds, "peak_rss_mb": m.peak_rss_bytes / MB}
    if size <= opts.pyshacl_max:
        m = run_cli(["validate", "--engine", "pyshacl", "--source", str(tree), "--quiet"], log)
        validation["pyshacl"] = {"seconds": m.seconds, "peak_rss_mb": m.peak_rss_bytes / MB}
    out["validation"] = validation
    say("SHACL validation (whole graph, all shapes): " + ", ".join(
        f"{k} {v['seconds']:.1f} s (peak {v['peak_rss_mb']:.0f} MB)" for k, v in validation.items())
        + ("" if "pyshacl" in validation else f"; pyshacl not run above {opts.pyshacl_max:,} triples"))

    # ---- engines: prepare ------------------------------------------------------------------------------
    names = opts.engines
    # our server stops a query at the same limit after which the benchmark gives up on an engine
    eng = {name: engine_registry.create(name, **({"timeout": opts.timeout} if name == "diplokg" else {}))
           for name in names}
    prepared: dict[str, Any] = {}
    try:
        diplokg = eng["diplokg"]
        info = diplokg.prepare(tree, work / "diplokg")
        prepared["diplokg"] = info
        nquads = diplokg.nquads_path
        for name in names[1:]:
            prepared[name] = eng[name].prepare(nquads, work / name)
        out["engines"] = {name: {"prepare_s": p.seconds, "prepare_peak_rss_mb": p.peak_rss_bytes / MB,
                                 "disk_mb": p.disk_bytes / MB, "details": p.details} for name, p in prepared.items()}
        say(f"name index of search and reconciliation (part of the build): "
            f"{info.details['name_index_bytes'] / MB:.1f} MB, written in {info.details['name_index_s']:.1f} s")

        # ---- dumps ----------------------------------------------------------------------------------
        dumps = {}
        store = work / "diplokg" / "store"
        for fmt in DUMP_FORMATS:
            target = work / f"dump.{fmt}"
            m = run_cli(["dump", "--store", str(store), "--format", fmt, "-o", str(target), "--quiet"], log)
            dumps[fmt] = {"seconds": m.seconds, "mb": target.stat().st_size / MB, "peak_rss_mb": m.peak_rss_bytes / MB}
            target.unlink()
        out["dumps"] = dumps
        say("dumps (diplokg dump): "
            + " | ".join(f"{f} {d['seconds']:.1f} s {d['mb']:.0f} MB" for f, d in dumps.items()))

        # ---- engines: cold start -----------------------------------------------------------------------
        for name in names:
            started = eng[name].start(timeout=opts.timeout * 4)
            out["engines"][name]["cold_start_s"] = started.seconds
            out["engines"][name]["start_details"] = started.details
        urls = {name: eng[name].query_url for name in names}
        say(f"{'engine':<16}{'prepare s':>10}{'peak MB':>9}{'disk MB':>9}{'cold start s':>14}")
        for name in names:
            e = out["engines"][name]
            say(f"{name:<16}{e['prepare_s']:>10.1f}{e['prepare_peak_rss_mb']:>9.0f}{e['disk_mb']:>9.0f}"
                f"{e['cold_start_s']:>14.2f}")
        if "in_memory_s" in out["engines"]["diplokg"]["start_details"]:
            say(f"  (diplokg answers from its on-disk store first; from memory after "
                f"{out['engines']['diplokg']['start_details']['in_memory_s']:.2f} s; latencies below are from memory)")

        # ---- queries ------------------------------------------------------------------------------------
        rows = []
        for q in [*anchor.CHEAP_LOOKUPS, *bench_queries(tree / "queries")]:
            form = answers.query_form(q.text)
            accept = answers.ACCEPT[form]
            ordered = answers.is_ordered(q.text)
            reference = answers.ask(urls["diplokg"], q.text, timeout=opts.timeout)
            row: dict[str, Any] = {"query": q.slug, "rows": reference.size, "answers": {}, "p50_ms": {}, "p99_ms": {},
                                   "throughput_per_s": {}, "errors": {}}
            if reference.kind == "error":
                row["errors"]["diplokg"] = reference.error
            for name in names[1:]:
                other = answers.ask(urls[name], q.text, timeout=opts.timeout)
                verdict = answers.compare(reference, other, ordered) if reference.kind != "error" else None
                row["answers"][name] = verdict.category if verdict else "no reference"
                if other.kind == "error":
                    row["errors"][name] = other.error
                crashed = not eng[name].running()
                if crashed:
                    row["errors"][name] = f"the server crashed on this query ({other.error[:120]})"
                if other.timed_out or crashed:  # still working on it, or dead: start it afresh
                    eng[name].stop()
                    eng[name].start(timeout=opts.timeout * 4)
                    urls[name] = eng[name].query_url
            live = {n: u for n, u in urls.items() if n not in row["errors"]}
            if not live:  # every engine failed or timed out on this query: nothing to time
                rows.append(row)
                say(f"{q.slug:<28} every engine failed: "
                    + "; ".join(f"{n}: {e[:80]}" for n, e in row["errors"].items()))
                continue
            latencies = interleaved_latency(live, q.text, accept, opts.requests, opts.timeout, opts.query_budget)
            for name, lat in latencies.items():
                if lat.error:
                    row["errors"][name] = lat.error
                row["p50_ms"][name], row["p99_ms"][name] = lat.p50, lat.p99
                row[f"samples_{name}"] = len(lat.times_ms)
            for name, url in live.items():
                p50 = row["p50_ms"].get(name)
                if p50 is None or p50 / 1000 > opts.seconds:  # one answer takes longer than the whole window
                    row["throughput_per_s"][name] = None
                    continue
                t = throughput(url, q.text, accept, opts.clients, opts.seconds, opts.timeout)
                row["throughput_per_s"][name] = t.per_second
                if t.errors:
                    row["errors"][name] = f"{t.errors} errors under {opts.clients} concurrent clients"
            ours = row["p50_ms"].get("diplokg")
            row["ratio_p50_ours_over"] = {n: (ours / v if ours and v else None)
                                          for n, v in row["p50_ms"].items() if n != "diplokg"}
            rows.append(row)
            say(_query_line(row, names))
        out["queries"] = rows
        for name in names:
            alive = eng[name].running()
            out["engines"][name]["serving_rss_mb"] = eng[name].rss_bytes() / MB if alive else None
            out["engines"][name]["serving_pss_mb"] = eng[name].pss_bytes() / MB if alive else None
        say("memory while serving (PSS, shared pages counted once): " + ", ".join(
            f"{n} {_fmt(out['engines'][n]['serving_pss_mb'], 0, 0)} MB" for n in names))
        out["anchor"] = anchor.figures(out)
        for line in anchor.lines(out["anchor"]):
            say(line)
    finally:
        for e in eng.values():
            e.stop()
    return out


def _fmt(v: float | None, width: int = 9, digits: int = 1) -> str:
    return f"{'—':>{width}}" if v is None else f"{v:>{width}.{digits}f}"


def _query_line(row: dict[str, Any], names: list[str]) -> str:
    p50 = "".join(_fmt(row["p50_ms"].get(n)) for n in names)
    p99 = "".join(_fmt(row["p99_ms"].get(n)) for n in names)
    ratios = "".join(_fmt(row["ratio_p50_ours_over"].get(n), 9, 2) for n in names[1:])
    tput = "".join(_fmt(row["throughput_per_s"].get(n), 8, 0) for n in names)
    diffs = [f"{n}: {row['answers'][n]}" for n in names[1:] if row["answers"].get(n) != "identical"]
    errs = [f"{n}: {e[:80]}" for n, e in row["errors"].items()]
    return (f"{row['query'][:27]:<28}{row['rows']:>6}  p50{p50}  p99{p99}  ours/x{ratios}  req/s{tput}"
            + (f"  [{'; '.join(diffs + errs)}]" if diffs or errs else ""))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="100000,1000000", help="comma-separated target sizes in triples")
    p.add_argument("--engines", default=",".join(engine_registry.ENGINES),
                   help="comma-separated, diplokg first (default: %(default)s)")
    p.add_argument("--requests", type=int, default=30, help="sequential requests per query and engine")
    p.add_argument("--clients", type=int, default=8, help="concurrent clients for throughput")
    p.add_argument("--seconds", type=float, default=5.0, help="throughput window per query and engine")
    p.add_argument("--timeout", type=float, default=60.0,
                   help="seconds one query may take before it counts as failed (the engine is then restarted)")
    p.add_argument("--query-budget", type=float, default=60.0,
                   help="seconds of sequential requests per query and engine; a slower engine gets fewer samples")
    p.add_argument("--pyshacl-max", type=int, default=100_000, help="run pyshacl validation up to this size")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", type=Path, default=None, help="write all figures to this file")
    p.add_argument("--workdir", type=Path, default=None, help="keep generated data and stores here")
    opts = p.parse_args(argv)
    opts.engines = [e.strip() for e in opts.engines.split(",") if e.strip()]
    if not opts.engines or opts.engines[0] != "diplokg":
        p.error("--engines must start with diplokg (the reference for answers and ratios)")
    sizes = [int(s.replace("_", "")) for s in opts.sizes.split(",")]
    base = opts.workdir or Path(tempfile.mkdtemp(prefix="diplokg-bench-"))

    def say(line: str) -> None:
        print(line, flush=True)

    results: dict[str, Any] = {
        "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(opts).items()},
        "sizes": [],
    }
    say(f"diplokg benchmark — engines: {', '.join(opts.engines)}; {opts.requests} sequential requests per query "
        f"(interleaved), {opts.clients} clients × {opts.seconds:g} s for throughput; {os.cpu_count()} CPUs")
    say("per query: rows, p50 and p99 latency in ms per engine, ratio of our p50 to theirs (< 1: we are faster), "
        "requests/s with concurrent clients")
    try:
        for size in sizes:
            work = base / f"size-{size}"
            if work.exists():
                shutil.rmtree(work)
            work.mkdir(parents=True)
            started = time.monotonic()
            figures = bench_size(size, opts, work, say)
            figures["wall_s"] = time.monotonic() - started
            results["sizes"].append(figures)
            if opts.json:
                opts.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
            if not opts.workdir:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if not opts.workdir:
            shutil.rmtree(base, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
