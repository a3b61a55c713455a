#!/usr/bin/env python3
"""The personas of issue #12, timed and counted the same way on two versions of the app.

Run from the repo root (not a pytest test)::

    python tests/bench/bench_personas.py --before ../before-2f878c9 --after . [--tasks kent,member] [--rounds 3]
        [--phone kent,member]   # tasks also run at 390x844 (all five work there; default: these two)

``--before`` and ``--after`` are app directories (each with its own ``app.py``), e.g. a
``git archive 2f878c9`` copy and this worktree. Each gets its own Streamlit server on a free
localhost port, with a throwaway corrections store (``ATLAS_STATE_DIR`` in a temporary folder), so
the network member's suggestion never touches the repository's ``state/``. Each server is warmed by
one visit to its home page first: a cold server's first session pays for loading the data and, on
older versions, lands in Streamlit's legacy pages mode, neither of which a visitor normally meets.

What is counted, and why this way
---------------------------------
Every step of a task goes through one small ``Person`` object, which performs it in Chromium and
counts it, so both versions are counted by the same rules:

* each click (a button, a link in the page menu, a tab, opening a list, opening a popover);
* each option chosen from a list;
* each field value typed (clicking into the field first is part of typing it);
* each key press that carries meaning (Enter to send a search, Escape to close a list that stays
  open after a choice, as a multi-choice list does);
* each slider moved (one drag, however far);
* each scroll a person would need: before any click, typing or reading, the target is checked
  against the viewport (below Streamlit's header); when it is off screen, one scroll is counted.
  A table column cut off at the table's right edge counts one horizontal scroll to read it;
* copying the address bar, when the task is to get a link.

Reading a value is not an action unless it needs a scroll. A step the version cannot do at all ends
the run as "not possible", with the reason and how far it got.

Time runs from the first navigation (the home page, where every task starts, as a visitor arrives)
to the success condition: the element or text that answers the task is visible, or a download has
arrived and been checked. Between steps the script waits for Streamlit to settle (the script not
running, no spinner, charts plotted; ``SETTLED_JS`` from the browser tests), so the time is the
app's and the browser's, not a person's reading or thinking time.

Each task runs ``--rounds`` times per version, alternating before and after (A B A B ...), each run
in a fresh browser context (a new Streamlit session, no cache), so a slow moment of a shared
machine falls on both versions alike. The report gives the median and range of the times, the
action count (the same in every round unless the app behaved differently), the list of actions,
and the load average before and after. Results: a markdown table on stdout and
``artifacts/bench_personas.json`` (git-ignored); a failed run leaves a screenshot in
``artifacts/screenshots/``.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import logging
import os
import platform
import re
import statistics
import sys
import time
import traceback
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("atlas_browser_helpers", REPO / "tests" / "support" / "browser.py")
helpers = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = helpers  # dataclasses look their module up here
_spec.loader.exec_module(helpers)

logger = logging.getLogger("bench_personas")

VIEWPORTS = {"desktop": helpers.DESKTOP, "phone": helpers.PHONE}
STEP_TIMEOUT_MS = 90_000  # one step on a loaded shared machine; a social PNG alone takes 5 to 15 s
DOWNLOAD_TIMEOUT_MS = 120_000

# The network member's team, its new website, and how the sender is reached (a real team in
# data/teams.csv of both versions; the suggestion goes to the run's throwaway store).
MEMBER_TEAM = "OXPIP (Oxford Parent Infant Project)"
MEMBER_TEAM_TYPED = "OXPIP"
MEMBER_WEBSITE = "https://www.oxpip.org.uk/"
MEMBER_EMAIL = "lead@example.org"
MEMBER_EVIDENCE = "https://www.oxpip.org.uk/about-us/"

# The campaigner's square image on the after version: the buttons to press, in order; the last one
# starts the download. A two-step "make the image, then save it" is two labels here.
# A label may be a pattern: the Save button names the file's size ("Save the PNG (231 KB)").
AFTER_SOCIAL_PNG_BUTTONS = ("PNG, square (social media)", re.compile(r"^Save the PNG \(.+\)$"))

# Is an element on screen (below Streamlit's fixed header, unless it is in the menu or the header
# itself)? An element taller than the screen counts when its top is on screen.
IN_VIEW_JS = """
e => {
  const r = e.getBoundingClientRect();
  const header = document.querySelector('[data-testid="stHeader"]');
  const above = e.closest('[data-testid="stSidebar"], [data-testid="stHeader"]');  // not under the header
  const top = header && !above ? Math.max(0, header.getBoundingClientRect().bottom - 1) : 0;
  const H = window.innerHeight, W = window.innerWidth;
  if (r.width === 0 && r.height === 0) return false;
  const vertical = r.height > H - top ? (r.top >= top && r.top < H) : (r.top >= top && r.bottom <= H + 1);
  return vertical && r.left >= -1 && r.right <= W + 1;
}
"""

# The app's menu (Streamlit's sidebar) is on screen; on a phone it is folded away to the left.
MENU_OPEN_JS = """
() => { const s = document.querySelector('[data-testid="stSidebar"]');
        return !!s && s.getBoundingClientRect().right > 0 && s.getBoundingClientRect().width > 0; }
