"""What the link checks say about each team, and what changed since the check before.

Each run of ``check-links`` keeps the previous run's states inside its results file, and gives
every link the date its current state was first seen (``since``), so a dead website reads
"not answering since 2026-11-02" and a run can say which links died, recovered or moved since
the last. This is the one reader of those states: the Review page, the directory health page and
the command line all take a team's link state from :func:`team_link_states`. Everything here is
pure: results in, tables out, so the pages only lay it out.

Two grains. A link's *kind* (``ok``, ``moved`` or ``dead``) is what a visitor meets: a link that
was refused, timed out or is not a web address does not work for them either, so it is dead;
since-dates and changes follow the kind, so a dead link that is later refused keeps its date. A
team's *link state* says which action fixes it: ``ok``, ``moved``, ``dead``, ``refused`` (it
points inside the network), ``not a web address``, ``no website listed``, or ``not yet checked``
(no check has seen the team, or its address was edited since the check).
"""

from __future__ import annotations

import pandas as pd

KINDS = ("ok", "moved", "dead")
NOT_CHECKED = "not yet checked"
NO_WEBSITE = "no website listed"
STATE_WORDS = {"ok": "ok", "moved": "moved", "dead": "dead", "refused": "refused", "invalid": "not a web address"}
TEAM_STATES = (*STATE_WORDS.values(), NOT_CHECKED, NO_WEBSITE)
TEAM_COLUMNS = ["team_id", "link_state", "checked_on", "since", "previous_state", "previous_checked_on", "change"]
SUMMARY = {  # the short "what changed" of the health headline: change -> what it counts as
    "newly dead": "newly dead",
    "recovered": "recovered",
    "recovered (now moved)": "recovered",
    "newly moved": "moved",
    "moved again": "moved",
}
CHANGE_COLUMNS = ["team_id", "team", "link", "before", "now", "change", "url"]  # as on Review's problem list


def kind(link: dict) -> str:
    """ok, moved or dead: refused, invalid and timed-out links are dead to a visitor."""
    state = link.get("state")
    return state if state in ("ok", "moved") else "dead"


def _key(link: dict) -> tuple[str, str]:
    return str(link.get("team_id", "")), str(link.get("field", ""))


def carry_history(results: dict, previous: dict | None) -> dict:
    """``results`` with each link's ``since`` date and the previous run's states under ``previous``.

    A link keeps its ``since`` date while its address and its kind (ok, moved, dead) stay the
    same; otherwise ``since`` is this run's date. Only one run back is kept, so the file stays
    the size of one directory.
    """
    today = results["checked_on"]
    before = {_key(link): link for link in (previous or {}).get("links", []) if isinstance(link, dict)}
    links = []
    for link in results["links"]:
        old = before.get(_key(link))
        same = old is not None and old.get("url") == link.get("url") and kind(old) == kind(link)
        links.append(dict(link, since=str(old.get("since") or previous.get("checked_on", today)) if same else today))
    out = {key: value for key, value in results.items() if key != "previous"}
    out["links"] = links
    out["previous"] = None
    if previous and isinstance(previous.get("links"), list):
        fields = ("team_id", "name", "field", "url", "state", "final_url", "detail", "since")
        out["previous"] = {
            "checked_on": previous.get("checked_on"),
            "links": [{f: link.get(f) for f in fields} for link in before.values()],
        }
    return out


def _change(old: dict | None, new: dict | None) -> str:
    if new is None:
        return "no longer listed"
    if old is None:
        return f"new link: {kind(new)}"
    if old.get("url") != new.get("url"):
        return f"address changed in the directory: now {kind(new)}"
    was, now = kind(old), kind(new)
    if was == now:
        if now == "moved" and old.get("final_url") != new.get("final_url"):
            return "moved again"
        return ""
    if now == "dead":
        return "newly dead"
    if was == "dead":
        return "recovered" if now == "ok" else "recovered (now moved)"
    return "newly moved" if now == "moved" else "back at its listed address"


