"""The permission matrix: what each role may do. The README's table is generated from this."""

from __future__ import annotations

from enum import StrEnum
from typing import Final

from memory.models import ROLES


class Permission(StrEnum):
    RUNS_READ = "runs:read"
    RUNS_CANCEL = "runs:cancel"
    RUNS_APPROVE = "runs:approve"  # answer an approval interrupt (external writes follow)
    TRANSCRIPTS_READ = "transcripts:read"
    TRANSCRIPTS_WRITE = "transcripts:write"
    REQUIREMENTS_READ = "requirements:read"
    ROADMAP_READ = "roadmap:read"
    ROADMAP_WRITE = "roadmap:write"  # scoring weights
    DASHBOARD_READ = "dashboard:read"
    CONNECTORS_READ = "connectors:read"
    CONNECTORS_WRITE = "connectors:write"
    EVALS_RUN = "evals:run"
    AUDIT_READ = "audit:read"
    APIKEYS_MANAGE = "apikeys:manage"
    MEMBERS_MANAGE = "members:manage"
    PRIVACY_MANAGE = "privacy:manage"  # export and erase personal data


P = Permission
_READ: Final = {P.RUNS_READ, P.TRANSCRIPTS_READ, P.REQUIREMENTS_READ, P.ROADMAP_READ}
_ENGINEER: Final = _READ | {
    P.RUNS_CANCEL,
    P.RUNS_APPROVE,
    P.TRANSCRIPTS_WRITE,
    P.DASHBOARD_READ,
    P.ROADMAP_WRITE,
    P.CONNECTORS_READ,
    P.EVALS_RUN,
}
_ADMIN: Final = _ENGINEER | {
    P.CONNECTORS_WRITE,
    P.AUDIT_READ,
    P.APIKEYS_MANAGE,
    P.MEMBERS_MANAGE,
    P.PRIVACY_MANAGE,
}

ROLE_PERMISSIONS: Final[dict[str, frozenset[Permission]]] = {
    "owner": frozenset(Permission),
    "admin": frozenset(_ADMIN),
    "engineer": frozenset(_ENGINEER),
    "sales": frozenset(_READ | {P.TRANSCRIPTS_WRITE, P.RUNS_CANCEL}),
    "viewer": frozenset(_READ | {P.DASHBOARD_READ}),
}

# Which graphs a role may start. Sales turn calls into requirements; the roadmap and the investor
# dashboard are started by engineering and leadership.
ALL_GRAPHS: Final = frozenset({"techtranslator", "roadmap", "dashboard", "pipeline"})
ROLE_GRAPHS: Final[dict[str, frozenset[str]]] = {
    "owner": ALL_GRAPHS,
    "admin": ALL_GRAPHS,
    "engineer": ALL_GRAPHS,
    "sales": frozenset({"techtranslator"}),
    "viewer": frozenset(),
}

assert set(ROLE_PERMISSIONS) == set(ROLES) == set(ROLE_GRAPHS)


def allows(role: str, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission``."""
    return permission in ROLE_PERMISSIONS.get(role, frozenset())


# Graphs registered beside the four agents at run time (``GraphRegistry.register``, e.g. the
# benchmarks' trivial graph) are started by owners and admins only.
EXTENSION_GRAPH_ROLES: Final = frozenset({"owner", "admin"})


def may_start(role: str, graph_id: str) -> bool:
    """Whether ``role`` may start a run of ``graph_id``."""
    if graph_id not in ALL_GRAPHS:
        return role in EXTENSION_GRAPH_ROLES
    return graph_id in ROLE_GRAPHS.get(role, frozenset())


def markdown_matrix() -> str:
    """The README's permission table: one row per permission and per graph, one column per role."""
    roles = list(ROLES)
    lines = [
        "| permission | " + " | ".join(roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for permission in Permission:
        marks = ["✓" if allows(role, permission) else "" for role in roles]
        lines.append(f"| `{permission.value}` | " + " | ".join(marks) + " |")
    for graph in sorted(ALL_GRAPHS):
        marks = ["✓" if may_start(role, graph) else "" for role in roles]
        lines.append(f"| start `{graph}` runs | " + " | ".join(marks) + " |")
    return "\n".join(lines) + "\n"
