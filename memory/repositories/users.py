"""Users and their memberships in organizations (roles)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from memory.models import Membership, Organization, User


def normal_email(email: str) -> str:
    """Emails are compared case-insensitively and without surrounding spaces."""
    return email.strip().lower()


class UserRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_email(self, email: str) -> User | None:
        return self.session.execute(
            select(User).where(User.email == normal_email(email))
        ).scalar_one_or_none()

    def create(self, email: str, name: str = "", password_hash: str | None = None) -> User:
        """A new user; the caller checks that the email is free."""
        user = User(
            id=uuid.uuid4(), email=normal_email(email), name=name, password_hash=password_hash
        )
        self.session.add(user)
        self.session.flush()
        return user

    def delete(self, user_id: uuid.UUID) -> None:
        """Remove the user; memberships and refresh tokens go with it (ON DELETE CASCADE)."""
        self.session.execute(delete(User).where(User.id == user_id))

    def memberships(self, user_id: uuid.UUID) -> Sequence[tuple[Organization, str]]:
        """The user's organizations and roles, by slug."""
        rows = self.session.execute(
            select(Organization, Membership.role)
            .join(Membership, Membership.org_id == Organization.id)
            .where(Membership.user_id == user_id)
            .order_by(Organization.slug)
        ).all()
        return [(org, role) for org, role in rows]

    def membership(self, org_id: uuid.UUID, user_id: uuid.UUID) -> Membership | None:
        return self.session.get(Membership, (org_id, user_id))

    def membership_count(self, user_id: uuid.UUID) -> int:
        return int(
            self.session.execute(
                select(func.count()).select_from(Membership).where(Membership.user_id == user_id)
            ).scalar_one()
        )

    def add_member(self, org_id: uuid.UUID, user_id: uuid.UUID, role: str) -> Membership:
        row = Membership(org_id=org_id, user_id=user_id, role=role)
        self.session.add(row)
        self.session.flush()
        return row

    def remove_member(self, org_id: uuid.UUID, user_id: uuid.UUID) -> bool:
        result = self.session.execute(
            delete(Membership).where(Membership.org_id == org_id, Membership.user_id == user_id)
        )
        return bool(getattr(result, "rowcount", 0))

    def members(self, org_id: uuid.UUID) -> Sequence[tuple[User, Membership]]:
        """The org's users with their memberships, by email."""
        rows = self.session.execute(
            select(User, Membership)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.org_id == org_id)
            .order_by(User.email)
        ).all()
        return [(user, membership) for user, membership in rows]

    def lock_role(self, org_id: uuid.UUID, role: str) -> int:
        """How many members hold ``role``, locking those rows: two concurrent demotions of the
        last two owners cannot both see "another owner is left"."""
        rows = self.session.execute(
            select(Membership.user_id)
            .where(Membership.org_id == org_id, Membership.role == role)
            .with_for_update()
        ).all()
        return len(rows)
