"""``POST /v1/transcripts``: multipart or JSON, validated by the parsers, idempotent, limited."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from devbizops.db import Database
from memory.repositories.audit import AuditRepository
from memory.repositories.orgs import OrgRepository
from tests.api.conftest import KeyFactory
from tests.api.transcripts.conftest import finished
from tests.conftest import read_sample

JSON = {"Content-Type": "application/json"}


def audit_actions(db: Database, org: str = "acme") -> list[str]:
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(org)
        return [row.action for row in AuditRepository(session).list(org_id)]


def test_multipart_upload_starts_a_run_whose_requirements_are_served(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    sales = auth_headers("sales")
    content = read_sample("acme_logistics_discovery.txt")
    answer = api.post(
        "/v1/transcripts",
        files={"file": ("call.txt", content.encode(), "text/plain")},
        data={"account": "Acme Logistics"},
        headers=sales,
    )
    assert answer.status_code == 202, answer.text
    accepted = answer.json()
    assert accepted["format"] == "text" and accepted["status"] == "queued"
    assert finished(db, accepted["run_id"]) == "succeeded"

    listed = api.get("/v1/transcripts", headers=sales).json()
    assert listed["total"] == 1 and listed["next_offset"] is None
    summary = listed["items"][0]
    assert summary["id"] == accepted["transcript_id"] and summary["account"] == "Acme Logistics"
    assert summary["requirements"] > 0
    stored = api.get(f"/v1/transcripts/{accepted['transcript_id']}", headers=sales).json()
    assert stored["content"] == content

    found = api.get(f"/v1/requirements?run_id={accepted['run_id']}", headers=sales).json()
    assert found["total"] == summary["requirements"]
    assert {r["account"] for r in found["items"]} == {"Acme Logistics"}
    first = found["items"][0]
    detail = api.get(f"/v1/requirements/{first['id']}", headers=sales).json()
    assert detail["evidence"] and len(detail["evidence"]) == first["evidence_count"]
    assert all(e["quote"] in content for e in detail["evidence"])
    assert audit_actions(db)[:2] == ["transcript.upload", "run.create"]  # newest first


def test_json_upload_with_idempotency_key_gives_one_run_and_one_transcript(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    owner = auth_headers("owner")
    body = {"content": read_sample("lumen_bank_discovery.gong.json"), "account": "Lumen Bank"}
    key = {"Idempotency-Key": "call-2026-01-07", **owner}
    first = api.post("/v1/transcripts", json=body, headers=key)
    again = api.post("/v1/transcripts", json=body, headers=key)
    assert first.status_code == again.status_code == 202, first.text
    assert first.json()["format"] == "gong"
    assert again.json()["run_id"] == first.json()["run_id"]
    assert again.json()["transcript_id"] == first.json()["transcript_id"]
    assert finished(db, first.json()["run_id"]) == "succeeded"
    assert api.get("/v1/transcripts", headers=owner).json()["total"] == 1
    assert audit_actions(db).count("transcript.upload") == 1

    other = api.post("/v1/transcripts", json={**body, "account": "Other"}, headers=key)
    assert other.status_code == 409


@pytest.mark.parametrize(
    ("content", "fmt", "where"),
    [
        ("WEBVTT\n\n00:00:01.000 --> garbage\nhello\n", "vtt", {"line": 3}),
        ('{"parties": []}', "gong", {"field": "transcript"}),
        ("1\n00:00:01,000 --> 00:00:02,000\nA: hi\n\n2\nbad\n", None, {"line": 6}),
    ],
)
def test_malformed_transcript_is_refused_naming_format_and_place(
    api: TestClient,
    auth_headers: KeyFactory,
    content: str,
    fmt: str | None,
    where: dict[str, object],
) -> None:
    owner = auth_headers("owner")
    data = {"format": fmt} if fmt else {}
    answer = api.post(
        "/v1/transcripts",
        files={"file": ("call", content.encode(), "application/octet-stream")},
        data=data,
        headers=owner,
    )
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error["code"] == "invalid_transcript"
    assert error["details"]["format"] == (fmt or "srt")
    assert where.items() <= error["details"].items()
    assert api.get("/v1/transcripts", headers=owner).json()["total"] == 0


def test_oversized_unsupported_and_unauthorised_uploads_are_refused(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    owner = auth_headers("owner")
    huge = "Customer: we need exports.\n" * 90_000  # about 2.4 MB
    too_big = api.post("/v1/transcripts", files={"file": ("big.txt", huge.encode())}, headers=owner)
    assert too_big.status_code == 413
    assert too_big.json()["error"]["code"] == "transcript_too_large"
    plain = api.post(
        "/v1/transcripts", content=b"A: hi", headers={**owner, "Content-Type": "text/plain"}
    )
    assert plain.status_code == 415
    not_utf8 = api.post(
        "/v1/transcripts", files={"file": ("x.txt", b"\xff\xfe\xfa")}, headers=owner
    )
    assert not_utf8.status_code == 422 and not_utf8.json()["error"]["details"]["field"] == "file"
    deep = b"[" * 100_000 + b"]" * 100_000
    nested = api.post("/v1/transcripts", content=deep, headers={**owner, **JSON})
    assert nested.status_code == 422 and "nested too deeply" in nested.json()["error"]["message"]
    missing = api.post("/v1/transcripts", json={"account": "x"}, headers=owner)
    assert missing.status_code == 422
    assert missing.json()["error"]["details"]["fields"][0]["loc"] == ["content"]

    viewer = api.post("/v1/transcripts", json={"content": "A: hi"}, headers=auth_headers("viewer"))
    assert viewer.status_code == 403
    assert api.post("/v1/transcripts", json={"content": "A: hi"}).status_code == 401
