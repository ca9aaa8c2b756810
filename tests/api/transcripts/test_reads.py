"""Transcripts and requirements: filters, pagination, and another org sees none of them."""

from __future__ import annotations

from fastapi.testclient import TestClient

from devbizops.db import Database
from tests.api.conftest import KeyFactory
from tests.api.transcripts.conftest import finished
from tests.conftest import read_sample

CALLS = (
    ("acme_logistics_discovery.txt", "Acme Logistics"),
    ("orbit_media_qbr.vtt", "Orbit Media"),
)


def upload_calls(api: TestClient, headers: dict[str, str], db: Database) -> list[dict[str, str]]:
    accepted = []
    for name, account in CALLS:
        answer = api.post(
            "/v1/transcripts",
            json={"content": read_sample(name), "account": account},
            headers=headers,
        )
        assert answer.status_code == 202, answer.text
        accepted.append(answer.json())
    for item in accepted:
        assert finished(db, item["run_id"]) == "succeeded"
    return accepted


def test_requirement_filters_and_pages_partition_the_org_requirements(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    headers = auth_headers("engineer")
    upload_calls(api, headers, db)
    everything = api.get("/v1/requirements?limit=200", headers=headers).json()
    total = everything["total"]
    assert total == len(everything["items"]) and total >= 2

    pages, offset = [], 0
    while offset is not None:
        page = api.get(f"/v1/requirements?limit=2&offset={offset}", headers=headers).json()
        pages.extend(r["id"] for r in page["items"])
        offset = page["next_offset"]
    assert pages == [r["id"] for r in everything["items"]]

    for field in ("account", "category", "priority"):
        values = {r[field] for r in everything["items"]}
        counted = 0
        for value in values:
            part = api.get("/v1/requirements", params={field: value}, headers=headers).json()
            assert {r[field] for r in part["items"]} == {value}
            counted += part["total"]
        assert counted == total
    orbit = api.get("/v1/transcripts?account=Orbit Media", headers=headers).json()
    assert [t["format"] for t in orbit["items"]] == ["vtt"]
    assert api.get("/v1/requirements?category=nonsense", headers=headers).status_code == 422


def test_another_org_sees_no_transcript_nor_requirement(
    api: TestClient, auth_headers: KeyFactory, db: Database
) -> None:
    accepted = upload_calls(api, auth_headers("owner"), db)
    requirement = api.get("/v1/requirements", headers=auth_headers("viewer")).json()["items"][0]

    globex = auth_headers("owner", org="globex")
    assert api.get("/v1/transcripts", headers=globex).json() == {
        "items": [],
        "total": 0,
        "limit": 50,
        "offset": 0,
        "next_offset": None,
    }
    assert api.get("/v1/requirements", headers=globex).json()["total"] == 0
    run_filter = api.get(f"/v1/requirements?run_id={accepted[0]['run_id']}", headers=globex)
    assert run_filter.json()["total"] == 0
    for path in (
        f"/v1/transcripts/{accepted[0]['transcript_id']}",
        f"/v1/requirements/{requirement['id']}",
    ):
        answer = api.get(path, headers=globex)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
