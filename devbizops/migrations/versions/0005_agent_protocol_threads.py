"""agent protocol: threads that point at their latest run

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 15:50:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agent_threads",
        sa.Column("id", sa.UUID(), nullable=False),
        sa.Column("org_id", sa.UUID(), nullable=False),
        sa.Column("graph_id", sa.String(length=40), nullable=True),
        sa.Column("metadata", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("run_id", sa.UUID(), nullable=True),
        sa.Column("created_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_agent_threads_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name=op.f("fk_agent_threads_run_id_runs"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agent_threads")),
    )
    op.create_index(op.f("ix_agent_threads_org_id"), "agent_threads", ["org_id"], unique=False)
    op.create_index(op.f("ix_agent_threads_run_id"), "agent_threads", ["run_id"], unique=False)
    op.create_table(
        "agent_thread_runs",
        sa.Column("run_id", sa.UUID(), nullable=False),
        sa.Column("thread_id", sa.UUID(), nullable=False),
        sa.Column("metadata", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
            name=op.f("fk_agent_thread_runs_run_id_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["thread_id"],
            ["agent_threads.id"],
            name=op.f("fk_agent_thread_runs_thread_id_agent_threads"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", name=op.f("pk_agent_thread_runs")),
    )
    op.create_index(
        op.f("ix_agent_thread_runs_thread_id"), "agent_thread_runs", ["thread_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_agent_thread_runs_thread_id"), table_name="agent_thread_runs")
    op.drop_table("agent_thread_runs")
    op.drop_index(op.f("ix_agent_threads_run_id"), table_name="agent_threads")
    op.drop_index(op.f("ix_agent_threads_org_id"), table_name="agent_threads")
    op.drop_table("agent_threads")
