"""Hand-built synced facts whose every metric was worked out on paper (see each test)."""

from __future__ import annotations

from datetime import UTC, datetime

from agents.dashboard.facts import (
    DealFact,
    DeployFact,
    IssueFact,
    PullRequestFact,
    ShippedFact,
    SourceFacts,
)
from agents.dashboard.period import Period, resolve_period


def at(month: int, day: int, hour: int = 0, minute: int = 0, year: int = 2024) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


Q1 = resolve_period(at(1, 1).date(), at(3, 31).date(), None, at(6, 1))
MARCH_1_TO_14 = resolve_period(at(3, 1).date(), at(3, 14).date(), None, at(6, 1))


def won(
    id_: str, company: str, kind: str, amount: float, created: datetime, closed: datetime
) -> DealFact:
    return DealFact(
        id=id_,
        company_id=company,
        kind=kind,
        amount=amount,
        created_at=created,
        closed_at=closed,
        stage="closedwon",
        stages=[("appointmentscheduled", created), ("closedwon", closed)],
    )


def q1_deals() -> list[DealFact]:
    """A expands, B churns, C contracts and renews flat, D is new, E lost, F and G open."""
    return [
        won("a-new", "A", "new", 12_000, at(5, 1, year=2023), at(6, 1, year=2023)),
        won("a-exp", "A", "expansion", 6_000, at(1, 11), at(2, 10)),
        won("b-new", "B", "new", 10_000, at(2, 1, year=2023), at(3, 1, year=2023)),
        won("b-churn", "B", "churn", 10_000, at(2, 1), at(3, 1)),
        won("c-new", "C", "new", 24_000, at(8, 1, year=2023), at(9, 1, year=2023)),
        won("c-down", "C", "contraction", 4_000, at(1, 5), at(1, 15)),
        won("c-renew", "C", "renewal", 0, at(2, 20), at(3, 20)),
        won("d-new", "D", "new", 30_000, at(12, 1, year=2023), at(2, 1)),
        DealFact(
            id="e-new",
            company_id="E",
            kind="new",
            amount=8_000,
            created_at=at(1, 10),
            closed_at=at(3, 10),
            stage="closedlost",
            stages=[("appointmentscheduled", at(1, 10)), ("closedlost", at(3, 10))],
        ),
        # Won after the quarter: still open (contract sent) at its end.
        DealFact(
            id="f-new",
            company_id="F",
            kind="new",
            amount=50_000,
            created_at=at(2, 1),
            closed_at=at(4, 10),
            stage="closedwon",
            stages=[
                ("appointmentscheduled", at(2, 1)),
                ("contractsent", at(3, 15)),
                ("closedwon", at(4, 10)),
            ],
        ),
        DealFact(
            id="g-exp",
            company_id="A",
            kind="expansion",
            amount=3_000,
            created_at=at(3, 1),
            stage="qualifiedtobuy",
            stages=[("appointmentscheduled", at(3, 1)), ("qualifiedtobuy", at(3, 5))],
        ),
    ]


def deploy(
    id_: int,
    repo: str,
    created: datetime,
    state: str,
    finished: datetime,
    restored: datetime | None = None,
) -> DeployFact:
    return DeployFact(
        id=id_,
        repo=repo,
        created_at=created,
        state=state,
        finished_at=finished,
        restored_at=restored,
    )


def march_deploys() -> list[DeployFact]:
    """Six production deploys in 1-14 March: three fail, two of them restored (3 h and 1 h)."""
    return [
        deploy(7, "api", at(2, 28, 10), "success", at(2, 28, 10, 5)),  # before the period
        deploy(1, "api", at(3, 1, 10), "success", at(3, 1, 10, 5)),
        deploy(2, "api", at(3, 4, 10), "failure", at(3, 4, 10, 10), at(3, 4, 13, 10)),
        deploy(3, "api", at(3, 4, 13), "success", at(3, 4, 13, 10)),
        deploy(4, "web", at(3, 6, 10), "failure", at(3, 6, 10, 6), at(3, 6, 11, 6)),
        deploy(5, "web", at(3, 6, 11), "success", at(3, 6, 11, 6)),
        deploy(6, "web", at(3, 12, 10), "error", at(3, 12, 10, 5)),
    ]


def march_prs() -> list[PullRequestFact]:
    """Lead times 24 h, 48 h, 6 h; cycle times (merged in the period) 44 h, 3.9 h, 24 h."""
    return [
        PullRequestFact(
            repo="api",
            number=1,
            created_at=at(2, 29, 10, 5),
            merged_at=at(2, 29, 20),
            deployed_at=at(3, 1, 10, 5),
        ),
        PullRequestFact(
            repo="api",
            number=2,
            created_at=at(3, 2, 13, 10),
            merged_at=at(3, 4, 9, 10),
            deployed_at=at(3, 4, 13, 10),
        ),
        PullRequestFact(
            repo="web",
            number=3,
            created_at=at(3, 6, 5, 6),
            merged_at=at(3, 6, 9),
            deployed_at=at(3, 6, 11, 6),
        ),
        PullRequestFact(repo="web", number=4, created_at=at(3, 10, 12), merged_at=at(3, 11, 12)),
        PullRequestFact(repo="web", number=5, created_at=at(3, 13)),
    ]


def march_issues() -> list[IssueFact]:
    """Bugs: 3 opened (2 Jira, 1 GitHub), 2 fixed; 4 issues resolved in all."""
    return [
        IssueFact(
            source="jira", key="DBO-10", is_bug=True, created_at=at(3, 2), resolved_at=at(3, 5)
        ),
        IssueFact(
            source="jira", key="DBO-11", is_bug=False, created_at=at(3, 1), resolved_at=at(3, 10)
        ),
        IssueFact(source="jira", key="DBO-12", is_bug=True, created_at=at(3, 8)),
        IssueFact(
            source="github", key="api#1", is_bug=True, created_at=at(2, 20), resolved_at=at(3, 3)
        ),
        IssueFact(
            source="github", key="api#2", is_bug=False, created_at=at(3, 4), resolved_at=at(3, 4)
        ),
        IssueFact(source="github", key="api#3", is_bug=True, created_at=at(3, 9)),
    ]


def q1_shipped() -> list[ShippedFact]:
    """Four requests shipped in Q1 (50, 30, 25 and 11 days after the request), one after it."""
    return [
        ShippedFact(
            deal_id="d-new",
            jira_key="DBO-1",
            requested_at=at(12, 1, year=2023),
            deployed_at=at(1, 20),
        ),
        ShippedFact(deal_id="f-new", jira_key="DBO-2", requested_at=at(2, 1), deployed_at=at(3, 2)),
        ShippedFact(
            deal_id="a-exp", jira_key="DBO-3", requested_at=at(1, 11), deployed_at=at(2, 5)
        ),
        ShippedFact(
            deal_id="c-renew", jira_key="DBO-2", requested_at=at(2, 20), deployed_at=at(3, 2)
        ),
        ShippedFact(
            deal_id="d-new",
            jira_key="DBO-9",
            requested_at=at(12, 1, year=2023),
            deployed_at=at(4, 5),
        ),
    ]


def q1_facts() -> SourceFacts:
    return SourceFacts(deals=q1_deals(), shipped=q1_shipped())


def period_bounds(period: Period) -> dict[str, datetime]:
    return {"period_start": period.start, "period_end": period.end}
