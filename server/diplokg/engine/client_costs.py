"""Worker time per client, to tell clients that keep workers busy ("heavy") from the others.

A client is heavy while
- one of its queries ran (or is running) longer than ``long_query`` seconds within the last
  ``memory`` seconds (default: 0.5 s within a minute): it asks slow queries; or
- its queries, finished or running, occupied workers for more than ``limit`` seconds of the last
  ``window`` seconds (default: more than 1 s in 10 s, one worker busy a tenth of the time): it asks
  many queries. A finished query counts whole if it ended within the window (a query that began
  before the window and lasted long enough to matter is a long query anyway); a running one counts
  its time within the window. The finished ones are kept as a running total, so that the check
  costs the same for a client that sent thousands of queries in the window as for one that sent
  one (summing them on every request made each request of a busy client slower: measured 0.4 ms
  of 0.7 for ``ASK {}`` under load).
The pool lets heavy clients hold all workers but one between them, so that cheap queries from
everyone else always find a worker (see pool.WorkerPool.run). The memory of a minute matters: heavy
clients queueing for their share would otherwise look idle, and light, while they wait.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 10.0
HEAVY_SECONDS = 1.0
LONG_QUERY_SECONDS = 0.5
MEMORY_SECONDS = 60.0


class CostLedger:
    def __init__(self, window: float = WINDOW_SECONDS, limit: float = HEAVY_SECONDS,
                 long_query: float = LONG_QUERY_SECONDS, memory: float = MEMORY_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.window, self.limit, self.clock = window, limit, clock
        self.long_query, self.memory = long_query, memory
        self._last_long: dict[str, float] = {}  # when a long query of the client last ended
        self._done: dict[str, deque[tuple[float, float]]] = {}  # (end, duration) of finished requests
        self._done_total: dict[str, float] = {}  # the durations in _done, summed
        self._running: dict[str, list[float]] = {}  # start times of requests in flight

    def start(self, client: str) -> float:
        started = self.clock()
        self._running.setdefault(client, []).append(started)
        return started

    def finish(self, client: str, started: float) -> None:
        running = self._running.get(client, [])
        if started in running:
            running.remove(started)
        if not running:
            self._running.pop(client, None)
        ended = self.clock()
        self._done.setdefault(client, deque()).append((ended, ended - started))
        self._done_total[client] = self._done_total.get(client, 0.0) + (ended - started)
        if ended - started > self.long_query:
            self._last_long[client] = ended

    def spent(self, client: str) -> float:
        """Seconds of worker time ``client`` used within the last ``window`` seconds (see the
        module's docstring for what counts)."""
        now = self.clock()
        since = now - self.window
        done = self._done.get(client)
        total = 0.0
        if done is not None:
            while done and done[0][0] <= since:
                self._done_total[client] -= done.popleft()[1]
            if not done:
                del self._done[client], self._done_total[client]
            else:
                total += self._done_total[client]
        total += sum(now - max(start, since) for start in self._running.get(client, ()))
        return total

    def heavy(self, client: str) -> bool:
        now = self.clock()
        last_long = self._last_long.get(client)
        if last_long is not None:
            if now - last_long <= self.memory:
                return True
            del self._last_long[client]
        if any(now - start > self.long_query for start in self._running.get(client, ())):
            return True
        return self.spent(client) > self.limit
