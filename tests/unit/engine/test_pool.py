"""The worker pool's two generations, driven directly (real zygote and worker processes on the
built store): it answers from the on-disk store at once, switches to the in-memory copy, lets a
query in flight on a disk worker finish, then retires that worker and its zygote."""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import time
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

import pytest

from diplokg.build.errors import StoreError
from diplokg.build.reader import open_release
from diplokg.core.namespaces import PREFIXES
from diplokg.engine.framing import Frame
from diplokg.engine.messages import QueryJob
from diplokg.engine.pool import WorkerPool

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
EVERYTHING = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"


def make_pool(store: Path, in_memory: bool = False, failures: list[str] | None = None,
              snapshot: Path | None = None) -> WorkerPool:
    release = open_release(store)
    return WorkerPool(release.path, snapshot or release.snapshot, release.quads, PREFIXES, 2, in_memory=in_memory,
                      on_failure=None if failures is None else failures.append)


async def answer(pool: WorkerPool, query: str) -> dict:
    body = b""
    async for kind, payload in pool.run(QueryJob(query, "json", None, 0), deadline=_far()):
        assert kind != Frame.ERROR, payload
        if kind == Frame.CHUNK:
            body += payload
    return json.loads(body)


def run_in_own_loop(coroutine: Coroutine[Any, Any, None]) -> None:
    """asyncio.run in a thread of its own (other tests, e.g. the browser ones, may leave an event
    loop running in the main thread)."""
    with concurrent.futures.ThreadPoolExecutor(1) as executor:
        executor.submit(asyncio.run, coroutine).result()


def _far() -> float:
    return time.monotonic() + 60


def count_of(result: dict) -> int:
    return int(result["results"]["bindings"][0]["n"]["value"])


def test_disk_answers_then_memory_takes_over_without_losing_a_query(built_store):
    async def scenario() -> None:
        pool = make_pool(built_store)
        await pool.start()
        try:
            state = pool.health()
            assert state["serving_from"] == "disk" and state["in_memory"] == "off"
            assert count_of(await answer(pool, COUNT)) == pool.loaded_quads

            # a large answer, read only up to its first chunk: the disk worker is busy streaming
            in_flight = pool.run(QueryJob(EVERYTHING, "json", None, 0), deadline=_far())
            kind, _ = await anext(in_flight)
            assert kind == Frame.HEAD
            kind, first = await anext(in_flight)
            assert kind == Frame.CHUNK

            await pool.load_into_memory()
            state = pool.health()
            assert state["serving_from"] == "memory" and state["in_memory"] == "loaded"
            assert state["workers"]["alive"] == 2 and state["workers"]["retiring"] == 1
            assert count_of(await answer(pool, COUNT)) == pool.loaded_quads

            body = first
            async for kind, payload in in_flight:
                if kind == Frame.CHUNK:
                    body += payload
                last = kind
            assert last == Frame.END
            assert len(json.loads(body)["results"]["bindings"]) == pool.loaded_quads
            state = pool.health()
            assert state["workers"]["retiring"] == 0 and state["workers"]["replaced"] == 0
            await asyncio.sleep(0.2)  # the disk zygote is closed in the background
            assert not pool._disk.alive()
        finally:
            await pool.close()

    run_in_own_loop(scenario())


def test_a_snapshot_that_does_not_load_is_reported_and_disk_keeps_answering(built_store, tmp_path):
    broken = tmp_path / "snapshot.nq"
    broken.write_bytes(b"<not a quad\n")

    async def scenario() -> None:
        failures: list[str] = []
        pool = make_pool(built_store, in_memory=True, failures=failures, snapshot=broken)
        await pool.start()
        try:
            for _ in range(100):
                if failures:
                    break
                await asyncio.sleep(0.05)
            assert failures and "cannot load the store snapshot" in failures[0]
            state = pool.health()
            assert state["serving_from"] == "disk" and state["in_memory"].startswith("failed:")
            assert count_of(await answer(pool, COUNT)) == pool.loaded_quads
            with pytest.raises(StoreError, match="cannot load the store snapshot"):
                await pool.load_into_memory()
        finally:
            await pool.close()

    run_in_own_loop(scenario())


def test_an_unopenable_disk_store_stops_start(built_store, tmp_path):
    release = open_release(built_store)
    pool = WorkerPool(tmp_path / "no-rocksdb-here", release.snapshot, release.quads, PREFIXES, 2, in_memory=True)

    async def scenario() -> None:
        with pytest.raises(StoreError, match="cannot open the on-disk store"):
            await pool.start()
        assert pool.health()["workers"]["alive"] == 0

    run_in_own_loop(scenario())
