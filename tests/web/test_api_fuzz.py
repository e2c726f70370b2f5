"""The JSON API fuzzed against its own OpenAPI description (schemathesis over Hypothesis).

Every operation the API describes gets requests generated from its description, valid
ones and invalid ones; every answer must be no server error and must conform to the
description (status codes, content types, response schemas), and what the description
says is invalid must be refused. A request the description allows may still be refused
(422) by a rule it cannot state (an email that is not an address, a lead already given),
so schemathesis's "valid data is accepted" check is left out. On SQLite and PostgreSQL,
over the sample network.

The examples per operation are bounded (:data:`EXAMPLES`, derandomized so a run is
repeatable) to fit CI's time; each run prints how many cases it tried.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode
from schemathesis.schemas import APIOperation

from netweave.sample import build_sample_workspace
from netweave.storage import Store
from netweave.web import create_app
from tests.local import LOCAL
from tests.web.conftest import NOW, SAMPLE_SIZE

EXAMPLES = 10
"""Examples per operation, mode and database."""
_LINES = 16
"""Lines of each failure shown (schemathesis's own account, with a curl line)."""


def _fuzz_one(operation: APIOperation, mode: GenerationMode, tried: Counter[str]) -> None:
    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=list(HealthCheck),
        derandomize=True,
        database=None,
    )
    def run(case: schemathesis.Case) -> None:
        tried[operation.label] += 1
        case.call_and_validate(base_url=LOCAL, excluded_checks=[positive_data_acceptance])

    run()


def _fuzz(schema: schemathesis.BaseSchema, mode: GenerationMode, tried: Counter[str]) -> list[str]:
    """Each operation fuzzed in turn; what failed, all of it, in a few lines each."""
    failures: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        try:
            _fuzz_one(operation, mode, tried)
        except Unsatisfiable:  # no request of this mode exists for the operation
            continue
        except (Exception, FailureGroup) as failure:
            said = "\n".join(str(failure).splitlines()[:_LINES])
            failures.append(f"{operation.label}: {type(failure).__name__}: {said}")
    return failures


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_answers_by_its_description(store: Store, mode: GenerationMode) -> None:
    build_sample_workspace(store, seed=7, size=SAMPLE_SIZE, name="demo")
    app = create_app(store, clock=lambda: NOW)
    schema = schemathesis.openapi.from_dict(app.openapi())
    schema.app = app  # requests go to the app in-process, sent to a host it serves
    tried: Counter[str] = Counter()
    started = time.perf_counter()
    failures = _fuzz(schema, mode, tried)
    took = time.perf_counter() - started
    print(f"\n{sum(tried.values())} {mode.value} cases over {len(tried)} operations, {took:.0f} s")
    assert len(tried) >= 40, "the API describes fewer operations than it has"
    assert not failures, "\n\n".join(failures)