"""

# A Streamlit dataframe (glide-data-grid) is drawn on a canvas, but the grid keeps an accessible
# table of the cells in its visible region (partly visible columns included), each with its
# aria-colindex. A column is shown in full when another column follows it in that table, or when
# the grid has no more width to scroll to on the right; otherwise it is cut off or out of sight.
GRID_STATE_JS = """
(grid) => {
  const heads = [...grid.querySelectorAll('th')].map(th => [th.textContent.trim(), +th.getAttribute('aria-colindex')]);
  const rows = [...grid.querySelectorAll('td[aria-colindex="1"]')].map(td => [td.textContent.trim(), td.id]);
  const s = grid.querySelector('.dvn-scroller');
  const more = !!s && s.scrollLeft + s.clientWidth < s.scrollWidth - 1;
  return {heads, rows, more};
}
"""


class NotPossible(Exception):
    """This version offers no way to do the step: the run ends here, with the reason."""


@dataclass
class Run:
    task: str
    version: str
    viewport: str
    round: int
    outcome: str = "failed"  # done / not possible / failed
    seconds: float | None = None
    actions: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)  # what the person had done, in order
    readings: dict = field(default_factory=dict)  # the values that answered the task
    reason: str = ""
    extra_seconds: dict = field(default_factory=dict)  # timed checks outside the task (a link reopening)
    milestones: dict = field(default_factory=dict)  # a part both versions share: name -> [seconds, actions]


class Person:
    """A visitor in one fresh browser context: every click, choice, key and scroll goes through here and
    is counted, so both versions are counted by the same rules."""

    def __init__(self, page, base_url: str, run: Run, phone: bool):
        self.page = page
        self.base_url = base_url
        self.run = run
        self.phone = phone
        self.t0 = 0.0
        self.row_ids: dict[str, str] = {}
        self.off_clock = 0.0  # seconds the script spent doing what a person does by hand (stepping a scroll)

    # -- bookkeeping -------------------------------------------------------------------------

    def count(self, kind: str, what: str) -> None:
        self.run.actions.append(f"{kind}: {what}")

    def step(self, what: str) -> None:
        self.run.steps.append(what)

    def reading(self, name: str, value) -> None:
        self.run.readings[name] = value

    def milestone(self, name: str) -> None:
        """Time and actions so far, for a part of the task both versions can do (compared even when
        the rest is not possible on one of them)."""
        self.run.milestones[name] = [round(self.elapsed(), 2), len(self.run.actions)]

    def elapsed(self) -> float:
        return time.perf_counter() - self.t0 - self.off_clock

    def settle(self) -> None:
        self.page.evaluate("() => { window.__atlasSettledSince = null; }")
        self.page.wait_for_function(helpers.SETTLED_JS, timeout=STEP_TIMEOUT_MS, polling=100)

    def in_view(self, locator) -> bool:
        return bool(locator.evaluate(IN_VIEW_JS))

    def reveal(self, locator, what: str) -> None:
        """Count one scroll when the target is off screen, and bring it on screen."""
        locator.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
        if not self.in_view(locator):
            self.count("scroll", f"to {what}")
            locator.scroll_into_view_if_needed()
            if not self.in_view(locator):  # under the header after the scroll: nudge it down a little
                locator.evaluate("e => e.scrollIntoView({block: 'center'})")

    # -- what a person does --------------------------------------------------------------------

    def start(self, path: str = "/") -> None:
        """The first navigation (not an action: the visitor arrives); the clock starts here."""
        self.t0 = time.perf_counter()
        self.page.goto(self.base_url + path, wait_until="domcontentloaded")
        self.page.wait_for_selector("h1", timeout=STEP_TIMEOUT_MS)
        self.settle()
        self.step(f"opened {path}")

    def go(self, menu_label: str, heading: str) -> None:
        """Choose a page in the app's menu. On a phone the menu is folded away: open it first, and
        close it again when it stays open over the page after the choice."""
        if not self.menu_open():
            self.click(self.page.locator('[data-testid="stExpandSidebarButton"]').first, "open the menu", settle=False)
            self.page.wait_for_function(f"() => ({MENU_OPEN_JS})()", timeout=STEP_TIMEOUT_MS)
            self.page.wait_for_timeout(400)  # the menu slides in
        link = self.page.locator('[data-testid="stSidebarNav"] a', has_text=menu_label).first
        self.click(link, f"menu: {menu_label}", settle=False)
        self.page.locator("h1", has_text=heading).first.wait_for(timeout=STEP_TIMEOUT_MS)
        self.settle()
        if self.phone and self.menu_open():
            self.click(self.page.get_by_role("button", name="Collapse sidebar").first, "close the menu")
            self.page.wait_for_timeout(400)  # the menu slides out
        self.step(f"on {menu_label}")

    def menu_open(self) -> bool:
        return bool(self.page.evaluate(f"() => ({MENU_OPEN_JS})()"))

    def click(self, locator, what: str, settle: bool = True) -> None:
        self.reveal(locator, what)
        locator.click(timeout=STEP_TIMEOUT_MS)
        self.count("click", what)
        if settle:
            self.settle()

    def visible(self, locator) -> bool:
        return locator.count() > 0 and locator.first.is_visible()

    def type(self, field, text: str, what: str, then: str | None = None) -> None:
        """Type a value into a text field (replacing what is there); ``then`` presses a key after it."""
        self.reveal(field, what)
        field.click()
        field.fill(text)
        self.count("type", what)
        if then:
            self.press(then, f"{then} after {what}")
        self.settle()

    def press(self, key: str, what: str) -> None:
        self.page.keyboard.press(key)
        self.count("key", what)

    def choose(self, box, typed: str | None, option: str, what: str, stays_open: bool = False) -> None:
        """Pick ``option`` in a list: type part of it (or click the list open), then click the option.
        A multi-choice list (``stays_open``) stays open after a choice, so the next choice can be typed
        straight away; ``close_list`` closes it when done."""
        self.reveal(box, what)
        if not (stays_open and self.visible(self.page.get_by_role("option"))):
            box.click()
            if typed is None:
                self.count("click", f"open {what}")
        if typed is not None:
            box.press_sequentially(typed, delay=30)
            self.count("type", f"{typed!r} in {what}")
        choice = self.page.get_by_role("option", name=option, exact=True).first
        choice.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
        choice.click()
        self.count("choose", option)
        self.settle()

    def close_list(self, what: str) -> None:
        if self.visible(self.page.get_by_role("listbox")):
            self.press("Escape", f"close {what}")
            self.settle()

    def drag_slider(self, slider, key: str, what: str) -> None:
        """One drag of a slider thumb (done by keyboard, Home/End, so it lands exactly)."""
        self.reveal(slider, what)
        slider.focus()
        self.page.keyboard.press(key)
        self.count("drag", what)
        self.page.wait_for_timeout(300)
        self.settle()

    def read(self, locator, name: str) -> str:
        """Read a value off the page (a scroll is counted if it is off screen)."""
        locator = locator.first
        self.reveal(locator, f"read {name}")
        text = " ".join(locator.inner_text().split())
        self.reading(name, text)
        return text

    def read_cell(self, grid, row: str, column: str, name: str) -> str:
        """Read one cell of a dataframe: a scroll down to the table if needed, and one sideways when
        the column is cut off at the table's edge or out of sight."""
        grid = grid.first
        self.reveal(grid, f"the table ({name})")
        state = grid.evaluate(GRID_STATE_JS)
        for text, cell_id in state["rows"]:  # rows are found by their first column, shown on arrival
            if text == row:
                self.row_ids[row] = cell_id.rsplit("-", 1)[1]
        if row not in self.row_ids:
            raise AssertionError(f"{name}: no row {row!r} in {state['rows']}")

        def shown_in_full(state) -> bool:
            names = [h for h, _ in state["heads"]]
            return column in names and (names.index(column) < len(names) - 1 or not state["more"])

        if not shown_in_full(state):
            # Sideways just far enough to show the column in full: one scroll, however many steps.
            # The script's stepping is left off the clock, as a person's scrolling is.
            self.count("scroll", f"sideways in the table to {column!r}")
            started = time.perf_counter()
            for _ in range(80):
                state = self._scroll_grid(grid, "g.scrollLeft + 60")
                if shown_in_full(state) or not state["more"]:
                    break
            self.off_clock += time.perf_counter() - started
        index = dict(state["heads"]).get(column)
        if index is None:
            raise AssertionError(f"{name}: no column {column!r} in {state['heads']}")
        text = grid.locator(f'[data-testid="glide-cell-{index - 1}-{self.row_ids[row]}"]').inner_text().strip()
        self.reading(name, text)
        return text

    def _scroll_grid(self, grid, to: str) -> dict:
        """Scroll the table's own scroller, and wait (up to 0.4 s) for its accessible table to follow."""
        before = grid.evaluate(GRID_STATE_JS)
        grid.evaluate(f"t => {{ const g = t.querySelector('.dvn-scroller'); g.scrollLeft = {to}; }}")
        deadline = time.perf_counter() + 0.4
        state = before
        while time.perf_counter() < deadline:
            self.page.wait_for_timeout(40)
            state = grid.evaluate(GRID_STATE_JS)
            if state != before:
                break
        return state

    def download(self, button, what: str) -> tuple[str, bytes]:
        """Click a download button and wait for the file to arrive; returns its name and bytes."""
        self.reveal(button, what)
        with self.page.expect_download(timeout=DOWNLOAD_TIMEOUT_MS) as info:
            button.click(timeout=STEP_TIMEOUT_MS)
            self.count("click", what)
        d = info.value
        data = Path(d.path()).read_bytes()
        self.step(f"downloaded {d.suggested_filename} ({len(data):,} bytes)")
        return d.suggested_filename, data

    def copy_address(self, what: str) -> str:
        self.count("copy", what)
        return self.page.url


