"""An arrangement's life: its status (planlagt / aktiv / avsluttet), when it ended (a year or a
date, as written) and the decision it rests on; empty for every version stored before.

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    with op.batch_alter_table("ordninger") as batch:
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default=""))
        batch.add_column(sa.Column("avsluttet", sa.String(10), nullable=False, server_default=""))
        batch.add_column(sa.Column("vedtak", sa.Text, nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("ordninger") as batch:
        batch.drop_column("vedtak")
        batch.drop_column("avsluttet")
        batch.drop_column("status")
