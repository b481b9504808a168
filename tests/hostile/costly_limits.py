"""The tight limits of the ``costly_server`` fixture (see conftest.py), shared with its tests."""

MEMORY_MIB = 256  # --worker-memory
BUDGET_S = 5  # --timeout
