"""Registers, versions, arrangements and memberships.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "registre",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("tittel", sa.String(200), nullable=False),
        sa.Column("kreditering", sa.String(200), nullable=False),
        sa.Column("kommuneinndeling", sa.String(4), nullable=False),
        sa.Column("offentlig", sa.Boolean, nullable=False),
        sa.Column("eiernokkel_hash", sa.String(64), nullable=False),
        sa.Column("opprettet", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "versjoner",
        sa.Column("register_id", sa.String(32), sa.ForeignKey("registre.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("versjon", sa.Integer, primary_key=True),
        sa.Column("opprettet", sa.DateTime(timezone=True), nullable=False),
        sa.Column("antall", sa.Integer, nullable=False),
    )
    op.create_table(
        "ordninger",
        sa.Column("register_id", sa.String(32), primary_key=True),
        sa.Column("versjon", sa.Integer, primary_key=True),
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("rad", sa.Integer, nullable=False),
        sa.Column("navn", sa.String(200), nullable=False),
        sa.Column("tjenester", sa.Text, nullable=False),
        sa.Column("deltakere", sa.Text, nullable=False),
        sa.Column("deltakere_komplett", sa.Boolean, nullable=False),
        sa.Column("vertskommune", sa.String(4), nullable=False),
        sa.Column("juridisk_form", sa.String(80), nullable=False),
        sa.Column("etablert", sa.Integer, nullable=True),
        sa.Column("etablert_periode", sa.String(40), nullable=False),
        sa.Column("kilde", sa.Text, nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("merknad", sa.Text, nullable=False),
        sa.ForeignKeyConstraint(
            ["register_id", "versjon"], ["versjoner.register_id", "versjoner.versjon"], ondelete="CASCADE"
        ),
    )
    op.create_table(
        "medlemskap",
        sa.Column("register_id", sa.String(32), primary_key=True),
        sa.Column("versjon", sa.Integer, primary_key=True),
        sa.Column("ordning_id", sa.String(80), primary_key=True),
        sa.Column("kommunenummer", sa.String(4), primary_key=True),
        sa.ForeignKeyConstraint(
            ["register_id", "versjon"], ["versjoner.register_id", "versjoner.versjon"], ondelete="CASCADE"
        ),
    )
    op.create_index("ix_medlemskap_kommunenummer", "medlemskap", ["kommunenummer"])


def downgrade() -> None:
    op.drop_index("ix_medlemskap_kommunenummer", "medlemskap")
    for table in ("medlemskap", "ordninger", "versjoner", "registre"):
        op.drop_table(table)
