"""What the name index costs and how fast it answers: the index of a built store written again
(entities, names, size, seconds), then the same sample of searches by three ways of finding
candidates, side by side, query by query:

- ``terms+grams``: what diplokg does (``matching.index``): FTS5 over words and consonant
  skeletons, trigrams when nothing close is found;
- ``grams``: FTS5 trigrams alone (the trigram table of the same file);
- ``scan``: no index, every name compared (``partial_likeness`` over a precomputed table), on the
  first few queries only (it takes seconds each).

The sample is drawn from the index's own names (seeded): each name as written, misspelt (two
letters swapped), in reversed word order, lowercased without accents, and its first four letters
as one types. "first" counts the searches whose entity came first (or tied first with the same
score).

    python bench/search_bench.py --store DIR [--queries 200] [--scan 5] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from diplokg.build.names import write_name_index
from diplokg.matching.index import CANDIDATES, NameIndex
from diplokg.matching.names import partial_likeness, plain

Search = Callable[[str], list[tuple[float, str]]]  # (score, IRI) best first


def sample(db: sqlite3.Connection, count: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, query, IRI of the entity it names) for ``count`` names drawn at random."""
    rows = db.execute("SELECT n.text, e.iri FROM name n JOIN entity e ON e.id = n.entity").fetchall()
    rng = random.Random(seed)
    picked = []
    for text, iri in rng.sample(rows, min(count, len(rows))):
        words = text.split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        word = words[longest]
        if len(word) >= 5:
            i = rng.randrange(1, len(word) - 2)
            words[longest] = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        picked += [("as written", text, iri), ("misspelt", " ".join(words), iri),
                   ("word order", " ".join(reversed(text.split())), iri), ("plain", plain(text), iri),
                   ("typing", plain(text)[:4], iri)]
    return picked


def grams_only(db: sqlite3.Connection) -> Search:
    def search(query: str) -> list[tuple[float, str]]:
        text = plain(query)
        grams = sorted({text[i:i + 3] for i in range(len(text) - 2)})
        if not grams:
            return []
        ids = [r[0] for r in db.execute("SELECT rowid FROM grams WHERE grams MATCH ? ORDER BY rank LIMIT ?",
                                        (" OR ".join(f'"{g}"' for g in grams), CANDIDATES))]
        return _ranked(db, query, ids)
    return search


def scan(db: sqlite3.Connection) -> Search:
    names = db.execute("SELECT n.text, e.iri FROM name n JOIN entity e ON e.id = n.entity").fetchall()

    def search(query: str) -> list[tuple[float, str]]:
        best: dict[str, float] = {}
        for text, iri in names:
            best[iri] = max(best.get(iri, 0.0), partial_likeness(query, text)[0])
        return sorted(((s, i) for i, s in best.items()), reverse=True)[:10]
    return search


def _ranked(db: sqlite3.Connection, query: str, ids: list[int]) -> list[tuple[float, str]]:
    marks = ",".join("?" * len(ids))
    best: dict[str, float] = {}
    for text, iri in db.execute(f"SELECT n.text, e.iri FROM name n JOIN entity e ON e.id = n.entity "
                                f"WHERE n.id IN ({marks})", ids):
        best[iri] = max(best.get(iri, 0.0), partial_likeness(query, text)[0])
    return sorted(((s, i) for i, s in best.items()), reverse=True)[:10]


def first(found: list[tuple[float, str]], iri: str) -> bool:
    return bool(found) and any(i == iri for s, i in found if s == found[0][0])


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--store", type=Path, required=True, help="a built store (its snapshot.nq is loaded)")
    p.add_argument("--queries", type=int, default=200, help="names drawn (five searches each)")
    p.add_argument("--scan", type=int, default=5, help="searches the unindexed scan is timed on")
    p.add_argument("--seed", type=int, default=1)
    opts = p.parse_args(argv)
    store = ox.Store()
    store.bulk_load(path=str(opts.store / "snapshot.nq"), format=ox.RdfFormat.N_QUADS)
    with tempfile.TemporaryDirectory() as tmp:
        figures = write_name_index(Path(tmp), store)
        print(f"{len(store):,} quads; index: {figures['entities']:,.0f} entities, {figures['names']:,.0f} names, "
              f"{figures['bytes'] / 1e6:.1f} MB, written in {figures['seconds']:.1f} s")
        index = NameIndex(Path(tmp) / "names.sqlite")
        db = sqlite3.connect(Path(tmp) / "names.sqlite")
        queries = sample(db, opts.queries, opts.seed)

        def ours(query: str) -> list[tuple[float, str]]:
            return [(h.score, h.iri) for h in index.search(query, limit=10).hits]

        methods: list[tuple[str, Search, list[tuple[str, str, str]]]] = [
            ("terms+grams", ours, queries), ("grams", grams_only(db), queries), ("scan", scan(db), queries[:opts.scan])]
        print(f"{len(queries)} searches; p50 / p95 in ms; first: the named entity came first")
        print(f"{'method':<14}{'kind':<12}{'searches':>9}{'p50':>9}{'p95':>9}{'first':>8}")
        for name, search, asked in methods:
            for kind in ("all", *dict.fromkeys(k for k, _, _ in asked)):
                times, hits = [], 0
                for k, query, iri in asked:
                    if kind not in ("all", k):
                        continue
                    started = time.perf_counter()
                    found = search(query)
                    times.append((time.perf_counter() - started) * 1000)
                    hits += first(found, iri)
                if times:
                    p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
                    print(f"{name:<14}{kind:<12}{len(times):>9}{statistics.median(times):>9.2f}{p95:>9.2f}"
                          f"{100 * hits / len(times):>7.0f}%")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
