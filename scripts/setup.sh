#!/usr/bin/env bash
# Set up everything Samarbeidskart needs on a fresh machine: a virtual environment in .venv
# with the pinned packages of requirements.txt, and Debian's Chromium for the browser test.
# Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Oppretter virtuelt miljø i .venv …"
  "$PY" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installerer Python-pakker fra requirements.txt …"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
  echo "$want" > "$stamp"
fi
# The drawing scripts' linter (ESLint, pinned in package.json/package-lock.json) from the npm registry,
# with the machine's Node.js; installed again only when the lock file changes.
if command -v npm >/dev/null 2>&1; then
  lock=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ ! -f node_modules/.lock.sha256 ] || [ "$(cat node_modules/.lock.sha256)" != "$lock" ]; then
    echo "Installerer ESLint for kontroll av kartskriptene …"
    npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
    echo "$lock" > node_modules/.lock.sha256
  fi
else
  echo "Merk: Node.js/npm mangler; kontrollen av kartskriptene (ESLint) kan ikke kjøres." >&2
fi
# The store's tests start a throwaway PostgreSQL cluster: Debian's server, installed when we can.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installerer PostgreSQL for lagertestene …"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  else
    echo "Merk: PostgreSQL mangler; lagertestene mot PostgreSQL hoppes over (installer pakken 'postgresql')." >&2
  fi
fi
# The deployment of several app processes (python -m deploy, tests/deploy) balances them with Debian's HAProxy.
if ! command -v haproxy >/dev/null 2>&1 && [ ! -x /usr/sbin/haproxy ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installerer HAProxy for driftsoppsettet med flere appservere …"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
  else
    echo "Merk: HAProxy mangler; testen av oppsettet med flere appservere hoppes over (installer pakken 'haproxy')." >&2
  fi
fi
# The overview documents' tests read their PDFs back with poppler's pdftotext/pdfinfo (Debian's poppler-utils).
if ! command -v pdftotext >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installerer poppler-utils for å lese PDF-ene i testene …"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null
  else
    echo "Merk: poppler-utils mangler; testene som leser PDF-tekst hoppes over (installer pakken 'poppler-utils')." >&2
  fi
fi
# The browser test drives Debian's Chromium (no browser download). Install it when we can.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installerer Chromium for nettlesertesten …"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null
  else
    echo "Merk: Chromium mangler; nettlesertesten hoppes over (installer pakken 'chromium')." >&2
  fi
fi
