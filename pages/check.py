"""Check a listing: what the atlas shows for a team, and a way to suggest a correction or a new team."""

import logging
import uuid

import streamlit as st

from coverage.listings import clients, corrections, listing
from coverage.listings.store import UNAVAILABLE, StoreError
from coverage.model.capacity import counted
from coverage.model.directory import STATUSES
from coverage.model.levels import LEVELS, NATIONS
from coverage.model.profile import why_not_counted
from coverage.model.values import missing
from coverage.present import query
from coverage.present.text import md
from pages import common, team_deck

logger = logging.getLogger("pages.check")  # Streamlit runs a page as __main__

view = common.sidebar()
a = view.assumptions
atlas = common.atlas()
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
see, correct, new = st.tabs(["What the atlas shows", "Suggest a correction", "Suggest a new team"])


def show_problems(problems: dict[str, str]) -> None:
    st.error(
        "Please fix these, then send again (nothing was sent):\n\n"
        + "\n".join(f"- **{md(k.replace('_', ' '))}**: {md(v)}" for k, v in problems.items())
    )


def send(kind: str, team_id, fields: dict, meta: dict, token_key: str) -> None:
    clean, problems = corrections.validate(kind, fields, meta, atlas.areas, set(teams["team_id"]), team_id)
    if problems:
        show_problems(problems)
        return
    token = st.session_state.setdefault(token_key, uuid.uuid4().hex)
    try:
        refused = clients.admit_suggestion(common.store(), common.client_keys())
        if refused:
            st.error(refused)
            return
        ref = common.store().submit(
            kind,
            team_id,
            clean,
            meta["contact_email"].strip(),
            meta["evidence_url"].strip(),
            meta.get("message", "").strip(),
            client_token=token,
        )
    except (StoreError, *UNAVAILABLE):  # keep the form filled in and say so; the log has the cause
        logger.exception("a %s suggestion for %s could not be saved", kind, team_id or "a new team")
        st.error("Your suggestion could not be saved just now; nothing was lost from the form. Please try again.")
        return
    st.session_state.pop(token_key, None)
    st.success(
        f"Thank you. Your suggestion is saved with reference **{ref}**. A reviewer will check it; the directory "
        "does not change until they approve it."
    )


with see:
    if not pick:
        st.info("Choose a team above.")
    else:
        t = teams.set_index("team_id").loc[pick]
        st.dataframe(listing.record(teams, pick), hide_index=True, width="stretch", height=420)
        row = teams[teams["team_id"] == pick]
        is_counted = bool(counted(row, a).iloc[0])
        known = not missing(t["families_per_year"])
        st.markdown(
            f"**Counted in the figures:** {'yes' if is_counted else 'no (' + why_not_counted(row.iloc[0], a) + ')'}. "
            f"**Families a year:** "
            + (
                f"{int(t['families_per_year'])} (its published figure)"
                if known
                else f"unknown, so {a.families_per_team:.0f} is assumed (band "
                f"{a.families_per_team_low:.0f} to {a.families_per_team_high:.0f})"
            )
            + "."
        )
        breakdown = listing.capacity_breakdown(atlas, pick, a)
        if len(breakdown):
            st.markdown("Its families a year are split across the areas it serves by their share of births:")
            st.dataframe(
                breakdown.assign(
                    share=breakdown["share"].round(3), families_counted=breakdown["families_counted"].round(1)
                ),
                hide_index=True,
                width="stretch",
                column_config={"share": st.column_config.NumberColumn("share of births", format="percent")},
            )
            team_deck.locator(pick, a, t["nation"])
        flags = listing.quality_flags(row.iloc[0])
        st.markdown("**Data-quality flags:** " + ("; ".join(flags) if flags else "none"))

with correct:
    if not pick:
        st.info("Choose a team above to suggest a correction to its listing.")
    else:
        t = teams.set_index("team_id").loc[pick]
        current = listing.editable_values(teams, pick, corrections.EDITABLE)
        with st.form(f"correct_{pick}", clear_on_submit=False):
            st.markdown(f"Correcting **{md(t['name'])}**. Change only what is wrong; leave the rest as it is.")
            edits = {}
            for key in corrections.EDITABLE:
                label = key.replace("_", " ").capitalize()
                if key == "status":
                    edits[key] = st.selectbox(
                        label, list(STATUSES), index=list(STATUSES).index(current[key] or "unknown")
                    )
                elif key == "area_level":
                    edits[key] = st.selectbox(
                        "Area level",
                        list(LEVELS),
                        index=list(LEVELS).index(current[key] or "utla"),
                        format_func=lambda k: LEVELS[k].label,
                    )
                elif key in ("notes", "interventions"):
                    edits[key] = st.text_area(label, value=current[key], max_chars=corrections.TEXT_LIMITS[key])
                elif key == "area_codes":
                    edits[key] = st.text_input(
                        "Areas served (codes or names, separated by ;)", value=current[key], max_chars=2000
                    )
                else:
                    edits[key] = st.text_input(label, value=current[key], max_chars=2000)
            email = st.text_input("Your email (for our reply only; never shown)", max_chars=254)
            evidence = st.text_input("A public page that supports the change", max_chars=2000)
            message = st.text_area("Anything else we should know", max_chars=2000)
            sent = st.form_submit_button("Send the correction", type="primary")
        if sent:
            send(
                "correction",
                pick,
                corrections.changed_fields(edits, current),
                {"contact_email": email, "evidence_url": evidence, "message": message},
                f"token_correct_{pick}",
            )

with new:
    with st.form("new_team", clear_on_submit=False):
        st.markdown("Tell us about a team the directory is missing.")
        fields = {
            "name": st.text_input("Team name", max_chars=200),
            "host_organisation": st.text_input("Host organisation", max_chars=200),
            "nation": st.selectbox("Nation", list(NATIONS.values())),
            "area_level": st.selectbox(
                "The areas it serves are", list(LEVELS)[:3], format_func=lambda k: LEVELS[k].label, key="new_level"
            ),
            "area_codes": st.text_input("Areas served (codes or names, separated by ;)", max_chars=2000),
            "families_per_year": st.text_input("Families seen in a year (if published)", max_chars=6),
            "age_range": st.text_input("Ages (e.g. pregnancy to age 2)", max_chars=100),
            "website": st.text_input("Website", max_chars=2000),
        }
        email = st.text_input("Your email (for our reply only; never shown)", max_chars=254, key="new_email")
        evidence = st.text_input("A public page about the team", max_chars=2000, key="new_evidence")
        message = st.text_area("Anything else we should know", max_chars=2000, key="new_message")
        sent = st.form_submit_button("Send the new team", type="primary")
    if sent:
        send(
            "new_team",
            None,
            {k: v for k, v in fields.items() if str(v).strip()},
            {"contact_email": email, "evidence_url": evidence, "message": message},
            "token_new_team",
        )

st.caption(f"{len(teams)} listings. " + listing.NATIONAL_COUNT_NOTE)
common.footer()
