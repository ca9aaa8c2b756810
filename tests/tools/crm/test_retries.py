"""Retries at the transport edge: 429 with Retry-After, 5xx bursts, no retry on auth errors."""

from __future__ import annotations

import socket
import time

import pytest

from tests.tools.crm.conftest import MakeClient, StartServer
from tools.crm import CrmAuthError, CrmRateLimited, CrmUnavailable, HubSpotClient, RetryPolicy
from tools.sandbox.servers.faults import FaultPlan
from tools.sandbox.servers.hubspot import RateLimits
from tools.sandbox.servers.hubspot.errors import AUTH_MESSAGE


def test_injected_429_is_retried_after_the_retry_after_it_names(
    client: HubSpotClient, faults: FaultPlan
) -> None:
    faults.rate_limit(retry_after=1, times=1)

    started = time.monotonic()
    companies = list(client.list_companies())
    elapsed = time.monotonic() - started

    assert len(companies) == 5
    assert elapsed >= 1.0 - 0.05
    assert (client.stats.retries, client.stats.rate_limited) == (1, 1)


def test_retry_after_longer_than_the_client_accepts_fails_at_once(
    client: HubSpotClient, faults: FaultPlan
) -> None:
    faults.rate_limit(retry_after=30, times=1)

    started = time.monotonic()
    with pytest.raises(CrmRateLimited) as caught:
        list(client.list_companies())

    assert time.monotonic() - started < 1.0
    assert caught.value.category == "RATE_LIMIT"  # HubSpot's errorType: 429s have no category
    assert client.stats.retries == 0


def test_5xx_burst_is_retried_until_it_passes(client: HubSpotClient, faults: FaultPlan) -> None:
    faults.server_error(status=502, times=3)

    pipelines = client.list_pipelines()

    assert [p.id for p in pipelines] == ["default"]
    assert client.stats.retries == 3
    assert client.stats.requests == 4


def test_5xx_longer_than_the_attempts_raises_crm_unavailable(
    client: HubSpotClient, faults: FaultPlan
) -> None:
    faults.server_error(status=500, times=10)

    with pytest.raises(CrmUnavailable) as caught:
        client.list_pipelines()

    assert caught.value.http_status == 500
    assert client.stats.requests == 4  # FAST_RETRY.attempts


def test_bad_token_raises_auth_error_with_hubspots_message_and_no_retry(
    make_client: MakeClient,
) -> None:
    client = make_client(token="pat-na1-wrong")

    with pytest.raises(CrmAuthError) as caught:
        client.whoami()

    assert caught.value.vendor_message == AUTH_MESSAGE
    assert AUTH_MESSAGE in str(caught.value)
    assert caught.value.category == "INVALID_AUTHENTICATION"
    assert client.stats.requests == 1 and client.stats.retries == 0


def test_connection_refused_is_retried_then_raises_crm_unavailable() -> None:
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    policy = RetryPolicy(attempts=3, base=0.01, cap=0.02)

    with HubSpotClient("token", base_url=f"http://127.0.0.1:{port}", retry=policy) as client:
        with pytest.raises(CrmUnavailable, match="could not reach HubSpot"):
            client.whoami()
        assert (client.stats.requests, client.stats.retries) == (3, 2)


def test_hubspots_own_ten_secondly_limit_answers_429_in_its_format(
    start_server: StartServer, make_client: MakeClient
) -> None:
    limited = start_server(rate_limits=RateLimits(ten_secondly=2, enforce=True))
    client = make_client(limited, retry=RetryPolicy(attempts=1))

    client.whoami()
    client.whoami()
    with pytest.raises(CrmRateLimited) as caught:
        client.whoami()

    assert caught.value.details["policy_name"] == "TEN_SECONDLY_ROLLING"
    assert caught.value.vendor_message == "You have reached your ten_secondly_rolling limit."
