"""Check a listing: what the atlas shows for a team, and a way to suggest a correction or a new team."""

import logging
import uuid

import pandas as pd
import streamlit as st

from coverage.listings.throttle import clients
from coverage.listings.workflow import corrections, listing, public
from coverage.model.capacity import counted
from coverage.model.directory import TEAM_STATUSES
from coverage.model.evidence_age import WINDOW_WORDS, age_words
from coverage.model.levels import LEVELS, NATIONS
from coverage.model.profile import why_not_counted
from coverage.model.services import evidence_year
from coverage.model.values import missing
from coverage.present import formats, invite, query
from coverage.present.text import md
from ui import cache, chrome, client, still_right, store_edge, team_deck, track_suggestion
from ui.sidebar import sidebar
from ui.store_edge import UNAVAILABLE, StoreError
from ui.suggestion_form import beside, form_key, show_problems, show_sent

logger = logging.getLogger("pages.check")  # Streamlit runs a page as __main__
NEW_TEAM_TAB = "Suggest a new team"

view = sidebar()
a = view.assumptions
atlas = cache.atlas()
teams = atlas.teams
st.title("Check a listing")
st.caption(
    "See exactly what the atlas shows for a team and how it is counted. If something is wrong or missing, "
    "suggest a change: a reviewer checks every suggestion before the directory changes."
)

names = dict(zip(teams["team_id"], teams["name"]))
url_team, url_messages = query.parse_team_id(st.query_params.to_dict(), set(names))
if url_team and st.session_state.get("_chk_url_team") != url_team:  # a link (the team map) names a listing
    st.session_state["chk_team"] = url_team
st.session_state["_chk_url_team"] = url_team
for message in url_messages:
    st.warning(message, icon="⚠️")
pick = st.selectbox(
    "Find a team",
    sorted(names, key=lambda k: names[k].lower()),
    format_func=names.get,
    index=None,
    placeholder="Type part of a team's name…",
    key="chk_team",
)
if (pick or "") != url_team:  # the URL names the listing shown, so it can be shared
    if pick:
        st.query_params["team"] = pick
    else:
        st.query_params.pop("team", None)
    st.session_state["_chk_url_team"] = pick or ""
invited_code, invite_messages = query.parse_suggest_for(st.query_params.to_dict(), set(atlas.areas["area_code"]))
for message in invite_messages:
    st.warning(message, icon="⚠️")
invited = invite.invited_area(atlas, invited_code)  # an area page's "Know a team that serves ...? Tell us"
TABS = {"see": "What the atlas shows", "correct": "Suggest a correction", "new": NEW_TEAM_TAB}
TABS["track"] = "Track a suggestion"
# A link can open a tab: "Suggest a correction" on a team (?tab=correct), a reference's Track link (?tab=track),
# and an area's invitation opens the new-team form.
opened = NEW_TEAM_TAB if invited else TABS.get(str(st.query_params.get("tab", "")), None)
# On a phone the four tabs ran off the screen with no sign of more: they wrap onto a second line instead.
st.html('<style>[data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; row-gap: 0.25rem; }</style>')
see, correct, new, track = st.tabs(list(TABS.values()), default=opened)


def send(kind: str, team_id, fields: dict, meta: dict, token_key: str, family: str) -> None:
    clean, problems = corrections.validate(kind, fields, meta, atlas.areas, set(teams["team_id"]), team_id)
    st.session_state[f"problems_{family}"] = problems
    if problems:
        st.rerun()  # draw the form again with each message beside its field; what was typed stays
    token = st.session_state.setdefault(token_key, uuid.uuid4().hex)
    try:
        group = client.client_group()
        refused, held = clients.admit_suggestion(store_edge.store(), client.client_keys())
        if refused:
            st.error(refused)
            return
        ref = store_edge.store().submit(
            kind,
            team_id,
            clean,
            meta["contact_email"].strip(),
            meta["evidence_url"].strip(),
            meta.get("message", "").strip(),
            client_token=token,
            client_group=group,
            held=held,
        )
    except (StoreError, *UNAVAILABLE):  # keep the form filled in and say so; the log has the cause
        logger.exception("a %s suggestion for %s could not be saved", kind, team_id or "a new team")
        st.error("Your suggestion could not be saved just now; nothing was lost from the form. Please try again.")
        return
    st.session_state.pop(token_key, None)
    st.session_state[f"sent_{family}"] = ref
    st.session_state[f"round_{family}"] = st.session_state.get(f"round_{family}", 0) + 1  # an empty form
    st.rerun()


