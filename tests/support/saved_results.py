"""Run a saved query with its default parameters against a store and normalise the result, so it
can be compared with the expected result checked in under ``tests/queries/expected/``.

Regenerate the expected files (after checking every changed row against the sources!) with

    .venv/bin/python tests/saved_results.py --store var/store --write
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
EXPECTED = HERE.parent / "fixtures" / "queries" / "expected"
REPO = HERE.parent


def run_saved(store: ox.Store, saved, params: dict[str, str] | None = None) -> dict:
    """SPARQL JSON results (as a dict) of a saved query with its defaults (plus ``params``)."""
    result = store.query(saved.text, use_default_graph_as_union=True, substitutions=saved.bind(params or {}))
    if isinstance(result, ox.QueryTriples):
        lines = sorted(ox.serialize(result, format=ox.RdfFormat.N_TRIPLES).decode().splitlines())
        return {"triples": lines}
    return json.loads(result.serialize(format=ox.QueryResultsFormat.JSON))


def is_ordered(text: str) -> bool:
    """Whether the outermost query orders its results (then order is part of the expectation)."""
    from diplokg.core.lexer import tokens

    depth, last_close = 0, None
    toks = tokens(text)
    for i, (kind, value) in enumerate(toks):
        if kind == "other" and value == "{":
            depth += 1
        elif kind == "other" and value == "}":
            depth -= 1
            if depth == 0:
                last_close = i
    tail = toks[last_close + 1:] if last_close is not None else []
    return any(kind == "word" and value.upper() == "ORDER" for kind, value in tail)


def comparable(result: dict, ordered: bool) -> object:
    if "results" not in result:
        return result
    rows = [json.dumps(b, sort_keys=True, ensure_ascii=False) for b in result["results"]["bindings"]]
    return {"vars": result["head"]["vars"], "rows": rows if ordered else sorted(rows)}


def main() -> int:
    from diplokg.build.store import open_read_only
    from diplokg.saved_queries.catalog import load_all

    ap = argparse.ArgumentParser(description="Show or write the expected results of the saved queries")
    ap.add_argument("--store", required=True)
    ap.add_argument("--write", action="store_true", help="write tests/queries/expected/<slug>.json")
    args = ap.parse_args()
    store = open_read_only(Path(args.store))
    for slug, saved in load_all(REPO / "queries").items():
        if saved.federated:
            continue
        result = run_saved(store, saved)
        text = json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        n = len(result.get("results", {}).get("bindings", result.get("triples", [])))
        print(f"{slug}: {n} rows")
        if args.write:
            (EXPECTED / f"{slug}.json").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))
    sys.exit(main())
