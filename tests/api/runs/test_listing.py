"""GET /v1/runs: keyset pages, filters, and nothing of another organization."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.api.conftest import KeyFactory
from tests.api.runs.conftest import translate, wait_for


def all_pages(api: TestClient, headers: dict[str, str], **params: object) -> list[list[str]]:
    """The ids of every page, following next_cursor to the end."""
    pages: list[list[str]] = []
    query: dict[str, object] = dict(params)
    while True:
        body = api.get("/v1/runs", params=query, headers=headers).json()
        pages.append([r["id"] for r in body["items"]])
        if body["next_cursor"] is None:
            return pages
        query["cursor"] = body["next_cursor"]


def test_pages_cover_every_run_once_newest_first(api: TestClient, auth_headers: KeyFactory) -> None:
    headers = auth_headers()
    made = [api.post("/v1/runs", json=translate(), headers=headers).json()["id"] for _ in range(5)]
    for run_id in made:
        wait_for(api, run_id, headers)
    pages = all_pages(api, headers, limit=2)
    assert [len(p) for p in pages] == [2, 2, 1]
    listed = [run_id for page in pages for run_id in page]
    assert listed == made[::-1]


def test_filters_by_status_graph_and_creation_time(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    headers = auth_headers()
    first = api.post("/v1/runs/wait", json=translate(), headers=headers).json()
    second = api.post("/v1/runs/wait", json=translate(account="Beta"), headers=headers).json()

    def ids(**params: object) -> list[str]:
        return [
            r["id"] for r in api.get("/v1/runs", params=params, headers=headers).json()["items"]
        ]

    assert ids(status="succeeded") == [second["id"], first["id"]]
    assert ids(status="cancelled") == []
    assert ids(graph_id="techtranslator") == [second["id"], first["id"]]
    assert ids(graph_id="techtranslator", created_after=first["created_at"]) == [second["id"]]
    assert ids(graph_id="techtranslator", created_before=second["created_at"]) == [first["id"]]
    assert ids(status="succeeded", graph_id="dashboard") == []


def test_bad_list_parameters_are_422(api: TestClient, auth_headers: KeyFactory) -> None:
    headers = auth_headers()
    for params in ({"limit": 101}, {"limit": 0}, {"status": "nope"}, {"cursor": "not-a-cursor"}):
        answer = api.get("/v1/runs", params=params, headers=headers)
        assert answer.status_code == 422, params
        assert answer.json()["error"]["code"] == "invalid_input"


def test_another_organization_sees_none_of_the_runs(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    acme, globex = auth_headers(org="acme"), auth_headers(org="globex")
    run = api.post("/v1/runs/wait", json=translate(), headers=acme).json()
    assert api.get("/v1/runs", headers=globex).json() == {"items": [], "next_cursor": None}
    for path in ("", "/events", "/state", "/history"):
        answer = api.get(f"/v1/runs/{run['id']}{path}", headers=globex)
        assert answer.status_code == 404, path
        assert answer.json()["error"]["code"] == "not_found"
    for path in ("/cancel", "/resume"):
        body = {"action": "reject"} if path == "/resume" else None
        answer = api.post(f"/v1/runs/{run['id']}{path}", json=body, headers=globex)
        assert answer.status_code == 404, path
    assert api.get(f"/v1/runs/{run['id']}", headers=acme).json()["status"] == "succeeded"
