"""Who is calling: the authenticated user or API key, its organization and role."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Literal

from api.auth.permissions import Permission, allows, may_start
from devbizops.errors import Forbidden


@dataclass(frozen=True)
class Principal:
    org_id: uuid.UUID
    org_slug: str
    role: str
    kind: Literal["user", "apikey"]
    subject_id: uuid.UUID  # the user's id or the API key's id
    name: str  # the user's email or the key's name

    @property
    def actor(self) -> str:
        """How the audit log names this caller."""
        return f"{self.kind}:{self.name}"

    def can(self, permission: Permission) -> bool:
        return allows(self.role, permission)

    def check(self, permission: Permission) -> None:
        """Raise ``Forbidden`` unless the role holds ``permission``."""
        if not self.can(permission):
            raise Forbidden(
                f"role {self.role!r} may not {permission.value}",
                details={"permission": permission.value, "role": self.role},
            )

    def check_graph(self, graph_id: str) -> None:
        """Raise ``Forbidden`` unless the role may start runs of ``graph_id``."""
        if not may_start(self.role, graph_id):
            raise Forbidden(
                f"role {self.role!r} may not start {graph_id} runs",
                details={"graph_id": graph_id, "role": self.role},
            )
