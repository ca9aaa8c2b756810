"""The transport edge on its own: injected clients, odd bodies, Retry-After forms."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from tools.crm import CrmError, HubSpotClient, RetryPolicy
from tools.crm.retry import parse_retry_after


def test_an_injected_http_client_is_used_and_left_open() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(200, json={"results": []})

    http = httpx.Client(transport=httpx.MockTransport(answer))
    with HubSpotClient("pat-token", base_url="https://crm.test", http=http) as client:
        assert list(client.list_companies()) == []

    assert seen == ["Bearer pat-token"]
    assert not http.is_closed
    http.close()


def test_a_success_body_hubspot_would_never_send_raises_a_crm_error() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200, text="<html>hi</html>"))

    client = HubSpotClient("t", base_url="https://crm.test", transport=transport)

    with client, pytest.raises(CrmError, match="unexpected body"):
        client.list_pipelines()


def test_a_non_json_error_body_still_gives_a_typed_error_with_its_text() -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(400, text="Bad Request"))
    policy = RetryPolicy(attempts=2, base=0.01, cap=0.01)

    with HubSpotClient("t", base_url="https://crm.test", transport=transport, retry=policy) as c:
        with pytest.raises(CrmError, match="Bad Request") as caught:
            c.list_pipelines()
        assert (caught.value.http_status, c.stats.requests) == (400, 1)


def test_retry_after_is_read_as_seconds_or_as_an_http_date() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)

    assert parse_retry_after("1.5") == 1.5
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30)), now=now) == 30
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30)), now=now) == 0
    assert parse_retry_after("soon") is None
    assert parse_retry_after(None) is None
