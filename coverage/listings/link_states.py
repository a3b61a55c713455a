"""Each listing's website, as the last link check found it: works, moved, dead or not yet checked.

Read through :func:`coverage.listings.links.load_results` (the one reader of the link-check
results file), so the directory health page and the command line agree with the Review page.
A website edited since the check is "not yet checked": the result found was for another address.
"""

from __future__ import annotations

import pandas as pd

from coverage.listings import links

NOT_CHECKED = "not yet checked"
NO_WEBSITE = "no website listed"
STATE_WORDS = {"ok": "ok", "moved": "moved", "dead": "dead", "invalid": "not a web address"}


def last_checked(results: dict | None) -> str:
    """The date of the last check ('' when there has been none)."""
    return str((results or {}).get("checked_on", "") or "")


def website_states(teams: pd.DataFrame, results: dict | None) -> pd.DataFrame:
    """One row per listing: ``team_id``, ``link_state`` (ok, moved, dead, not a web address, not yet
    checked, no website listed) and ``link_detail`` (what the check saw)."""
    found = {}
    for r in (results or {}).get("links", []):
        if isinstance(r, dict) and r.get("field") == "website":
            found[(str(r.get("team_id", "")), str(r.get("url", "")).strip())] = r
    rows = []
    for team_id, url in zip(teams["team_id"], teams["website"].fillna("").astype(str).str.strip()):
        if not url:
            rows.append((team_id, NO_WEBSITE, ""))
            continue
        r = found.get((team_id, url))
        if r is None or r.get("state") not in STATE_WORDS:
            rows.append((team_id, NOT_CHECKED, ""))
        else:
            rows.append((team_id, STATE_WORDS[r["state"]], str(r.get("detail", "") or "")))
    return pd.DataFrame(rows, columns=["team_id", "link_state", "link_detail"])


def load_website_states(teams: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The states from the saved results file, and the date it was checked."""
    results = links.load_results()
    return website_states(teams, results), last_checked(results)
