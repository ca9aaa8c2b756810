"""``POST /v1/webhooks/{github,jira,crm}``: raw bytes and headers in, the service's answer out.

Signatures cover the exact bytes received, so the body is read raw, never parsed by FastAPI.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.concurrency import run_in_threadpool

from api.deps import WebhookServiceDep
from api.webhooks.schemas import WebhookAck

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

OrgQuery = Annotated[
    str | None,
    Query(
        description="organization slug whose connector holds the webhook secret (default: the "
        "server's DEVBIZOPS_ORG)"
    ),
]
ERRORS: dict[int | str, dict[str, str]] = {
    401: {"description": "invalid_signature: missing, wrong or stale signature"},
    404: {"description": "not_found: no connector with a webhook_secret for this org and source"},
    422: {"description": "invalid_input: a verified body that is not the vendor's payload"},
}


@router.post("/github", status_code=202, responses=ERRORS)
async def github_webhook(
    request: Request, webhooks: WebhookServiceDep, org: OrgQuery = None
) -> WebhookAck:
    """A GitHub delivery signed with ``X-Hub-Signature-256``."""
    body = await request.body()
    return await run_in_threadpool(webhooks.github, org, dict(request.headers), body)


@router.post("/jira", status_code=202, responses=ERRORS)
async def jira_webhook(
    request: Request, webhooks: WebhookServiceDep, org: OrgQuery = None
) -> WebhookAck:
    """A Jira admin-webhook delivery signed with ``X-Hub-Signature`` (sha256)."""
    body = await request.body()
    return await run_in_threadpool(webhooks.jira, org, dict(request.headers), body)


@router.post("/crm", status_code=202, responses=ERRORS)
async def crm_webhook(
    request: Request, webhooks: WebhookServiceDep, org: OrgQuery = None
) -> WebhookAck:
    """A HubSpot delivery signed with ``X-HubSpot-Signature-v3``."""
    body = await request.body()
    return await run_in_threadpool(
        webhooks.crm, org, request.method, str(request.url), dict(request.headers), body
    )
