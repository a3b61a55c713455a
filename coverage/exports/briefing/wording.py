"""What the briefing says about an area, as text: its lead sentence, key figures and teams in words.

Kept apart from the layout so the claims a commissioner will quote are tested as plain strings,
with no PDF and no browser, and formatted exactly as the dashboard formats them.
"""

from __future__ import annotations

import pandas as pd

from coverage.exports.briefing.typeset import band, text
from coverage.model import costs
from coverage.model.assumptions import Assumptions
from coverage.model.directory import KIND_LABELS, STATUS_WORDS
from coverage.model.evidence_age import age_words
from coverage.present import formats
from coverage.present.metrics import format_value


def key_figures(
    row: pd.Series, assumptions: Assumptions, cost: costs.CostToClose | None = None
) -> list[tuple[str, str, str]]:
    """(figure, central, band) rows, formatted as the dashboard formats them."""
    target = formats.percent(assumptions.target_reach, trim=True)
    rows = [
        ("Babies in the 1001 days", format_value(row["population_1001"], "int"), ""),
        ("Births a year", format_value(row["annual_births"], "int"), ""),
        (
            "Need (families a year)",
            format_value(row["need_per_year"], "int"),
            band(row["need_low"], row["need_high"], "int"),
        ),
        ("Listed teams serving the area", f"{int(row['teams'])}", ""),
        (
            "Capacity (families a year)",
            format_value(row["capacity_per_year"], "int"),
            band(row["capacity_low"], row["capacity_high"], "int"),
        ),
        (
            "Reach of listed teams (capacity / need)",
            format_value(row["reach"], "pct"),
            band(row["reach_low"], row["reach_high"], "pct")
            + ("; a lower bound: more teams reported" if row.get("reach_lower_bound", False) else ""),
        ),
        ("Unmet need (families a year)", format_value(row["unmet_need_per_year"], "int"), ""),
        (
            f"Extra teams to reach {target} of need",
            f"{int(row['teams_needed'])}",
            "" if cost is None else f"{cost.teams_low:,} to {cost.teams_high:,}",
        ),
        ("Teams per 10,000 births", format_value(row["teams_per_10k_births"], "dec"), ""),
        ("What the directory shows", str(row.get("evidence", "")), ""),
        ("Status", str(row["status"]), status_note(row)),
    ]
    if "dep_share" in row and pd.notna(row.get("dep_share")):
        label = f"Deprivation ({row.get('dep_index') or 'index'})"
        rows.append((label, format_value(row["dep_share"], "pct"), "in the nation's most deprived 10%"))
    return rows


def status_note(row: pd.Series) -> str:
    """Beside the status: why the services listed here do not count (the lead sentence says it in full)."""
    reasons = row.get("uncounted_reasons", "")
    return f"listed, not counted: {reasons}" if reasons and int(row["teams"]) == 0 else ""


def what_it_is(team) -> str:
    """A listed team's kind and whether it runs, in words (the briefing's readers do not know the codes)."""
    kind = KIND_LABELS.get(team.kind, team.kind)
    return f"{kind}; {STATUS_WORDS.get(team.status, team.status)}"


def team_cells(teams: pd.DataFrame, recent_from: int) -> list[tuple[str, ...]]:
    """The briefing's team table in words, one tuple per team (the source link is added as a link):
    name, run by, what it is, evidence, counted, families a year here."""
    out = []
    for t in teams.itertuples():
        share = f" ({format_value(t.share_in_area, 'pct')} of the team)" if t.share_in_area < 0.999 else ""
        out.append(
            (
                t.name,
                t.host_organisation,
                what_it_is(t),
                age_words(t.evidence_year, recent_from),
                "yes" if t.counted else f"no: {t.why_not_counted}",
                format_value(t.families_in_area, "int") + share,
            )
        )
    return out


def lead_sentence(row: pd.Series) -> str:
    """The briefing's first sentence: the need, and either the teams' reach or why no team counts."""
    name = text(row["area_name"])
    need_band = band(row["need_low"], row["need_high"], "int")
    need = f"<b>{format_value(row['need_per_year'], 'int')}</b> families a year (band {need_band})"
    if int(row["teams"]) == 0:
        reported = (
            " A source reports a team here that the directory does not list (<b>team reported, not listed</b>)."
            if row.get("team_reported", False)
            else " The directory is partial, so a team may exist that it does not list."
        )
        listed = row.get("listed_not_counted", "")
        state = (
            f"<b>No counted team</b>: {text(listed)} (see the teams below)."
            if listed
            else "<b>No team listed</b>: the directory counts none as serving the area."
        )
        return f"An estimated {need} in {name} need a specialised parent-infant relationship team. {state}{reported}"
    teams = f"{int(row['teams'])} listed team{'s' if int(row['teams']) != 1 else ''}"
    return (
        f"An estimated {need} in {name} need a specialised parent-infant relationship team. "
        f"The {teams} serving it can see about <b>{format_value(row['capacity_per_year'], 'int')}</b> a year: "
        f"a reach of <b>{format_value(row['reach'], 'pct')}</b> ({band(row['reach_low'], row['reach_high'], 'pct')})."
    )
