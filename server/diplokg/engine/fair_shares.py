"""Fair shares of a fixed number of query slots (the embedded store's worker processes, or the
connections to a remote SPARQL engine), so that one client's or a few clients' expensive queries
never occupy every slot (with one slot there is nothing to share):

- a client holds at most ``client_share`` slots at once (all but one);
- heavy clients (see client_costs: a query over 0.5 s in the last minute, or more than 1 s of slot
  time in the last 10 s) hold at most ``heavy_share`` slots between them (half, at least one; with
  two slots, one).

A request over a share waits for a request of its own kind to finish, while other clients are
served; PoolBusy at its deadline."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from diplokg.engine.client_costs import CostLedger
from diplokg.engine.errors import PoolBusy


@dataclass(eq=False)
class Share:
    """A request's place in its client's share (and in the heavy clients' share if ``heavy``)."""
    client: str
    heavy: bool
    started: float | None = None  # when it got its slot (for the cost ledger)


class FairShares:
    def __init__(self, size: int) -> None:
        self.client_share = max(1, size - 1)
        self.heavy_share = max(1, size // 2)
        self._held: dict[str, int] = {}  # slots held (or reserved) per client
        self._heavy_held = 0  # slots held (or reserved) by requests of heavy clients
        self._costs = CostLedger()
        self._changed = asyncio.Condition()

    async def reserve(self, client: str | None, loop_deadline: float) -> Share | None:
        """Wait until ``client`` is within its shares and reserve a place (None: no client, no share)."""
        if client is None:
            return None

        def admissible() -> bool:
            if self._held.get(client, 0) >= self.client_share:
                return False
            return self._heavy_held < self.heavy_share or not self._costs.heavy(client)

        try:
            async with asyncio.timeout_at(loop_deadline), self._changed:
                await self._changed.wait_for(admissible)
                heavy = self._costs.heavy(client)
                self._held[client] = self._held.get(client, 0) + 1
                self._heavy_held += heavy
                return Share(client, heavy)
        except TimeoutError:
            raise PoolBusy("the query workers your address may use (all but one, shared with other clients that "
                           "ask slow or many queries) stayed busy for the whole time budget") from None

    def started(self, share: Share | None) -> None:
        """The request got its slot: its time counts from now."""
        if share is not None:
            share.started = self._costs.start(share.client)

    async def release(self, share: Share | None) -> None:
        if share is None:
            return
        async with self._changed:
            self._held[share.client] -= 1
            if self._held[share.client] <= 0:
                del self._held[share.client]
            self._heavy_held -= share.heavy
            if share.started is not None:
                self._costs.finish(share.client, share.started)
            self._changed.notify_all()
