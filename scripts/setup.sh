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
# Debian's packages for the real parts the tests start: installed when we can (as root), else said.
# debian_install WHAT "PACKAGES" "WHAT IT IS FOR" "WHAT IS SKIPPED WITHOUT IT"
debian_install() {
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installerer $1 for $3 …"
    apt-get update -qq >/dev/null
    # shellcheck disable=SC2086  # the package list is several words
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $2 >/dev/null
  else
    echo "Merk: $1 mangler; $4 hoppes over (installer pakken '${2%% *}')." >&2
  fi
}
# The store's tests start a throwaway PostgreSQL cluster.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 ||
  debian_install PostgreSQL postgresql "lagertestene" "lagertestene mot PostgreSQL"
# The deployment of several app processes (python -m deploy, tests/deploy) balances them with HAProxy.
command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ] ||
  debian_install HAProxy haproxy "driftsoppsettet med flere appservere" "testen av oppsettet med flere appservere"
# The overview documents' tests read their PDFs back with poppler's pdftotext and pdfinfo.
command -v pdftotext >/dev/null 2>&1 ||
  debian_install poppler-utils poppler-utils "å lese PDF-ene i testene" "testene som leser PDF-tekst"
# The browser test drives Debian's Chromium (no browser download).
command -v chromium >/dev/null 2>&1 ||
  debian_install Chromium "chromium chromium-driver fonts-dejavu-core" "nettlesertesten" "nettlesertesten"
