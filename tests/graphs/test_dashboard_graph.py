"""The dashboard graph: period input, chart files and the checked investor update."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from api.runs.service import RunService
from devbizops.errors import InvalidInput
from devbizops.settings import Settings
from tests.graphs.conftest import ServiceFactory
from tools.llm import LanguageModel

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def run_dashboard(service: RunService, data: dict[str, str]) -> dict[str, object]:
    run = service.create("test-org", "dashboard", data)
    done = service.execute(run.id)
    assert done.status == "succeeded", done.error
    return {"id": str(run.id), **(done.output or {})}


def assert_valid_chart(files: dict[str, str]) -> None:
    svg, png = Path(files["svg"]), Path(files["png"])
    assert ElementTree.parse(svg).getroot().tag.endswith("svg")
    data = png.read_bytes()
    assert data.startswith(PNG_MAGIC) and len(data) > 2_000
    assert Path(files["spec"]).read_text(encoding="utf-8").startswith("{")


def test_dashboard_of_an_empty_org_covers_the_90_days_ending_today(
    run_service: ServiceFactory, offline_llm: LanguageModel, settings: Settings
) -> None:
    with run_service(offline_llm) as service:
        out = run_dashboard(service, {})

    metrics = out["metrics"]
    assert isinstance(metrics, dict)
    today = datetime.now(UTC).date()
    assert metrics["period_end"][:10] == today.isoformat()
    assert metrics["period_start"][:10] == (today - timedelta(days=89)).isoformat()
    assert metrics["saas"]["arr_end"] == 0 and metrics["dora"]["deploys"] == 0
    charts = out["charts"]
    assert isinstance(charts, dict)
    assert set(charts) == {"arr_movements", "pipeline_by_stage", "dora_trend"}
    run_dir = settings.data_path / "charts" / str(out["id"])
    for files in charts.values():
        assert all(Path(p).parent == run_dir for p in files.values())
        assert_valid_chart(files)
    update = (run_dir / "investor_update.md").read_text(encoding="utf-8")
    assert update == out["investor_update"]
    assert "| ARR at end | $0 |" in update and "![ARR movements](arr_movements.svg)" in update


def test_dashboard_takes_a_period_of_whole_days(
    run_service: ServiceFactory, offline_llm: LanguageModel
) -> None:
    with run_service(offline_llm) as service:
        out = run_dashboard(service, {"period_start": "2024-01-01", "period_end": "2024-03-31"})

    metrics = out["metrics"]
    assert isinstance(metrics, dict)
    assert metrics["period_start"] == "2024-01-01T00:00:00Z"
    assert metrics["period_end"] == "2024-03-31T23:59:59.999999Z"
    assert metrics["dora"]["deploys_per_week"] == 0
    assert "From 2024-01-01 to 2024-03-31" in str(out["narrative"])


def test_dashboard_refuses_a_period_that_ends_before_it_starts(
    run_service: ServiceFactory, offline_llm: LanguageModel
) -> None:
    with run_service(offline_llm) as service, pytest.raises(InvalidInput, match="period_end"):
        service.create(
            "test-org",
            "dashboard",
            {"period_start": str(date(2024, 3, 1)), "period_end": "2024-02-01"},
        )
