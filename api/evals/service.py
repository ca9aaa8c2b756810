"""Eval runs in a background thread; status and reports are files, so any API worker serves them.

Layout: ``<data dir>/evals/api/<id>/status.json``, ``report.json``, ``report.html``.
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from api.evals.schemas import EvalCreate, EvalOut
from devbizops.errors import NotFound
from devbizops.llm import language_model
from devbizops.settings import Settings
from evals.report_html import write_html
from evals.report_json import Report, write_atomic, write_report
from evals.suites.base import evaluate
from evals.suites.registry import detect_suite, get_suite

DATASETS = Path(__file__).resolve().parents[2] / "evals" / "datasets"


class EvalService:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.root = settings.data_path / "evals" / "api"

    def start(self, body: EvalCreate) -> EvalOut:
        """Validate the request, record the run and start it; returns at once."""
        dataset = DATASETS / f"{body.dataset}.jsonl"
        if not dataset.exists():
            known = ", ".join(sorted(p.stem for p in DATASETS.glob("*.jsonl")))
            raise NotFound(f"no dataset {body.dataset!r}; shipped datasets: {known}")
        suite = get_suite(detect_suite(dataset))
        cases = suite.load(dataset)  # a malformed dataset fails the request, not the thread
        eval_id = uuid.uuid4().hex
        self._save(
            eval_id,
            {"id": eval_id, "dataset": body.dataset, "status": "running", "created_at": _now()},
        )
        thread = threading.Thread(
            target=self._run,
            args=(eval_id, body, suite, cases, dataset),
            daemon=True,
            name=f"eval-{eval_id[:8]}",
        )
        thread.start()
        return self.get(eval_id)

    def _run(self, eval_id: str, body: EvalCreate, suite: Any, cases: Any, dataset: Path) -> None:
        try:
            llm = language_model(self.settings, provider=body.provider, model=body.model)
            summary, results = evaluate(suite, cases, llm, concurrency=body.concurrency)
            report = Report(
                suite=suite.name,
                dataset=dataset.name,
                provider=llm.provider,
                model=llm.model,
                created_at=_now(),
                summary=summary,
                cases=[r.model_dump(mode="json") for r in results],
            )
            folder = self.root / eval_id
            write_report(folder / "report.json", report)
            write_html(folder / "report.html", report, suite.directions, [])
            self._update(
                eval_id,
                status="succeeded",
                provider=llm.provider,
                model=llm.model,
                summary=summary,
                finished_at=_now(),
            )
        except Exception as exc:  # recorded for the caller; the thread must not die silently
            self._update(
                eval_id, status="failed", error=f"{type(exc).__name__}: {exc}", finished_at=_now()
            )

    def get(self, eval_id: str) -> EvalOut:
        """An eval run's status (and summary once finished)."""
        path = self._status_path(eval_id)
        if not path.exists():
            raise NotFound(f"no eval run {eval_id}")
        data = json.loads(path.read_text())
        return EvalOut(
            **data,
            report_url=f"/v1/evals/{eval_id}/report",
            html_url=f"/v1/evals/{eval_id}/report.html",
        )

    def report_path(self, eval_id: str, name: str) -> Path:
        """A finished run's report file; NotFound while it is still running."""
        path = self.root / self._checked(eval_id) / name
        if not path.exists():
            raise NotFound(f"eval run {eval_id} has no report yet ({self.get(eval_id).status})")
        return path

    def _checked(self, eval_id: str) -> str:
        # Ids are hex: never let a path segment through.
        if not eval_id.isalnum():
            raise NotFound(f"no eval run {eval_id}")
        return eval_id

    def _status_path(self, eval_id: str) -> Path:
        return self.root / self._checked(eval_id) / "status.json"

    def _save(self, eval_id: str, data: dict[str, Any]) -> None:
        path = self._status_path(eval_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, json.dumps(data, default=str))

    def _update(self, eval_id: str, **values: Any) -> None:
        data = json.loads(self._status_path(eval_id).read_text())
        self._save(eval_id, {**data, **values})


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
