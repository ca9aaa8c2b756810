"""``/v1/evals``: start an eval run in the background, poll it, fetch its reports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse

from api.auth.permissions import Permission
from api.auth.principal import Principal
from api.deps import SettingsDep, require
from api.evals.schemas import EvalCreate, EvalOut
from api.evals.service import EvalService

router = APIRouter(prefix="/v1/evals", tags=["evals"])


def get_eval_service(settings: SettingsDep) -> EvalService:
    return EvalService(settings)


EvalServiceDep = Annotated[EvalService, Depends(get_eval_service)]
EvalRunner = Annotated[Principal, require(Permission.EVALS_RUN)]


@router.post("", status_code=202)
def start_eval(principal: EvalRunner, body: EvalCreate, evals: EvalServiceDep) -> EvalOut:
    """Run a shipped dataset in the background; poll ``GET /v1/evals/{id}``."""
    return evals.start(body)


@router.get("/{eval_id}")
def get_eval(principal: EvalRunner, eval_id: str, evals: EvalServiceDep) -> EvalOut:
    """Status, and the summary once finished."""
    return evals.get(eval_id)


@router.get("/{eval_id}/report")
def get_report(principal: EvalRunner, eval_id: str, evals: EvalServiceDep) -> FileResponse:
    """The JSON report (same format as ``devbizops eval run --report``)."""
    return FileResponse(evals.report_path(eval_id, "report.json"), media_type="application/json")


@router.get("/{eval_id}/report.html")
def get_html(principal: EvalRunner, eval_id: str, evals: EvalServiceDep) -> FileResponse:
    """The self-contained HTML report."""
    return FileResponse(evals.report_path(eval_id, "report.html"), media_type="text/html")
