"""The store's tables (SQLAlchemy Core). Every arrangement of every version is a row of its own,
and every membership too, so that one can ask across registers ("which include Ål?")."""

from __future__ import annotations

import sqlalchemy as sa

from geo.limits import MAX_ID, MAX_NAME, MAX_TEXT

metadata = sa.MetaData()

registers = sa.Table(
    "registre",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),  # unguessable, from secrets
    sa.Column("tittel", sa.String(MAX_TEXT), nullable=False),
    sa.Column("kreditering", sa.String(MAX_TEXT), nullable=False),
    sa.Column("kommuneinndeling", sa.String(4), nullable=False),
    sa.Column("offentlig", sa.Boolean, nullable=False, default=False, index=True),
    sa.Column("eiernokkel_hash", sa.String(64), nullable=False),  # sha256 of the owner key, never the key
    sa.Column("opprettet", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_registre_offentlig_tittel", "offentlig", "tittel"),
)

versions = sa.Table(
    "versjoner",
    metadata,
    sa.Column("register_id", sa.String(32), sa.ForeignKey("registre.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("versjon", sa.Integer, primary_key=True),
    sa.Column("opprettet", sa.DateTime(timezone=True), nullable=False),
    sa.Column("antall", sa.Integer, nullable=False),  # arrangements: a version is whole when this many rows exist
    sa.Column("medlemskap", sa.Integer, nullable=False, server_default="0"),  # its memberships (the total budget)
    sa.Column("klient", sa.String(32), nullable=True),  # who saved it: a keyed hash of the address (budget per client)
    sa.Index("ix_versjoner_klient_opprettet", "klient", "opprettet"),
)

arrangements = sa.Table(
    "ordninger",
    metadata,
    sa.Column("register_id", sa.String(32), primary_key=True),
    sa.Column("versjon", sa.Integer, primary_key=True),
    sa.Column("id", sa.String(MAX_ID), primary_key=True),
    sa.Column("rad", sa.Integer, nullable=False),
    sa.Column("navn", sa.String(MAX_NAME), nullable=False),
    sa.Column("tjenester", sa.Text, nullable=False),  # codes joined by ";"
    sa.Column("deltakere", sa.Text, nullable=False),  # kommunenummer joined by ";"
    sa.Column("deltakere_komplett", sa.Boolean, nullable=False),
    sa.Column("vertskommune", sa.String(4), nullable=False),
    sa.Column("juridisk_form", sa.String(80), nullable=False),
    sa.Column("etablert", sa.Integer, nullable=True),
    sa.Column("etablert_periode", sa.Text, nullable=False),  # free text, any length (migration 0003)
    sa.Column("kilde", sa.Text, nullable=False),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("merknad", sa.Text, nullable=False),
    sa.Column("status", sa.String(20), nullable=False, server_default=""),  # planlagt / aktiv / avsluttet, or ""
    sa.Column("avsluttet", sa.String(10), nullable=False, server_default=""),  # a year or a date, as written
    sa.Column("vedtak", sa.Text, nullable=False, server_default=""),  # the decision it rests on (text or link)
    sa.Column("andre_parter", sa.Text, nullable=False, server_default=""),  # parties not kommuner (geo.parties)
    sa.Column("organisasjonsnummer", sa.String(9), nullable=False, server_default=""),
    sa.ForeignKeyConstraint(
        ["register_id", "versjon"], ["versjoner.register_id", "versjoner.versjon"], ondelete="CASCADE"
    ),
)

memberships = sa.Table(
    "medlemskap",
    metadata,
    sa.Column("register_id", sa.String(32), primary_key=True),
    sa.Column("versjon", sa.Integer, primary_key=True),
    sa.Column("ordning_id", sa.String(MAX_ID), primary_key=True),
    sa.Column("kommunenummer", sa.String(4), primary_key=True, index=True),
    sa.ForeignKeyConstraint(
        ["register_id", "versjon"], ["versjoner.register_id", "versjoner.versjon"], ondelete="CASCADE"
    ),
)
