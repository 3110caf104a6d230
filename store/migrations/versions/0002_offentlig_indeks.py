"""An index for the list of public registers.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_index("ix_registre_offentlig", "registre", ["offentlig"])


def downgrade() -> None:
    op.drop_index("ix_registre_offentlig", "registre")
