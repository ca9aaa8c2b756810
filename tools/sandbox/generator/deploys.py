"""Deployments: staging then production several times a week; failures restored by a later deploy.

A failed production deploy is restored either by rolling back to the sha that was live before it,
or by GitHub's "Revert" PR on the change that broke it, merged and deployed within hours.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random
from typing import Literal

from tools.sandbox.generator.clock import END, START, seconds, sha, weekdays
from tools.sandbox.generator.people import Team
from tools.sandbox.generator.prs import PrDraft, revert_pr
from tools.sandbox.generator.repos import RepoSpec

State = Literal["queued", "in_progress", "success", "failure"]
_PER_DAY = {"api": 0.6, "web": 0.5, "worker": 0.3}  # deploy chance per weekday per unit of size
_FAILURE = 0.12  # production deploys that fail their health checks
_ROLLBACK = 0.55  # share of failures restored by rolling back rather than by a revert PR


@dataclass
class DeployDraft:
    repo: str
    sha: str
    ref: str
    environment: Literal["production", "staging"]
    creator: str
    statuses: list[tuple[State, datetime, str]]
    restored_by: DeployDraft | None = None
    rollback_of: DeployDraft | None = None
    id: int = field(default=0)

    @property
    def created_at(self) -> datetime:
        """When the deployment was requested."""
        return self.statuses[0][1]

    @property
    def finished_at(self) -> datetime:
        """When its outcome (the last status) was reported."""
        return self.statuses[-1][1]


class _Main:
    """A repository's default branch: merged PRs in merge order, reverts inserted as they land."""

    def __init__(self, prs: list[PrDraft]) -> None:
        merged = sorted((p for p in prs if p.merged_at), key=lambda p: p.merged_at or START)
        self.prs = merged
        self.times = [p.merged_at or START for p in merged]

    def head(self, when: datetime) -> PrDraft | None:
        i = bisect_right(self.times, when)
        return self.prs[i - 1] if i else None

    def add(self, pr: PrDraft) -> None:
        i = bisect_right(self.times, pr.merged_at or START)
        self.times.insert(i, pr.merged_at or START)
        self.prs.insert(i, pr)


def deployments(
    rng: Random, repos: list[RepoSpec], prs: list[PrDraft], team: Team, size: int
) -> tuple[list[DeployDraft], list[PrDraft]]:
    """Every service's deployments in time order (ids given), and the revert PRs they caused."""
    deploys: list[DeployDraft] = []
    reverts: list[PrDraft] = []
    for spec in repos:
        if spec.deploys:
            main = _Main([p for p in prs if p.repo == spec.name])
            _run(rng, spec.name, main, team, size, deploys, reverts)
    deploys.sort(key=lambda d: d.created_at)
    for n, d in enumerate(deploys):
        d.id = 1_400_000_000 + n
    return deploys, reverts


def _run(
    rng: Random,
    repo: str,
    main: _Main,
    team: Team,
    size: int,
    deploys: list[DeployDraft],
    reverts: list[PrDraft],
) -> None:
    live: PrDraft | None = None  # the PR whose merge commit production runs
    busy_until = START
    slots = [
        day + timedelta(hours=10) + seconds(rng.uniform(0, 7))
        for day in weekdays(START, END)
        for _ in range(size)
        if rng.random() < _PER_DAY[repo]
    ]
    for slot in sorted(slots):
        head = main.head(slot)
        if slot < busy_until or head is None or head is live or head.merge_sha is None:
            continue
        who = rng.choice(team.active("engineer", slot)).login
        staged_at = max(
            slot - seconds(rng.uniform(0.3, 1.5)), (head.merged_at or slot) + seconds(0.1)
        )
        staging = _deploy(rng, repo, head.merge_sha, "main", "staging", who, staged_at, ok=True)
        ok = rng.random() >= _FAILURE
        prod_at = max(slot, staging.finished_at + seconds(0.1))
        prod = _deploy(rng, repo, head.merge_sha, "main", "production", who, prod_at, ok=ok)
        deploys += [staging, prod]
        busy_until = prod.finished_at
        if ok:
            live = head
            continue
        restored = _restore(rng, main, prod, head, live, team, reverts)
        if restored is not None:
            fix, live = restored
            prod.restored_by = fix
            deploys.append(fix)
            busy_until = fix.finished_at


def _restore(
    rng: Random,
    main: _Main,
    failed: DeployDraft,
    bad: PrDraft,
    live: PrDraft | None,
    team: Team,
    reverts: list[PrDraft],
) -> tuple[DeployDraft, PrDraft] | None:
    """The deploy that restores service after ``failed``, and what production then runs."""
    t = failed.finished_at
    who = rng.choice(team.active("engineer", t)).login
    revertible = bad.reverts is None  # never revert a revert: roll back or redeploy instead
    if live is not None and live.merge_sha and (not revertible or rng.random() < _ROLLBACK):
        at = t + seconds(rng.uniform(0.25, 3))
        fix = _deploy(rng, failed.repo, live.merge_sha, live.merge_sha, "production", who, at)
        fix.rollback_of = failed
        return (fix, live) if fix.finished_at <= END else None
    opened = t + seconds(rng.uniform(0.15, 0.7))
    merged = opened + seconds(rng.uniform(0.25, 1.5))
    deploy_at = merged + seconds(rng.uniform(0.08, 0.35))
    if deploy_at + timedelta(minutes=15) > END:
        return None  # the incident outlives the sandbox: the failure stays unrestored
    if revertible:
        revert = revert_pr(rng, bad, opened, who)
        revert.merged_at = revert.closed_at = merged
        revert.merger = rng.choice(team.active("engineer", merged)).login
        revert.merge_sha = sha(rng)
        main.add(revert)
        reverts.append(revert)
    head = main.head(deploy_at) or bad
    fix = _deploy(rng, failed.repo, head.merge_sha or "", "main", "production", who, deploy_at)
    return fix, head


def _deploy(
    rng: Random,
    repo: str,
    commit: str,
    ref: str,
    environment: Literal["production", "staging"],
    creator: str,
    at: datetime,
    *,
    ok: bool = True,
) -> DeployDraft:
    started = at + seconds(rng.uniform(0.005, 0.03))
    finished = started + seconds(rng.uniform(0.05, 0.2))
    outcome: tuple[State, datetime, str] = (
        ("success", finished, f"Deployed {commit[:7]}")
        if ok
        else ("failure", finished, "Health checks failed: error rate above 5%")
    )
    statuses: list[tuple[State, datetime, str]] = [
        ("queued", at, "Deployment queued"),
        ("in_progress", started, f"Deploying {commit[:7]} to {environment}"),
        outcome,
    ]
    return DeployDraft(repo, commit, ref, environment, creator, statuses)