def changes(results: dict | None) -> pd.DataFrame:
    """Every link whose state differs from the previous check, one row each (empty with no previous check)."""
    previous = (results or {}).get("previous") or {}
    if not results or not isinstance(previous.get("links"), list):
        return pd.DataFrame(columns=CHANGE_COLUMNS)
    before = {_key(link): link for link in previous["links"] if isinstance(link, dict)}
    now = {_key(link): link for link in results.get("links") or [] if isinstance(link, dict)}
    rows = []
    for key in list(before) + [k for k in now if k not in before]:
        old, new = before.get(key), now.get(key)
        change = _change(old, new)
        if change:
            either = new or old
            rows.append(
                {
                    "team_id": key[0],
                    "team": str(either.get("name", "")),
                    "link": "website" if key[1] == "website" else "source",
                    "before": kind(old) if old else "",
                    "now": kind(new) if new else "",
                    "change": change,
                    "url": str(either.get("url", "")),
                }
            )
    frame = pd.DataFrame(rows, columns=CHANGE_COLUMNS)
    return frame.sort_values(["team_id", "link"], kind="stable").reset_index(drop=True)


def change_counts(changed: pd.DataFrame) -> dict[str, int]:
    """Newly dead, recovered and moved links in a :func:`changes` table (other changes are not summed)."""
    counts = dict.fromkeys(dict.fromkeys(SUMMARY.values()), 0)
    for change in changed["change"]:
        if change in SUMMARY:
            counts[SUMMARY[change]] += 1
    return counts


def _seen_teams(results: dict) -> set[str]:
    """The teams the check saw: recorded since history began; older files only list teams with links."""
    listed = results.get("teams")
    if isinstance(listed, list):
        return {str(t) for t in listed}
    return {_key(link)[0] for link in results["links"] if isinstance(link, dict)}


def _state(link: dict | None, team: str, address: str | None, seen: set[str]) -> str:
    """A team's link state; ``address`` is the directory's address now (None: not known, trust the check)."""
    if address is not None and not address:
        return NO_WEBSITE
    if link is None:
        return NO_WEBSITE if team in seen and address is None else NOT_CHECKED
    if address is not None and str(link.get("url", "")).strip() != address:
        return NOT_CHECKED  # edited since the check: the result found was for another address
    return STATE_WORDS.get(link.get("state"), NOT_CHECKED)


def team_link_states(results: dict | None, team_ids, addresses=None, field: str = "website") -> pd.DataFrame:
    """Per team: its link state, the date of the last check, since when, and what changed since the check before.

    One row per id in ``team_ids``, in that order; dates are ISO strings, missing ones NA.
    ``addresses``, when given, is the directory's address for each team now (same order): an empty
    one is "no website listed" whether or not a check ran, and one edited since the check is "not
    yet checked". With no results at all every other team is "not yet checked".
    """
    ids = [str(t) for t in team_ids]
    listed = [None] * len(ids) if addresses is None else ["" if a != a else str(a or "").strip() for a in addresses]
    ok = bool(results) and isinstance(results.get("links"), list)
    now = {_key(link): link for link in results["links"] if isinstance(link, dict)} if ok else {}
    previous = (results.get("previous") or {}) if ok else {}
    before = {_key(link): link for link in previous.get("links") or [] if isinstance(link, dict)}
    seen = _seen_teams(results) if ok else set()
    rows = []
    for team, address in zip(ids, listed):
        link, old = now.get((team, field)), before.get((team, field))
        state = _state(link, team, address, seen) if ok else (NO_WEBSITE if address == "" else NOT_CHECKED)
        checked = state not in (NOT_CHECKED, NO_WEBSITE)
        rows.append(
            {
                "team_id": team,
                "link_state": state,
                "checked_on": results.get("checked_on") if ok and (team in seen or link is not None) else None,
                "since": (link.get("since") or results.get("checked_on")) if checked else None,
                "previous_state": kind(old) if old else None,
                "previous_checked_on": previous.get("checked_on"),
                "change": _change(old, link) if previous and (old or link) else "",
            }
        )
    return pd.DataFrame(rows, columns=TEAM_COLUMNS)
