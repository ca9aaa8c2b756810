"""``/v1/dashboard``: the newest dashboard run's metrics, charts (spec, SVG, PNG) and update."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from devbizops.container import Container
from devbizops.db import Database
from devbizops.settings import Settings
from devbizops.sync import run_sync, sandbox_targets
from tests.api.conftest import KeyFactory
from tools.sandbox import truth
from tools.sandbox.model import SandboxCompany
from tools.sandbox.serve import RunningSandbox

ORG = "acme"


@pytest.fixture
def dashboard_run(db: Database, sandbox: RunningSandbox, container: Container) -> str:
    """The sandbox company synced into ``acme`` and a succeeded dashboard run over it."""
    run_sync(db, ORG, sandbox_targets(sandbox.endpoints), full=False, progress=lambda w, n: None)
    run = container.runs.create(ORG, "dashboard", {})
    done = container.runs.execute(run.id)
    assert done.status == "succeeded", done.error
    return str(run.id)


def test_nothing_to_show_before_the_first_dashboard_run(
    api: TestClient, auth_headers: KeyFactory
) -> None:
    viewer = auth_headers("viewer")
    for path in ("/v1/dashboard", "/v1/dashboard/charts/arr_movements", "/v1/dashboard/update.md"):
        answer = api.get(path, headers=viewer)
        assert answer.status_code == 404, path
        assert answer.json()["error"]["code"] == "no_dashboard"


def test_dashboard_metrics_charts_and_update_of_the_latest_run(
    api: TestClient, auth_headers: KeyFactory, dashboard_run: str, company: SandboxCompany
) -> None:
    viewer = auth_headers("viewer")
    answer = api.get("/v1/dashboard", headers=viewer)
    assert answer.status_code == 200, answer.text
    dashboard = answer.json()
    assert dashboard["run_id"] == dashboard_run
    saas = dashboard["metrics"]["saas"]
    end_month = company.end.date().isoformat()[:7]
    assert saas["arr_end"] == pytest.approx(truth.arr_by_month_end(company)[end_month])
    assert dashboard["narrative"]
    charts = {c["name"]: c for c in dashboard["charts"]}
    assert "arr_movements" in charts and charts["arr_movements"]["title"]
    assert charts["arr_movements"]["spec"]["mark"] == {"type": "bar"}

    links = charts["arr_movements"]
    assert links["svg"] == "/v1/dashboard/charts/arr_movements?format=svg"
    spec = api.get(links["vega"], headers=viewer)
    assert spec.headers["content-type"] == "application/vnd.vegalite+json"
    assert spec.json() == charts["arr_movements"]["spec"]
    svg = api.get(links["svg"], headers=viewer)
    assert svg.headers["content-type"] == "image/svg+xml" and svg.text.lstrip().startswith("<svg")
    png = api.get(links["png"], headers=viewer)
    assert png.headers["content-type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"

    missing = api.get("/v1/dashboard/charts/nope", headers=viewer)
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "chart_not_found"
    bad_format = api.get("/v1/dashboard/charts/arr_movements?format=gif", headers=viewer)
    assert bad_format.status_code == 422

    update = api.get("/v1/dashboard/update.md", headers=viewer)
    assert update.headers["content-type"].startswith("text/markdown")
    assert update.text.startswith("#") and "ARR" in update.text


def test_dashboard_needs_the_permission_and_stays_in_its_org(
    api: TestClient, auth_headers: KeyFactory, dashboard_run: str
) -> None:
    refused = api.get("/v1/dashboard", headers=auth_headers("sales"))
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "forbidden"
    other = auth_headers("owner", org="globex")
    for path in ("/v1/dashboard", "/v1/dashboard/charts/arr_movements", "/v1/dashboard/update.md"):
        assert api.get(path, headers=other).status_code == 404, path


def test_charts_are_rebuilt_from_the_database_on_a_host_without_the_files(
    api: TestClient, auth_headers: KeyFactory, dashboard_run: str, settings: Settings
) -> None:
    viewer = auth_headers("viewer")
    original = {
        c["name"]: c["spec"] for c in api.get("/v1/dashboard", headers=viewer).json()["charts"]
    }
    assert {"arr_movements", "dora_trend"} <= set(original)
    # As on an API host whose Celery worker rendered the files elsewhere.
    shutil.rmtree(settings.data_path / "charts" / dashboard_run)

    rebuilt = {
        c["name"]: c["spec"] for c in api.get("/v1/dashboard", headers=viewer).json()["charts"]
    }
    assert rebuilt == original
    png = api.get("/v1/dashboard/charts/dora_trend?format=png", headers=viewer)
    assert png.status_code == 200 and png.content[:4] == b"\x89PNG"
