"""CRM notes: what the sales team wrote down as deals moved, numbered in time order."""

from __future__ import annotations

from datetime import datetime
from random import Random
from typing import NamedTuple

from tools.sandbox.generator.clock import END, seconds
from tools.sandbox.generator.names import FIRST_NAMES, LAST_NAMES
from tools.sandbox.model import CrmCompany, CrmDeal, CrmNote


class NoteDraft(NamedTuple):
    at: datetime
    body: str
    company_id: str
    deal_id: str | None


_ABOUT_STAGE = {
    "appointmentscheduled": "<p>Intro call with {contact}. They track revenue metrics in "
    "spreadsheets today and want one dashboard for the board.</p>",
    "qualifiedtobuy": "<p>Qualified: budget confirmed with {contact}, about {seats} seats.</p>",
    "presentationscheduled": "<p>Demo for {contact}'s team went well; questions on SSO and "
    "data retention.</p>",
    "decisionmakerboughtin": "<p>{contact} is on board; procurement and security review next.</p>",
    "contractsent": "<p>Order form sent to {contact}: ${amount:,.0f} per year.</p>",
    "closedwon": "<p>Signed. Kickoff with {contact} next week.</p>",
    "closedlost": "<p>Lost. {contact}: {reason}.</p>",
}
_LOST_REASONS = (
    "went with a competitor", "no budget this year", "project deprioritised",
    "missing features they need", "chose to build in-house",
)  # fmt: skip


def contact(rng: Random) -> str:
    """A customer-side person to quote in a note."""
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def deal_notes(rng: Random, deals: list[CrmDeal]) -> list[NoteDraft]:
    """About half of the stage changes get a note a few hours later."""
    out = []
    for deal in deals:
        person = contact(rng)
        for change in deal.stage_history:
            at = change.at + seconds(rng.uniform(0.2, 6))
            if rng.random() < 0.5 or at > END:
                continue
            body = _ABOUT_STAGE[change.stage_id].format(
                contact=person,
                seats=max(5, int(deal.amount // 600)),
                amount=deal.amount,
                reason=rng.choice(_LOST_REASONS),
            )
            out.append(NoteDraft(at, body, deal.company_id, deal.id))
    return out


def company_notes(rng: Random, companies: list[CrmCompany]) -> list[NoteDraft]:
    """Account research on some companies, not tied to a deal."""
    out = []
    for c in companies:
        at = c.created_at + seconds(rng.uniform(1, 48))
        if rng.random() < 0.15 and at <= END:
            body = f"<p>Account research: {c.employees} employees, HQ in {c.country}.</p>"
            out.append(NoteDraft(at, body, c.id, None))
    return out


def note_models(drafts: list[NoteDraft]) -> list[CrmNote]:
    """Notes with ids in time order."""
    ordered = sorted(drafts, key=lambda d: d.at)
    return [
        CrmNote(
            id=str(60_000_000_000 + 11 * n),
            body=d.body,
            timestamp=d.at,
            company_id=d.company_id,
            deal_id=d.deal_id,
            updated_at=d.at,
        )
        for n, d in enumerate(ordered)
    ]
