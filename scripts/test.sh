#!/usr/bin/env bash
# The whole test suite, as CI runs it: bash scripts/test.sh [pytest options]
# Installs what it needs: Chromium and a CJK font for the browser tests, LibreOffice
# Impress and poppler to render the deck and the PDF as their readers would, the pinned
# Python requirements in .venv.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt chromium fonts-noto-core fonts-wqy-zenhei fonts-noto-cjk nginx openssl \
    libreoffice-impress poppler-utils
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m analytics validate --quiet data
exec .venv/bin/python -m pytest "$@"
