"""Validation work spread over forked processes (``diplokg build`` and ``diplokg validate`` on a
machine with more than one core).

The children are forked once the data is loaded, so they read the parent's store and shapes
without copying them (copy-on-write); what they return is pickled back. Work is handed over as a
function set in this module before the fork (closures need not be picklable). Only commands use
this: a server process (the review workspace) validates in process, as forking a process that runs
threads is unsafe.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.pool
from collections.abc import Callable
from typing import Any

#: the work of the current pool, inherited by its children at the fork
_WORK: dict[str, Callable[..., Any]] = {}


def _call(name: str, *args: Any) -> Any:
    return _WORK[name](*args)


class Forked:
    """A pool of ``processes`` forked children (1: everything runs here, nothing is forked).

    ``register`` the functions first; the children are forked when the pool is entered."""

    def __init__(self, processes: int) -> None:
        self.processes = max(1, processes)
        self._pool: multiprocessing.pool.Pool | None = None

    def register(self, name: str, work: Callable[..., Any]) -> None:
        _WORK[name] = work

    def __enter__(self) -> Forked:
        if self.processes > 1:
            self._pool = multiprocessing.get_context("fork").Pool(self.processes)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
        _WORK.clear()

    def start(self, name: str, *args: Any) -> Callable[[], Any]:
        """Run ``name(*args)`` in a child; the function returned waits for its result (or raises its
        error). Without children, the work runs when the result is asked for."""
        if self._pool is None:
            return lambda: _call(name, *args)
        pending = self._pool.apply_async(_call, (name, *args))
        return lambda: pending.get()

    def parts(self, name: str, *args: Any) -> list[Any]:
        """``name(k, n, *args)`` for each part k of n = the number of processes, in order."""
        if self._pool is None:
            return [_call(name, 0, 1, *args)]
        return self._pool.starmap(_call, [(name, k, self.processes, *args) for k in range(self.processes)])
