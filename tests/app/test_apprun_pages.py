"""The page list the AppTest suites and the hostile-link sweep walk is the app's own list."""

from __future__ import annotations

import re
from pathlib import Path

from tests.app.apprun import APP, PAGES


def test_every_page_the_app_declares_is_tested():
    declared = re.findall(r'st\.Page\("(pages/[a-z_]+\.py)"', Path(APP).read_text(encoding="utf-8"))
    assert declared and sorted(PAGES) == sorted(declared)
