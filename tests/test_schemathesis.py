"""Fuzz every operation of the OpenAPI document against the app in process: no input gives a server error."""

from __future__ import annotations

import pytest

from annals.serve.app import create_app

from .conftest import store_of

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")
from hypothesis import HealthCheck, given, settings  # noqa: E402 - installed with schemathesis
from hypothesis import strategies as st  # noqa: E402

TOKEN = "fuzz-token"
OPERATIONS = ["GET /api/who", "GET /api/tenures", "GET /api/offices", "GET /api/conflicts", "GET /api/contacts",
              "GET /api/quotes", "GET /api/entities", "GET /api/documents/{doc_id}", "GET /api/stats",
              "POST /api/articles"]


@pytest.fixture(scope="module")
def operations(nlp, tmp_path_factory) -> dict:
    """The document's operations, bound to an app (with an ingest token) over the seeds."""
    annals = store_of(nlp, tmp_path_factory.mktemp("fuzz") / "seeds.db", ("data", "seeds"))
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(annals, token=TOKEN))
    return {op.label: op for op in (result.ok() for result in schema.get_all_operations())}


def test_every_operation_is_fuzzed(operations):
    assert sorted(operations) == sorted(OPERATIONS)


@pytest.mark.parametrize("label", OPERATIONS)
def test_no_server_errors(operations, label):
    op = operations[label]  # valid requests and invalid ones (which must get a 4xx)

    @given(case=st.one_of(op.as_strategy(), op.as_strategy(schemathesis.GenerationMode.NEGATIVE)))
    @settings(max_examples=40, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def fuzz(case):
        response = case.call(headers={"Authorization": f"Bearer {TOKEN}"})
        assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query} -> {response.text}"

    fuzz()
