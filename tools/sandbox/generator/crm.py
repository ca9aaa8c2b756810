"""The CRM's static side: HubSpot's default deal pipeline and the customer companies."""

from __future__ import annotations

from datetime import timedelta
from random import Random

from tools.sandbox.generator.clock import END, START, seconds
from tools.sandbox.generator.names import COMPANY_PREFIXES, COMPANY_SUFFIXES, COUNTRIES, slug
from tools.sandbox.model import CrmCompany, CrmDeal, CrmPipeline, CrmStage

# HubSpot's default "Sales Pipeline" with its default win probabilities.
STAGES = (
    ("appointmentscheduled", "Appointment Scheduled", 0.2),
    ("qualifiedtobuy", "Qualified To Buy", 0.4),
    ("presentationscheduled", "Presentation Scheduled", 0.6),
    ("decisionmakerboughtin", "Decision Maker Bought-In", 0.8),
    ("contractsent", "Contract Sent", 0.9),
    ("closedwon", "Closed Won", 1.0),
    ("closedlost", "Closed Lost", 0.0),
)
OPEN_STAGES = tuple(stage_id for stage_id, _label, p in STAGES if 0.0 < p < 1.0)
_QUALIFIERS = ("Group", "Partners", "International", "Holdings", "Labs", "Co")
_TLDS = (".com", ".com", ".io", ".co", ".net")


def build_pipeline() -> CrmPipeline:
    """The one deal pipeline every deal moves through."""
    stages = [
        CrmStage(id=sid, label=label, display_order=n, probability=p, is_closed=p in (0.0, 1.0))
        for n, (sid, label, p) in enumerate(STAGES)
    ]
    return CrmPipeline(id="default", label="Sales Pipeline", stages=stages)


def build_companies(rng: Random, size: int) -> list[CrmCompany]:
    """About 150 prospects per unit of size, arriving a little faster as marketing grows."""
    used: set[str] = set()
    countries, weights = zip(*COUNTRIES, strict=True)
    drafts = []
    first, last = START + timedelta(days=1), END - timedelta(days=10)
    for _ in range(150 * size):
        suffix, industry = rng.choice(COMPANY_SUFFIXES)
        name = _unique(rng, suffix, used)
        created = first + seconds((last - first).total_seconds() * rng.random() ** 0.85 / 3600)
        country, employees = rng.choices(countries, weights)[0], int(10 ** rng.uniform(1, 3.7))
        drafts.append((created, name, industry, country, employees, rng.choice(_TLDS)))
    drafts.sort(key=lambda d: d[0])
    return [
        CrmCompany(
            id=str(9_100_000_000 + 17 * n),
            name=name,
            domain=slug(name).replace("-", "") + tld,
            industry=industry,
            employees=employees,
            country=country,
            created_at=created,
            updated_at=created,
        )
        for n, (created, name, industry, country, employees, tld) in enumerate(drafts)
    ]


def touch_companies(companies: list[CrmCompany], deals: list[CrmDeal]) -> list[CrmCompany]:
    """Companies whose ``updated_at`` follows their latest deal activity."""
    latest = {c.id: c.updated_at for c in companies}
    for deal in deals:
        latest[deal.company_id] = max(latest[deal.company_id], deal.updated_at)
    return [c.model_copy(update={"updated_at": latest[c.id]}) for c in companies]


def _unique(rng: Random, suffix: str, used: set[str]) -> str:
    for _ in range(20):
        name = f"{rng.choice(COMPANY_PREFIXES)} {suffix}"
        if name not in used:
            break
    for qualifier in ("", *_QUALIFIERS):  # only when the plain names run out, at large sizes
        candidate = f"{name} {qualifier}".strip()
        if candidate not in used:
            used.add(candidate)
            return candidate
    n = 2
    while f"{name} {n}" in used:
        n += 1
    used.add(f"{name} {n}")
    return f"{name} {n}"