def button(person: Person, label: str | re.Pattern):
    exact = None if isinstance(label, re.Pattern) else True
    return person.page.get_by_role("button", name=label, exact=exact).filter(visible=True).first


def metric_value(person: Person, label: str):
    """A Streamlit metric's value, found by its label."""
    metric = person.page.locator('[data-testid="stMetric"]').filter(
        has=person.page.locator('[data-testid="stMetricLabel"]', has_text=label)
    )
    return metric.locator('[data-testid="stMetricValue"]').first


def chart_rank(person: Person, title_start: str, name: str) -> tuple[int, int, list[str]]:
    """Where ``name`` stands among the bars of the chart whose title starts with ``title_start``,
    counted from the top (the y-axis labels in the plotly SVG, as drawn, so a clipped label shows)."""
    chart = (
        person.page.locator('[data-testid="stPlotlyChart"]')
        .filter(has=person.page.locator(".gtitle", has_text=title_start))
        .first
    )
    person.reveal(chart, f"the chart {title_start!r}")
    labels = chart.evaluate(
        """c => [...c.querySelectorAll('.yaxislayer-above .ytick text, .yaxislayer-above text')]
               .map(t => [t.getBoundingClientRect().top, t.textContent.trim()])
               .sort((a, b) => a[0] - b[0]).map(x => x[1])"""
    )
    position = next((i + 1 for i, text in enumerate(labels) if name.startswith(text.rstrip("…. ")) and text), 0)
    return position, len(labels), labels


