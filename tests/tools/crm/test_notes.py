"""Writing notes: associated with a deal/company, and never twice for one idempotency key."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.tools.crm.conftest import MakeClient
from tests.tools.crm.sample import company_id, deal_id
from tools.crm import CrmError, HubSpotClient
from tools.crm.models import IDEMPOTENCY_KEY
from tools.sandbox.servers.faults import FaultPlan
from tools.sandbox.servers.hubspot.store import Store

WHEN = datetime(2025, 6, 1, 12, 30, tzinfo=UTC)


def notes_with_key(store: Store, key: str) -> list[str]:
    return [r.id for r in store.sorted("notes") if r.properties.get(IDEMPOTENCY_KEY) == key]


def test_create_note_is_associated_with_the_deal_and_company(client: HubSpotClient) -> None:
    note = client.create_note(
        "<p>Asked for SSO</p>",
        deal_id=deal_id(5),
        company_id=company_id(1),
        idempotency_key="run-1/step-3/crm",
        timestamp=WHEN,
    )

    assert (note.body, note.timestamp, note.idempotency_key) == (
        "<p>Asked for SSO</p>",
        WHEN,
        "run-1/step-3/crm",
    )
    on_deal = list(client.list_notes(deal_id=deal_id(5)))
    assert [n.id for n in on_deal] == [note.id]
    assert on_deal[0].company_ids == [company_id(1)]
    assert note.id in {n.id for n in client.list_notes(company_id=company_id(1))}


def test_create_note_twice_with_one_key_creates_one_note(
    client: HubSpotClient, store: Store
) -> None:
    first = client.create_note("body", deal_id=deal_id(1), idempotency_key="k-twice")
    second = client.create_note("body", deal_id=deal_id(1), idempotency_key="k-twice")

    assert second.id == first.id
    assert second.deal_ids == [deal_id(1)]
    assert notes_with_key(store, "k-twice") == [first.id]


def test_create_note_retried_after_its_response_was_lost_creates_no_duplicate(
    client: HubSpotClient, store: Store
) -> None:
    store.lose_write_responses(times=1, status=502)  # stored, then answered with a 502

    note = client.create_note("body", deal_id=deal_id(2), idempotency_key="k-lost")

    assert notes_with_key(store, "k-lost") == [note.id]
    assert note.deal_ids == [deal_id(2)]
    assert client.stats.retries == 1


def test_create_note_retried_after_a_5xx_before_the_write_creates_it_once(
    client: HubSpotClient, store: Store, faults: FaultPlan
) -> None:
    faults.server_error(status=503, times=2, path_prefix="/crm/v3/objects/notes")

    note = client.create_note("body", idempotency_key="k-5xx")

    assert notes_with_key(store, "k-5xx") == [note.id]
    assert client.stats.retries == 2


def test_create_note_on_an_unknown_deal_fails_with_hubspots_message_without_retry(
    make_client: MakeClient, store: Store
) -> None:
    client = make_client()
    before = len(store.sorted("notes"))

    with pytest.raises(CrmError) as caught:
        client.create_note("body", deal_id="404404", idempotency_key="k-bad")

    assert caught.value.http_status == 400
    assert caught.value.vendor_message is not None and "404404" in caught.value.vendor_message
    assert client.stats.retries == 0
    assert len(store.sorted("notes")) == before


def test_create_note_refuses_an_empty_idempotency_key(client: HubSpotClient) -> None:
    with pytest.raises(ValueError, match="idempotency_key"):
        client.create_note("body", idempotency_key=" ")
