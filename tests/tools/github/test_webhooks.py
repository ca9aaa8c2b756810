"""Webhook deliveries signed like GitHub's are accepted; tampered, mis-keyed or replayed are not."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tools.github.errors import WebhookReplayError, WebhookSignatureError
from tools.github.webhooks import RecentDeliveries, parse_delivery, signature, verify
from tools.sandbox.model import SandboxCompany
from tools.sandbox.servers.github import WebhookDelivery, build_delivery, deliver
from tools.sandbox.servers.loopback import LoopbackServer

SECRET = "whsec-sandbox"


def _deliveries(company: SandboxCompany) -> dict[str, WebhookDelivery]:
    return {
        "pull_request": build_delivery(company, company.pull_requests[1], secret=SECRET),
        "release": build_delivery(company, company.releases[0], secret=SECRET),
        "deployment_status": build_delivery(company, company.deployments[1], secret=SECRET),
    }


def test_githubs_documented_test_vector_verifies() -> None:
    # From GitHub's "Validating webhook deliveries" page.
    body, secret = b"Hello, World!", "It's a Secret to Everybody"
    expected = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
    assert signature(body, secret) == expected
    verify(body, expected, secret)


@pytest.mark.parametrize("event", ["pull_request", "release", "deployment_status"])
def test_a_signed_delivery_of_each_event_is_accepted(company: SandboxCompany, event: str) -> None:
    delivery = _deliveries(company)[event]
    parsed = parse_delivery(delivery.headers, delivery.body, SECRET)
    assert (parsed.event, parsed.delivery_id) == (event, delivery.delivery_id)
    assert parsed.payload["repository"]["full_name"] == f"{company.github_org}/api"
    assert parsed.action in {"closed", "published", "created"}
    legacy = "sha1=" + hmac.new(SECRET.encode(), delivery.body, hashlib.sha1).hexdigest()
    assert delivery.headers["X-Hub-Signature"] == legacy


def test_payloads_carry_the_record_the_event_is_about(company: SandboxCompany) -> None:
    found = {
        event: parse_delivery(d.headers, d.body, SECRET).payload
        for event, d in _deliveries(company).items()
    }
    assert found["pull_request"]["pull_request"]["number"] == company.pull_requests[1].number
    assert found["pull_request"]["pull_request"]["merged"] is True
    assert found["release"]["release"]["tag_name"] == company.releases[0].tag_name
    status = found["deployment_status"]
    assert status["deployment"]["id"] == company.deployments[1].id
    assert status["deployment_status"]["state"] == "success"


def test_a_tampered_body_is_rejected(company: SandboxCompany) -> None:
    delivery = _deliveries(company)["pull_request"]
    tampered = delivery.body.replace(b'"merged":true', b'"merged":false')
    assert tampered != delivery.body
    with pytest.raises(WebhookSignatureError, match="does not match"):
        parse_delivery(delivery.headers, tampered, SECRET)


def test_a_wrong_secret_is_rejected(company: SandboxCompany) -> None:
    delivery = _deliveries(company)["release"]
    with pytest.raises(WebhookSignatureError):
        parse_delivery(delivery.headers, delivery.body, "another-secret")


def test_a_missing_or_sha1_only_signature_is_rejected(company: SandboxCompany) -> None:
    delivery = _deliveries(company)["release"]
    legacy_only = {k: v for k, v in delivery.headers.items() if k != "X-Hub-Signature-256"}
    with pytest.raises(WebhookSignatureError, match="missing"):
        parse_delivery(legacy_only, delivery.body, SECRET)
    with pytest.raises(WebhookSignatureError, match="sha256"):
        verify(delivery.body, delivery.headers["X-Hub-Signature"], SECRET)


def test_a_rotated_secret_accepts_deliveries_signed_with_either(company: SandboxCompany) -> None:
    delivery = _deliveries(company)["release"]
    parse_delivery(delivery.headers, delivery.body, ["new-secret", SECRET])


def test_a_replayed_delivery_is_rejected_inside_the_window(company: SandboxCompany) -> None:
    now = [0.0]
    log = RecentDeliveries(window=60, clock=lambda: now[0])
    delivery = _deliveries(company)["pull_request"]
    parse_delivery(delivery.headers, delivery.body, SECRET, replays=log)
    with pytest.raises(WebhookReplayError):
        parse_delivery(delivery.headers, delivery.body, SECRET, replays=log)
    now[0] = 61.0
    parse_delivery(delivery.headers, delivery.body, SECRET, replays=log)


@pytest.fixture
def receiver() -> Iterator[LoopbackServer]:
    """A webhook endpoint that answers 204 for a verified delivery and 401 otherwise."""

    async def hook(request: Request) -> Response:
        try:
            parse_delivery(request.headers, await request.body(), SECRET)
        except WebhookSignatureError as exc:
            return JSONResponse(exc.to_dict(), status_code=exc.status)
        return Response(status_code=204)

    app = Starlette(routes=[Route("/hooks/github", hook, methods=["POST"])])
    with LoopbackServer(app, name="hook-receiver") as server:
        yield server


def test_deliveries_posted_over_http_verify_at_the_receiver(
    company: SandboxCompany, receiver: LoopbackServer
) -> None:
    url = f"{receiver.base_url}/hooks/github"
    for delivery in _deliveries(company).values():
        assert deliver(delivery, url).status_code == 204
    forged = build_delivery(company, company.releases[0], secret="not-ours")
    assert deliver(forged, url).status_code == 401
