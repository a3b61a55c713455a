"""Hostile-link sweep (a script, not a test): every page opened with each hostile query parameter.

    python tests/bench/sweep_query_params.py

Counts the page runs that raise. The property test (tests/app/test_every_page_params.py) draws
random dictionaries in CI; this fixed sweep gives a comparable count from one release to the next.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(os.environ.get("SWEEP_ROOT", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.app.apprun import PAGES  # noqa: E402

NUMBERS = ["0.5", "0.005", "1", "0", "-1", "1e999", "nan", "150%", "0.03", "99999"]
CASES = (
    [{"prev": v} for v in NUMBERS]
    + [{"target": v} for v in ("0.03", "0", "2")]
    + [{"fpt": v} for v in ("0", "99999")]
    + [{"level": "<script>", "metric": "x" * 5000, "nation": "Atlantis", "conf": ",", "unknown": "2"}]
)


def main() -> None:
    os.environ["ATLAS_STATE_DIR"] = tempfile.mkdtemp()
    raised = []
    for page in PAGES:
        for params in CASES:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            for k, v in params.items():
                at.query_params[k] = v
            if page != PAGES[0]:
                at.switch_page(page)
            at.run()
            if at.exception:
                raised.append({"page": page, "params": params, "error": at.exception[0].value[:80]})
    runs = len(PAGES) * len(CASES)
    print(json.dumps({"page_runs": runs, "raised": len(raised), "examples": raised[:5]}, indent=1))


if __name__ == "__main__":
    main()
