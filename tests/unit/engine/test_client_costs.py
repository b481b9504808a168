"""The cost ledger that tells heavy clients from light ones (diplokg.engine.client_costs), with a clock
the test moves by hand."""

from __future__ import annotations

import pytest

from diplokg.engine.client_costs import CostLedger
from support.manual_clock import ManualClock


def test_many_short_queries_make_a_client_heavy_for_a_while():
    clock = ManualClock(100.0)
    ledger = CostLedger(window=10, limit=1.0, long_query=0.5, memory=60, clock=clock)
    for _ in range(4):  # 4 x 0.3 s within 10 s: 1.2 s of worker time
        started = ledger.start("a")
        clock.now += 0.3
        ledger.finish("a", started)
        clock.now += 1
    assert ledger.spent("a") == pytest.approx(1.2)
    assert ledger.heavy("a") and not ledger.heavy("b")
    clock.now += 8  # the first queries leave the window
    assert not ledger.heavy("a")
    clock.now += 100
    assert ledger.spent("a") == 0 and "a" not in ledger._done  # forgotten


def test_one_slow_query_makes_a_client_heavy_for_a_minute():
    clock = ManualClock(100.0)
    ledger = CostLedger(window=10, limit=1.0, long_query=0.5, memory=60, clock=clock)
    started = ledger.start("a")
    clock.now += 0.4
    assert not ledger.heavy("a")  # running, not yet long
    clock.now += 0.2
    assert ledger.heavy("a")  # running longer than 0.5 s
    ledger.finish("a", started)
    clock.now += 59
    assert ledger.heavy("a")  # still remembered while it queues for its next query
    clock.now += 2
    assert not ledger.heavy("a")


def test_running_queries_count_only_within_the_window():
    clock = ManualClock(100.0)
    ledger = CostLedger(window=10, limit=1.0, long_query=1000, memory=60, clock=clock)
    ledger.start("a")
    clock.now += 30
    assert ledger.spent("a") == 10  # a query running for 30 s has used 10 s of the last 10


def test_a_busy_clients_check_does_not_grow_with_its_queries():
    """Thousands of finished queries in the window: the total is kept as they come and go, and the
    queries that left the window leave the total."""
    clock = ManualClock(100.0)
    ledger = CostLedger(window=10, limit=1.0, long_query=0.5, memory=60, clock=clock)
    for _ in range(5000):
        started = ledger.start("a")
        clock.now += 0.001
        ledger.finish("a", started)
    assert ledger.spent("a") == pytest.approx(5.0)
    assert ledger.heavy("a")
    clock.now += 7.5  # they ended over 5 s; the first half leaves the window
    assert ledger.spent("a") == pytest.approx(2.5, abs=0.002)
    clock.now += 2.6
    assert ledger.spent("a") == 0 and "a" not in ledger._done_total
