"""bench/backend_bench.py runs (at the bundled data's size, one request per query and target: a
script, not a timed test) and reports every saved query it sends to the three targets."""

from __future__ import annotations

import json
import subprocess
import sys

from diplokg.saved_queries.catalog import load_all
from support.cli_runner import REPO
from support.virtuoso_differences import NOT_FOR_VIRTUOSO, NOT_REPEATABLE_ON_VIRTUOSO, VIRTUOSO_SAVED_QUERY_DIFFERENCES


def test_backend_bench_runs_and_reports(built_store, tmp_path):
    out = tmp_path / "backend.json"
    proc = subprocess.run([sys.executable, "backend_bench.py", "--store", str(built_store), "--requests", "1",
                           "--workdir", str(tmp_path / "work"), "--json", str(out)],
                          cwd=REPO / "bench", capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(out.read_text())
    expected = {slug for slug, q in load_all(REPO / "queries").items() if not q.federated} - NOT_FOR_VIRTUOSO
    assert {row["query"] for row in report["queries"]} == expected
    for row in report["queries"]:
        assert set(row["p50_ms"]) == {"embedded", "backend", "virtuoso"} and all(v > 0 for v in row["p50_ms"].values())
        # the backend passes Virtuoso's answer on as it is (where Virtuoso repeats itself)
        if row["query"] not in NOT_REPEATABLE_ON_VIRTUOSO:
            assert row["backend_passes_virtuoso_answer"] == "identical", row
        # and Virtuoso's answer differs from ours exactly where documented
        assert row["virtuoso_same_answer"] == (row["query"] not in VIRTUOSO_SAVED_QUERY_DIFFERENCES), row
    assert "median backend/virtuoso over" in proc.stdout
    # a fresh Virtuoso with its own graphs private holds exactly the release: queries name no graphs
    assert report["backend_dataset"] == "engine's own"
