"""Every request gets an id (the caller's when sane), echoed back and carried by its log lines."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from devbizops.db import Database
from memory.repositories.orgs import OrgRepository
from tests.api.conftest import KeyFactory
from tests.api.ops.conftest import PROBE_ROUTE, LogLines


def test_a_sane_request_id_is_echoed(probe_client: TestClient) -> None:
    answer = probe_client.get("/healthz", headers={"X-Request-ID": "lb-7f3a.42:9"})
    assert answer.headers["x-request-id"] == "lb-7f3a.42:9"


@pytest.mark.parametrize("sent", [None, "", "has space", "x" * 200, "evil\tinjected"])
def test_a_missing_or_unsafe_request_id_is_replaced(
    probe_client: TestClient, sent: str | None
) -> None:
    headers = {} if sent is None else {"X-Request-ID": sent}
    answer = probe_client.get("/healthz", headers=headers)
    echoed = answer.headers["x-request-id"]
    assert echoed != sent
    assert len(echoed) == 32 and int(echoed, 16) >= 0


def test_error_responses_carry_the_request_id(probe_client: TestClient) -> None:
    answer = probe_client.get("/_probe/runs/r1", headers={"X-Request-ID": "req-401"})
    assert answer.status_code == 401
    assert answer.headers["x-request-id"] == "req-401"


def test_log_lines_carry_request_org_and_run_ids(
    probe_client: TestClient, auth_headers: KeyFactory, db: Database, json_logs: LogLines
) -> None:
    headers = {**auth_headers("engineer", org="logs-org"), "X-Request-ID": "req-logs-1"}

    answer = probe_client.get("/_probe/runs/run-77", headers=headers)

    assert answer.status_code == 200
    with db.transaction() as session:
        org_id = str(OrgRepository(session).ensure("logs-org"))
    [inside] = json_logs.events("probe_inside")
    assert inside["request_id"] == "req-logs-1"
    assert inside["run_id"] == "run-77"
    assert inside["org_id"] == org_id
    [access] = [e for e in json_logs.events("http_request") if e["request_id"] == "req-logs-1"]
    assert access["route"] == PROBE_ROUTE
    assert access["path"] == "/_probe/runs/run-77"
    assert access["status"] == 200
    assert access["org_id"] == org_id
    assert access["run_id"] == "run-77"


def test_one_access_line_per_request_and_ids_do_not_leak_between_requests(
    probe_client: TestClient, json_logs: LogLines
) -> None:
    probe_client.get("/no/such/page", headers={"X-Request-ID": "first"})
    probe_client.get("/no/such/other", headers={"X-Request-ID": "second"})

    access = json_logs.events("http_request")
    assert [(e["request_id"], e["path"], e["status"]) for e in access] == [
        ("first", "/no/such/page", 404),
        ("second", "/no/such/other", 404),
    ]
    assert all("org_id" not in e and "run_id" not in e for e in access)
