"""Members of an organization: add (creating the user when new), change role, remove."""

from __future__ import annotations

import uuid
from typing import cast

from api.auth.passwords import hash_password
from api.auth.schemas import MemberIn, MemberOut, Role
from devbizops.db import Database
from devbizops.errors import Conflict, Forbidden, NotFound
from memory.models import Membership, User
from memory.repositories.audit import AuditRepository
from memory.repositories.users import UserRepository


def check_may_grant(actor_role: str, role: str) -> None:
    """Only owners hand out or take away ownership (admins cannot make themselves owners)."""
    if role == "owner" and actor_role != "owner":
        raise Forbidden("only an owner can grant or change the owner role", details={"role": role})


def member_out(user: User, membership: Membership) -> MemberOut:
    return MemberOut(
        user_id=user.id,
        email=user.email,
        name=user.name,
        role=cast(Role, membership.role),
        has_password=user.password_hash is not None,
        joined_at=membership.created_at,
    )


class MemberService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def list(self, org_id: uuid.UUID) -> list[MemberOut]:
        with self.db.transaction() as session:
            return [member_out(u, m) for u, m in UserRepository(session).members(org_id)]

    def add(self, org_id: uuid.UUID, actor: str, actor_role: str, body: MemberIn) -> MemberOut:
        """Add a person with a role; a new email creates the user (password optional: invite)."""
        check_may_grant(actor_role, body.role)
        password_hash = hash_password(body.password) if body.password else None
        with self.db.transaction() as session:
            users = UserRepository(session)
            user = users.by_email(body.email)
            created = user is None
            if user is None:
                user = users.create(body.email, body.name, password_hash)
            elif users.membership(org_id, user.id) is not None:
                raise Conflict(
                    f"{user.email} is already a member", details={"user_id": str(user.id)}
                )
            membership = users.add_member(org_id, user.id, body.role)
            session.refresh(membership)
            AuditRepository(session).record(
                org_id,
                actor,
                "members.add",
                target=str(user.id),
                details={"role": body.role, "created_user": created},
            )
            return member_out(user, membership)

    def change_role(
        self, org_id: uuid.UUID, actor: str, actor_role: str, user_id: uuid.UUID, role: str
    ) -> MemberOut:
        with self.db.transaction() as session:
            users = UserRepository(session)
            membership, user = self._find(users, org_id, user_id)
            check_may_grant(actor_role, membership.role)
            check_may_grant(actor_role, role)
            previous = membership.role
            if previous == role:
                return member_out(user, membership)  # nothing changes, nothing to audit
            self._keep_an_owner(users, org_id, previous)
            membership.role = role
            AuditRepository(session).record(
                org_id,
                actor,
                "members.role_change",
                target=str(user_id),
                details={"from": previous, "to": role},
            )
            return member_out(user, membership)

    def remove(self, org_id: uuid.UUID, actor: str, actor_role: str, user_id: uuid.UUID) -> None:
        """Take the person out of the org; their tokens stop working on the next request."""
        with self.db.transaction() as session:
            users = UserRepository(session)
            membership, _ = self._find(users, org_id, user_id)
            check_may_grant(actor_role, membership.role)
            self._keep_an_owner(users, org_id, membership.role)
            role = membership.role
            users.remove_member(org_id, user_id)
            AuditRepository(session).record(
                org_id, actor, "members.remove", target=str(user_id), details={"role": role}
            )

    @staticmethod
    def _find(
        users: UserRepository, org_id: uuid.UUID, user_id: uuid.UUID
    ) -> tuple[Membership, User]:
        membership = users.membership(org_id, user_id)
        user = users.session.get(User, user_id)
        if membership is None or user is None:
            raise NotFound(f"no member {user_id}", details={"user_id": str(user_id)})
        return membership, user

    @staticmethod
    def _keep_an_owner(users: UserRepository, org_id: uuid.UUID, role: str) -> None:
        # An org without an owner could never again grant the owner role.
        if role == "owner" and users.lock_role(org_id, "owner") <= 1:
            raise Conflict("the organization's last owner cannot be removed or demoted")
