"""The GitHub loopback server behaves like GitHub: paging, auth, rate limits, ETags, errors."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import timedelta

import httpx
import pytest

from tests.tools.github.company import ORG, PUBLIC_REPO, REPO, T0, small_company
from tests.tools.github.openapi_contract import validate_exchange
from tools.github.paging import parse_link_header
from tools.sandbox.model import GhCommit, SandboxCompany
from tools.sandbox.servers.github import DEFAULT_TOKEN, GitHubSandbox, sandbox_of, serve
from tools.sandbox.servers.loopback import LoopbackServer

AUTH = {"Authorization": f"Bearer {DEFAULT_TOKEN}", "X-GitHub-Api-Version": "2022-11-28"}
R = f"/repos/{ORG}/{REPO}"


@pytest.fixture(scope="module")
def company() -> SandboxCompany:
    return small_company()


@pytest.fixture(scope="module")
def _running(company: SandboxCompany) -> Iterator[LoopbackServer]:
    with serve(company, rate_limit=50) as running:
        yield running


@pytest.fixture
def server(_running: LoopbackServer) -> Iterator[LoopbackServer]:
    """The module's server with full budgets and no faults, whatever the last test did."""
    sandbox_of(_running.app).reset()
    yield _running
    sandbox_of(_running.app).reset()


@pytest.fixture
def sandbox(server: LoopbackServer) -> GitHubSandbox:
    return sandbox_of(server.app)


@pytest.fixture
def http(server: LoopbackServer) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, headers=AUTH, timeout=5) as client:
        yield client


def test_first_page_links_next_and_last_and_last_page_links_prev_and_first(
    http: httpx.Client,
) -> None:
    first = http.get(f"{R}/pulls", params={"state": "all", "per_page": 3})
    links = parse_link_header(first.headers["Link"])
    assert set(links) == {"next", "last"}
    assert "page=2" in links["next"] and "page=3" in links["last"]
    assert "per_page=3" in links["next"] and "state=all" in links["next"]
    last = http.get(links["last"])
    assert set(parse_link_header(last.headers["Link"])) == {"prev", "first"}
    assert [pr["number"] for pr in last.json()] == [1]


def test_a_single_page_has_no_link_header(http: httpx.Client) -> None:
    response = http.get(f"{R}/releases")
    assert len(response.json()) == 3
    assert "Link" not in response.headers


def test_per_page_defaults_to_30_and_is_capped_at_100(company: SandboxCompany) -> None:
    many = [
        GhCommit(
            sha=f"{n:040x}",
            repo=REPO,
            author_login="ada",
            message=f"c{n}",
            authored_at=T0 + timedelta(hours=n),
            committed_at=T0 + timedelta(hours=n),
        )
        for n in range(1, 131)
    ]
    with (
        serve(company.model_copy(update={"commits": many})) as big,
        httpx.Client(base_url=big.base_url, headers=AUTH) as client,
    ):
        assert len(client.get(f"{R}/commits").json()) == 30
        capped = client.get(f"{R}/commits", params={"per_page": 500})
        assert len(capped.json()) == 100
        assert 'rel="last"' in capped.headers["Link"]


def test_a_wrong_token_gets_githubs_bad_credentials_401(server: LoopbackServer) -> None:
    response = httpx.get(f"{server.base_url}{R}", headers={"Authorization": "Bearer ghp_wrong"})
    assert response.status_code == 401
    assert response.json() == {
        "message": "Bad credentials",
        "documentation_url": "https://docs.github.com/rest",
        "status": "401",
    }
    assert "X-RateLimit-Limit" in response.headers


def test_anonymous_callers_see_public_repos_only(server: LoopbackServer) -> None:
    with httpx.Client(base_url=server.base_url) as anonymous:
        assert anonymous.get(R).status_code == 404  # private: GitHub hides it, no 401
        assert anonymous.get(f"/repos/{ORG}/{PUBLIC_REPO}").status_code == 200
        names = [r["name"] for r in anonymous.get(f"/orgs/{ORG}/repos").json()]
        assert names == [PUBLIC_REPO]
        assert anonymous.get("/rate_limit").json()["rate"]["limit"] == 60


