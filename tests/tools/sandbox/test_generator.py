"""The sandbox generator is deterministic, scales with size and is internally consistent."""

from __future__ import annotations

import re
import time
from collections import Counter, defaultdict
from datetime import datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tools.sandbox import truth
from tools.sandbox.generator import SIZE_FOR_100K_EVENTS, generate
from tools.sandbox.model import SandboxCompany

WORKFLOW = ["In Progress", "In Review", "Done"]
KEY_BRANCH = re.compile(r"^(feature|fix|chore)/(DBO-\d+)-[a-z0-9-]+$")


def test_same_seed_and_size_generate_identical_companies(company: SandboxCompany) -> None:
    assert generate(seed=7, size=1).model_dump_json() == company.model_dump_json()


def test_different_seeds_generate_different_companies(company: SandboxCompany) -> None:
    other = generate(seed=8, size=1)
    assert other.model_dump_json() != company.model_dump_json()
    assert [c.name for c in other.companies] != [c.name for c in company.companies]


def test_size_one_is_a_small_realistic_startup(company: SandboxCompany) -> None:
    counts = truth.event_count(company)
    assert 3 <= len(company.repos) <= 5
    assert 300 <= counts["pull_requests"] <= 900
    assert 900 <= counts["jira_issues"] <= 1100
    assert counts["companies"] == 150
    assert 200 <= counts["deals"] <= 400
    weeks = (company.end - company.start) / timedelta(weeks=1)
    assert truth.deploy_count(company) / weeks >= 2  # several production deploys a week
    assert 0.03 <= truth.change_failure_rate(company) <= 0.25


def test_volume_grows_linearly_with_size() -> None:
    totals = {size: truth.total_events(generate(seed=7, size=size)) for size in (1, 3)}
    assert 2.6 <= totals[3] / totals[1] <= 3.4


def test_size_for_100k_events_reaches_100k_events() -> None:
    assert truth.total_events(generate(seed=7, size=SIZE_FOR_100K_EVENTS)) >= 100_000


def test_size_one_generates_well_under_a_second() -> None:
    started = time.perf_counter()
    generate(seed=11, size=1)
    assert time.perf_counter() - started < 1.0


def test_generated_company_is_internally_consistent(company: SandboxCompany) -> None:
    assert_consistent(company)


def test_generated_company_has_request_to_production_chains(company: SandboxCompany) -> None:
    requested = sum(len(d.requested_issue_keys) for d in company.deals)
    assert 0 < truth.linked_chains(company) <= requested
    assert any(d.rollback_of for d in company.deployments)  # both ways of restoring service
    assert any(p.title.startswith('Revert "') for p in company.pull_requests)


@settings(max_examples=6, deadline=None)
@given(seed=st.integers(min_value=0, max_value=2**32))
def test_invariants_hold_for_any_seed(seed: int) -> None:
    assert_consistent(generate(seed=seed, size=1))


def assert_consistent(c: SandboxCompany) -> None:
    """Every cross-record invariant the servers and the ingestion rely on."""
    # Sprints are the one thing planned past the end: the active and the future sprint.
    _assert_within_window(c.model_dump(exclude={"sprints"}), c.start, c.end)
    _assert_jira(c)
    _assert_github(c)
    _assert_crm(c)


def _assert_within_window(node: Any, start: datetime, end: datetime) -> None:
    if isinstance(node, dict):
        node = list(node.values())
    if isinstance(node, list):
        for item in node:
            _assert_within_window(item, start, end)
    elif isinstance(node, datetime):
        assert start <= node <= end, node


def _assert_jira(c: SandboxCompany) -> None:
    issues = {i.key: i for i in c.jira_issues}
    accounts = {u.account_id for u in c.jira_users}
    sprints = {s.id for s in c.sprints}
    assert len(issues) == len(c.jira_issues)
    assert [i.key for i in c.jira_issues] == [f"DBO-{n}" for n in range(1, len(issues) + 1)]
    assert [i.created for i in c.jira_issues] == sorted(i.created for i in c.jira_issues)
    assert Counter(s.state for s in c.sprints) == Counter(
        {"closed": len(c.sprints) - 2, "active": 1, "future": 1}
    )
    for a, b in zip(c.sprints, c.sprints[1:], strict=False):
        assert b.start - a.start == timedelta(weeks=2) and a.end < b.start
    for i in c.jira_issues:
        steps = [ch.to_status for ch in i.changelog]
        assert steps == WORKFLOW[: len(steps)], i.key
        assert [ch.from_status for ch in i.changelog] == ["To Do", *steps][: len(steps)]
        times = [i.created, *(ch.at for ch in i.changelog)]
        assert times == sorted(times) and len(set(times)) == len(times), i.key
        assert i.status == (steps[-1] if steps else "To Do")
        assert i.resolved == (times[-1] if i.status == "Done" else None)
        assert i.updated >= times[-1]
        assert i.reporter_account_id in accounts
        assert {ch.author_account_id for ch in i.changelog} <= accounts
        assert set(i.sprint_ids) <= sprints
        if i.epic_key is not None:
            assert issues[i.epic_key].issue_type == "Epic"
            assert issues[i.epic_key].created <= i.created
        if i.issue_type == "Story":
            assert i.story_points in (1, 2, 3, 5, 8, 13)
        if i.issue_type == "Epic":
            assert i.story_points is None and not i.sprint_ids
    bugs = [i for i in c.jira_issues if i.issue_type == "Bug"]
    assert sum(i.story_points is None for i in bugs) > 0.6 * len(bugs)


