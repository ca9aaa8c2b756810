"""HubSpot deliveries signed with v3: applied once, forged or stale ones refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from devbizops.db import Database
from devbizops.settings import Settings
from memory.repositories.orgs import OrgRepository
from memory.source_models import Deal, DealStageChange
from tests.api.webhooks.conftest import (
    SECRET,
    add_connector,
    assert_error,
    count,
    deliveries,
    event_kinds,
)
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.hubspot.webhooks import Delivery, build_deliveries, property_change

PATH = "/v1/webhooks/crm"
URL = "http://testserver" + PATH  # what HubSpot signs: the full URL it called


def _won(company: SandboxCompany, *, at: datetime | None = None) -> dict[str, Any]:
    deal = company.deals[0]
    moment = at or datetime.now(UTC).replace(microsecond=0)
    return property_change(
        "deal", deal.id, "dealstage", "closedwon", occurred_at=moment, event_id=1
    )


def _signed(events: list[dict[str, Any]], **kwargs: Any) -> Delivery:
    return build_deliveries(events, url=URL, client_secret=kwargs.pop("secret", SECRET), **kwargs)[
        0
    ]


def _post(client: TestClient, delivery: Delivery, body: bytes | None = None) -> Any:
    return client.post(PATH, content=body or delivery.body, headers=delivery.headers)


def _store_deal(db: Database, settings: Settings, company: SandboxCompany) -> None:
    deal = company.deals[0]
    with db.transaction() as session:
        org_id = OrgRepository(session).ensure(settings.org)
        session.add(
            Deal(
                org_id=org_id,
                id=deal.id,
                name=deal.name,
                pipeline="default",
                stage="presentationscheduled",
                amount=1000.0,
                updated_at=datetime(2025, 1, 1, tzinfo=UTC),
                requested_issue_keys=[],
            )
        )


def test_stage_change_delivered_three_times_is_applied_once(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "crm")
    _store_deal(db, settings, company)
    delivery = _signed([_won(company)])
    answers = [_post(client, delivery) for _ in range(3)]
    assert [a.status_code for a in answers] == [202, 202, 202]
    assert [a.json()["status"] for a in answers] == ["applied", "duplicate", "duplicate"]
    assert [a.json()["events"][0]["status"] for a in answers] == [
        "applied",
        "duplicate",
        "duplicate",
    ]
    assert count(db, DealStageChange) == 1
    assert event_kinds(db, "crm") == ["deal.won"]
    assert deliveries(db, "crm") == 1
    with db.transaction() as session:
        assert session.execute(select(Deal.stage)).scalar_one() == "closedwon"


def test_stage_change_of_an_unknown_deal_records_the_change_and_event_only(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "crm")
    answer = _post(client, _signed([_won(company)]))
    assert answer.json()["status"] == "applied"
    assert count(db, DealStageChange) == 1
    assert count(db, Deal) == 0
    assert event_kinds(db, "crm") == ["deal.won"]


def test_batch_applies_handled_events_and_ignores_the_rest(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "crm")
    won = _won(company)
    created = {**won, "eventId": 2, "subscriptionType": "company.creation", "objectId": 77}
    contact = {**won, "eventId": 3, "subscriptionType": "contact.creation", "objectId": 5}
    answer = _post(client, _signed([won, created, contact])).json()
    assert [e["status"] for e in answer["events"]] == ["applied", "applied", "ignored"]
    assert event_kinds(db, "crm") == ["company.created", "deal.won"]


def test_unknown_event_type_is_acknowledged_as_ignored(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "crm")
    event = {**_won(company), "subscriptionType": "ticket.creation"}
    answer = _post(client, _signed([event]))
    assert (answer.status_code, answer.json()["status"]) == (202, "ignored")
    assert deliveries(db, "crm") == 0


def test_tampered_body_is_rejected_with_401(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "crm")
    delivery = _signed([_won(company)])
    forged = delivery.body.replace(b"closedwon", b"closedlost")
    answer = _post(client, delivery, forged)
    assert answer.status_code == 401
    error = assert_error(answer.json(), "invalid_signature")
    assert error["details"] == {"source": "crm", "reason": "mismatch"}
    assert count(db, DealStageChange) == 0


def test_wrong_secret_is_rejected_with_401(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "crm")
    answer = _post(client, _signed([_won(company)], secret="not-the-client-secret"))
    assert answer.status_code == 401
    assert_error(answer.json(), "invalid_signature")
    assert count(db, DealStageChange) == 0


def test_timestamp_outside_the_five_minute_window_is_rejected_as_stale(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    add_connector(settings, db, "crm")
    stale = _signed([_won(company)], now=datetime.now(UTC) - timedelta(minutes=6))
    answer = _post(client, stale)
    assert answer.status_code == 401
    error = assert_error(answer.json(), "invalid_signature")
    assert error["details"]["reason"] == "stale"
    assert "5-minute window" in error["message"]
    assert count(db, DealStageChange) == 0


def test_connector_webhook_url_is_the_url_verified(
    client: TestClient, settings: Settings, db: Database, company: SandboxCompany
) -> None:
    # Behind a proxy HubSpot signs the public URL, not the one the app sees.
    from devbizops.connectors import ConnectorService
    from devbizops.secrets import SecretBox

    public = "https://hooks.acme.test/v1/webhooks/crm"
    ConnectorService(db, SecretBox.from_settings(settings)).add(
        settings.org, "crm-main", "crm", None,
        {"token": "pat", "webhook_secret": SECRET}, {"webhook_url": public},
    )  # fmt: skip
    delivery = build_deliveries([_won(company)], url=public, client_secret=SECRET)[0]
    assert _post(client, delivery).json()["status"] == "applied"
