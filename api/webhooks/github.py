"""GitHub deliveries → rows and events, mapped by the same functions the GitHub sync uses.

Applied: ``pull_request`` (any action: the payload carries the whole PR), ``release`` (all but
``deleted``), ``deployment_status``. Every other event (``push``, ``issues``, ``ping``...) is
acknowledged as ignored.
"""

from __future__ import annotations

import uuid
from typing import Any

from api.webhooks.changes import Changes, Upsert, load
from devbizops.errors import InvalidInput
from memory.source_models import Deployment, DeploymentStatus, PullRequest, Release
from memory.sync import github as mapping
from tools.github import Deployment as WireDeployment
from tools.github import DeploymentStatus as WireStatus
from tools.github import PullRequest as WirePR
from tools.github import Release as WireRelease
from tools.github.webhooks import WebhookDelivery


def changes(org_id: uuid.UUID, delivery: WebhookDelivery) -> Changes | None:
    """What the delivery changes; None when the event is not one we apply."""
    payload = delivery.payload
    if delivery.event == "pull_request":
        repo = _repo(payload)
        pr = load(WirePR, payload.get("pull_request"), "GitHub pull_request")
        return Changes(
            [
                Upsert(
                    PullRequest,
                    [mapping.pr_row(org_id, repo, pr)],
                    ("org_id", "repo", "number"),
                    newer_than="updated_at",
                )
            ],
            mapping.pr_events(org_id, repo, pr),
        )
    if delivery.event == "release" and delivery.action != "deleted":
        repo = _repo(payload)
        release = load(WireRelease, payload.get("release"), "GitHub release")
        return Changes(
            [
                Upsert(
                    Release, [mapping.release_row(org_id, repo, release)], ("org_id", "repo", "id")
                )
            ],
            [mapping.release_event(org_id, repo, release)],
        )
    if delivery.event == "deployment_status":
        repo = _repo(payload)
        deployment = load(WireDeployment, payload.get("deployment"), "GitHub deployment")
        status = load(WireStatus, payload.get("deployment_status"), "GitHub deployment_status")
        return Changes(
            [
                # The newest status is the deployment's outcome; an older one arriving late
                # is recorded as history without rolling the outcome back.
                Upsert(
                    Deployment,
                    [mapping.deployment_row(org_id, repo, deployment, status)],
                    ("org_id", "id"),
                    newer_than="state_at",
                ),
                Upsert(
                    DeploymentStatus,
                    [mapping.status_row(org_id, deployment.id, status)],
                    ("org_id", "id"),
                ),
            ],
            [
                mapping.deployment_created_event(org_id, repo, deployment),
                mapping.deployment_status_event(org_id, repo, deployment, status),
            ],
        )
    return None


def _repo(payload: dict[str, Any]) -> str:
    repository = payload.get("repository")
    name = repository.get("full_name") if isinstance(repository, dict) else None
    if not isinstance(name, str) or "/" not in name:
        raise InvalidInput("GitHub payload has no repository.full_name")
    return name
