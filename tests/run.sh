#!/usr/bin/env bash
# The README's test command, for a fresh Debian 12 or Ubuntu 24.04 checkout using the system
# python3: installs the Debian packages the tests drive (only those missing; as root or through
# sudo), makes or reuses .venv with requirements-dev.txt, then runs the whole suite in one process.
# `.ci/run` runs this same script after its own setup and lint. Extra arguments go to pytest.
#
#   bash tests/run.sh                  # everything, as CI runs it
#   bash tests/run.sh tests/unit -q    # a part of it
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# chromium: browser tests and kaleido's chart images (no browser is ever downloaded); fonts: page
# and export rendering; gdal-bin, poppler-utils: export tests (ogrinfo, pdftotext); haproxy and
# postgresql: the replica test's own throwaway cluster; python3-venv: the virtualenv.
PACKAGES=(chromium fonts-dejavu-core fonts-liberation ca-certificates gdal-bin poppler-utils haproxy postgresql python3-venv)

missing=()
command -v dpkg-query >/dev/null 2>&1 || { echo "not a Debian-family system: install the equivalents of ${PACKAGES[*]} yourself" >&2; PACKAGES=(); }
for p in "${PACKAGES[@]+"${PACKAGES[@]}"}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}" >&2
    if [ "$(id -u)" -eq 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
        echo "these packages are missing and installing them needs root or sudo: ${missing[*]}" >&2; exit 1
    fi
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

bash .ci/venv.sh requirements-dev.txt
export STREAMLIT_BROWSER_GATHER_USAGE_STATS=false
exec .venv/bin/python -m pytest "$@"
