"""Methods and data: every formula, assumption, source, licence and caveat."""

import datetime as dt

import pandas as pd
import streamlit as st

from coverage.listings.workflow.listing import NATIONAL_COUNT_NOTE
from coverage.model import benchmarks, gaps
from coverage.model.assumptions import COST_PER_TEAM_YEAR, FAMILIES_PER_TEAM, PREGNANCY_DAYS, PREVALENCE
from coverage.model.evidence_age import EVIDENCE_WINDOW_YEARS, window_start
from coverage.model.levels import LEVELS
from coverage.model.seed_rules import CONFIDENCE_NOTE, KIND_RULES, STATUS_RULES
from coverage.present import formats, vintage
from coverage.present.metrics import format_value
from coverage.present.text import md
from ui import cache, chrome
from ui.sidebar import sidebar

view = sidebar()
a = view.assumptions
atlas = cache.atlas()
population = md(vintage.population_label(atlas.manifest))  # "ONS mid-2022", or the refreshed vintage
st.title("Methods and data")

st.header("What is counted")
st.markdown("The **1001 days** run from conception to a baby's second birthday. For each area the atlas estimates:")
st.latex(
    rf"\text{{pop}}_{{1001}} = \text{{age}}_0 + \text{{age}}_1 + \tfrac{{{PREGNANCY_DAYS}}}{{365}}\,\text{{births}}"
)
st.latex(r"\text{need} = \text{births} \times p")
st.latex(r"\text{reach} = \frac{\text{capacity}}{\text{need}}")
st.latex(r"\text{unmet} = \max(0,\ \text{need} - \text{capacity})")
st.latex(r"\text{teams} = \left\lceil \frac{\max(0,\ t\,\text{need} - \text{cap.})}{f} \right\rceil")
st.caption(gaps.TEAMS_NEEDED_RULE)
st.markdown(
    f"""
- **Births a year** are babies aged 0 in {population} estimates by default (the one source for all four nations from
  one vintage). The option *registered births* uses ONS 2023 registrations for England and Wales and falls back to
  babies aged 0 in Scotland and Northern Ireland; pages say where it fell back.
- **Pregnancies in progress** are {PREGNANCY_DAYS}/365 of a year's births: a pregnancy lasts about {PREGNANCY_DAYS} days.
- **Need** (*p*) is the share of babies needing specialised parent-infant relationship help, a year: families a year.
- **Capacity** is the families a year teams can see: a team's own published figure where there is one, otherwise
  *f* families a year. A team serving several areas is split among them by their share of births; a team declared
  for a health board or county counts in every council, district, region and nation inside it.
- **Reach bands**: low = lowest capacity / highest need; high = highest capacity / lowest need.
- **Evidence states**: an area is *no team listed* when the directory counts none serving it; *team reported, not
  listed* when, in addition, a dated source reports a team there (for example Greater Manchester's statement that every
  locality has one); *service listed, not counted* when no source reports one but the directory lists an open service
  there that does not count, with the reason in words (Kent's newly commissioned PIMHS is borderline); otherwise a team is listed and the area is classed by reach: *some provision*, or *meets target*
  when reach is at least the target *t* ({formats.percent(a.target_reach, trim=True)} now). Reports are evidence about the directory's
  completeness, never capacity: reach counts listed teams only, so where a report says more teams exist it is a
  lower bound. The profile lists every report covering an area, those that found none included, with source and date.
- **Each service counted once**: rows describing one service (two names for the Norfolk service; BIBS in Halton and
  Warrington, now Mersey Care's BABS) name the row standing for it in *same_service_as*; they add their areas to that
  service and never count as a team of their own.
- **When a team serves an area**: a team serves every atom (a district, or the part of a district in one health area)
  inside the areas it names, except that a team named for councils or districts does not serve a part of a split
  district holding less than {a.min_part_share:.0%} of the district's small areas; its capacity is shared over the
  parts it does serve, so capacity sums exactly to the UK total at every level. Without this rule, one small area of
  Cherwell made Northamptonshire ICB show OXPIP's "some provision" (0.27 families a year).
- **Evidence age**: a team's evidence year is the latest of its last-verified date and its start year (over every row
  describing the service). It is *within the evidence window* when it is no older than {EVIDENCE_WINDOW_YEARS} years
  before this year (from {window_start(dt.date.today())} on); older or undated teams still count, drawn faded on the
  team map and marked in the directory, profiles and exports. The sidebar's *count a team only if a dated source shows
  it working in or after* a chosen year (off by default) drops teams whose evidence is older, or undated.
- **Districts split between ICBs** are shared out by the ONS LSOA-count lookup, not by best fit.
- **Northern Ireland's trusts** are the official Department of Health trust boundaries. Five districts are cut by them
  (40.7% of Newry, Mourne and Down lies in the South Eastern Trust, 38.5% of Mid Ulster in the Southern, 29.6% of
  Causeway Coast and Glens in the Western; parts of Belfast and of Lisburn and Castlereagh too). No NI small-area
  population is shipped, so each cut district is split by **land area share**: an estimate, marked as such wherever it
  enters a figure. Parts under 5% of a district are where two differently generalised maps disagree along an edge,
  and stay with the district's main trust. Trust areas built this way are within 0.5% of the official polygons.
"""
)

