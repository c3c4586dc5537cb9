#!/usr/bin/env bash
# Run the dashboard on the curated data: bash scripts/run.sh [streamlit options]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt chromium fonts-noto-core fonts-wqy-zenhei fonts-noto-cjk  # image exports need both
exec .venv/bin/python scripts/serve.py "$@"
