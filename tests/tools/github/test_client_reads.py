"""GitHubClient against the loopback GitHub: every record comes back once, with its wire fields."""

from __future__ import annotations

from datetime import timedelta

import httpx
import pytest

from tests.tools.github.company import COMMIT_COUNT, ORG, PR_COUNT, PUBLIC_REPO, REPO, T0
from tests.tools.github.conftest import MakeClient
from tools.github import GitHubClient, GitHubError, GitHubSource
from tools.sandbox.model import SandboxCompany


def test_listing_across_pages_returns_every_pull_request_exactly_once(
    make_client: MakeClient, company: SandboxCompany
) -> None:
    client = make_client(per_page=3)
    numbers = [pr.number for pr in client.list_pull_requests(ORG, REPO)]
    assert sorted(numbers) == list(range(1, PR_COUNT + 1))
    assert client.stats.requests == 3  # 7 records at 3 a page
    updated = {pr.number: pr.updated_at for pr in company.pull_requests}
    assert numbers == sorted(updated, key=lambda n: updated[n], reverse=True)


def test_pull_request_wire_fields_match_the_sandbox_records(
    make_client: MakeClient, company: SandboxCompany
) -> None:
    listed = {pr.number: pr for pr in make_client().list_pull_requests(ORG, REPO)}
    for truth in company.pull_requests:
        pr = listed[truth.number]
        assert (pr.title, pr.body, pr.state) == (truth.title, truth.body, truth.state)
        assert (pr.created_at, pr.updated_at) == (truth.created_at, truth.updated_at)
        assert (pr.closed_at, pr.merged_at) == (truth.closed_at, truth.merged_at)
        assert pr.merge_commit_sha == truth.merge_commit_sha
        assert (pr.head.ref, pr.base.ref) == (truth.head_branch, truth.base_branch)
        assert pr.user is not None and pr.user.login == truth.author_login
        assert pr.is_merged == (truth.merged_at is not None)


def test_state_filter_keeps_only_open_pull_requests(make_client: MakeClient) -> None:
    states = {pr.state for pr in make_client().list_pull_requests(ORG, REPO, state="open")}
    assert states == {"open"}


def test_single_pull_request_adds_merge_state_and_diff_stats(make_client: MakeClient) -> None:
    pr = make_client().get_pull_request(ORG, REPO, 2)
    assert pr.merged is True and pr.is_merged
    assert pr.commits == 1 and pr.additions is not None and pr.changed_files is not None


def test_issue_listing_exposes_which_entries_are_pull_requests(make_client: MakeClient) -> None:
    issues = list(make_client(per_page=4).list_issues(ORG, REPO))
    assert len(issues) == 3 + PR_COUNT
    prs = [i for i in issues if i.is_pull_request]
    assert len(prs) == PR_COUNT
    assert all(i.pull_request and i.pull_request.url for i in prs)
    bug = next(i for i in issues if i.number == 102)
    assert [label.name for label in bug.labels] == ["bug", "customer"]


def test_issues_since_returns_only_those_updated_since(make_client: MakeClient) -> None:
    since = T0 + timedelta(days=6)
    issues = list(make_client().list_issues(ORG, REPO, since=since))
    assert issues and all(i.updated_at >= since for i in issues)


def test_commits_come_newest_first_with_parents_and_filters(make_client: MakeClient) -> None:
    client = make_client(per_page=3)
    commits = list(client.list_commits(ORG, REPO))
    assert len({c.sha for c in commits}) == COMMIT_COUNT
    assert commits[0].parents[0].sha == commits[1].sha and commits[-1].parents == []
    assert commits[0].author is not None and commits[0].commit.author is not None
    since = T0 + timedelta(days=6)
    recent = list(client.list_commits(ORG, REPO, since=since))
    assert recent and all(c.commit.committer and c.commit.committer.date for c in recent)
    assert len(recent) < COMMIT_COUNT
    from_sha = list(client.list_commits(ORG, REPO, sha=commits[2].sha))
    assert [c.sha for c in from_sha] == [c.sha for c in commits[2:]]


def test_releases_deployments_and_statuses_come_newest_first(make_client: MakeClient) -> None:
    client = make_client()
    assert [r.tag_name for r in client.list_releases(ORG, REPO)] == ["v1.2.0", "v1.1.0", "v1.0.0"]
    production = list(client.list_deployments(ORG, REPO, environment="production"))
    assert [d.id for d in production] == [602, 601]
    assert all(d.production_environment for d in production)
    statuses = list(client.list_deployment_statuses(ORG, REPO, 601))
    assert [s.state for s in statuses] == ["success", "in_progress"]


def test_org_repositories_and_a_single_repository(make_client: MakeClient) -> None:
    client: GitHubSource = make_client()  # mypy checks the client fits the protocol
    assert sorted(r.name for r in client.list_org_repos(ORG)) == sorted([REPO, PUBLIC_REPO])
    repo = client.get_repo(ORG, REPO)
    assert (repo.full_name, repo.private, repo.default_branch) == (f"{ORG}/{REPO}", True, "main")


def test_rate_limit_reports_the_core_budget_without_spending_it(make_client: MakeClient) -> None:
    client = make_client()
    client.get_repo(ORG, REPO)
    first = client.rate_limit()
    second = client.rate_limit()
    assert first.core.limit == 100 and first.core.used == 1
    assert second.core.remaining == first.core.remaining


def test_a_link_to_another_origin_is_not_followed() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        link = '<https://evil.example/repos/o/r/pulls?page=2>; rel="next"'
        return httpx.Response(200, json=[], headers={"Link": link})

    with (
        GitHubClient("t", transport=httpx.MockTransport(handler)) as client,
        pytest.raises(GitHubError, match="off the API origin"),
    ):
        list(client.list_releases("o", "r"))
