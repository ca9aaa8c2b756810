"""roadmap settings forecasts

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 14:09:21.534794
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "roadmap_settings",
        sa.Column("org_id", sa.UUID(), nullable=False),
        sa.Column("rice_weights", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column("wsjf_weights", postgresql.JSONB(astext_type=sa.Text()), nullable=False),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_roadmap_settings_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("org_id", name=op.f("pk_roadmap_settings")),
    )
    op.create_table(
        "roadmap_forecasts",
        sa.Column("run_id", sa.UUID(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("org_id", sa.UUID(), nullable=False),
        sa.Column("unit", sa.String(length=10), nullable=False),
        sa.Column("size", sa.Float(), nullable=False),
        sa.Column("p50_week", sa.Integer(), nullable=True),
        sa.Column("p85_week", sa.Integer(), nullable=True),
        sa.Column("p50_date", sa.Date(), nullable=True),
        sa.Column("p85_date", sa.Date(), nullable=True),
        sa.Column("fits_quarter", sa.Boolean(), nullable=False),
        sa.Column("fits_quarter_probability", sa.Float(), nullable=False),
        sa.Column("quarter_end", sa.Date(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.id"],
            name=op.f("fk_roadmap_forecasts_org_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
            name=op.f("fk_roadmap_forecasts_run_id_runs"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "key", name=op.f("pk_roadmap_forecasts")),
    )
    op.create_index(
        op.f("ix_roadmap_forecasts_org_id"), "roadmap_forecasts", ["org_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_roadmap_forecasts_org_id"), table_name="roadmap_forecasts")
    op.drop_table("roadmap_forecasts")
    op.drop_table("roadmap_settings")
