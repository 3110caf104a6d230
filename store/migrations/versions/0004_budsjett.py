"""Budgets per client and in total: each version records how many memberships it holds and which
client (a pseudonym: a keyed hash of its address, never the address) saved it; the public list is
searched and paged by title.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    with op.batch_alter_table("versjoner") as batch:
        batch.add_column(sa.Column("medlemskap", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("klient", sa.String(32), nullable=True))
    op.create_index("ix_versjoner_klient_opprettet", "versjoner", ["klient", "opprettet"])
    op.create_index("ix_registre_offentlig_tittel", "registre", ["offentlig", "tittel"])
    # versions saved before this migration: their memberships counted once, so the total budget holds
    op.execute(
        "UPDATE versjoner SET medlemskap = (SELECT count(*) FROM medlemskap m "
        "WHERE m.register_id = versjoner.register_id AND m.versjon = versjoner.versjon)"
    )


def downgrade() -> None:
    op.drop_index("ix_registre_offentlig_tittel", "registre")
    op.drop_index("ix_versjoner_klient_opprettet", "versjoner")
    with op.batch_alter_table("versjoner") as batch:
        batch.drop_column("klient")
        batch.drop_column("medlemskap")
