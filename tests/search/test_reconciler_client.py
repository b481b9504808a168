"""A real client of the Reconciliation API, PyPI's ``reconciler`` (pandas), reconciles the seed
pages' names against a running server, as a researcher would from a notebook."""

from __future__ import annotations

import pandas as pd
import pytest
from reconciler import reconcile

from support.reconciliation import SEED_TABLE


# reconciler 0.2.2 calls DataFrame.drop(inplace=True), which pandas 3.1 deprecates (a warning, which
# this suite turns into an error); the client's code is not ours to change
@pytest.mark.filterwarnings("ignore:The inplace keyword:DeprecationWarning")
def test_reconciler_links_a_column_of_seed_names(server):
    for kind in ("Person", "State", "Organization", "City"):
        rows = [(name, expected, match) for name, k, expected, match in SEED_TABLE if k == kind]
        column = pd.Series([name for name, _, _ in rows], name="name")
        linked = reconcile(column, type_id=kind, reconciliation_endpoint=server.url + "reconcile")
        by_name = {row.input_value: row for row in linked.itertuples()}
        for name, expected, match in rows:
            assert by_name[name].id == expected, (name, by_name[name])
            assert bool(by_name[name].match) is match, name
            assert by_name[name].type_id == kind
