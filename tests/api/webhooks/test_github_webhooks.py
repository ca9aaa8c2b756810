"""Deliveries signed like GitHub's: applied once, redeliveries acknowledged, forgeries refused."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from devbizops.db import Database
from devbizops.settings import Settings
from memory.source_models import Deployment, DeploymentStatus, PullRequest, Release
from tests.api.webhooks.conftest import (
    SECRET,
    add_connector,
    assert_error,
    count,
    deliveries,
    event_kinds,
)
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.github import build_delivery

URL = "/v1/webhooks/github"


def test_merged_pull_request_delivered_three_times_is_applied_once(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github")
    pr = company.pull_requests[1]
    delivery = build_delivery(company, pr, secret=SECRET)
    answers = [client.post(URL, content=delivery.body, headers=delivery.headers) for _ in range(3)]
    assert [a.status_code for a in answers] == [202, 202, 202]
    assert [a.json()["status"] for a in answers] == ["applied", "duplicate", "duplicate"]
    assert {a.json()["delivery_id"] for a in answers} == {delivery.delivery_id}
    assert count(db, PullRequest) == 1
    with db.transaction() as session:
        row = session.execute(select(PullRequest)).scalar_one()
        assert (row.repo, row.number) == (f"{company.github_org}/{pr.repo}", pr.number)
        assert row.merged_at == pr.merged_at
    assert event_kinds(db, "github") == ["pr.merged", "pr.opened"]
    assert deliveries(db, "github") == 1


def test_deployment_status_stores_the_outcome_its_status_and_events(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github")
    deployment = company.deployments[1]
    delivery = build_delivery(company, deployment, secret=SECRET)
    for _ in range(3):
        client.post(URL, content=delivery.body, headers=delivery.headers)
    with db.transaction() as session:
        row = session.execute(select(Deployment)).scalar_one()
        assert (row.id, row.state) == (deployment.id, deployment.statuses[-1].state)
    assert count(db, DeploymentStatus) == 1
    last = deployment.statuses[-1].state
    assert event_kinds(db, "github") == sorted(["deployment.created", f"deployment.{last}"])


def test_older_status_arriving_late_does_not_roll_the_outcome_back(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github")
    deployment = company.deployments[1]
    newest, oldest = deployment.statuses[-1], deployment.statuses[0]
    for status in (newest, oldest):
        delivery = build_delivery(company, deployment, secret=SECRET, status=status)
        assert client.post(URL, content=delivery.body, headers=delivery.headers).status_code == 202
    with db.transaction() as session:
        assert session.execute(select(Deployment.state)).scalar_one() == newest.state
    assert count(db, DeploymentStatus) == 2


def test_published_release_is_applied_once(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github")
    delivery = build_delivery(company, company.releases[0], secret=SECRET)
    answers = [client.post(URL, content=delivery.body, headers=delivery.headers) for _ in range(3)]
    assert [a.json()["status"] for a in answers] == ["applied", "duplicate", "duplicate"]
    assert count(db, Release) == 1
    assert event_kinds(db, "github") == ["release.published"]


def test_tampered_body_is_rejected_with_401_and_writes_nothing(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github")
    delivery = build_delivery(company, company.pull_requests[1], secret=SECRET)
    forged = delivery.body.replace(b'"merged":true', b'"merged":false', 1)
    assert forged != delivery.body
    answer = client.post(URL, content=forged, headers=delivery.headers)
    assert answer.status_code == 401
    error = assert_error(answer.json(), "invalid_signature")
    assert error["details"] == {"source": "github", "reason": "mismatch"}
    assert count(db, PullRequest) == 0
    assert deliveries(db, "github") == 0


def test_wrong_secret_is_rejected_with_401(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github")
    delivery = build_delivery(company, company.pull_requests[1], secret="not-our-secret")
    answer = client.post(URL, content=delivery.body, headers=delivery.headers)
    assert answer.status_code == 401
    assert "does not match" in assert_error(answer.json(), "invalid_signature")["message"]
    assert count(db, PullRequest) == 0


def test_missing_signature_is_rejected_with_401(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github")
    delivery = build_delivery(company, company.pull_requests[1], secret=SECRET)
    headers = {k: v for k, v in delivery.headers.items() if k != "X-Hub-Signature-256"}
    answer = client.post(URL, content=delivery.body, headers=headers)
    assert answer.status_code == 401
    assert assert_error(answer.json(), "invalid_signature")["details"]["reason"] == "missing"


def test_unknown_event_type_is_acknowledged_as_ignored(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github")
    delivery = build_delivery(company, company.pull_requests[1], secret=SECRET)
    headers = {**delivery.headers, "X-GitHub-Event": "push"}
    answer = client.post(URL, content=delivery.body, headers=headers)
    assert answer.status_code == 202
    assert answer.json()["status"] == "ignored"
    assert count(db, PullRequest) == 0
    assert deliveries(db, "github") == 0


def test_org_query_parameter_picks_that_orgs_secret(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github", secret="acme-secret", org="acme")
    delivery = build_delivery(company, company.pull_requests[1], secret="acme-secret")
    answer = client.post(
        URL, params={"org": "acme"}, content=delivery.body, headers=delivery.headers
    )
    assert (answer.status_code, answer.json()["status"]) == (202, "applied")
    default_org = client.post(URL, content=delivery.body, headers=delivery.headers)
    assert default_org.status_code == 404


def test_org_without_webhook_secret_gets_404_naming_what_to_configure(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "github", secret=None)
    delivery = build_delivery(company, company.pull_requests[1], secret=SECRET)
    answer = client.post(URL, content=delivery.body, headers=delivery.headers)
    assert answer.status_code == 404
    error = assert_error(answer.json(), "not_found")
    assert "webhook_secret" in error["message"]
    assert error["details"] == {"org": settings.org, "source": "github", "secret": "webhook_secret"}