def _assert_github(c: SandboxCompany) -> None:
    issues = {i.key: i for i in c.jira_issues}
    commits = {(m.repo, m.sha): m for m in c.commits}
    assert len(commits) == len(c.commits)
    assert all(re.fullmatch(r"[0-9a-f]{40}", sha) for _repo, sha in commits)
    numbers = [(p.repo, p.number) for p in c.pull_requests] + [
        (i.repo, i.number) for i in c.gh_issues
    ]
    assert len(set(numbers)) == len(numbers)
    assert len(c.gh_issues) < 0.2 * len(c.pull_requests)  # GitHub issues are a minority
    for p in c.pull_requests:
        assert p.first_commit_at <= p.created_at <= p.updated_at
        assert (p.state == "closed") == (p.closed_at is not None)
        assert all(commits[(p.repo, s)].pr_number == p.number for s in p.commit_shas)
        for key in p.jira_keys:
            assert key in issues, p.title
            assert key in p.head_branch and key in p.title
            moves = {ch.to_status: ch.at for ch in issues[key].changelog}
            assert moves["In Progress"] < p.first_commit_at, p.title  # work starts, then commits
            went_in_review = [ch.at for ch in issues[key].changelog if ch.to_status == "In Review"]
            if p.merged_at is not None:
                assert went_in_review and went_in_review[0] < p.merged_at, p.title
        if p.merged_at is not None:
            assert p.closed_at == p.merged_at and p.merge_commit_sha is not None
            assert commits[(p.repo, p.merge_commit_sha)].committed_at == p.merged_at
        if p.head_branch.startswith(("feature/", "fix/", "chore/")):
            match = KEY_BRANCH.match(p.head_branch)
            assert match and p.title.startswith(f"{match[2]}: ")
    for r in c.releases:
        assert (r.repo, r.target_commitish) in commits
    by_id = {d.id: d for d in c.deployments}
    for d in c.deployments:
        assert (d.repo, d.sha) in commits
        times = [s.created_at for s in d.statuses]
        assert times == sorted(times) and d.created_at == times[0] and d.updated_at == times[-1]
        if d.restored_by is not None:
            fix = by_id[d.restored_by]
            assert d.statuses[-1].state == "failure" and fix.statuses[-1].state == "success"
            assert fix.repo == d.repo and fix.environment == "production"
            assert fix.created_at > d.updated_at
        if d.rollback_of is not None:
            assert by_id[d.rollback_of].restored_by == d.id
    unrestored = [
        d for d in c.deployments if d.statuses[-1].state == "failure" and not d.restored_by
    ]
    assert len(unrestored) <= 1  # only a failure in the sandbox's last hours stays open


def _assert_crm(c: SandboxCompany) -> None:
    stages = {s.id: s for s in c.pipelines[0].stages}
    companies = {co.id for co in c.companies}
    deals = {d.id: d for d in c.deals}
    issues = {i.key: i for i in c.jira_issues}
    for d in c.deals:
        assert d.company_id in companies
        orders = [stages[h.stage_id].display_order for h in d.stage_history]
        assert orders == sorted(set(orders)), d.name  # forward only, never revisited
        times = [h.at for h in d.stage_history]
        assert times == sorted(times) and times[0] == d.create_date
        assert d.stage_history[-1].stage_id == d.stage_id and d.updated_at >= times[-1]
        closed = stages[d.stage_id].is_closed
        assert (d.close_date is not None) == closed
        assert d.close_date in (None, times[-1])
        for key in d.requested_issue_keys:
            assert key in issues, d.name
            assert d.id in issues[key].requested_by_deal_ids
            assert any(key in n.body for n in c.notes if n.deal_id == d.id)
    for i in c.jira_issues:
        assert all(
            i.key in deals[deal_id].requested_issue_keys for deal_id in i.requested_by_deal_ids
        )
    for n in c.notes:
        assert n.company_id in companies and (n.deal_id is None or n.deal_id in deals)
    # Running ARR per customer, in close order, never goes below zero (no floor needed).
    running: defaultdict[str, float] = defaultdict(float)
    won = sorted(
        (d for d in c.deals if d.stage_id == "closedwon"), key=lambda d: d.close_date or c.end
    )
    for d in won:
        if d.kind != "new":
            assert running[d.company_id] > 0, d.name  # only won customers expand, renew or churn
        running[d.company_id] += truth.DEAL_SIGN[d.kind] * d.amount
        assert running[d.company_id] >= 0, d.name