st.header("Assumptions and where they come from")
rows = [
    {
        "Assumption": f"Prevalence, {k}",
        "Value": formats.percent(v.value, trim=True),
        "Meaning": v.label,
        "Source": v.source,
    }
    for k, v in PREVALENCE.items()
]
rows += [
    {
        "Assumption": f"Families a year per team, {k}",
        "Value": formats.whole(v.value),
        "Meaning": v.label,
        "Source": v.source,
    }
    for k, v in FAMILIES_PER_TEAM.items()
]
rows += [
    {
        "Assumption": f"Cost per team a year, {k}",
        "Value": formats.money(v.value),
        "Meaning": v.label,
        "Source": v.source,
    }
    for k, v in COST_PER_TEAM_YEAR.items()
]
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
st.caption(
    "Cost per team a year: only published figures that say what period they cover. Left out: Newcastle's £786,042 "
    "award and Tameside's £22,357 (term not stated), OXPIP's income of about £500k (a charity's income, not one "
    "team's contract) and PIF's 2021 ask of £88m (no period given). Teams needed times this cost gives an area's "
    "yearly cost to close its gap (on the profile, Plan and the briefing), with a band from the fewest teams at the "
    "lowest cost to the most teams at the highest."
)
st.caption("Now in force: " + a.describe())

st.header("Checks against the published national picture")
uk_summary = cache.summary(a)
r = benchmarks.published_reach(atlas, a, uk_summary)
eng = benchmarks.england_teams_needed(atlas, a, cache.area_table("utla", a))
st.markdown(
    f"""
- **Reach of 4-6%.** About {benchmarks.NATIONAL_TEAMS} teams seeing 4,400-6,500 families a year, against our UK need of
  {format_value(r.need_central, "int")} families a year ({formats.percent(a.prevalence, trim=True)} of {format_value(r.births, "int")} births), is
  **{format_value(r.reach_central, "pct")}** (band {format_value(r.reach_low, "pct")} to {format_value(r.reach_high, "pct")}).
  The published range is 4-6%; its own need estimate was not visible, so agreement means our central prevalence is in
  the same region as theirs, not that it is the same.
- **"England needs 400 teams"** (Parent-Infant Foundation, June 2024). Bringing every English council to
  {formats.percent(a.target_reach, trim=True)} of estimated need with teams of {formats.whole(a.families_per_team)}
  families a year would take **{formats.counted(eng, "more team")}** under the assumptions now in force, counted as
  the Plan page counts: council by council, the listed teams' capacity subtracted, each council's shortfall rounded up
  to whole teams (set the target to 100% to compare with the 400). The 400 figure is an advocacy target whose basis
  was not visible; it implies either a lower need estimate or larger teams.
- **"At least one team per local authority"** is a floor, not a measure of need: the *no team listed* class on the map
  shows where our listing does not show even that floor met (a team may exist that the directory does not list).
"""
)

st.header("The team directory")
st.markdown(NATIONAL_COUNT_NOTE)
st.markdown("**How complete it is**, each service once, against the latest published count:")
st.dataframe(
    cache.completeness(a)[["scope", "listed", "counted", "published", "published_when", "published_source"]].rename(
        columns={
            "scope": "Where",
            "listed": "Listed (open, kinds counted)",
            "counted": "Counted now",
            "published": "Published count",
            "published_when": "When",
            "published_source": "Source",
        }
    ),
    hide_index=True,
    width="stretch",
)
st.markdown(
    "**How each seed row was classed.** The directory starts from a seed list of public pages (three search passes). "
    "Each row names the rule its kind and its status follow, and the build refuses a row whose class differs from its "
    "rule's, so the same evidence always gets the same class. " + CONFIDENCE_NOTE
)
st.dataframe(
    pd.DataFrame(
        [
            {"Rule": r.key, "Gives": f"{what} {r.outcome}", "When the evidence shows": r.evidence}
            for what, rules in (("kind", KIND_RULES), ("status", STATUS_RULES))
            for r in rules.values()
        ]
    ),
    hide_index=True,
    width="stretch",
)
unresolved = atlas.teams[atlas.teams["unresolved_areas"] != ""][["name", "unresolved_areas"]]
st.markdown(f"Listings with areas the atlas could not map to official codes: {len(unresolved)}.")
st.dataframe(
    unresolved.rename(columns={"name": "Team", "unresolved_areas": "Not mapped, and why"}),
    hide_index=True,
    width="stretch",
)

st.header("Sources and licences")
for src in atlas.manifest["sources"]:
    fetched = vintage.retrieval_note(src)
    st.markdown(
        f"- **{md(src['title'])}**. {md(src['publisher'])}. Vintage: {md(src['vintage'])}. "
        f"Licence: {md(src['licence'])}." + (f" {md(fetched)}" if fetched else "")
    )
st.subheader("Attribution")
for line in atlas.manifest["attribution"]:
    st.markdown(f"- {line}")

st.header("Caveats")
st.markdown(
    f"""
- **Mixed boundary vintages.** Districts May 2024, councils December 2023, ICBs April 2023, Welsh health boards 2022,
  Scottish health boards 2019, Northern Ireland trusts 2017. Population is {population} on April 2023 boundaries.
- **Boundaries are simplified** once at build time for fast maps; shared borders are kept, so neighbours never gap.
- **The directory is partial** and built from public pages; a missing team shows as a gap.
- **Deprivation is within-nation.** England's IMD 2025, Wales' WIMD 2019, Scotland's SIMD 2020 and Northern
  Ireland's NIMDM 2017 each rank areas only against their own nation. Devolved council figures were aggregated from
  small areas by the humaniverse/IMD package, not published by the governments.
- **Capacity is uncertain.** Only one listed team publishes families seen in a year; others use the assumed band.
- **Levels:** {"; ".join(f"{lv.label}: {lv.description}" for lv in LEVELS.values())}.
"""
)
chrome.footer()
