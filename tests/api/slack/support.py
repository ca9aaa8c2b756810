"""Reading what the bot did: runs of the Slack org and its ``slack_requests`` rows."""

from __future__ import annotations

from sqlalchemy import select

from api.runs.schemas import RunOut
from devbizops.db import Database
from memory.models import Run
from memory.repositories.orgs import OrgRepository
from memory.service_models import SlackRequest

SLACK_ORG = "slack-org"


def slack_runs(db: Database) -> list[RunOut]:
    """The runs of the bot's organization, oldest first."""
    with db.transaction() as session:
        org_id = OrgRepository(session).get_id(SLACK_ORG)
        rows = session.execute(
            select(Run).where(Run.org_id == org_id).order_by(Run.created_at)
        ).scalars()
        return [RunOut.model_validate(r) for r in rows]


def slack_requests(db: Database) -> list[SlackRequest]:
    with db.transaction() as session:
        return list(
            session.execute(select(SlackRequest).order_by(SlackRequest.created_at)).scalars()
        )
