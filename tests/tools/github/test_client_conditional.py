"""ETags: an unchanged resource costs a 304, no rate-limit budget, and returns the same data."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.tools.github.company import ORG, PR_COUNT, REPO
from tests.tools.github.conftest import MakeClient
from tools.github import MemoryEtagStore


class Recorder:
    """httpx event hooks that keep every request and response the client exchanged."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        self.responses: list[httpx.Response] = []

    def client(self) -> httpx.Client:
        hooks: dict[str, list[Callable[..., Any]]] = {
            "request": [self.requests.append],
            "response": [self.responses.append],
        }
        return httpx.Client(timeout=5, event_hooks=hooks)


@pytest.fixture
def recorder() -> Recorder:
    return Recorder()


def test_a_repeated_request_sends_if_none_match_gets_304_and_costs_nothing(
    make_client: MakeClient, recorder: Recorder
) -> None:
    with recorder.client() as http:
        client = make_client(etags=MemoryEtagStore(), http=http)
        first = client.get_pull_request(ORG, REPO, 2)
        remaining = client.last_rate_limit.remaining if client.last_rate_limit else None
        again = client.get_pull_request(ORG, REPO, 2)
    assert again == first
    assert "If-None-Match" not in recorder.requests[0].headers
    assert recorder.requests[1].headers["If-None-Match"] == recorder.responses[0].headers["ETag"]
    assert [r.status_code for r in recorder.responses] == [200, 304]
    assert client.last_rate_limit is not None and client.last_rate_limit.remaining == remaining
    assert client.stats.not_modified == 1


def test_an_unchanged_list_is_replayed_page_by_page_from_the_store(
    make_client: MakeClient,
) -> None:
    store = MemoryEtagStore()
    first = list(make_client(per_page=3, etags=store).list_pull_requests(ORG, REPO))
    client = make_client(per_page=3, etags=store)
    again = list(client.list_pull_requests(ORG, REPO))
    assert again == first and len(again) == PR_COUNT
    assert client.stats.not_modified == 3 == client.stats.requests
    assert client.rate_limit().core.used == 3  # only the first listing was counted


def test_skip_if_unchanged_yields_nothing_for_an_unchanged_list(make_client: MakeClient) -> None:
    store = MemoryEtagStore()
    assert len(list(make_client(per_page=3, etags=store).list_issues(ORG, REPO))) == 10
    client = make_client(per_page=3, etags=store)
    assert list(client.list_issues(ORG, REPO, skip_if_unchanged=True)) == []
    assert client.stats.requests == 1  # only the first page was asked


def test_skip_if_unchanged_still_lists_what_was_never_fetched(make_client: MakeClient) -> None:
    client = make_client(etags=MemoryEtagStore())
    assert len(list(client.list_releases(ORG, REPO, skip_if_unchanged=True))) == 3


def test_a_stale_etag_gets_fresh_data_and_is_replaced(make_client: MakeClient) -> None:
    store = MemoryEtagStore()
    client = make_client(etags=store)
    url = f"{client.base_url}/repos/{ORG}/{REPO}"
    store.put(url, '"stale"', b'{"link":null,"body":{"old":true}}')
    repo = client.get_repo(ORG, REPO)
    assert repo.name == REPO
    stored = store.get(url)
    assert stored is not None and stored[0] != '"stale"'


def test_without_a_store_requests_are_plain(make_client: MakeClient, recorder: Recorder) -> None:
    with recorder.client() as http:
        client = make_client(http=http)
        client.get_repo(ORG, REPO)
        client.get_repo(ORG, REPO)
    assert all("If-None-Match" not in r.headers for r in recorder.requests)
    assert [r.status_code for r in recorder.responses] == [200, 200]
