"""The endpoint benchmark runs (at a tiny size: it is a script, not a timed test) and both servers
give the same answers to every benchmark query."""

from __future__ import annotations

import json
import subprocess
import sys

from cli_runner import REPO


def test_endpoint_benchmark_runs_and_answers_agree(built_store, tmp_path):
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "endpoint_bench.py"), "--store", str(built_store),
                           "--requests", "3", "--clients", "2", "--seconds", "0.2", "--json", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    assert "p50 ours" in proc.stdout
    figures = json.loads(out.read_text())
    names = {r["query"] for r in figures["results"]}
    assert {"ask-state", "all-triples", "construct-romania", "label-self-join"} <= names
    for row in figures["results"]:
        assert row["same_answer"], row["query"]
        assert row["p50_ms"]["diplokg"] > 0 and row["p50_ms"]["oxigraph"] > 0


def test_validation_benchmark_runs_and_engines_agree():
    """bench/validation_bench.py (one run per engine, bundled data) prints both medians and agreement."""
    proc = subprocess.run([sys.executable, str(REPO / "bench" / "validation_bench.py"), "--repeat", "1"],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "results agree (focus node, component, shape, value as multisets): yes" in proc.stdout
    assert "pyshacl" in proc.stdout and "sparql" in proc.stdout
