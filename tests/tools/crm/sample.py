"""A small hand-written sandbox company for the CRM tests: 5 companies, 12 deals, 3 notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tools.sandbox.model import (
    CrmCompany,
    CrmDeal,
    CrmNote,
    CrmPipeline,
    CrmStage,
    CrmStageChange,
    DealKind,
    SandboxCompany,
)

START = datetime(2024, 1, 1, tzinfo=UTC)
END = datetime(2025, 6, 30, tzinfo=UTC)
# Deals 7 and 8 share one hs_lastmodifieddate: paging by that value must not lose either.
SHARED_UPDATE = START + timedelta(days=300, hours=9)
KINDS: list[DealKind] = ["new", "expansion", "renewal", "contraction", "churn"]
STAGES = [
    ("appointmentscheduled", "Appointment Scheduled", 0.2, False),
    ("qualifiedtobuy", "Qualified To Buy", 0.4, False),
    ("presentationscheduled", "Presentation Scheduled", 0.6, False),
    ("decisionmakerboughtin", "Decision Maker Bought-In", 0.8, False),
    ("contractsent", "Contract Sent", 0.9, False),
    ("closedwon", "Closed Won", 1.0, True),
    ("closedlost", "Closed Lost", 0.0, True),
]


def company_id(n: int) -> str:
    return str(9_000_000_000 + n)


def deal_id(n: int) -> str:
    return str(30_000_000_000 + n)


def deal_updated(n: int) -> datetime:
    """When deal ``n`` (1..12) was last modified: every 20 days, except the shared pair."""
    if n in (7, 8):
        return SHARED_UPDATE
    return START + timedelta(days=20 * n, hours=n, milliseconds=123)


def _deal(n: int) -> CrmDeal:
    created = START + timedelta(days=5 * n)
    path = ["appointmentscheduled", "qualifiedtobuy", "contractsent", "closedwon"][: 1 + n % 4]
    history = [
        CrmStageChange(stage_id=stage, at=created + timedelta(days=3 * i, minutes=n))
        for i, stage in enumerate(path)
    ]
    closed = path[-1] == "closedwon"
    return CrmDeal(
        id=deal_id(n),
        name=f"Deal {n}",
        company_id=company_id(1 + n % 5),
        stage_id=path[-1],
        kind=KINDS[n % len(KINDS)],
        amount=1000.0 * n + (0.5 if n == 3 else 0.0),
        create_date=created,
        close_date=history[-1].at if closed else None,
        updated_at=deal_updated(n),
        stage_history=history,
        requested_issue_keys=[f"DBO-{n}", f"DBO-{n + 40}"] if n % 3 == 0 else [],
    )


def sample_company() -> SandboxCompany:
    """The fixture company; every value is fixed so tests can name what they expect."""
    companies = [
        CrmCompany(
            id=company_id(n),
            name=f"Customer {n}",
            domain=f"customer{n}.example",
            industry="COMPUTER_SOFTWARE",
            employees=50 * n,
            country="Germany" if n % 2 else "United States",
            created_at=START + timedelta(days=n),
            updated_at=START + timedelta(days=30 * n, milliseconds=7),
        )
        for n in range(1, 6)
    ]
    notes = [
        CrmNote(
            id=str(70_000_000_000 + n),
            body=f"<p>Call notes {n}</p>",
            timestamp=START + timedelta(days=40 + n),
            deal_id=deal_id(n) if n < 3 else None,
            company_id=company_id(1) if n > 1 else None,
            updated_at=START + timedelta(days=41 + n),
        )
        for n in range(1, 4)
    ]
    stages = [
        CrmStage(id=i, label=label, display_order=order, probability=p, is_closed=closed)
        for order, (i, label, p, closed) in enumerate(STAGES)
    ]
    return SandboxCompany(
        seed=0,
        size=0,
        name="Hand-made CRM Co",
        github_org="hand-made",
        jira_project_key="DBO",
        jira_project_name="Hand-made Platform",
        start=START,
        end=END,
        gh_users=[],
        repos=[],
        commits=[],
        pull_requests=[],
        releases=[],
        deployments=[],
        gh_issues=[],
        jira_users=[],
        sprints=[],
        versions=[],
        jira_issues=[],
        pipelines=[CrmPipeline(id="default", label="Sales Pipeline", stages=stages)],
        companies=companies,
        deals=[_deal(n) for n in range(1, 13)],
        notes=notes,
    )
