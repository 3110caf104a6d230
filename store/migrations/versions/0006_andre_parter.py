"""Parties that are not kommuner (a fylkeskommune, a helseforetak …) and the arrangement's own
organisasjonsnummer; empty for every version stored before.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    with op.batch_alter_table("ordninger") as batch:
        batch.add_column(sa.Column("andre_parter", sa.Text, nullable=False, server_default=""))
        batch.add_column(sa.Column("organisasjonsnummer", sa.String(9), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("ordninger") as batch:
        batch.drop_column("organisasjonsnummer")
        batch.drop_column("andre_parter")
