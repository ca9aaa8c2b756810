"""Retries at the transport edge: throttles are waited out as GitHub asks, errors are typed."""

from __future__ import annotations

import socket
import time

import httpx
import pytest

from tests.tools.github.company import ORG, PR_COUNT, REPO
from tests.tools.github.conftest import FAST, MakeClient
from tools.github import (
    GitHubAuthError,
    GitHubClient,
    GitHubError,
    GitHubNotFound,
    GitHubUnavailable,
    RateLimited,
)
from tools.sandbox.servers.github import DEFAULT_TOKEN, GitHubSandbox


class Stamps:
    """Monotonic send times of every request a client makes."""

    def __init__(self) -> None:
        self.sent: list[float] = []

    def hook(self, request: httpx.Request) -> None:
        self.sent.append(time.monotonic())


@pytest.fixture
def stamps() -> Stamps:
    return Stamps()


def test_an_injected_429_waits_the_retry_after_it_names(
    make_client: MakeClient, sandbox: GitHubSandbox, stamps: Stamps
) -> None:
    sandbox.faults.rate_limit(retry_after=1)
    with httpx.Client(timeout=5, event_hooks={"request": [stamps.hook]}) as http:
        client = make_client(http=http)
        repo = client.get_repo(ORG, REPO)
    assert repo.name == REPO
    assert len(stamps.sent) == 2
    assert stamps.sent[1] - stamps.sent[0] >= 1.0 - 0.02
    assert (client.stats.retries, client.stats.rate_limit_waits) == (1, 1)


def test_a_retry_after_beyond_the_maximum_raises_rate_limited_at_once(
    make_client: MakeClient, sandbox: GitHubSandbox
) -> None:
    sandbox.faults.rate_limit(retry_after=600)
    client = make_client()
    started = time.monotonic()
    with pytest.raises(RateLimited) as caught:
        client.get_repo(ORG, REPO)
    assert time.monotonic() - started < 1.0  # it did not sleep the 600 s it was told
    assert caught.value.http_status == 429
    assert "secondary rate limit" in (caught.value.github_message or "")
    assert client.stats.requests == 1


def test_a_5xx_burst_while_paging_is_retried_and_nothing_is_lost(
    make_client: MakeClient, sandbox: GitHubSandbox
) -> None:
    client = make_client(per_page=3)
    pages = iter(client.list_pull_requests(ORG, REPO))
    first = [next(pages) for _ in range(3)]
    sandbox.faults.server_error(status=502, times=2, path_prefix=f"/repos/{ORG}/{REPO}/pulls")
    rest = list(pages)
    numbers = [pr.number for pr in first + rest]
    assert sorted(numbers) == list(range(1, PR_COUNT + 1))
    assert client.stats.retries == 2 and client.stats.requests == 3 + 2


def test_a_5xx_that_never_ends_raises_unavailable_after_every_attempt(
    make_client: MakeClient, sandbox: GitHubSandbox
) -> None:
    sandbox.faults.server_error(status=500, times=50)
    client = make_client()
    with pytest.raises(GitHubUnavailable) as caught:
        client.get_repo(ORG, REPO)
    assert caught.value.http_status == 500
    assert client.stats.requests == FAST.attempts


def test_a_spent_primary_limit_waits_until_the_reset(
    make_client: MakeClient, sandbox: GitHubSandbox
) -> None:
    reset = int(time.time()) + 1
    sandbox.budget.exhaust(DEFAULT_TOKEN, reset=reset)
    client = make_client()
    repo = client.get_repo(ORG, REPO)
    assert repo.name == REPO
    assert time.time() >= reset
    assert (client.stats.requests, client.stats.rate_limit_waits) == (2, 1)


def test_a_primary_reset_beyond_the_maximum_wait_raises_rate_limited(
    make_client: MakeClient, sandbox: GitHubSandbox
) -> None:
    reset = int(time.time()) + 3600
    sandbox.budget.exhaust(DEFAULT_TOKEN, reset=reset)
    client = make_client()
    with pytest.raises(RateLimited) as caught:
        client.get_repo(ORG, REPO)
    assert caught.value.http_status == 403
    assert abs(caught.value.reset_at.timestamp() - reset) < 1
    assert (caught.value.github_message or "").startswith("API rate limit exceeded")
    assert client.stats.requests == 1


def test_a_bad_token_raises_auth_error_with_githubs_message_and_no_retry(
    make_client: MakeClient,
) -> None:
    client = make_client(token="ghp_revoked")
    with pytest.raises(GitHubAuthError) as caught:
        client.get_repo(ORG, REPO)
    assert caught.value.github_message == "Bad credentials"
    assert caught.value.documentation_url == "https://docs.github.com/rest"
    assert caught.value.http_status == 401
    assert client.stats.requests == 1 and client.stats.retries == 0


def test_a_missing_resource_raises_not_found_without_retry(make_client: MakeClient) -> None:
    client = make_client()
    with pytest.raises(GitHubNotFound) as caught:
        client.get_pull_request(ORG, REPO, 999)
    assert caught.value.github_message == "Not Found"
    assert client.stats.requests == 1


def test_a_rejected_filter_surfaces_githubs_validation_message(make_client: MakeClient) -> None:
    client = make_client()
    with pytest.raises(GitHubError) as caught:
        list(client.list_pull_requests(ORG, REPO, state="merged"))  # type: ignore[arg-type]
    assert (caught.value.http_status, caught.value.github_message) == (422, "Validation Failed")
    assert caught.value.details["errors"][0]["field"] == "state"
    assert client.stats.requests == 1


def test_connection_errors_are_retried_then_raise_unavailable() -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with GitHubClient("t", base_url=f"http://127.0.0.1:{port}", retry=FAST) as client:
        with pytest.raises(GitHubUnavailable, match="could not reach GitHub"):
            client.get_repo(ORG, REPO)
        assert client.stats.requests == FAST.attempts
