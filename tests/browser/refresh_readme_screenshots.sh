#!/usr/bin/env bash
# Refresh the README's page screenshots (tracked in tests/browser/screenshots/). Ordinary test runs
# write their screenshots to the git-ignored artifacts/screenshots/ instead, leaving the tree clean.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ATLAS_SCREENSHOT_DIR="$PWD/tests/browser/screenshots" python3 -m pytest -q tests/browser/test_pages.py "$@"
