"""The refresh's HTTP client against a local server: retries, Retry-After, timeouts, redaction, User-Agent."""

from __future__ import annotations

import logging
import socket
import threading
import time

import pytest
import pytest_socket
from werkzeug import Response

from coverage.pipeline.refresh.config import USER_AGENT, Settings
from coverage.pipeline.refresh.errors import RefreshError
from coverage.pipeline.refresh.http import Client, redact

pytestmark = [pytest.mark.unit, pytest.mark.allow_hosts(["127.0.0.1", "::1", "localhost"])]


def client(**kw) -> Client:
    base = {"timeout": (2.0, 1.0), "retries": 3, "backoff": 0.0, "pause": 0.0}
    return Client(Settings(**(base | kw)))


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_the_guard_refuses_any_address_but_loopback():
    with pytest.raises(pytest_socket.SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=0.5)


def test_redact_hides_the_nomis_key_and_keeps_the_rest():
    url = "https://www.nomisweb.co.uk/api/v01/dataset/NM_2002_1.data.csv?geography=TYPE424&uid=0xabc123&c_age=101,102"
    shown = redact(url)
    assert "0xabc123" not in shown
    assert "uid=REDACTED" in shown and "geography=TYPE424" in shown and "c_age=101,102" in shown


def test_a_429_with_retry_after_is_waited_out_then_succeeds(httpserver):
    httpserver.expect_ordered_request("/x").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "1"})
    )
    httpserver.expect_ordered_request("/x").respond_with_data("fine")
    start = time.monotonic()
    got = client().get("population", httpserver.url_for("/x"))
    assert got.body == b"fine"
    assert time.monotonic() - start >= 0.95  # back-off is 0: only Retry-After made it wait


def test_a_500_then_success_is_retried(httpserver):
    httpserver.expect_ordered_request("/x").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request("/x").respond_with_data("fine", headers={"ETag": '"v1"'})
    got = client().get("births", httpserver.url_for("/x"))
    assert (got.body, got.etag) == (b"fine", '"v1"')


def test_a_service_that_keeps_failing_gives_up_with_a_named_error(httpserver):
    httpserver.expect_request("/x").respond_with_data("down", status=503)
    with pytest.raises(RefreshError) as err:
        client(retries=2).get("boundaries", httpserver.url_for("/x"), {"f": "json"})
    assert err.value.source == "boundaries"
    assert "gave up after 2 retries" in str(err.value) and "HTTP 503" in str(err.value)
    assert "/x?f=json" in err.value.url


def test_a_stalled_answer_times_out_with_a_named_error(httpserver):
    release = threading.Event()

    def stall(request):
        release.wait(5)
        return Response("late")

    httpserver.expect_request("/x").respond_with_handler(stall)
    try:
        with pytest.raises(RefreshError, match="timed out"):
            client(timeout=(2.0, 0.3)).get("population", httpserver.url_for("/x"))
    finally:
        release.set()  # free the (single-threaded) server for the next test


def test_an_error_status_names_source_and_url_but_never_the_key(httpserver, caplog):
    httpserver.expect_request("/d").respond_with_data("nope", status=404)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(RefreshError) as err:
        client(nomis_uid="0xSECRET").get("population", httpserver.url_for("/d"), {"uid": "0xSECRET", "a": "1"})
    assert "HTTP 404" in str(err.value)
    assert "uid=REDACTED" in str(err.value)
    ours = [r.getMessage() for r in caplog.records if r.name != "werkzeug"]  # werkzeug is the stand-in server
    assert any("uid=REDACTED" in m for m in ours)
    assert "0xSECRET" not in str(err.value) and not any("0xSECRET" in m for m in ours)
    assert "0xSECRET" not in repr(Settings(nomis_uid="0xSECRET"))


def test_requests_carry_a_descriptive_user_agent(httpserver):
    httpserver.expect_request("/x", headers={"User-Agent": USER_AGENT}).respond_with_data("ok")
    assert client().get("population", httpserver.url_for("/x")).body == b"ok"
    assert "refresh" in USER_AGENT and "python-requests" in USER_AGENT


def test_requests_to_one_host_are_spaced_by_the_pause(httpserver):
    httpserver.expect_request("/x").respond_with_data("ok")
    c = client(pause=0.3)
    start = time.monotonic()
    for _ in range(3):
        c.get("population", httpserver.url_for("/x"))
    assert time.monotonic() - start >= 0.6


def test_settings_come_from_the_environment():
    s = Settings.from_env(
        {
            "ATLAS_NOMIS_URL": "http://127.0.0.1:9/nomis/",
            "ATLAS_ARCGIS_URL": "http://127.0.0.1:9/arc",
            "NOMIS_UID": "k",
            "ATLAS_REFRESH_TIMEOUT": "3,7",
            "ATLAS_STATE_DIR": "/tmp/st",
        }
    )
    assert (s.nomis_url, s.arcgis_url, s.nomis_uid, s.timeout) == (
        "http://127.0.0.1:9/nomis",
        "http://127.0.0.1:9/arc",
        "k",
        (3.0, 7.0),
    )
    assert str(s.cache_root) == "/tmp/st/refresh-cache"
    with pytest.raises(ValueError, match="ATLAS_REFRESH_TIMEOUT"):
        Settings.from_env({"ATLAS_REFRESH_TIMEOUT": "soon"})