# ============================================================================================
# The tasks. One function per task per version where the pages differ; each returns when the task's
# success condition holds, or raises NotPossible.
# ============================================================================================


def kent_plan(person: Person, version: str) -> None:
    """Kent County Council commissioner: one team of the default size for Kent on Plan; Kent's
    reach before and after and unmet need; teams needed for the sidebar's target (100%)."""
    p = person.page
    person.start("/")
    person.go("Plan", "Plan: what would a new or bigger team change?")
    person.choose(
        p.get_by_label("Areas (type to search, or click the map below)"),
        "Kent",
        "Kent",
        "the areas it serves",
        stays_open=True,
    )
    person.close_list("the list of areas")
    person.click(button(person, "Add this team to the scenario"), "Add this team to the scenario")
    if version == "before":
        # The table rounds reach (a fraction) to one decimal place before showing it as a percent,
        # so Kent's 0.043 reads "0%" (the grid's accessible text gives the rounded value, 0).
        grid = p.locator('[data-testid="stDataFrame"]')
        person.read_cell(grid, "Kent", "reach before", "Kent reach before")
        person.read_cell(grid, "Kent", "reach after", "Kent reach after")
        person.read_cell(grid, "Kent", "unmet_need_per_year_before", "Kent unmet need before")
        person.read_cell(grid, "Kent", "unmet_need_per_year_after", "Kent unmet need after")
        person.step("read Kent's result from the table")
        # The teams-needed block has its own target slider, at 50%; the sidebar says 100%.
        slider = p.locator('[data-testid="stSlider"]').filter(has_text="to reach (% of need)")
        person.drag_slider(slider.get_by_role("slider"), "End", "the target slider (to reach % of need), to 100")
        person.read(slider.locator('[data-testid="stSliderThumbValue"]'), "target (the block's own slider, %)")
    else:
        person.read(p.locator("li", has_text="Kent:"), "Kent reach and unmet need")
        person.step("read Kent's result line")
        person.read(p.get_by_text("of estimated need", exact=False), "target")
    person.read(metric_value(person, "Central prevalence"), "teams needed (central prevalence)")
    person.step("read the teams needed")


def icb_profile(person: Person, box_label: str, reach_label: str) -> None:
    p = person.page
    person.go("Area profile", "Area profile")
    person.choose(
        p.get_by_label(box_label, exact=True),
        "Kent and Medway",
        "NHS Kent and Medway Integrated Care Board (health area)",
        "the area",
    )
    person.read(metric_value(person, reach_label), "ICB reach")
    person.read(p.locator("li", has_text="unmet need"), "ICB unmet need")
    person.step("read the ICB's reach and unmet need")
    person.milestone("ICB's reach and unmet need read")


ICB_PICKS = (
    ("Kent and Medway", "NHS Kent and Medway Integrated Care Board (health area)"),
    ("Sussex", "NHS Sussex Integrated Care Board (health area)"),
    ("Surrey", "NHS Surrey Heartlands Integrated Care Board (health area)"),
)


def icb_before(person: Person) -> None:
    """ICB commissioner (NHS Kent and Medway ICB): figures, then side by side with two other ICBs, as a link."""
    person.start("/")
    icb_profile(person, "Area", "Reach")
    person.go("Compare areas", "Compare areas")
    if not person.visible(person.page.get_by_label("Areas to set side by side", exact=False)):
        raise NotPossible(
            "Compare has no way to choose areas to set side by side (only top and bottom lists), "
            "and its filters are not in the URL, so no link can carry a comparison"
        )


