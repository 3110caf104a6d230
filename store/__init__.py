"""The register store: saved registers and their versions in a database (SQLite by default,
PostgreSQL when ``SAMARBEIDSKART_DB`` names one). I/O at the edge: what it reads comes back as the
same validated :class:`~geo.register.Register` a file gives, so layers never know the difference."""
