"""Bring a just-shown message into the window, where a person who pressed a button at its foot can see it.

Streamlit has no scroll call. A form's answer (a suggestion's reference) is drawn under its Send button,
and once a form is taller than the window that button sits at the window's foot: the answer landed below
it, unseen (#12 again, after the new-team form was grouped). This script scrolls the least that shows the
marked block, so the Send button mostly stays in view too. The script's text is fixed (its hash is in the
deployment's Content-Security-Policy, tests/deploy/test_csp.py), so blocks are found by a key prefix.
"""

import streamlit as st

KEY_PREFIX = "into_view_"
SCRIPT = """<script>
(function () {
  var show = function () {
    var all = document.querySelectorAll('[class*="st-key-into_view_"]');
    if (all.length) all[all.length - 1].scrollIntoView({block: "nearest"});
  };
  requestAnimationFrame(show);
  setTimeout(show, 400);
})();
</script>"""


def block(name: str):
    """A container that ``scroll_to_block`` brings into view; ``name`` tells apart blocks of one page."""
    return st.container(key=KEY_PREFIX + name)


def scroll_to_block() -> None:
    """Scroll the window to the last block drawn with ``block`` (call it once that block is drawn)."""
    st.html(SCRIPT, unsafe_allow_javascript=True)
