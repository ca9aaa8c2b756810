"""A run interrupted by an exception resumes from its checkpoint without redoing finished nodes."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from devbizops.db import Database
from devbizops.errors import UpstreamError
from memory.models import Requirement
from tests.conftest import read_sample
from tests.graphs.conftest import ServiceFactory
from tools.llm import ExtractTask, LanguageModel, ProseTask


class FailsOnce:
    """The offline model, except that the first ``fail_on`` call raises."""

    def __init__(self, inner: LanguageModel, fail_on: str, error: Exception) -> None:
        self.inner, self.fail_on, self.error = inner, fail_on, error
        self.calls: list[str] = []

    @property
    def provider(self) -> str:
        return self.inner.provider

    @property
    def model(self) -> str:
        return self.inner.model

    def _maybe_fail(self, name: str) -> None:
        self.calls.append(name)
        if name == self.fail_on and self.calls.count(name) == 1:
            raise self.error

    def extract(self, task: ExtractTask[Any]) -> Any:
        self._maybe_fail(task.name)
        return self.inner.extract(task)

    def write(self, task: ProseTask) -> str:
        self._maybe_fail(task.name)
        return self.inner.write(task)


def _started(service: Any, run_id: Any) -> list[str]:
    return [e.payload["node"] for e in service.events(run_id) if e.type == "node.started"]


def test_failed_extraction_resumes_without_reparsing(
    run_service: ServiceFactory, offline_llm: LanguageModel, db: Database
) -> None:
    flaky = FailsOnce(offline_llm, "techtranslator.requirements", UpstreamError("provider down"))
    text = read_sample("acme_logistics_discovery.txt")
    with run_service(flaky) as runs:
        run = runs.create("test-org", "techtranslator", {"transcript": text})
        failed = runs.execute(run.id)
        assert failed.status == "failed"
        assert failed.error == {"code": "upstream_unavailable", "message": "provider down"}
        assert _started(runs, run.id) == ["parse", "extract"]

        done = runs.execute(run.id)
        assert done.status == "succeeded"
        assert _started(runs, run.id) == ["parse", "extract", "extract", "ground", "store"]
        types = [e.type for e in runs.events(run.id)]
        assert types.count("run.failed") == 1 and "run.resumed" in types
    assert flaky.calls == ["techtranslator.requirements", "techtranslator.requirements"]
    with db.transaction() as session:
        stored = session.execute(select(func.count()).select_from(Requirement)).scalar_one()
    assert stored == len(done.output["requirements"]) > 0  # type: ignore[index]


def test_pipeline_resumes_inside_the_failed_subgraph(
    run_service: ServiceFactory, offline_llm: LanguageModel
) -> None:
    flaky = FailsOnce(offline_llm, "dashboard.narrative", RuntimeError("narrator crashed"))
    text = read_sample("acme_logistics_discovery.txt")
    with run_service(flaky) as runs:
        run = runs.create("test-org", "pipeline", {"transcript": text, "account": "Acme"})
        failed = runs.execute(run.id)
        assert failed.status == "failed"
        assert failed.error == {"code": "internal", "message": "RuntimeError: narrator crashed"}
        done = runs.execute(run.id)
        assert done.status == "succeeded"
        started = _started(runs, run.id)
    # Everything before the dashboard's report ran once; the report ran twice (failed, then ok).
    assert started.count("techtranslator/parse") == 1
    assert started.count("roadmap/score") == 1
    assert started.count("dashboard/load") == 1
    assert started.count("dashboard/report") == 2
    assert done.output is not None and done.output["metrics"]["requirements_total"] > 0