def icb_after(person: Person) -> None:
    p = person.page
    person.start("/")
    icb_profile(person, "Or choose a council or health area", "Reach of listed teams")
    person.go("Compare areas", "Compare areas")
    box = p.get_by_label("Areas to set side by side (any level: councils, districts, health areas, regions, nations)")
    for typed, option in ICB_PICKS:
        person.choose(box, typed, option, "areas to set side by side", stays_open=True)
    person.close_list("the list of areas")
    table = p.locator('[data-testid="stDataFrame"]').first
    for _, option in ICB_PICKS:
        person.read_cell(table, option, "Reach of listed teams", f"reach: {option}")
    person.step("three ICBs side by side")
    link = person.copy_address("the address bar (the link to this comparison)")
    person.reading("link", link)
    person.run.readings["link_check"] = "pending"


def reopen_link(browser, viewport: dict, link: str, picks: list[str]) -> float:
    """Open a shared link in a fresh context; returns seconds until the same areas show as chosen."""
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        t0 = time.perf_counter()
        page.goto(link, wait_until="domcontentloaded")
        for option in picks:
            # each chosen area is a chip with its own "Remove <area>" button (the chip's text may be cut short)
            page.get_by_role("button", name=f"Remove {option}", exact=True).first.wait_for(timeout=STEP_TIMEOUT_MS)
        return time.perf_counter() - t0
    finally:
        context.close()


def wales(person: Person, version: str) -> None:
    """Welsh health board commissioner (Betsi Cadwaladr): reach, rank among Wales's 7 boards, CSV."""
    p = person.page
    board = "Betsi Cadwaladr University Health Board"
    person.start("/")
    person.go("Area profile", "Area profile")
    # Issue 12's before version named this box "Area"; later versions (issue 23's before, main) do not.
    box = "Area" if person.visible(p.get_by_label("Area", exact=True)) else "Or choose a council or health area"
    person.choose(p.get_by_label(box, exact=True), "Betsi", f"{board} (health area)", "the area")
    person.read(metric_value(person, "Reach"), "board reach")
    person.go("Compare areas", "Compare areas")
    person.choose(p.get_by_label("Areas", exact=True), None, "Health area", "Areas")
    person.choose(p.get_by_label("Nation", exact=True), None, "Wales", "Nation")
    person.read(p.get_by_text("health areas match"), "boards shown")
    tie = p.get_by_text("share the same")  # every board at one value: the page says so, or draws bars
    if person.visible(tie):
        person.read(tie, "rank")
    else:
        position, count, labels = chart_rank(person, "Highest", board)
        person.reading("rank", f"{position} of {count} in the highest-first chart")
        person.reading("chart labels", labels)
        if not position:
            raise NotPossible(f"the board is not named in the ranking chart ({labels})")
    person.step("saw the board's rank")
    person.click(button(person, "Download the chart"), "Download the chart")
    name, data = person.download(button(person, "CSV table"), "CSV table")
    text = data.decode("utf-8-sig", errors="replace")
    if board not in text:
        raise AssertionError(f"{name} does not name {board}")
    person.reading("csv", f"{name}: {len(text.splitlines())} lines, names the board")


def in_popover(person: Person, popover: str, label: str):
    """The button ``label`` inside the popover ``popover``, opening the popover first (one click)
    when it is closed: at the start, or when a rerun (making an image, say) has closed it."""
    if not person.visible(button(person, label)):
        person.click(button(person, popover), popover)
    return button(person, label)


def campaigner(person: Person, version: str) -> None:
    """Campaigner: a square PNG of the default map for social media, and the map's figures as CSV."""
    person.start("/")
    popover = "Download the map or its figures"
    steps = ("PNG, square (social media)",) if version == "before" else AFTER_SOCIAL_PNG_BUTTONS
    for label in steps[:-1]:
        person.click(in_popover(person, popover, label), label)
    last = steps[-1]
    name, png = person.download(in_popover(person, popover, last), getattr(last, "pattern", last))
    if not png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise AssertionError(f"{name} is not a PNG")
    person.reading("png", f"{name}: {len(png):,} bytes")
    name, data = person.download(in_popover(person, popover, "CSV table"), "CSV table")
    lines = data.decode("utf-8-sig", errors="replace").splitlines()
    skipped = 0
    while skipped < len(lines) and lines[skipped].lstrip('"').startswith("#"):  # a quoted "# ..." line too
        skipped += 1
    header = next(csv.reader(io.StringIO(lines[skipped]))) if skipped < len(lines) else []
    if not any("area" in h.lower() for h in header):
        raise AssertionError(f"{name} has no area column in its header {header}")
    person.reading("csv", f"{name}: header {header[:3]}..., {skipped} '#' lines before it, {len(lines)} lines")


