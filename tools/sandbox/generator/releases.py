"""Releases: every repository tags what was merged at the end of each sprint."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from tools.sandbox.generator.clock import END, seconds
from tools.sandbox.generator.prs import PrDraft
from tools.sandbox.generator.repos import RepoSpec
from tools.sandbox.model import GhRelease, JiraSprint

# Sprints start Monday 09:00; release on the second Friday at 15:00.
_RELEASE_OFFSET = timedelta(days=11, hours=6)


def build_releases(
    rng: Random, repos: list[RepoSpec], prs: list[PrDraft], sprints: list[JiraSprint], org: str
) -> list[GhRelease]:
    """A release per repository per sprint with merged work, tagging the last merge commit."""
    drafts: list[tuple[str, str, str, list[PrDraft], int]] = []  # repo, tag, previous, prs, sprint
    for spec in repos:
        merged = sorted((p for p in prs if p.repo == spec.name and p.merged_at), key=_merged)
        # Services are past 1.0; the SDK is still in 0.x.
        major, minor = (1, 0) if spec.deploys else (0, 1)
        previous, cursor = "", 0
        for n, sprint in enumerate(sprints):
            cut = sprint.start + _RELEASE_OFFSET
            if cut > END:
                break
            batch = [p for p in merged[cursor:] if _merged(p) <= cut]
            if not batch:
                continue
            cursor += len(batch)
            tag = f"v{major}.{minor}.0"
            drafts.append((spec.name, tag, previous, batch, n))
            previous, minor = tag, minor + 1
    drafts.sort(key=lambda d: (d[4], d[0]))
    out = []
    for n, (repo, tag, previous, batch, sprint_n) in enumerate(drafts):
        created = sprints[sprint_n].start + _RELEASE_OFFSET + seconds(rng.uniform(0, 0.5))
        lines = [f"* {p.title} by @{p.author} in {_pr_url(org, p)}" for p in batch]
        compare = f"https://github.com/{org}/{repo}/compare/{previous}...{tag}"
        notes = "## What's Changed\n" + "\n".join(lines)
        notes += f"\n\n**Full Changelog**: {compare}" if previous else ""
        out.append(
            GhRelease(
                repo=repo,
                id=180_000_000 + n,
                tag_name=tag,
                name=tag,
                body=notes,
                target_commitish=batch[-1].merge_sha or "",
                created_at=created,
                published_at=created + seconds(rng.uniform(0.02, 0.2)),
            )
        )
    return out


def _merged(pr: PrDraft) -> datetime:
    return pr.merged_at or END


def _pr_url(org: str, pr: PrDraft) -> str:
    return f"https://github.com/{org}/{pr.repo}/pull/{pr.number}"
