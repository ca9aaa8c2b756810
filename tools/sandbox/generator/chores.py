"""GitHub activity outside Jira: dependabot bumps and the few issues filed on GitHub itself."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random

from tools.sandbox.generator.clock import END, START, after, between, seconds, sha
from tools.sandbox.generator.people import DEPENDABOT, Team
from tools.sandbox.generator.prs import CommitDraft, PrDraft
from tools.sandbox.generator.repos import RepoSpec
from tools.sandbox.generator.themes import BUG_SYMPTOMS, COMPONENTS, THEMES

_DEPENDENCIES = {
    "Python": ("pip", ("httpx", "pydantic", "sqlalchemy", "fastapi", "pytest", "ruff", "boto3")),
    "TypeScript": ("npm_and_yarn", ("react", "vite", "typescript", "eslint", "date-fns", "zod")),
    "HCL": ("terraform", ("hashicorp/aws", "hashicorp/random")),
}
_QUESTIONS = (
    "How do I rotate an API key?", "Is there a rate limit on the metrics endpoint?",
    "Can the worker run without Redis?", "Does the SDK support async clients?",
)  # fmt: skip
_FIRST_DAY = START + timedelta(days=1)


@dataclass
class GhIssueDraft:
    repo: str
    title: str
    body: str
    author: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None = None
    labels: list[str] = field(default_factory=list)
    number: int = 0


def dependabot_prs(rng: Random, repos: list[RepoSpec], team: Team, size: int) -> list[PrDraft]:
    """About twenty version bumps per unit of size; most merged within days, a few superseded."""
    out = []
    for _ in range(20 * size):
        spec = rng.choice(repos)
        ecosystem, packages = _DEPENDENCIES[spec.language]
        package = rng.choice(packages)
        major, minor, patch = rng.randint(0, 5), rng.randint(0, 30), rng.randint(0, 9)
        old, new = f"{major}.{minor}.{patch}", f"{major}.{minor}.{patch + 1}"
        created = between(rng, _FIRST_DAY, END - timedelta(hours=1))
        title = f"Bump {package} from {old} to {new}"
        pr = PrDraft(
            repo=spec.name,
            title=title,
            body=f"Bumps {package} from {old} to {new}.\n\nDependabot will resolve any conflicts "
            "with this PR as long as you don't alter it yourself.",
            author=DEPENDABOT.login,
            branch=f"dependabot/{ecosystem}/{package}-{new}",
            created_at=created,
            commits=[CommitDraft(sha(rng), DEPENDABOT.login, title, created - seconds(0.01))],
            jira_keys=[],
            labels=["dependencies"],
        )
        outcome, decided = rng.random(), after(rng, created, 2, 120)
        if decided <= END and outcome < 0.92:
            pr.closed_at = decided
            if outcome < 0.8:
                pr.merged_at, pr.merge_sha = decided, sha(rng)
                pr.merger = rng.choice(team.active("engineer", decided)).login
        out.append(pr)
    return out


def gh_issues(rng: Random, repos: list[RepoSpec], team: Team, size: int) -> list[GhIssueDraft]:
    """About thirty GitHub issues per unit of size: bugs, a few requests and questions."""
    out = []
    for _ in range(30 * size):
        created = between(rng, _FIRST_DAY, END - timedelta(hours=1))
        label = rng.choices(("bug", "enhancement", "question"), (5, 3, 2))[0]
        if label == "bug":
            component, _area = rng.choice(COMPONENTS)
            title = f"{component} {rng.choice(BUG_SYMPTOMS)}"
        elif label == "enhancement":
            title = f"Feature request: {rng.choice(rng.choice(THEMES).stories).lower()}"
        else:
            title = rng.choice(_QUESTIONS)
        closed = after(rng, created, 1, 24 * 30) if rng.random() < 0.7 else None
        closed = closed if closed is not None and closed <= END else None
        issue = GhIssueDraft(
            repo=rng.choice(repos).name,
            title=title,
            body=f"{title}\n\nSeen on production; happy to share more details.",
            author=rng.choice(team.active("engineer", created)).login,
            created_at=created,
            updated_at=closed or min(END, created + seconds(rng.uniform(0, 72))),
            closed_at=closed,
            labels=[label],
        )
        out.append(issue)
    return out
