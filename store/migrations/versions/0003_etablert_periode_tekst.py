"""`etablert_periode` as text of any length: the register reader accepts any text there, and the store
keeps what the reader accepts (PostgreSQL refused a value over 40 characters).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    with op.batch_alter_table("ordninger") as batch:
        batch.alter_column("etablert_periode", type_=sa.Text, existing_type=sa.String(40), existing_nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("ordninger") as batch:
        batch.alter_column("etablert_periode", type_=sa.String(40), existing_type=sa.Text, existing_nullable=False)
