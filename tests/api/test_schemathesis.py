"""Schemathesis over the whole OpenAPI schema: no generated request makes the API answer 5xx.

Every operation is called as an organization owner (so requests pass authentication and reach
the handlers) with a few deterministic examples per generation mode: schema-valid requests and
requests that break the schema. Left out: the webhook and Slack routes, which refuse anything
without a valid signature, and the streaming (SSE) endpoints.
"""

from __future__ import annotations

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.schemas import APIOperation, BaseSchema

from devbizops.db import Database
from tests.api.conftest import issue_key

SIGNED = r"^/(v1/webhooks|slack)/"
STREAMS = r"(/events|/stream)$"
EXAMPLES = 4  # per operation and mode: enough to reach every handler, small enough for CI


@pytest.fixture
def app_schema(api_app: FastAPI) -> BaseSchema:
    schema = schemathesis.openapi.from_asgi("/openapi.json", api_app)
    return schema.exclude(path_regex=SIGNED).exclude(path_regex=STREAMS)


def server_errors(operation: APIOperation, mode: GenerationMode, headers: dict[str, str]) -> str:
    """The first 5xx this operation answers to generated requests ('' when none)."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,  # the same requests on every run
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def check(case: Case) -> None:
        try:
            case.call_and_validate(headers=headers, checks=[not_a_server_error])
        except Exception as exc:  # a 5xx, or the app's own exception surfacing in-process
            raise AssertionError(f"{exc}\nreproduce: {case.as_curl_command(headers)}") from exc

    try:
        check()
    except Unsatisfiable:
        return ""  # no request can break this operation's schema (it takes no parameters)
    except Exception as exc:  # a 5xx, or Hypothesis finding the failure flaky: both reported
        return f"{operation.label} ({mode.value}):\n{exc}"
    return ""


def test_no_operation_answers_with_a_server_error(app_schema: BaseSchema, db: Database) -> None:
    owner = {"X-Api-Key": issue_key(db, "acme", "owner")}
    operations = [result.ok() for result in app_schema.get_all_operations()]
    assert len(operations) > 40  # the schema was read and filtered, not emptied
    failures = [
        found
        for operation in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
        if (found := server_errors(operation, mode, owner))
    ]
    assert not failures, "\n\n".join(failures)
