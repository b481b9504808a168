"""schemathesis against the OpenAPI document the server publishes (/openapi.json): for every
operation, generated paths, parameters, headers and bodies, sent to a real server on loopback, never
get a 5xx. (schemathesis's lazy pytest loader does not work with pytest 9, so the operations are
driven here, each with its own Hypothesis run.)"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

EXAMPLES_PER_OPERATION = 40


def test_no_operation_answers_5xx(server):
    schema = schemathesis.openapi.from_url(server.url + "openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 20, [op.label for op in operations]
    failures: dict[str, str] = {}
    calls = 0
    for operation in operations:

        @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy())
        def run(case):
            nonlocal calls
            calls += 1
            case.call_and_validate(base_url=server.url.rstrip("/"), checks=[not_a_server_error])

        try:
            run()
        except Exception as e:
            failures[operation.label] = f"{type(e).__name__}: {e}"[:2000]
    assert not failures, "\n\n".join(f"{label}:\n{error}" for label, error in failures.items())
    assert calls >= len(operations) * 5
