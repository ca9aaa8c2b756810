"""Slack requests already acted on: claimed once per dedupe key, replied to once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from memory.service_models import SlackRequest


class SlackRequestRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def claim(
        self, dedupe_key: str, org_id: uuid.UUID, channel: str, thread_ts: str | None
    ) -> bool:
        """Record the request; False when the key was claimed before (a retry or a duplicate).

        A concurrent claim of the same key waits on the primary key until the first transaction
        ends, so exactly one of them sees True.
        """
        stmt = (
            insert(SlackRequest)
            .values(dedupe_key=dedupe_key, org_id=org_id, channel=channel, thread_ts=thread_ts)
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(SlackRequest.dedupe_key)
        )
        return self.session.execute(stmt).scalar_one_or_none() is not None

    def attach(self, dedupe_key: str, run_id: uuid.UUID) -> None:
        """Link a claimed request to the run it started."""
        self.session.execute(
            update(SlackRequest).where(SlackRequest.dedupe_key == dedupe_key).values(run_id=run_id)
        )

    def get(self, dedupe_key: str) -> SlackRequest | None:
        return self.session.get(SlackRequest, dedupe_key)

    def unreplied_for_run(self, run_id: uuid.UUID) -> Sequence[SlackRequest]:
        """The run's requests still waiting for a reply, locked until the caller's commit.

        The lock makes a second notifier wait; once the first commits ``replied_at`` the second
        finds nothing left, and if the first rolled back (the post failed) it tries again.
        """
        stmt = (
            select(SlackRequest)
            .where(SlackRequest.run_id == run_id, SlackRequest.replied_at.is_(None))
            .order_by(SlackRequest.created_at)
            .with_for_update()
        )
        return self.session.execute(stmt).scalars().all()

    def mark_replied(self, dedupe_key: str) -> None:
        self.session.execute(
            update(SlackRequest)
            .where(SlackRequest.dedupe_key == dedupe_key)
            .values(replied_at=datetime.now(UTC))
        )
