"""What the link checks say about each team, and what changed since the check before.

Each run of ``check-links`` keeps the previous run's states inside its results file, and gives
every link the date its current state was first seen (``since``), so a dead website reads
"dead since 2026-11-02" and a run can say which links died, recovered or moved since the last.
Everything here is pure: results in, tables out, so the Review and health pages only lay it out.

A team's link state is that of its website: ``ok``, ``moved`` or ``dead`` (a link that was
refused, timed out or is not a web address does not work for a visitor either, so it counts as
dead), ``no website listed`` when the check saw the team without one, and ``not yet checked``
when no check has seen the team.
"""

from __future__ import annotations

import pandas as pd

KINDS = ("ok", "moved", "dead")
NOT_CHECKED = "not yet checked"
NO_WEBSITE = "no website listed"
TEAM_COLUMNS = ["team_id", "link_state", "checked_on", "since", "previous_state", "previous_checked_on", "change"]
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
    before = {_key(link): link for link in previous["links"]}
    now = {_key(link): link for link in results.get("links", [])}
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


def _seen_teams(results: dict) -> set[str]:
    """The teams the check saw: recorded since history began; older files only list teams with links."""
    listed = results.get("teams")
    return {str(t) for t in listed} if isinstance(listed, list) else {_key(link)[0] for link in results["links"]}


def team_link_states(results: dict | None, team_ids, field: str = "website") -> pd.DataFrame:
    """Per team: its link state, the date of the last check, since when, and what changed since the check before.

    One row per id in ``team_ids``, in that order; dates are ISO strings, missing ones NA. With no
    results at all every team is ``not yet checked``.
    """
    ids = [str(t) for t in team_ids]
    if not results or not isinstance(results.get("links"), list):
        return pd.DataFrame(
            [{"team_id": t, "link_state": NOT_CHECKED, **dict.fromkeys(TEAM_COLUMNS[2:])} for t in ids],
            columns=TEAM_COLUMNS,
        )
    now = {_key(link): link for link in results["links"]}
    previous = results.get("previous") or {}
    before = {_key(link): link for link in previous.get("links") or []}
    seen = _seen_teams(results)
    rows = []
    for team in ids:
        link, old = now.get((team, field)), before.get((team, field))
        if link is not None:
            state, since = kind(link), link.get("since") or results.get("checked_on")
        else:
            state, since = (NO_WEBSITE if team in seen else NOT_CHECKED), None
        rows.append(
            {
                "team_id": team,
                "link_state": state,
                "checked_on": results.get("checked_on") if team in seen else None,
                "since": since,
                "previous_state": kind(old) if old else None,
                "previous_checked_on": previous.get("checked_on"),
                "change": _change(old, link) if previous and (old or link) else "",
            }
        )
    return pd.DataFrame(rows, columns=TEAM_COLUMNS)
