"""What the deploy tests share: loading deploy/local_cluster.py, and why a local cluster cannot start here."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def cluster_module():
    """deploy/local_cluster.py as a module (it is a script, not part of a package)."""
    spec = importlib.util.spec_from_file_location("atlas_local_cluster", REPO / "deploy" / "local_cluster.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def missing_for_cluster() -> str:
    """Why HAProxy and a throwaway PostgreSQL cannot be started here ('' when they can)."""
    if not (shutil.which("haproxy") or Path("/usr/sbin/haproxy").exists()):
        return "haproxy is not installed"
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        return "PostgreSQL's initdb is not installed"
    return ""
