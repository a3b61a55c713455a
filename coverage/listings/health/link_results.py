"""The link checker's results file: where it lives, writing it whole, and reading it back for the pages.

``python -m coverage check-links`` (the pipeline's crawler, :mod:`coverage.pipeline.links`)
writes one run's results here; the Review page, the directory health page and the command line
read them. Reading lives outside the pipeline so that pages, which may never import the
pipeline, can show the last check.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd

from coverage import paths

RESULTS_FILE = "link-check.json"

STATES = {
    "ok": "works",
    "moved": "moved (redirects elsewhere)",
    "dead": "dead",
    "refused": "refused (points inside the network)",
    "invalid": "not a web address",
}


def default_results_path() -> Path:
    return paths.state_dir() / RESULTS_FILE


def save_results(results: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def load_results(path: Path | None = None) -> dict | None:
    """The last saved link check, or None when there is none (or it cannot be read)."""
    try:
        doc = json.loads((path or default_results_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) and isinstance(doc.get("links"), list) else None


def problem_links(results: dict) -> pd.DataFrame:
    """Refused, dead, moved and invalid links, for reviewers: one row each, worst first."""
    order = {"refused": 0, "dead": 1, "invalid": 2, "moved": 3}
    rows = [
        {
            "team_id": str(r.get("team_id", "")),
            "team": str(r.get("name", "")),
            "link": "website" if r.get("field") == "website" else "source",
            "state": STATES.get(r.get("state", ""), str(r.get("state", ""))),
            "detail": str(r.get("detail", "")),
            "url": str(r.get("url", "")),
            "_order": order[r.get("state")],
        }
        for r in results.get("links", [])
        if r.get("state") in order
    ]
    frame = pd.DataFrame(rows, columns=["team_id", "team", "link", "state", "detail", "url", "_order"])
    return frame.sort_values(["_order", "team_id", "link"], kind="stable").drop(columns="_order").reset_index(drop=True)
