"""HubSpot webhook v3 signatures: the sandbox signs like HubSpot, ``verify`` accepts only that."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tools.crm import CrmWebhookSignatureError
from tools.crm.webhooks import parse_events, verify
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.hubspot.webhooks import (
    CLIENT_SECRET,
    Delivery,
    build_deliveries,
    deliver,
    epoch_ms,
    sign_v3,
    stage_change_events,
)
from tools.sandbox.servers.loopback import LoopbackServer

URL = "https://hooks.example.com/webhooks/hubspot?source=crm%3Adeals"
NOW = datetime(2025, 6, 30, 12, 0, tzinfo=UTC)


def signed(company: SandboxCompany, *, now: datetime = NOW) -> Delivery:
    (delivery,) = build_deliveries(stage_change_events(company)[:5], url=URL, now=now)
    return delivery


def check(delivery: Delivery, *, body: bytes | None = None, secret: str = CLIENT_SECRET) -> None:
    verify(
        client_secret=secret,
        method=delivery.method,
        uri=delivery.url,
        body=delivery.body if body is None else body,
        headers=delivery.headers,
        now=NOW + timedelta(seconds=2),
    )


def test_a_delivery_signed_like_hubspot_verifies_and_parses(company: SandboxCompany) -> None:
    delivery = signed(company)

    check(delivery)

    events = parse_events(delivery.body)
    assert len(events) == 5
    assert {e.subscription_type for e in events} == {"deal.propertyChange"}
    assert {e.property_name for e in events} == {"dealstage"}
    assert events[0].object_id in {d.id for d in company.deals}


def test_a_tampered_body_is_rejected(company: SandboxCompany) -> None:
    delivery = signed(company)
    events = json.loads(delivery.body)
    events[0]["propertyValue"] = "closedwon"

    with pytest.raises(CrmWebhookSignatureError) as caught:
        check(delivery, body=json.dumps(events, separators=(",", ":")).encode())
    assert caught.value.reason == "mismatch"


def test_a_wrong_secret_is_rejected(company: SandboxCompany) -> None:
    with pytest.raises(CrmWebhookSignatureError) as caught:
        check(signed(company), secret="someone-elses-secret")
    assert caught.value.reason == "mismatch"


@pytest.mark.parametrize("age", [timedelta(minutes=5, seconds=3), timedelta(hours=-1)])
def test_a_timestamp_outside_five_minutes_is_rejected_even_when_signed(
    company: SandboxCompany, age: timedelta
) -> None:
    with pytest.raises(CrmWebhookSignatureError) as caught:
        check(signed(company, now=NOW - age))
    assert caught.value.reason == "stale"


def test_missing_signature_headers_are_rejected(company: SandboxCompany) -> None:
    delivery = signed(company)
    bare = Delivery(url=delivery.url, body=delivery.body, headers={})

    with pytest.raises(CrmWebhookSignatureError) as caught:
        check(bare)
    assert caught.value.reason == "missing"


@given(body=st.binary(max_size=200), flip=st.integers(min_value=0, max_value=199))
def test_any_body_verifies_once_signed_and_fails_after_any_byte_changes(
    body: bytes, flip: int
) -> None:
    delivery = Delivery(url=URL, body=body, headers=build_headers(body))
    check(delivery)
    if body:
        index = flip % len(body)
        changed = body[:index] + bytes([body[index] ^ 0x01]) + body[index + 1 :]
        with pytest.raises(CrmWebhookSignatureError):
            check(delivery, body=changed)


def build_headers(body: bytes) -> dict[str, str]:
    # Same signing as build_deliveries, for an arbitrary body.
    stamp = epoch_ms(NOW)
    return {
        "X-HubSpot-Signature-v3": sign_v3(CLIENT_SECRET, "POST", URL, body, stamp),
        "X-HubSpot-Request-Timestamp": str(stamp),
    }


@pytest.fixture
def receiver() -> Iterator[LoopbackServer]:
    """A tiny webhook endpoint that verifies over the URL and bytes it really received."""

    async def hook(request: Request) -> Response:
        try:
            verify(
                client_secret=CLIENT_SECRET,
                method=request.method,
                uri=str(request.url),
                body=await request.body(),
                headers=request.headers,
            )
        except CrmWebhookSignatureError as exc:
            return JSONResponse({"rejected": exc.reason}, status_code=401)
        return JSONResponse({"events": len(parse_events(await request.body()))})

    app = Starlette(routes=[Route("/hooks/hubspot", hook, methods=["POST"])])
    with LoopbackServer(app, name="hubspot-receiver") as server:
        yield server


def test_delivery_over_http_is_accepted_by_a_receiver_that_verifies_it(
    receiver: LoopbackServer, company: SandboxCompany
) -> None:
    url = f"{receiver.base_url}/hooks/hubspot?portal=1"
    deliveries = build_deliveries(stage_change_events(company), url=url)

    with httpx.Client(timeout=5) as http:
        answers = [deliver(d, http) for d in deliveries]
        forged_headers = {**deliveries[0].headers, "X-HubSpot-Signature-v3": "AAAA"}
        forged = http.post(url, content=deliveries[0].body, headers=forged_headers)

    total = sum(len(deal.stage_history) for deal in company.deals)
    assert [a.status_code for a in answers] == [200] * len(deliveries)
    assert sum(a.json()["events"] for a in answers) == total
    assert (forged.status_code, forged.json()) == (401, {"rejected": "mismatch"})
