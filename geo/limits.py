"""One set of limits for everything a user gives the tool: the file reader, the register editor and
the store check against these, and each message states the limit it names.

The store's columns are sized from them (``store/schema.py``), so that a register the reader
accepts is one the store can keep (checked by ``tests/store/test_limits.py``).
"""

from __future__ import annotations

#: Largest upload, in MiB, and the most an XLSX file may unpack to.
MAX_UPLOAD_MB = 5
MAX_XLSX_UNCOMPRESSED = 40 * 1024 * 1024
#: Longest cell read, in characters (a member list of every kommune in Norway is about 5,000).
MAX_CELL = 10_000
#: Most data rows (arrangements) in a register, and most columns in its file.
MAX_ROWS = 20_000
MAX_COLUMNS = 40
#: Most memberships (members summed over the rows, each kommune once per row) in one register: about
#: 30 arrangements for each of Norway's 357 kommuner with 10 members each.
MAX_MEMBERSHIPS = 100_000
#: Longest arrangement name, and id (ids go into links and scripts: see ``geo.register``).
MAX_NAME = 200
MAX_ID = 80
#: Longest title and credit line of a register.
MAX_TEXT = 200
#: Versions one saved register may have.
MAX_VERSIONS = 200