def test_every_response_carries_the_primary_rate_limit_headers(http: httpx.Client) -> None:
    for path in (R, f"{R}/pulls/999", "/rate_limit", f"{R}/pulls?state=bad"):
        headers = http.get(path).headers
        for name in ("Limit", "Remaining", "Used", "Reset", "Resource"):
            assert f"X-RateLimit-{name}" in headers, (path, name)


def test_each_counted_request_spends_one_and_rate_limit_itself_is_free(
    http: httpx.Client,
) -> None:
    before = int(http.get(R).headers["X-RateLimit-Remaining"])
    after = int(http.get(f"{R}/pulls/999").headers["X-RateLimit-Remaining"])
    assert after == before - 1  # errors count too
    status = http.get("/rate_limit")
    assert int(status.headers["X-RateLimit-Remaining"]) == after
    assert status.json()["resources"]["core"]["remaining"] == after


def test_a_304_spends_nothing(http: httpx.Client) -> None:
    first = http.get(f"{R}/pulls")
    again = http.get(f"{R}/pulls", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    assert again.headers["X-RateLimit-Remaining"] == first.headers["X-RateLimit-Remaining"]
    assert again.headers["ETag"] == first.headers["ETag"]


def test_etags_are_strong_and_differ_per_page(http: httpx.Client) -> None:
    one = http.get(f"{R}/pulls", params={"per_page": 2, "state": "all"}).headers["ETag"]
    two = http.get(f"{R}/pulls", params={"per_page": 2, "state": "all", "page": 2})
    assert not one.startswith("W/") and one.startswith('"')
    assert one != two.headers["ETag"]


def test_a_spent_budget_answers_403_with_remaining_zero_until_reset(
    http: httpx.Client, sandbox: GitHubSandbox
) -> None:
    reset = int(time.time()) + 1
    sandbox.budget.exhaust(DEFAULT_TOKEN, reset=reset)
    response = http.get(R)
    assert response.status_code == 403
    assert response.headers["X-RateLimit-Remaining"] == "0"
    assert response.headers["X-RateLimit-Reset"] == str(reset)
    assert response.json()["message"].startswith("API rate limit exceeded for user ID")
    validate_exchange(response)  # GET /repos/{owner}/{repo} declares 403
    time.sleep(max(0.0, reset - time.time()) + 0.05)
    assert http.get(R).status_code == 200


def test_an_injected_429_carries_githubs_secondary_limit_body(
    http: httpx.Client, sandbox: GitHubSandbox
) -> None:
    sandbox.faults.rate_limit(retry_after=3)
    response = http.get(R)
    assert response.status_code == 429
    assert response.headers["Retry-After"] == "3"
    assert "secondary rate limit" in response.json()["message"]
    assert "X-RateLimit-Remaining" in response.headers


def test_issue_filters_apply_state_since_labels_and_include_pull_requests(
    http: httpx.Client,
) -> None:
    everything = http.get(f"{R}/issues", params={"state": "all", "per_page": 100}).json()
    assert len(everything) == 3 + 7
    assert sum("pull_request" in item for item in everything) == 7
    since = http.get(f"{R}/issues", params={"state": "all", "since": "2025-01-12T00:00:00Z"})
    assert all(item["updated_at"] >= "2025-01-12T00:00:00Z" for item in since.json())
    labelled = http.get(f"{R}/issues", params={"state": "all", "labels": "customer"}).json()
    assert [item["number"] for item in labelled] == [102]


def test_unknown_paths_answer_githubs_json_404(http: httpx.Client) -> None:
    response = http.get("/repos/a/b/c/d/e")
    assert response.status_code == 404
    assert response.json()["message"] == "Not Found"
    assert "X-RateLimit-Remaining" in response.headers


def test_the_token_scheme_is_accepted_like_bearer(server: LoopbackServer) -> None:
    headers = {"Authorization": f"token {DEFAULT_TOKEN}"}
    assert httpx.get(f"{server.base_url}{R}", headers=headers).status_code == 200


def test_an_unknown_api_version_is_refused_with_400(http: httpx.Client) -> None:
    response = http.get(R, headers={"X-GitHub-Api-Version": "2019-01-01"})
    assert response.status_code == 400
    assert "X-GitHub-Api-Version" in response.json()["message"]
