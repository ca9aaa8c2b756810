"""POST /v1/evals runs a shipped dataset in the background and serves its reports."""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from api.app import create_app
from devbizops.settings import Settings
from evals.report_json import Report
from tests.api.conftest import KeyFactory


def _wait(client: TestClient, eval_id: str) -> dict[str, object]:
    for _ in range(300):
        body: dict[str, object] = client.get(f"/v1/evals/{eval_id}").json()
        if body["status"] != "running":
            return body
        time.sleep(0.05)
    raise AssertionError("eval run did not finish")


def test_a_dataset_runs_in_the_background_and_serves_json_and_html(
    settings: Settings, auth_headers: KeyFactory
) -> None:
    with TestClient(create_app(settings)) as client:
        client.headers.update(auth_headers("engineer"))
        started = client.post("/v1/evals", json={"dataset": "dashboard", "provider": "offline"})
        assert started.status_code == 202
        body = started.json()
        assert body["status"] == "running" and body["dataset"] == "dashboard"
        assert client.get(body["report_url"]).status_code in (200, 404)

        done = _wait(client, str(body["id"]))
        assert done["status"] == "succeeded", done
        summary = done["summary"]
        assert isinstance(summary, dict) and summary["cases"] == 6
        assert summary["exact_match_rate"] == 1.0

        report = Report.model_validate(json.loads(client.get(body["report_url"]).text))
        assert report.suite == "dashboard" and report.provider == "offline"
        html = client.get(body["html_url"])
        assert html.headers["content-type"].startswith("text/html")
        assert "<html" in html.text and "dashboard" in html.text


def test_unknown_dataset_and_unknown_run_are_structured_404s(
    settings: Settings, auth_headers: KeyFactory
) -> None:
    with TestClient(create_app(settings)) as client:
        client.headers.update(auth_headers("engineer"))
        missing = client.post("/v1/evals", json={"dataset": "nope"})
        assert missing.status_code == 404
        error = missing.json()["error"]
        assert error["code"] == "not_found" and "techtranslator" in error["message"]

        assert client.get("/v1/evals/0123abcd").json()["error"]["code"] == "not_found"
        assert client.get("/v1/evals/..%2f..%2fetc/report").status_code == 404
        bad = client.post("/v1/evals", json={"dataset": "../x"})
        assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_input"
