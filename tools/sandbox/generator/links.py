"""Feature requests: stories that customers asked for in open deals, linked both ways.

A story becomes a request when it was filed while a deal was open; the deal lists its key in
``requested_issue_keys``, the issue lists the deal in ``requested_by_deal_ids``, gets the
``customer-request`` label, and the deal gets a note naming the key.
"""

from __future__ import annotations

from bisect import bisect_right
from datetime import timedelta
from random import Random

from tools.sandbox.generator.clock import END, between
from tools.sandbox.generator.notes import NoteDraft, contact
from tools.sandbox.model import CrmCompany, CrmDeal, JiraIssue

LABEL = "customer-request"
_ASKING_KINDS = ("new", "expansion", "renewal")
_LOOKBACK = timedelta(days=240)  # longer than any sales cycle: older deals are closed by then
HOUR = timedelta(hours=1)


def link_requests(
    rng: Random, issues: list[JiraIssue], deals: list[CrmDeal], companies: list[CrmCompany]
) -> list[NoteDraft]:
    """Link about one story in eight to one to three deals open when it was filed (mutates both)."""
    names = {c.id: c.name for c in companies}
    asking = sorted((d for d in deals if d.kind in _ASKING_KINDS), key=lambda d: d.create_date)
    created = [d.create_date for d in asking]
    notes: list[NoteDraft] = []
    for issue in issues:
        if issue.issue_type != "Story" or rng.random() >= 0.12:
            continue
        lo = bisect_right(created, issue.created - _LOOKBACK)
        hi = bisect_right(created, issue.created)
        # Open when the story was filed, and long enough after it for a note to follow.
        open_then = [d for d in asking[lo:hi] if (d.close_date or END) > issue.created + 2 * HOUR]
        if not open_then:
            continue
        wanted = rng.choices((1, 2, 3), (70, 25, 5))[0]
        chosen = sorted(rng.sample(open_then, min(wanted, len(open_then))), key=lambda d: d.id)
        feature = issue.summary.split(":")[0].split(" (")[0]  # the ask, not the team's slice
        for deal in chosen:
            deal.requested_issue_keys.append(issue.key)
            issue.requested_by_deal_ids.append(deal.id)
            until = min(deal.close_date or END, issue.created + timedelta(days=7))
            body = (
                f"<p>{contact(rng)} says <strong>{feature}</strong> is a must-have for them. "
                f"Logged as {issue.key}.</p>"
            )
            when = between(rng, issue.created + HOUR, until)
            notes.append(NoteDraft(when, body, deal.company_id, deal.id))
        issue.labels.append(LABEL)
        requesters = ", ".join(dict.fromkeys(names[d.company_id] for d in chosen))
        issue.description += f"\n\nRequested by: {requesters}."
    return notes
