"""Team directory: search and filter the listings, each with its sources and areas on a map."""

import streamlit as st

from coverage.listings.workflow import listing
from coverage.model.directory import CONFIDENCE_WORDS, CONFIDENCES, KIND_LABELS, KINDS, STATUS_WORDS, TEAM_STATUSES
from coverage.model.evidence_age import WINDOW_WORDS, age_words
from coverage.model.levels import LEVELS, NATIONS
from coverage.model.service_count import count_services
from coverage.model.services import service_of
from coverage.present import query
from coverage.present.figures import choropleth
from coverage.present.text import md, web_link
from ui import cache, chrome, downloads, into_view, team_deck, url_state
from ui.listing_links import suggest_correction
from ui.page_chooser import choose_page, next_page_button
from ui.sidebar import sidebar

LIST_PAGE_KEY = "dir_list_page"
FILTER_WIDGETS = {"nations": "dir_nation", "statuses": "dir_status", "confidences": "dir_conf", "kinds": "dir_kind"}


def filters_from_url(params):
    f, messages = query.parse_team_filter(params)
    return {key: list(getattr(f, name)) for name, key in FILTER_WIDGETS.items()}, messages


view = sidebar()
atlas = cache.atlas()
teams = atlas.teams
st.title("Team directory")
n = listing.counts(teams)
st.markdown(
    f"**{n['listed']} services listed** (directory rows). Counted as on every page: "
    f"**{md(count_services(teams, view.assumptions).words())}**. {listing.NATIONAL_COUNT_NOTE}"
)
if atlas.problems:
    with st.expander(f"{len(atlas.problems)} directory row(s) could not be used"):
        for p in atlas.problems:
            st.text(str(p))

downloads.teams(atlas, view.assumptions)
url_state.seed_from_url("_dir_url_ready", filters_from_url)
text = st.text_input("Search by name, host or place", key="dir_text", max_chars=100)
f = st.columns(4)
nations = f[0].multiselect("Nation", list(NATIONS.values()) + ["Unknown"], key="dir_nation")
statuses = f[1].multiselect("Running?", list(TEAM_STATUSES), format_func=STATUS_WORDS.get, key="dir_status")
confidences = f[2].multiselect(
    "How the listing is sourced", list(CONFIDENCES), format_func=CONFIDENCE_WORDS.get, key="dir_conf"
)
kinds = f[3].multiselect("Kind", list(KINDS), format_func=KIND_LABELS.get, key="dir_kind")
found = listing.search(teams, text, nations=nations, statuses=statuses, confidences=confidences, kinds=kinds)
chosen = query.TeamFilter(*(tuple(st.session_state.get(k) or ()) for k in FILTER_WIDGETS.values()))
url_state.sync_url(view, extra=query.encode_team_filter(chosen))
st.caption(f"{len(found)} of {len(teams)} listings shown.")
team_deck.show(found, view.assumptions, nations)

names = dict(zip(found["team_id"], found["name"]))
pick = st.selectbox(
    "Show a team's areas on the map",
    list(names),
    format_func=names.get,
    index=None,
    placeholder="Choose a team…",
    key="dir_pick",
)
if pick:
    t = found.set_index("team_id").loc[pick]
    if t["area_codes"]:
        level = t["area_level"]
        table = cache.area_table(level, view.assumptions)
        served = table[table["area_code"].isin(t["area_codes"])]
        nation_rows = listing.nations_of(table, t["area_codes"])
        fig = choropleth(
            cache.map_geometry(level),
            nation_rows,
            "reach",
            highlight=served["area_code"].iloc[0],
            height=420,
            legend=False,
        )
        st.plotly_chart(fig, width="stretch", config={"displaylogo": False})
        st.caption(f"Areas served ({LEVELS[level].label.lower()}): " + md("; ".join(served["area_name"])))
    else:
        st.info("This listing has no mapped area: " + (md(t["unresolved_areas"]) or "none given"))

with into_view.block(LIST_PAGE_KEY):
    st.header("Listings")
    shown = choose_page(found["team_id"], service_of(found), LIST_PAGE_KEY, "Listings shown")
recent_from = cache.evidence_start()
for t in found.iloc[shown.start : shown.stop].itertuples():
    with st.container(border=True):
        st.markdown(f"### {md(t.name)}")
        st.caption(
            f"{KIND_LABELS.get(t.kind, t.kind)} · **{STATUS_WORDS.get(t.status, t.status)}** · "
            f"listing {CONFIDENCE_WORDS.get(t.confidence, t.confidence)} · {md(t.nation) or 'nation unknown'}"
        )
        details = {
            "Host": t.host_organisation or "not stated",
            "Areas served": t.area_names or "not mapped",
            "Not mapped": t.unresolved_areas,
            "Ages": t.age_range or "not stated",
            "Interventions": t.interventions,
            "Families a year": f"{int(t.families_per_year)} ({t.families_note})"
            if t.families_per_year == t.families_per_year
            else f"unknown: {t.families_note or 'no published figure'}",
            "Last verified": t.last_verified or "never",
            "Evidence": age_words(t.evidence_year, recent_from)
            + (f" (older than {WINDOW_WORDS})" if t.evidence_year < recent_from else ""),
            "One service": listing.same_service_note(t, teams),
        }
        lines = [f"**{k}:** {md(v)}" for k, v in details.items() if v]
        links = [web_link(label, url) for label, url in (("Website", t.website), ("Source", t.source_url)) if url]
        st.markdown("  \n".join(lines + ([" · ".join(links)] if links else [])))
        flags = listing.quality_flags(t)
        if flags:
            st.caption("Check: " + "; ".join(flags))
        suggest_correction(t.team_id)
next_page_button(shown, LIST_PAGE_KEY)
chrome.footer()
