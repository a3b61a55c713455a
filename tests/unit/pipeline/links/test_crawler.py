"""The directory link check against a local server: works, moved, dead, loops, stalls, pacing, results file."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import io
import json
import threading
import time

import pandas as pd
import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from coverage import paths
from coverage.cli import main
from coverage.listings.health import link_results
from coverage.pipeline.links import crawler, outside

pytestmark = [pytest.mark.unit, pytest.mark.allow_hosts(["127.0.0.2"])]
# The stand-in "public" site listens on 127.0.0.2 at a high port: allowed for these tests only.
STAND_IN = outside.Policy.for_tests("127.0.0.2/32")


@pytest.fixture(scope="module")
def stand_in():
    server = HTTPServer(host="127.0.0.2", port=0)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def httpserver(stand_in):
    stand_in.clear()
    return stand_in


@pytest.fixture
def site(httpserver):
    release = threading.Event()
    httpserver.expect_request("/ok").respond_with_data("hello")
    httpserver.expect_request("/old").respond_with_response(
        Response("", status=301, headers={"Location": httpserver.url_for("/new")})
    )
    httpserver.expect_request("/new").respond_with_data("moved here")
    httpserver.expect_request("/gone").respond_with_data("not found", status=404)
    httpserver.expect_request("/loop-a").respond_with_response(
        Response("", status=302, headers={"Location": "/loop-b"})
    )
    httpserver.expect_request("/loop-b").respond_with_response(
        Response("", status=302, headers={"Location": "/loop-a"})
    )

    def stall(request):
        release.wait(5)
        return Response("late")

    httpserver.expect_request("/slow").respond_with_handler(stall)
    yield httpserver
    release.set()  # free the (single-threaded) server for the next test


def check(url: str, timeout=(2.0, 0.3)) -> dict:
    return crawler.check_url(url, timeout, policy=STAND_IN)


def test_a_working_page_is_ok(site):
    r = check(site.url_for("/ok"))
    assert (r["state"], r["status"], r["redirects"]) == ("ok", 200, [])


def test_a_permanent_redirect_is_moved_and_the_chain_recorded(site):
    r = check(site.url_for("/old"))
    assert r["state"] == "moved"
    assert r["final_url"] == site.url_for("/new")
    assert r["redirects"] == [{"status": 301, "url": site.url_for("/old")}]


def test_a_404_is_dead(site):
    r = check(site.url_for("/gone"))
    assert (r["state"], r["detail"]) == ("dead", "HTTP 404")


def test_a_redirect_loop_is_dead_and_says_so(site):
    r = check(site.url_for("/loop-a"))
    assert r["state"] == "dead" and "redirect loop" in r["detail"]


def test_a_stalled_page_times_out(site):
    r = check(site.url_for("/slow"))
    assert r["state"] == "dead" and "no answer within 0.3 s" in r["detail"]


def test_a_link_that_is_not_http_is_never_fetched():
    assert check("mailto:team@example.org")["state"] == "invalid"
    assert check("javascript:alert(1)")["state"] == "invalid"


def test_a_429_with_retry_after_is_retried_once(httpserver):
    httpserver.expect_ordered_request("/busy").respond_with_response(
        Response("wait", status=429, headers={"Retry-After": "1"})
    )
    httpserver.expect_ordered_request("/busy").respond_with_data("ok now")
    assert check(httpserver.url_for("/busy"))["state"] == "ok"


def test_one_host_is_asked_one_at_a_time_with_a_pause(httpserver):
    times = []

    def record(request):
        times.append(time.monotonic())
        return Response("ok")

    httpserver.expect_request("/p").respond_with_handler(record)
    batch = [
        {"team_id": f"t{i}", "name": "T", "field": "website", "url": httpserver.url_for(f"/p?i={i}")} for i in range(4)
    ]
    results = crawler.check_links(batch, workers=4, pause=0.25, timeout=(2.0, 2.0), policy=STAND_IN)
    assert [r["state"] for r in results] == ["ok"] * 4
    assert [r["team_id"] for r in results] == ["t0", "t1", "t2", "t3"]  # input order kept
    gaps = [b - a for a, b in zip(times, times[1:])]
    assert min(gaps) >= 0.24


def test_results_are_saved_with_the_date_and_listed_worst_first(site, tmp_path):
    teams = pd.DataFrame(
        [
            {"team_id": "a", "name": "Alpha", "website": site.url_for("/ok"), "source_url": site.url_for("/old")},
            {"team_id": "b", "name": "Beta", "website": site.url_for("/gone"), "source_url": ""},
        ]
    )
    results = crawler.check_directory_links(teams, today=dt.date(2026, 11, 30), pause=0.0, policy=STAND_IN)
    path = tmp_path / "link-check.json"
    link_results.save_results(results, path)
    loaded = link_results.load_results(path)
    assert loaded["checked_on"] == "2026-11-30" and len(loaded["links"]) == 3
    problems = link_results.problem_links(loaded)
    assert problems[["team_id", "link", "state"]].values.tolist() == [
        ["b", "website", "dead"],
        ["a", "source", "moved (redirects elsewhere)"],
    ]


def test_a_missing_or_corrupt_results_file_reads_as_none(tmp_path):
    assert link_results.load_results(tmp_path / "absent.json") is None
    (tmp_path / "bad.json").write_text("{not json")
    assert link_results.load_results(tmp_path / "bad.json") is None


def test_the_cli_checks_a_directory_and_writes_the_results(site, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(crawler, "check_links", functools.partial(crawler.check_links, policy=STAND_IN))
    with (paths.PROJECT_ROOT / "data" / "teams.csv").open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [next(reader), next(reader)]
        fields = reader.fieldnames
    rows[0].update(website=site.url_for("/ok"), source_url=site.url_for("/gone"))
    rows[1].update(website="", source_url=site.url_for("/loop-a"))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    directory = tmp_path / "teams.csv"
    directory.write_text(out.getvalue(), encoding="utf-8")
    results_path = tmp_path / "state" / "link-check.json"

    assert main(["check-links", "--directory", str(directory), "--out", str(results_path)]) == 0
    printed = capsys.readouterr().out
    assert "checked 3 link(s)" in printed and "2 dead, moved or refused" in printed and "redirect loop" in printed
    doc = json.loads(results_path.read_text(encoding="utf-8"))
    assert doc["checked_on"] == dt.date.today().isoformat()


def test_a_link_with_spaces_or_accents_is_sent_escaped(httpserver):
    httpserver.expect_request("/café page").respond_with_data("ok")
    r = check(httpserver.url_for("/café page") + "?q=a b")
    assert (r["state"], r["status"]) == ("ok", 200)
    assert httpserver.log[-1][0].environ["REQUEST_URI"] == "/caf%C3%A9%20page?q=a%20b"  # as sent on the wire
