"""Review and intake benchmark (a script, not a test): the figures behind issue 9's fixes.

    python tests/bench/bench_review.py

Reports, each as a median of repeats after a warm-up (tests/bench/timing.py):

- one Review page run (AppTest, signed in) with 50 and with 1,000 pending suggestions: the
  queue is paginated, so the ratio against the 50-pending floor should stay near 1;
- the directory header check on a 100,000-column CSV (790 KB) and on 40,000 duplicate-free
  columns: linear, and refused at the column cap before any row is read;
- reading ``/dev/zero`` through ``check-directory``'s bounded read;
- an approval on a 56-team directory (re-read with known codes, guarded, written);
- one throttled sign-in decision, and 60 wrong passwords from 12 sessions then the right one
  from another client (how many passwords were actually checked, and did the right one work).

Writes artifacts/bench_review.json.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from timing import timed  # noqa: E402

from coverage.listings.accounts import auth  # noqa: E402
from coverage.listings.store import Store  # noqa: E402
from coverage.listings.throttle import clients  # noqa: E402
from coverage.listings.workflow import review  # noqa: E402
from coverage.model.atlas import load_atlas  # noqa: E402
from coverage.model.directory import COLUMNS, read_bounded, read_rows  # noqa: E402

PASSWORD = "a long bench password"


def review_page_run(pending: int, runs: int) -> dict:
    import os

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    folder = tempfile.mkdtemp(prefix="bench-review-")
    os.environ["ATLAS_STATE_DIR"] = folder
    os.environ.pop("DATABASE_URL", None)
    st.cache_resource.clear()
    store = Store()
    for n in range(pending):
        store.submit("correction", "oxpip", {"notes": f"note {n}"}, "lead@example.org", "https://example.org")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.secrets["review"] = {"accounts": {"Bench": auth.hash_password(PASSWORD, iterations=1000)}}
    at.switch_page("pages/review.py")
    at.run()
    inputs = {t.label: t for t in at.text_input}
    inputs["Your name (recorded with each decision)"].input("Bench")
    inputs["Reviewer password"].input(PASSWORD)
    next(b for b in at.button if b.label == "Sign in").click().run()
    assert not at.exception and any(b.label == "Approve" for b in at.button)
    return timed(at.run, runs)


def header_checks() -> dict:
    wide = (",".join(f"c{i}" for i in range(100_000)) + "\n").encode()
    wide40 = (",".join([*COLUMNS, *(f"c{i}" for i in range(40_000))]) + "\n").encode()
    out = {"csv_100k_columns_kb": len(wide) // 1000}
    out["csv_100k_columns"] = timed(lambda: read_rows(wide, "t.csv"), 5)
    out["csv_40k_columns"] = timed(lambda: read_rows(wide40, "t.csv"), 5)
    out["message_100k"] = str(read_rows(wide, "t.csv")[1][0])
    out["dev_zero"] = timed(lambda: read_bounded(Path("/dev/zero"), "zero"), 5)
    return out


def approval(runs: int) -> dict:
    atlas = load_atlas()
    store = Store(f"sqlite:///{tempfile.mkdtemp()}/a.sqlite")

    def one():
        ref = store.submit("correction", "oxpip", {"notes": str(time.time())}, "a@example.org", "https://e.org")
        review.approve(store, atlas, atlas.teams, ref, "Bench", "", store.head_version())

    result = timed(one, runs)
    result["listings_after"] = len(review.current_directory(store, atlas, atlas.teams))
    result["versions"] = store.head_version()
    return result


def sign_in() -> dict:
    store = Store(f"sqlite:///{tempfile.mkdtemp()}/a.sqlite")
    accounts = {"Bench": auth.hash_password(PASSWORD, iterations=auth.ITERATIONS)}
    start = time.perf_counter()
    checked = 0
    for session in range(12):
        for _ in range(5):
            _, message = auth.attempt(store, clients.client_keys("203.0.113.9", f"s{session}"), "Bench", "x", accounts)
            checked += message == "That name and password are not right."
    wrong_s = time.perf_counter() - start
    start = time.perf_counter()
    ok, _ = auth.attempt(store, clients.client_keys("198.51.100.7", "other"), "Bench", PASSWORD, accounts)
    return {
        "wrong_attempts": 60,
        "passwords_checked": checked,
        "wrong_attempts_s": round(wrong_s, 2),
        "right_password_other_client_ok": ok,
        "right_password_s": round(time.perf_counter() - start, 2),
    }


def suggestions() -> dict:
    store = Store(f"sqlite:///{tempfile.mkdtemp()}/a.sqlite")
    keys = clients.client_keys("203.0.113.9", "one")
    outcomes = [clients.admit_suggestion(store, keys)[0] for _ in range(30)]
    return {
        "sent": 30,
        "accepted": outcomes.count(None),
        "other_client_accepted": clients.admit_suggestion(store, ["session:x"])[0] is None,
    }


def main() -> None:
    results = {
        "review_page_50_pending": review_page_run(50, 5),
        "review_page_1000_pending": review_page_run(1000, 5),
        "header_checks": header_checks(),
        "approval": approval(10),
        "sign_in": sign_in(),
        "suggestions_one_client_30": suggestions(),
    }
    floor = results["review_page_50_pending"]["median_ms"]
    results["review_page_ratio_1000_vs_50"] = round(results["review_page_1000_pending"]["median_ms"] / floor, 2)
    out = ROOT / "artifacts" / "bench_review.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=1))
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
