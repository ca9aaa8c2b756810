"""Jira deliveries signed as Jira signs them: applied once, forged or stale ones refused."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from devbizops.db import Database
from devbizops.settings import Settings
from memory.source_models import JiraIssue, JiraTransition
from tests.api.webhooks.conftest import (
    SECRET,
    add_connector,
    assert_error,
    count,
    deliveries,
    event_kinds,
)
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.jira import create_app, sandbox_of
from tools.sandbox.servers.jira import webhooks as sandbox_webhooks
from tools.sandbox.servers.jira.beans import Site

URL = "/v1/webhooks/jira"


def _payloads(company: SandboxCompany, *, age: timedelta = timedelta(0)) -> list[dict[str, Any]]:
    """``issue_created`` then ``issue_updated`` (To Do → In Progress), each rendered when it
    happened, as Jira would POST them."""
    ticks = itertools.count()
    start = datetime.now(UTC) - age - timedelta(seconds=5)
    # One second per clock reading, so the update is visibly later than the creation.
    sandbox = sandbox_of(create_app(company, clock=lambda: start + timedelta(seconds=next(ticks))))
    store = sandbox.store
    site = Site(store, "https://acme.atlassian.net", sandbox.custom_fields, 100)
    created = store.create_issue(
        summary="Export to CSV",
        issue_type="Story",
        description=None,
        description_text="Customers asked for it",
        labels=["webhook"],
        priority="Medium",
        reporter=store.bot.account_id,
    )
    payloads = [sandbox_webhooks.payload(store.events[-1], site)]
    store.move(created.key, "In Progress", store.bot.account_id)
    payloads.append(sandbox_webhooks.payload(store.events[-1], site))
    return payloads


def test_created_and_updated_issue_each_applied_once_despite_three_deliveries(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "jira")
    for payload in _payloads(company):
        body, headers = sandbox_webhooks.delivery(payload, SECRET)
        answers = [client.post(URL, content=body, headers=headers) for _ in range(3)]
        assert [a.status_code for a in answers] == [202, 202, 202]
        assert [a.json()["status"] for a in answers] == ["applied", "duplicate", "duplicate"]
        assert answers[0].json()["event"] == payload["webhookEvent"]
    with db.transaction() as session:
        issue = session.execute(select(JiraIssue)).scalar_one()
        assert (issue.summary, issue.status) == ("Export to CSV", "In Progress")
        moved = session.execute(select(JiraTransition)).scalar_one()
        assert (moved.issue_key, moved.from_status, moved.to_status) == (
            issue.key,
            "To Do",
            "In Progress",
        )
    assert event_kinds(db, "jira") == ["issue.created", "issue.transitioned"]
    assert deliveries(db, "jira") == 2


def test_late_issue_created_does_not_undo_the_update(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "jira")
    created, updated = _payloads(company)
    for payload in (updated, created):
        body, headers = sandbox_webhooks.delivery(payload, SECRET)
        assert client.post(URL, content=body, headers=headers).json()["status"] == "applied"
    with db.transaction() as session:
        assert session.execute(select(JiraIssue.status)).scalar_one() == "In Progress"


def test_tampered_body_is_rejected_with_401(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "jira")
    payload = _payloads(company)[0]
    _, headers = sandbox_webhooks.delivery(payload, SECRET)
    forged = json.dumps({**payload, "issue": {**payload["issue"], "key": "DBO-1"}}).encode()
    answer = client.post(URL, content=forged, headers=headers)
    assert answer.status_code == 401
    error = assert_error(answer.json(), "invalid_signature")
    assert error["details"] == {"source": "jira", "reason": "mismatch"}
    assert count(db, JiraIssue) == 0


def test_wrong_secret_is_rejected_with_401(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "jira")
    body, headers = sandbox_webhooks.delivery(_payloads(company)[0], "another-secret")
    answer = client.post(URL, content=body, headers=headers)
    assert answer.status_code == 401
    assert assert_error(answer.json(), "invalid_signature")["details"]["reason"] == "mismatch"
    assert deliveries(db, "jira") == 0


def test_delivery_older_than_the_window_is_rejected_as_stale(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "jira")
    payload = _payloads(company, age=timedelta(minutes=10))[0]
    body, headers = sandbox_webhooks.delivery(payload, SECRET)
    answer = client.post(URL, content=body, headers=headers)
    assert answer.status_code == 401
    error = assert_error(answer.json(), "invalid_signature")
    assert error["details"]["reason"] == "stale"
    assert "stale" in error["message"]
    assert count(db, JiraIssue) == 0


def test_unknown_event_type_is_acknowledged_as_ignored(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "jira")
    payload = {**_payloads(company)[0], "webhookEvent": "comment_created"}
    body, headers = sandbox_webhooks.delivery(payload, SECRET)
    answer = client.post(URL, content=body, headers=headers)
    assert (answer.status_code, answer.json()["status"]) == (202, "ignored")
    assert count(db, JiraIssue) == 0


def test_signed_body_that_is_not_a_jira_event_is_invalid_input(
    client: TestClient, settings: Settings, db: Database
) -> None:
    add_connector(settings, db, "jira")
    body, headers = sandbox_webhooks.delivery({"hello": "world"}, SECRET)
    answer = client.post(URL, content=body, headers=headers)
    assert answer.status_code == 422
    assert_error(answer.json(), "invalid_input")