with see:
    if not pick:
        st.info("Choose a team above.")
    else:
        t = teams.set_index("team_id").loc[pick]
        # st.table renders each cell as markdown: the record's text is escaped, so a name carrying a link
        # or an image reads as those characters and no visitor's browser fetches anything from it.
        record = pd.DataFrame(
            [(k, md(v)) for k, v in public.readable_record(t, atlas.areas)], columns=["", "What the atlas shows"]
        )
        st.table(record.set_index(""))
        row = teams[teams["team_id"] == pick]
        is_counted = bool(counted(row, a).iloc[0])
        known = not missing(t["families_per_year"])
        st.markdown(
            f"**Counted in the figures:** {'yes' if is_counted else 'no (' + md(why_not_counted(row.iloc[0], a, dict(zip(teams['team_id'], teams['name'])))) + ')'}. "
            f"**Families a year:** "
            + (
                f"{formats.whole(t['families_per_year'])} (its published figure)"
                if known
                else f"unknown, so {formats.whole(a.families_per_team)} is assumed (band "
                f"{formats.whole(a.families_per_team_low)} to {formats.whole(a.families_per_team_high)})"
            )
            + "."
        )
        year = evidence_year(teams)[teams["team_id"] == pick].iloc[0]  # the service's, over all its rows
        recent_from = cache.evidence_start()
        st.markdown(
            f"**Evidence:** {age_words(year, recent_from)}"
            + (
                f", older than {WINDOW_WORDS}: a dated source, or word from the team, would bring it up to date"
                if not year >= recent_from
                else ""
            )
            + "."
        )
        breakdown = listing.capacity_breakdown(atlas, pick, a)
        if len(breakdown):
            st.markdown("Its families a year are split across the areas it serves by their share of births:")
            st.dataframe(
                pd.DataFrame(
                    {
                        "Area": breakdown["area_name"],
                        "Share of its births": [formats.percent(v) for v in breakdown["share"]],
                        "Families a year counted there": [formats.whole(v) for v in breakdown["families_counted"]],
                    }
                ),
                hide_index=True,
                width="stretch",
            )
            team_deck.locator(pick, a, t["nation"])
        flags = listing.quality_flags(row.iloc[0])
        st.markdown("**Data-quality flags:** " + ("; ".join(flags) if flags else "none"))
        still_right.confirm_form(pick, t["name"])
        still_right.listing_history(pick)

with correct:
    if not pick:
        st.info("Choose a team above to suggest a correction to its listing.")
    else:
        t = teams.set_index("team_id").loc[pick]
        current = listing.editable_values(teams, pick, corrections.EDITABLE)
        if current["families_per_year"].endswith(".0"):
            current["families_per_year"] = current["families_per_year"][:-2]
        # Areas as names (the form accepts names or codes); working notes are never put in the form.
        current["area_codes"] = "; ".join(public.area_names(t["area_codes"], t["area_level"], atlas.areas))
        current["notes"] = ""
        family = f"correct_{pick}"
        with st.form(form_key(family), clear_on_submit=False):
            st.markdown(f"Correcting **{md(t['name'])}**. Change only what is wrong; leave the rest as it is.")
            problems = show_problems(family)
            edits = {}
            for key in corrections.EDITABLE:
                label = public.label(key)
                if key == "status":
                    edits[key] = st.selectbox(
                        label,
                        list(TEAM_STATUSES),
                        index=list(TEAM_STATUSES).index(current[key] or "unknown"),
                        format_func=lambda k: public.STATUS_CHOICES.get(k, k),
                    )
                elif key == "area_level":
                    edits[key] = st.selectbox(
                        label,
                        list(LEVELS)[:3],
                        index=list(LEVELS)[:3].index(current[key]) if current[key] in list(LEVELS)[:3] else 0,
                        format_func=lambda k: LEVELS[k].plural,
                    )
                elif key == "nation":
                    choices = list(NATIONS.values())
                    if current[key] and current[key] not in choices:
                        choices.append(current[key])
                    edits[key] = st.selectbox(label, choices, index=choices.index(current[key]) if current[key] else 0)
                elif key in ("notes", "interventions"):
                    edits[key] = st.text_area(label, value=current[key], max_chars=corrections.TEXT_LIMITS[key])
                else:
                    edits[key] = st.text_input(label, value=current[key], max_chars=2000)
                beside(problems, key)
            email = st.text_input(public.label("contact_email"), max_chars=254)
            beside(problems, "contact_email")
            evidence = st.text_input(public.label("evidence_url"), max_chars=2000)
            beside(problems, "evidence_url")
            message = st.text_area(public.label("message"), max_chars=2000)
            beside(problems, "message")
            sent = st.form_submit_button("Send the correction", type="primary")
        if sent:
            send(
                "correction",
                pick,
                corrections.changed_fields(edits, current),
                {"contact_email": email, "evidence_url": evidence, "message": message},
                f"token_correct_{pick}",
                family,
            )
        show_sent(family)

