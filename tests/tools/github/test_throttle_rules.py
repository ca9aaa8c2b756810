"""GitHub's documented order for throttles, checked without waiting (a recording sleep)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.tools.github.conftest import FAST
from tools.github import GitHubClient, GitHubError, GitHubUnavailable
from tools.github.ratelimit import throttle_of
from tools.retry_after import retry_after_seconds

NOW = 1_700_000_000.0
SECONDARY = {"message": "You have exceeded a secondary rate limit. Please wait."}


def _client(
    responses: list[httpx.Response], waits: list[float]
) -> tuple[GitHubClient, Callable[[], int]]:
    remaining = list(responses)

    def handler(request: httpx.Request) -> httpx.Response:
        return remaining.pop(0)

    client = GitHubClient(
        "t",
        transport=httpx.MockTransport(handler),
        retry=FAST,
        sleep=waits.append,
        clock=lambda: NOW,
    )
    return client, lambda: len(responses) - len(remaining)


def test_a_secondary_limit_without_retry_after_backs_off_from_the_floor() -> None:
    waits: list[float] = []
    answers = [
        httpx.Response(403, json=SECONDARY, headers={"X-RateLimit-Remaining": "10"}),
        httpx.Response(200, json={"resources": {}, "rate": _rate()}),
    ]
    client, used = _client(answers, waits)
    with client:
        client.rate_limit()
    assert used() == 2
    assert len(waits) == 1 and waits[0] >= FAST.secondary_min_wait


def test_a_plain_403_is_not_a_throttle_and_is_not_retried() -> None:
    waits: list[float] = []
    forbidden = {"message": "Resource not accessible by integration"}
    client, used = _client([httpx.Response(403, json=forbidden)], waits)
    with client, pytest.raises(GitHubError) as caught:
        client.rate_limit()
    assert caught.value.github_message == forbidden["message"]
    assert used() == 1 and waits == []


def test_a_5xx_asking_for_a_long_pause_fails_fast_as_unavailable() -> None:
    waits: list[float] = []
    busy = httpx.Response(503, json={"message": "busy"}, headers={"Retry-After": "600"})
    client, used = _client([busy], waits)
    with client, pytest.raises(GitHubUnavailable) as caught:
        client.rate_limit()
    assert (caught.value.http_status, caught.value.github_message) == (503, "busy")
    assert used() == 1 and waits == []


def test_a_5xx_retry_after_is_honoured_when_short() -> None:
    waits: list[float] = []
    answers = [
        httpx.Response(503, json={"message": "busy"}, headers={"Retry-After": "1.5"}),
        httpx.Response(200, json={"resources": {}, "rate": _rate()}),
    ]
    client, used = _client(answers, waits)
    with client:
        client.rate_limit()
    assert used() == 2 and waits == [1.5]


def test_retry_after_wins_over_the_reset_header() -> None:
    headers = httpx.Headers(
        {
            "Retry-After": "7",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Reset": str(int(NOW) + 500),
        }
    )
    throttle = throttle_of(429, headers, "", NOW)
    assert throttle is not None and (throttle.kind, throttle.seconds) == ("retry_after", 7.0)


def test_a_spent_budget_waits_for_its_reset() -> None:
    headers = httpx.Headers(
        {
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Reset": str(int(NOW) + 42),
        }
    )
    throttle = throttle_of(403, headers, "API rate limit exceeded", NOW)
    assert throttle is not None and (throttle.kind, throttle.seconds) == ("primary", 42.0)


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after_seconds("3", NOW) == 3.0
    date = "Tue, 14 Nov 2023 22:13:40 GMT"  # NOW is 22:13:20 UTC
    assert retry_after_seconds(date, NOW) == 20.0
    assert retry_after_seconds("soon", NOW) is None
    assert retry_after_seconds(None, NOW) is None


def _rate() -> dict[str, int]:
    return {"limit": 5000, "remaining": 4999, "used": 1, "reset": int(NOW) + 3600}
