"""The transport edge: what is retried, how long it waits, and what surfaces as a typed error."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.tools.jira.conftest import MakeClient
from tools.jira import JiraAuthError, JiraClient, JiraRateLimited, JiraUnavailable
from tools.sandbox.servers.jira import JiraSandbox


def test_injected_429_is_retried_after_the_retry_after_it_names(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    sandbox.faults.rate_limit(retry_after=0.6)
    started = time.monotonic()
    me = client.myself()
    waited = time.monotonic() - started
    assert me.email == sandbox.email
    assert waited >= 0.6 - 0.05
    assert (client.stats.requests, client.stats.retries) == (2, 1)


def test_retry_after_beyond_the_allowed_maximum_fails_at_once(
    make_client: MakeClient, sandbox: JiraSandbox
) -> None:
    client = make_client(max_retry_after=1.0)
    sandbox.faults.rate_limit(retry_after=30)
    started = time.monotonic()
    with pytest.raises(JiraRateLimited) as caught:
        client.myself()
    assert time.monotonic() - started < 1.0
    assert caught.value.retry_after == 30
    assert client.stats.retries == 0


def test_5xx_burst_is_retried_with_backoff_until_it_passes(
    client: JiraClient, sandbox: JiraSandbox
) -> None:
    sandbox.faults.server_error(status=503, times=3)
    issues = list(client.search("key = DBO-5"))
    assert [i.key for i in issues] == ["DBO-5"]
    assert (client.stats.requests, client.stats.retries) == (4, 3)


def test_5xx_that_outlasts_the_attempts_surfaces_as_jira_unavailable(
    make_client: MakeClient, sandbox: JiraSandbox
) -> None:
    client = make_client(max_attempts=3)
    sandbox.faults.server_error(status=500, times=5)
    with pytest.raises(JiraUnavailable) as caught:
        client.get_issue("DBO-3")
    assert caught.value.http_status == 500
    assert caught.value.error_messages == ["internal error (sandbox fault)"]
    assert client.stats.requests == 3


def test_bad_credentials_raise_jira_auth_error_with_jiras_message_and_no_retry(
    make_client: MakeClient,
) -> None:
    client = make_client(api_token="revoked-token")
    with pytest.raises(JiraAuthError) as caught:
        client.myself()
    assert caught.value.http_status == 401
    assert caught.value.error_messages == ["Client must be authenticated to access this resource."]
    assert "Client must be authenticated" in str(caught.value)
    assert (client.stats.requests, client.stats.retries) == (1, 0)


def test_slow_answer_past_the_timeout_is_retried(
    make_client: MakeClient, sandbox: JiraSandbox
) -> None:
    client = make_client(timeout=0.2)
    sandbox.faults.slow(seconds=0.5)
    assert client.get_issue("DBO-3").key == "DBO-3"
    assert client.stats.retries == 1


def test_unreachable_jira_is_retried_then_surfaces_as_jira_unavailable() -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    with JiraClient(
        "http://127.0.0.1:9",
        email="a@b.test",
        api_token="t",
        max_attempts=3,
        backoff_base=0.01,
        backoff_cap=0.02,
        transport=httpx.MockTransport(refuse),
    ) as client:
        with pytest.raises(JiraUnavailable, match="could not reach Jira"):
            client.myself()
        assert (client.stats.requests, client.stats.retries) == (3, 2)


def test_a_given_http_client_is_used_and_left_open() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(200, json={"accountId": "abc", "displayName": "Bot"})

    with httpx.Client(transport=httpx.MockTransport(answer)) as http:
        site = "https://acme.atlassian.net"
        with JiraClient(site, email="a@b.test", api_token="t", http_client=http) as client:
            assert client.myself().account_id == "abc"
        assert not http.is_closed
    assert seen == ["Basic YUBiLnRlc3Q6dA=="]