with new:
    # Boxes here have keys (their labels repeat the correction form's) that change with the form's
    # round, so a sent suggestion leaves an empty form in the browser too, not just on the server.
    new_form = form_key("new_team")
    with st.form(new_form, clear_on_submit=False):
        st.markdown(
            f"Tell us about a team that serves {md(invited.label)}."
            if invited
            else "Tell us about a team the directory is missing."
        )
        problems = show_problems("new_team")
        fields = {}
        nations, levels = ["", *NATIONS.values()], list(LEVELS)[:3]
        groups = (
            (
                "The team",
                (
                    ("name", lambda label: st.text_input(label, max_chars=200)),
                    ("host_organisation", lambda label: st.text_input(label, max_chars=200)),
                    ("families_per_year", lambda label: st.text_input(label, max_chars=6)),
                    ("age_range", lambda label: st.text_input(label, max_chars=100)),
                    ("website", lambda label: st.text_input("The team's own website (if it has one)", max_chars=2000)),
                ),
            ),
            (
                "Where it works",
                (
                    (
                        "area_level",
                        lambda label: st.selectbox(
                            label,
                            levels,
                            index=invite.index_of(levels, invited, "level"),
                            format_func=lambda k: LEVELS[k].plural,
                            key=f"{new_form}_level",
                        ),
                    ),
                    (
                        "area_codes",
                        lambda label: st.text_input(label, max_chars=2000, value=invited.areas if invited else ""),
                    ),
                    (
                        "nation",
                        lambda label: st.selectbox(
                            label,
                            nations,
                            index=invite.index_of(nations, invited, "nation"),
                            format_func=lambda n: n or "Work it out from the areas",
                            key=f"{new_form}_nation",
                            help="Checked against the areas: a team's nation is the one its areas are in.",
                        ),
                    ),
                ),
            ),
        )
        for heading, widgets in groups:
            st.markdown(f"**{heading}**")
            for key, widget in widgets:
                fields[key] = widget(public.label(key))
                beside(problems, key)
        st.markdown("**You and your evidence**")
        email = st.text_input(public.label("contact_email"), max_chars=254, key=f"{new_form}_email")
        beside(problems, "contact_email")
        evidence = st.text_input(
            "A public page about the team",
            max_chars=2000,
            key=f"{new_form}_evidence",
            help="Evidence that the team exists: a news item, a council paper, or its website.",
        )
        beside(problems, "evidence_url")
        message = st.text_area(public.label("message"), max_chars=2000, key=f"{new_form}_message")
        beside(problems, "message")
        sent = st.form_submit_button("Send the new team", type="primary")
    if sent:
        send(
            "new_team",
            None,
            {k: v for k, v in fields.items() if str(v).strip()},
            {"contact_email": email, "evidence_url": evidence, "message": message},
            "token_new_team",
            "new_team",
        )
    show_sent("new_team")

with track:
    track_suggestion.track()

st.caption(f"{len(teams)} listings. " + listing.NATIONAL_COUNT_NOTE)
chrome.footer()