def member(person: Person, version: str) -> None:
    """Parent-Infant Network member: correct their team's website, get the reference, then look up
    the suggestion's status by that reference."""
    p = person.page
    person.start("/")
    person.go("Check a listing", "Check a listing")
    person.choose(p.get_by_label("Find a team", exact=True), MEMBER_TEAM_TYPED, MEMBER_TEAM, "Find a team")
    person.click(p.get_by_role("tab", name="Suggest a correction"), "tab: Suggest a correction")
    form = p.locator('[data-testid="stForm"]').filter(visible=True).first
    person.type(form.get_by_label("Website", exact=True), MEMBER_WEBSITE, "Website")
    person.type(form.get_by_label("Your email (for our reply only; never shown)"), MEMBER_EMAIL, "email")
    person.type(form.get_by_label("A public page that supports the change"), MEMBER_EVIDENCE, "supporting page")
    person.click(button(person, "Send the correction"), "Send the correction")
    ack = person.read(p.get_by_text("Your suggestion is saved with reference"), "acknowledgement")
    reference = ack.split("reference ")[1].split(".")[0].strip()
    person.reading("reference", reference)
    person.step("sent the correction")
    person.milestone("reference shown")
    track = p.get_by_role("tab", name="Track a suggestion")
    if not person.visible(track):
        raise NotPossible("no way to look a suggestion up by its reference (no Track a suggestion tab or page)")
    person.click(track, "tab: Track a suggestion")
    person.type(p.get_by_label("Reference", exact=True), reference, "the reference", then="Enter")
    person.read(p.locator("p", has_text="Status:"), "status")
    person.step("looked up the status")


# ---- issue 23: answers where people look ---------------------------------------------------------------

PROFILE_BOX = "Or choose a council or health area"
SEARCH_BOX = "Find an area by name (any level)"
BNSSG = "NHS Bristol, North Somerset and South Gloucestershire Integrated Care Board"
CARDIFF_TEAM = "Cardiff Parent-Infant Team (bench)"


def kent_cost(person: Person, version: str) -> None:
    """Kent commissioner: what would it take for Kent, in teams and pounds a year, then Plan for Kent."""
    p = person.page
    person.start("/")
    person.go("Area profile", "Area profile")
    person.choose(p.get_by_label(PROFILE_BOX, exact=True), "Kent", "Kent (council)", "the area")
    person.read(p.locator('[data-testid="stAlert"]', has_text="more team"), "teams needed for Kent")
    cost = p.locator('[data-testid="stAlert"]', has_text="a year (band")
    if not person.visible(cost):
        raise NotPossible(
            "no yearly cost for one area: the profile gives teams only, and Plan's 'how many teams' covers the UK, "
            "a nation or the Family Hubs authorities, with a blank cost box and no sourced figure"
        )
    person.read(cost, "teams and yearly cost for Kent")
    person.step("read Kent's teams and yearly cost")
    person.click(p.get_by_role("link", name="Plan for this area").first, "Plan for this area")
    p.locator("h1", has_text="Plan").first.wait_for(timeout=STEP_TIMEOUT_MS)
    person.settle()
    person.read(metric_value(person, "Central prevalence"), "Plan: teams for Kent (central)")
    person.step("Plan opened on Kent")


def icb_bnssg(person: Person, version: str) -> None:
    """ICB commissioner (BNSSG): find the ICB by its usual abbreviation, then compare it with similar areas."""
    p = person.page
    person.start("/")
    person.go("Area profile", "Area profile")
    person.type(p.get_by_label(SEARCH_BOX).first, "BNSSG", "'BNSSG' in the search box", then="Enter")
    hit = p.locator('[data-testid="stBaseButton-tertiary"]', has_text=BNSSG)
    if not person.visible(hit):
        raise NotPossible("'BNSSG' finds nothing: the search knows only full names")
    person.click(hit.first, "the ICB in the results")
    person.read(metric_value(person, "Reach"), "ICB reach")
    link = p.get_by_role("link", name=re.compile(r"^Compare .* with these"))
    if not person.visible(link):
        raise NotPossible("similar areas are a dead end: no way from them into Compare (each name retyped)")
    person.click(link.first, "Compare with these similar areas")
    p.locator("h1", has_text="Compare areas").first.wait_for(timeout=STEP_TIMEOUT_MS)
    person.settle()
    chips = p.locator('[data-testid="stMain"] [data-testid="stMultiSelect"]').first.locator("[data-tag]")
    person.reading("areas chosen in Compare", chips.count())
    link_text = person.copy_address("the address bar (the link to this comparison)")
    person.reading("link holds the set", "pick=" in link_text)
    person.step("the ICB and its similar areas side by side")


def cardiff_new(person: Person, version: str) -> None:
    """Network coordinator: suggest a new team serving Cardiff and get a reference; the team must be in Wales."""
    p = person.page
    person.start("/")
    person.go("Check a listing", "Check a listing")
    person.click(p.get_by_role("tab", name="Suggest a new team"), "tab: Suggest a new team")
    form = p.locator('[data-testid="stForm"]').filter(visible=True).first
    person.type(form.get_by_label("Team name", exact=True), CARDIFF_TEAM, "Team name")
    person.type(form.get_by_label("Host organisation", exact=True), "Cardiff and Vale UHB", "Host organisation")
    areas = form.get_by_label("Areas served (codes or names, separated by ;)")
    person.type(areas, "Cardiff", "Areas served")
    nation = form.get_by_label("Nation", exact=True)
    shown = nation.evaluate(
        "e => [e.value || '', e.placeholder || '', (e.closest('[data-testid=\"stSelectbox\"]') || e).innerText].join(' ')"
    )
    if "Work it out" in shown:
        person.reading("nation", "worked out from the areas (Wales), checked against them")
    else:  # the form's first choice is England: a Cardiff team needs Wales chosen by hand
        person.choose(nation, None, "Wales", "Nation")
        person.reading("nation", "chosen by hand (the form's first choice was England, never checked)")
    person.type(form.get_by_label("Your email (for our reply only; never shown)"), MEMBER_EMAIL, "email")
    page_box = form.get_by_label("A public page about the team", exact=True)
    person.type(page_box, "https://example.org/cardiff-team", "public page")
    person.click(button(person, "Send the new team"), "Send the new team")
    ack = person.read(p.get_by_text("Your suggestion is saved with reference"), "acknowledgement")
    person.reading("reference", ack.split("reference ")[1].split(".")[0].strip())
    person.step("sent the new team")


