"""Webhook deliveries signed by the sandbox as Jira signs them, checked by our receiver."""

from __future__ import annotations

import json
from datetime import timedelta

import httpx
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tools.jira import JiraClient, JiraWebhookError
from tools.jira.webhooks import SIGNATURE_HEADER, verify
from tools.sandbox.servers.jira import JiraSandbox
from tools.sandbox.servers.jira import webhooks as sandbox_webhooks
from tools.sandbox.servers.jira.beans import Site
from tools.sandbox.servers.loopback import LoopbackServer

SECRET = "whsec-jira-test"


def _deliveries(client: JiraClient, sandbox: JiraSandbox) -> list[tuple[bytes, dict[str, str]]]:
    created = client.create_issue("DBO", summary="Webhooks", description="x", idempotency_key="w")
    client.transition(created.key, "In Progress")
    site = Site(sandbox.store, "http://127.0.0.1", sandbox.custom_fields, 100)
    return [
        sandbox_webhooks.delivery(sandbox_webhooks.payload(event, site), SECRET)
        for event in sandbox.store.events
    ]


def test_valid_deliveries_verify_and_name_their_event(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    (created_body, created_headers), (updated_body, updated_headers) = _deliveries(client, sandbox)
    created = verify(created_body, created_headers[SIGNATURE_HEADER], SECRET)
    updated = verify(updated_body, updated_headers[SIGNATURE_HEADER], SECRET)
    assert (created.event, created.issue_key) == ("jira:issue_created", "DBO-13")
    assert (updated.event, updated.issue_key) == ("jira:issue_updated", "DBO-13")
    change = updated.payload["changelog"]["items"][0]
    assert (change["fromString"], change["toString"]) == ("To Do", "In Progress")
    assert created.user_account_id == sandbox.store.bot.account_id


def test_signature_header_is_sha256_hex_as_jira_sends_it(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    _, headers = _deliveries(client, sandbox)[0]
    scheme, _, digest = headers["X-Hub-Signature"].partition("=")
    assert scheme == "sha256"
    assert len(digest) == 64 and digest == digest.lower()


def test_tampered_body_is_rejected(client: JiraClient, sandbox: JiraSandbox) -> None:
    body, headers = _deliveries(client, sandbox)[0]
    payload = json.loads(body)
    payload["issue"]["key"] = "DBO-1"
    forged = json.dumps(payload, separators=(",", ":")).encode()
    with pytest.raises(JiraWebhookError) as caught:
        verify(forged, headers[SIGNATURE_HEADER], SECRET)
    assert caught.value.reason == "mismatch"


def test_wrong_secret_is_rejected(client: JiraClient, sandbox: JiraSandbox) -> None:
    body, headers = _deliveries(client, sandbox)[0]
    with pytest.raises(JiraWebhookError) as caught:
        verify(body, headers[SIGNATURE_HEADER], "another-secret")
    assert caught.value.reason == "mismatch"


@pytest.mark.parametrize(
    ("header", "reason"),
    [(None, "missing"), ("sha1=abc", "malformed"), ("sha256=" + "0" * 64, "mismatch")],
)
def test_missing_or_malformed_signature_is_rejected(
    client: JiraClient, sandbox: JiraSandbox, header: str | None, reason: str
) -> None:
    body, _ = _deliveries(client, sandbox)[0]
    with pytest.raises(JiraWebhookError) as caught:
        verify(body, header, SECRET)
    assert caught.value.reason == reason


def test_stale_delivery_is_rejected_even_when_correctly_signed(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    body, headers = _deliveries(client, sandbox)[0]
    event = verify(body, headers[SIGNATURE_HEADER], SECRET)
    later = event.at + timedelta(minutes=6)
    with pytest.raises(JiraWebhookError) as caught:
        verify(body, headers[SIGNATURE_HEADER], SECRET, now=later)
    assert caught.value.reason == "stale"


def test_delivery_posted_to_a_receiver_verifies_over_the_raw_bytes(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    received: list[str] = []

    async def receive(request: Request) -> Response:
        try:
            event = verify(await request.body(), request.headers.get(SIGNATURE_HEADER), SECRET)
        except JiraWebhookError as exc:
            return PlainTextResponse(exc.reason, status_code=401)
        received.append(event.event)
        return Response(status_code=204)

    created = client.create_issue("DBO", summary="Hook", description="x", idempotency_key="h")
    site = Site(sandbox.store, "http://127.0.0.1", sandbox.custom_fields, 100)
    payload = sandbox_webhooks.payload(sandbox.store.events[-1], site)
    receiver = Starlette(routes=[Route("/hooks/jira", receive, methods=["POST"])])
    with LoopbackServer(receiver, name="jira-hook-receiver") as server, httpx.Client() as http:
        url = f"{server.base_url}/hooks/jira"
        ok = sandbox_webhooks.deliver(url, payload, SECRET, client=http)
        forged = sandbox_webhooks.deliver(url, payload, "not-the-secret", client=http)
    assert (ok.status_code, forged.status_code, forged.text) == (204, 401, "mismatch")
    assert received == ["jira:issue_created"]
    assert payload["issue"]["key"] == created.key
