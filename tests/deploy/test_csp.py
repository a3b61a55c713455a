"""The shipped Content-Security-Policy allows the app's own inline scripts by their hashes, and nothing inline else.

Streamlit's ``st.html`` runs a script as inline script, which the policy blocks unless its exact
text is hashed into ``script-src``. Editing the "Copy link" script (or the one bringing a sent
suggestion's reference into view) without updating the template would silently break it behind
HAProxy; this test fails first.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest

from ui.chrome import COPY_LINK
from ui.into_view import SCRIPT as INTO_VIEW

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "haproxy.cfg.template"


def _script_src() -> list[str]:
    policy = re.search(r'Content-Security-Policy "([^"]+)"', TEMPLATE.read_text(encoding="utf-8")).group(1)
    directive = next(d.strip() for d in policy.split(";") if d.strip().startswith("script-src"))
    return directive.split()[1:]


@pytest.mark.parametrize("html", [COPY_LINK, INTO_VIEW], ids=["copy-link", "into-view"])
def test_each_app_script_is_allowed_by_its_hash(html):
    (script,) = re.findall(r"<script>(.*?)</script>", html, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    assert f"'sha256-{digest}'" in _script_src()


def test_no_inline_script_is_allowed_wholesale():
    sources = _script_src()
    assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources
    assert all(s == "'self'" or s.startswith("'sha256-") for s in sources), sources