TASKS = {
    "kent": ("Kent County Council commissioner: Plan one team for Kent", kent_plan),
    "icb": (
        "ICB commissioner: Kent and Medway ICB's figures, side by side with two ICBs, as a link",
        lambda person, version: (icb_before if version == "before" else icb_after)(person),
    ),
    "wales": ("Welsh health board commissioner: Betsi Cadwaladr's reach, rank in Wales, CSV", wales),
    "campaigner": ("Campaigner: square PNG of the map and its CSV", campaigner),
    "member": ("Network member: correct a listing, then track it by reference", member),
    # Issue 23's five: Kent, an ICB, Wales, a listed team, a new team in Cardiff.
    "kent_cost": ("Kent commissioner: teams and yearly cost for Kent, then Plan for Kent", kent_cost),
    "icb_bnssg": ("ICB commissioner: 'BNSSG' by its abbreviation, then Compare with its similar areas", icb_bnssg),
    "cardiff_new": ("Network coordinator: a new team serving Cardiff, stored as Wales", cardiff_new),
}
ISSUE_23 = "kent_cost,icb_bnssg,wales,member,cardiff_new"


# ============================================================================================
# Servers, rounds and the report
# ============================================================================================


def run_once(browser, server, task: str, version: str, viewport: str, round_no: int, shots: Path) -> Run:
    run = Run(task, version, viewport, round_no)
    context = browser.new_context(viewport=VIEWPORTS[viewport], accept_downloads=True)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    person = Person(context.new_page(), server.url, run, phone=viewport == "phone")
    try:
        TASKS[task][1](person, version)
        run.seconds = round(person.elapsed(), 2)
        run.outcome = "done"
    except NotPossible as stop:
        run.seconds = round(person.elapsed(), 2)
        run.outcome = "not possible"
        run.reason = str(stop)
    except Exception as exc:  # noqa: BLE001 - a failed run is reported, with a screenshot, and the others go on
        run.reason = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
        logger.warning("%s/%s/%s round %d failed:\n%s", task, version, viewport, round_no, traceback.format_exc())
        shots.mkdir(parents=True, exist_ok=True)
        try:
            person.page.screenshot(path=str(shots / f"bench-personas-{task}-{version}-{viewport}-{round_no}.png"))
        except Exception:  # noqa: BLE001 - the page itself may be gone
            logger.warning("no screenshot of the failed run")
    finally:
        context.close()
    if run.outcome == "done" and run.readings.get("link_check") == "pending":
        picks = [option for _, option in ICB_PICKS]
        try:
            run.extra_seconds["link reopens the same set"] = round(
                reopen_link(browser, VIEWPORTS[viewport], run.readings["link"], picks), 2
            )
            run.readings["link_check"] = "the link reopens the same 3 areas"
        except Exception as exc:  # noqa: BLE001 - reported as the task failing its success condition
            run.outcome, run.reason = "failed", f"the link did not reopen the set: {exc}"
    return run


def summarise(runs: list[Run]) -> dict:
    done = [r for r in runs if r.outcome == "done"]
    stopped = [r for r in runs if r.outcome == "not possible"]
    times = [r.seconds for r in done]
    counts = sorted({len(r.actions) for r in runs if r.outcome != "failed"})
    extra, milestones = {}, {}
    for r in done:
        for k, v in r.extra_seconds.items():
            extra.setdefault(k, []).append(v)
    for r in done + stopped:
        for k, (seconds, actions) in r.milestones.items():
            milestones.setdefault(k, {"seconds": [], "actions": set()})
            milestones[k]["seconds"].append(seconds)
            milestones[k]["actions"].add(actions)
    return {
        "runs": len(runs),
        "done": len(done),
        "not_possible": len(stopped),
        "failed": len(runs) - len(done) - len(stopped),
        "actions": counts,
        "median_s": round(statistics.median(times), 1) if times else None,
        "min_s": round(min(times), 1) if times else None,
        "max_s": round(max(times), 1) if times else None,
        "stopped_after_s": round(statistics.median([r.seconds for r in stopped]), 1) if stopped else None,
        "reason": next((r.reason for r in runs if r.reason), ""),
        "reached": (stopped or runs)[0].steps[-1] if (stopped or runs)[0].steps else "",
        "action_list": (done or stopped or runs)[0].actions,
        "extra": {k: round(statistics.median(v), 1) for k, v in extra.items()},
        "milestones": {
            k: {"median_s": round(statistics.median(v["seconds"]), 1), "actions": sorted(v["actions"])}
            for k, v in milestones.items()
        },
        "readings": (done or stopped or runs)[0].readings,
    }


