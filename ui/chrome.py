"""Page chrome every page shares: the focus ring, the Copy link button, map keys and the sources footer.

Fixed markup only: text from data or users goes through ``html.escape`` or ``md`` before it is shown.
The Copy link script's text is allowed by its hash in the deployment's Content-Security-Policy
(deploy/haproxy.cfg.template; tests/deploy/test_csp.py fails if they part), so edit both together.
"""

from __future__ import annotations

import html
import re

import streamlit as st

from coverage.model.licence import ONS_STATEMENT, OS_STATEMENT
from coverage.present import vintage
from coverage.present.text import md
from ui import cache

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")

# A keyboard focus ring that cannot be mistaken for the current page's highlight (a pale fill):
# a 3 px near-black outline with a white gap, over 12:1 against the sidebar (#F0F4F8) and the page.
# A text, number or select box's <input> sits in a box that clips overflow, so its own ring never shows
# (only a 1 px blue border did): the box holding a focused input draws the ring instead.
FOCUS_CSS = """<style>
:focus-visible, [data-testid="stSidebarNavLink"]:focus-visible, button:focus-visible, a:focus-visible,
div:has(> input:focus-visible), div:has(> textarea:focus-visible) {
  outline: 3px solid #1A1A1A !important; outline-offset: 2px !important;
  box-shadow: 0 0 0 2px #FFFFFF !important;
}
div:has(> input:focus-visible) > input:focus-visible, div:has(> textarea:focus-visible) > textarea:focus-visible {
  outline: none !important; box-shadow: none !important;  /* the box's ring stands for it (no stray edge) */
}
/* A closed sidebar is off screen, but its controls stayed in the Tab order: on a phone, 18 presses
   went to invisible controls before the page's own. Hidden once it has slid away, shown at once on opening. */
[data-testid="stSidebar"][data-collapsed="true"] { visibility: hidden; transition: visibility 0s linear 0.3s; }
</style>"""


# "Copy link": copies the address bar as it is when pressed (the view is kept in it by sync_url), so the
# link is always the one on screen. The clipboard API needs a secure page (https or localhost); elsewhere
# the older copy command is used. Not st.code: a box of URL text to select by hand is not a button.
COPY_LINK = """<button type="button" class="atlas-copy-link" aria-live="polite">Copy link to this view</button>
<script>
if (!window.__atlasCopyLink) {
  window.__atlasCopyLink = true;
  // One listener for every such button, however often Streamlit redraws them.
  document.addEventListener("click", function (event) {
    var b = event.target.closest && event.target.closest(".atlas-copy-link");
    if (!b) return;
    var url = window.location.href, done = function () {
      b.textContent = "Link copied";
      setTimeout(function () { b.textContent = "Copy link to this view"; }, 2500);
    };
    if (navigator.clipboard && window.isSecureContext) { navigator.clipboard.writeText(url).then(done); return; }
    var t = document.createElement("textarea");
    t.value = url; document.body.appendChild(t); t.select();
    document.execCommand("copy"); document.body.removeChild(t); done();
  });
}
</script>
<style>.atlas-copy-link { font: inherit; font-size: 0.9rem; padding: 0.3rem 0.75rem; cursor: pointer;
  border: 1px solid rgba(49, 51, 63, 0.3); border-radius: 0.5rem; background: #FFFFFF; color: #1A1A1A; }
.atlas-copy-link:hover { border-color: #0072B2; color: #0072B2; }</style>"""


def copy_link() -> None:
    """A small button copying this page's address, view included, for sharing."""
    st.html(COPY_LINK, unsafe_allow_javascript=True)


_SWATCH = (
    '<span aria-hidden="true" style="display:inline-block;width:0.9em;height:0.9em;border-radius:50%;'
    'background:{};margin:0 0.3em 0 0.8em;vertical-align:-0.1em"></span>'
)


def colour_key(title: str, items: list[tuple[str, str]]) -> None:
    """A map's key as text with colour swatches: (label, "#RRGGBB") pairs; labels are escaped."""
    parts = [_SWATCH.format(colour) + html.escape(label) for label, colour in items if COLOUR.match(colour)]
    st.markdown(f"**{html.escape(title)}:** " + " ".join(parts), unsafe_allow_html=True)


def footer() -> None:
    st.divider()
    st.caption(
        f"{ONS_STATEMENT} {OS_STATEMENT} Also Scottish Government, "
        "DoH NI / OpenDataNI, MHCLG, Welsh Government and NISRA data (OGL v3). "
        "Team listings come from public sources and are incomplete: see Methods and data."
    )
    st.caption(md(vintage.vintage_line(cache.atlas().manifest)))
