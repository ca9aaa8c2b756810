"""Idempotency-Key on POST /v1/runs: one run per key and body, whatever the concurrency."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from devbizops.db import Database
from memory.models import AuditLog, Run
from tests.api.conftest import KeyFactory
from tests.api.runs.conftest import translate, wait_for


def count(db: Database, model: type[Run] | type[AuditLog]) -> int:
    with db.transaction() as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_same_key_and_body_replay_the_same_run(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    headers = {**auth_headers(), "Idempotency-Key": "call-42"}
    first = api.post("/v1/runs", json=translate(), headers=headers)
    again = api.post("/v1/runs", json=translate(), headers=headers)
    assert first.status_code == 202 and "Idempotent-Replayed" not in first.headers
    assert again.status_code == 200 and again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Location"] == first.headers["Location"]
    assert count(db, Run) == 1 and count(db, AuditLog) == 1
    wait_for(api, first.json()["id"], headers)


def test_same_key_with_another_body_is_a_409_idempotency_conflict(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    headers = {**auth_headers(), "Idempotency-Key": "call-43"}
    first = api.post("/v1/runs", json=translate(), headers=headers)
    other = api.post("/v1/runs", json=translate(account="Someone Else"), headers=headers)
    assert other.status_code == 409
    error = other.json()["error"]
    assert error["code"] == "idempotency_conflict"
    assert error["details"] == {"idempotency_key": "call-43", "run_id": first.json()["id"]}
    assert count(db, Run) == 1
    wait_for(api, first.json()["id"], headers)


def test_eight_concurrent_duplicates_create_one_run(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    headers = {**auth_headers(), "Idempotency-Key": "burst"}

    def post(_: int) -> tuple[int, str]:
        answer = api.post("/v1/runs", json=translate(), headers=headers)
        return answer.status_code, answer.json()["id"]

    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(post, range(8)))
    assert len({run_id for _, run_id in answers}) == 1
    assert sorted(code for code, _ in answers) == [200] * 7 + [202]
    assert count(db, Run) == 1 and count(db, AuditLog) == 1
    run = wait_for(api, answers[0][1], headers)
    assert run["status"] == "succeeded" and run["attempts"] == 1


def test_the_same_key_in_another_organization_is_another_run(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    a = {**auth_headers(org="acme"), "Idempotency-Key": "shared"}
    b = {**auth_headers(org="globex"), "Idempotency-Key": "shared"}
    run_a = api.post("/v1/runs", json=translate(), headers=a).json()
    run_b = api.post("/v1/runs", json=translate(), headers=b).json()
    assert run_a["id"] != run_b["id"]
    wait_for(api, run_a["id"], a)
    wait_for(api, run_b["id"], b)