def cell(s: dict) -> tuple[str, str]:
    actions = "/".join(str(n) for n in s["actions"]) or "?"
    if s["done"]:
        time_text = f"{s['median_s']} s ({s['min_s']}–{s['max_s']})"
        if s["failed"] or s["not_possible"]:
            time_text += f", {s['done']} of {s['runs']} runs"
    elif s["not_possible"]:
        actions = f"not possible after {actions}"
        time_text = f"stopped at {s['stopped_after_s']} s"
    else:
        time_text = f"failed: {s['reason']}"
    return actions, time_text


def markdown(results: dict) -> str:
    lines = [
        "| Persona task | Viewport | Actions before → after | Time before → after, median (range) | Not possible before |",
        "|---|---|---|---|---|",
    ]
    for key, by_view in results["tasks"].items():
        for viewport, s in by_view.items():
            b_actions, b_time = cell(s["before"])
            a_actions, a_time = cell(s["after"])
            note = (
                f"{s['before']['reason']} (got as far as: {s['before']['reached']})"
                if s["before"]["not_possible"]
                else ""
            )
            for name, b in s["before"]["milestones"].items():
                a = s["after"]["milestones"].get(name)
                if a:
                    note += (
                        f"; to '{name}': {'/'.join(map(str, b['actions']))} → {'/'.join(map(str, a['actions']))} "
                        f"actions, {b['median_s']} → {a['median_s']} s"
                    )
            extra = "; ".join(f"{k}: {v} s" for k, v in s["after"]["extra"].items())
            lines.append(
                f"| {TASKS[key][0]} | {viewport} | {b_actions} → {a_actions} | {b_time} → {a_time}"
                + (f" ({extra})" if extra else "")
                + f" | {note} |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--before", type=Path, required=True, help="app directory of the before version")
    parser.add_argument("--after", type=Path, required=True, help="app directory of the after version")
    parser.add_argument(
        "--tasks", default=",".join(TASKS), help=f"comma-separated, of {','.join(TASKS)}; issue 23's: {ISSUE_23}"
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--phone", default="kent,member", help="tasks also run at 390x844 (comma-separated; empty for none)"
    )
    parser.add_argument("--out", type=Path, default=REPO / "artifacts" / "bench_personas.json")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    tasks = [t.strip() for t in args.tasks.split(",") if t.strip()]
    unknown = [t for t in tasks if t not in TASKS]
    if unknown:
        parser.error(f"unknown task(s) {unknown}; choose from {list(TASKS)}")
    phone = {t.strip() for t in args.phone.split(",") if t.strip()}
    plan = [(t, v) for t in tasks for v in ("desktop", "phone") if v == "desktop" or t in phone]

    from playwright.sync_api import sync_playwright

    servers = {}
    load_before = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    runs: list[Run] = []
    try:
        for version, app_dir in (("before", args.before), ("after", args.after)):
            servers[version] = helpers.start_app(app_dir=app_dir.resolve())  # each with a throwaway store
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=helpers.CHROMIUM, args=helpers.LAUNCH_ARGS)
            for server in servers.values():
                helpers.warm_up(browser, server)
            for task, viewport in plan:
                for round_no in range(1, args.rounds + 1):
                    for version in ("before", "after"):
                        run = run_once(
                            browser, servers[version], task, version, viewport, round_no, helpers.SCREENSHOTS
                        )
                        logger.info(
                            "%s %s %s round %d: %s, %d actions, %s s %s",
                            task,
                            viewport,
                            version,
                            round_no,
                            run.outcome,
                            len(run.actions),
                            run.seconds,
                            run.reason,
                        )
                        runs.append(run)
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    load_after = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []

    results = {
        "before": str(args.before),
        "after": str(args.after),
        "rounds": args.rounds,
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "loadavg_start": load_before,
            "loadavg_end": load_after,
        },
        "tasks": {},
        "runs": [asdict(r) for r in runs],
    }
    for task, viewport in plan:
        results["tasks"].setdefault(task, {})[viewport] = {
            version: summarise([r for r in runs if (r.task, r.viewport, r.version) == (task, viewport, version)])
            for version in ("before", "after")
        }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    print(markdown(results))
    print(
        f"\nLoad average (1, 5, 15 min): {' '.join(load_before)} at the start, {' '.join(load_after)} at the end; "
        f"{os.cpu_count()} CPUs. Full results: {args.out}"
    )
    for task, by_view in results["tasks"].items():
        for viewport, s in by_view.items():
            for version in ("before", "after"):
                print(f"\n{task} {viewport} {version}: " + "; ".join(s[version]["action_list"]))
                print(f"  read: {json.dumps(s[version]['readings'], ensure_ascii=False)}")
    return 0 if all(r.outcome != "failed" for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
