"""The GitHub org's repositories: three to five, each owning some areas of the product."""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random
from typing import NamedTuple

from tools.sandbox.generator.clock import START
from tools.sandbox.model import GhRepo


class RepoSpec(NamedTuple):
    name: str
    language: str
    description: str
    deploys: bool  # deployed to staging and production (services), or only released (libraries)


CATALOG = (
    RepoSpec("api", "Python", "Core REST API, auth and billing", True),
    RepoSpec("web", "TypeScript", "Customer-facing web app and dashboards", True),
    RepoSpec("worker", "Python", "Sync workers, connectors and alerting jobs", True),
    RepoSpec("infra", "HCL", "Terraform for every environment", False),
    RepoSpec("sdk-python", "Python", "Python SDK for the public API", False),
)
_AREA_REPO = {"backend": "api", "frontend": "web", "data": "worker", "infra": "infra"}
_AREA_REPO["sdk"] = "sdk-python"


def pick_repos(rng: Random) -> list[RepoSpec]:
    """The three services always; infra and then the SDK in larger orgs."""
    return list(CATALOG[: rng.choice((3, 4, 5))])


def repo_for(area: str, repos: list[RepoSpec]) -> str:
    """The repository where work on ``area`` lands (the API when that repo doesn't exist)."""
    name = _AREA_REPO.get(area, "api")
    return name if any(r.name == name for r in repos) else "api"


def repo_models(rng: Random, repos: list[RepoSpec], pushed: dict[str, datetime]) -> list[GhRepo]:
    """Repository records; ``pushed`` maps a repo to its last commit time."""
    base = rng.randrange(600_000_000, 900_000_000)
    out = []
    for n, spec in enumerate(repos):
        # Created on day one of the window, minutes apart, before any issue can be worked on.
        created = START + timedelta(minutes=7 * n)
        pushed_at = max(pushed.get(spec.name, created), created)
        out.append(
            GhRepo(
                id=base + 1 + 3 * n,
                name=spec.name,
                description=spec.description,
                created_at=created,
                updated_at=pushed_at,
                pushed_at=pushed_at,
                language=spec.language,
            )
        )
    return out
