"""GitHub webhook deliveries for sandbox records, built and signed the way GitHub does it.

The event follows the record: a pull request gives ``pull_request``, a release ``release`` and a
deployment ``deployment_status`` (for one of its statuses). The body is signed over its exact
bytes: ``X-Hub-Signature-256: sha256=<hex HMAC-SHA256>`` and the legacy ``X-Hub-Signature:
sha1=<hex HMAC-SHA1>``.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from typing import Any

import httpx

from tools.sandbox.model import (
    GhDeployment,
    GhDeploymentStatus,
    GhPullRequest,
    GhRelease,
    SandboxCompany,
)
from tools.sandbox.servers.github import render_activity as activity
from tools.sandbox.servers.github import render_pulls as pulls
from tools.sandbox.servers.github.catalog import Catalog, node_id, stable_int
from tools.sandbox.servers.github.render_repos import Json, Site, repository, user
from tools.sandbox.servers.github.wire import dumps

API = "https://api.github.com"
Record = GhPullRequest | GhRelease | GhDeployment


@dataclass(frozen=True)
class WebhookDelivery:
    event: str
    delivery_id: str
    headers: dict[str, str]
    body: bytes


def _organization(site: Site) -> Json:
    org = site.catalog.org
    url = f"{site.api}/orgs/{org}"
    return {
        "login": org,
        "id": site.catalog.org_id,
        "node_id": node_id("Organization", site.catalog.org_id),
        "url": url,
        "repos_url": f"{url}/repos",
        "events_url": f"{url}/events",
        "hooks_url": f"{url}/hooks",
        "issues_url": f"{url}/issues",
        "members_url": f"{url}/members{{/member}}",
        "public_members_url": f"{url}/public_members{{/member}}",
        "avatar_url": f"https://avatars.githubusercontent.com/u/{site.catalog.org_id}?v=4",
        "description": site.catalog.company.name,
    }


def _payload(
    site: Site, record: Record, action: str | None, status: GhDeploymentStatus | None
) -> tuple[str, dict[str, Any]]:
    repo = site.catalog.repo(site.catalog.org, record.repo)
    if repo is None:
        raise ValueError(f"{record.repo!r} is not a repository of {site.catalog.org}")
    common = {"repository": repository(site, repo), "organization": _organization(site)}
    if isinstance(record, GhPullRequest):
        default = "closed" if record.state == "closed" else "opened"
        body = pulls.pull_full(site, repo, record)
        return "pull_request", {
            "action": action or default,
            "number": record.number,
            "pull_request": body,
            **common,
            "sender": body["user"],
        }
    if isinstance(record, GhRelease):
        body = activity.release(site, repo, record)
        return "release", {
            "action": action or ("created" if record.draft else "published"),
            "release": body,
            **common,
            "sender": body["author"],
        }
    chosen = status or record.statuses[-1]
    return "deployment_status", {
        "action": action or "created",
        "deployment_status": activity.deployment_status(site, repo, record, chosen),
        "deployment": activity.deployment(site, repo, record),
        **common,
        "sender": user(site, record.creator_login),
    }


def build_delivery(
    company: SandboxCompany,
    record: Record,
    *,
    secret: str,
    action: str | None = None,
    status: GhDeploymentStatus | None = None,
    delivery_id: str | None = None,
    hook_id: int = 1,
    api_url: str = API,
) -> WebhookDelivery:
    """The headers and exact body GitHub would POST for ``record`` to a hook with ``secret``."""
    site = Site(Catalog.of(company), api=api_url.rstrip("/"))
    event, payload = _payload(site, record, action, status)
    body = dumps(payload)
    guid = delivery_id or str(uuid.uuid4())
    key = secret.encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "GitHub-Hookshot/" + hashlib.sha1(b"sandbox").hexdigest()[:7],
        "X-GitHub-Event": event,
        "X-GitHub-Delivery": guid,
        "X-GitHub-Hook-ID": str(hook_id),
        "X-GitHub-Hook-Installation-Target-Type": "organization",
        "X-GitHub-Hook-Installation-Target-ID": str(stable_int("org", company.github_org)),
        "X-Hub-Signature": "sha1=" + hmac.new(key, body, hashlib.sha1).hexdigest(),
        "X-Hub-Signature-256": "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest(),
    }
    return WebhookDelivery(event=event, delivery_id=guid, headers=headers, body=body)


def deliver(
    delivery: WebhookDelivery, url: str, *, client: httpx.Client | None = None
) -> httpx.Response:
    """POST ``delivery`` to ``url`` (a receiver under test) and return its answer."""
    if client is not None:
        return client.post(url, content=delivery.body, headers=delivery.headers)
    with httpx.Client(timeout=10.0) as own:
        return own.post(url, content=delivery.body, headers=delivery.headers)
