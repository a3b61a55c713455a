#!/usr/bin/env bash
# Make or reuse the project's virtualenv (.venv) with the machine's own python3, then install the
# pinned requirements into it. Debian 12 and Ubuntu 24.04 refuse `pip install` into the system
# Python (PEP 668), and their python3 has no venv module until python3-venv is installed: that
# one package is added with apt-get (as root, or through sudo) when it is missing.
#
#   bash .ci/venv.sh requirements.txt        # the dashboard
#   bash .ci/venv.sh requirements-dev.txt    # the tests, lint and tools
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
requirements="${1:-requirements.txt}"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1

as_root() {  # as_root command...: run it as root, directly or through sudo
    if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
        echo "this step needs root: run as root or install sudo ($*)" >&2; return 1
    fi
}

if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "import venv, ensurepip" >/dev/null 2>&1; then
    echo "installing Debian's python3 with venv support (python3-venv)" >&2
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends python3 python3-venv python3-pip
fi

# Reuse a working .venv; (re)make it when it is missing or half-made (e.g. by a venv without ensurepip).
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q -r "${requirements}"
