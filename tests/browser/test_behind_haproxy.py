"""The app behind deploy/haproxy.cfg.template: its security headers, and the maps still paint under them.

A Content-Security-Policy that forbids something Streamlit, plotly or MapLibre needs (a blob:
worker, an inline style, the boundary file's fetch) fails silently for users: a blank map. So
the pages are opened through HAProxy in Chromium, the maps must paint, and any console error
(CSP violations are console errors) or failed request fails the test.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys
import urllib.request
import zlib
from pathlib import Path

import pytest
import streamlit

from tests.support.browser import DESKTOP, AppPage, AppServer
from tests.support.prerequisites import unavailable

pytestmark = [pytest.mark.browser, pytest.mark.slow]

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def proxied(chromium_path):
    if not (shutil.which("haproxy") or os.path.exists("/usr/sbin/haproxy")):
        unavailable("haproxy is not installed (apt-get install haproxy)")
    if not list(Path("/usr/lib/postgresql").glob("*/bin/initdb")):
        unavailable("PostgreSQL is not installed (apt-get install postgresql)")
    spec = importlib.util.spec_from_file_location("atlas_local_cluster", REPO / "deploy" / "local_cluster.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    with module.LocalCluster(replicas=1) as cluster:
        yield AppServer(cluster.processes["app1"], cluster.url, cluster.state_dir / "app1.log")


@pytest.fixture
def proxied_page(browser, proxied):
    context = browser.new_context(viewport=DESKTOP)
    page = AppPage(context.new_page(), proxied, proxied.url).attach()
    yield page
    context.close()


def test_security_headers_are_set_and_the_server_is_not_named(proxied_page):
    response = proxied_page.page.goto(proxied_page.base_url + "/")
    headers = response.all_headers()
    csp = headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp and "object-src 'none'" in csp
    connect = next(part.split()[1:] for part in csp.split(";") if part.split()[:1] == ["connect-src"])
    assert connect[0] == "'self'" and not {"ws:", "wss:", "*"} & set(connect)  # the websocket only to this site
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"
    assert "server" not in headers and "x-powered-by" not in headers
    assert "ATLAS_REPLICA=app1" in headers["set-cookie"] and "HttpOnly" in headers["set-cookie"]


@pytest.mark.parametrize(
    "path,heading", [("/", "Where babies have no"), ("/profile?area=E06000001&level=utla", "Area profile")]
)
def test_maps_paint_under_the_policy_with_no_console_errors(proxied_page, path, heading):
    proxied_page.open(path, heading, maps=1)
    static = proxied_page.page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('/app/static/'))"
    )
    assert static, "the map's boundaries were not fetched from the static file"
    # the websocket is this site's own, allowed by 'self' alone (a refused one would be a console error)
    assert (
        proxied_page.page.evaluate(
            "() => document.querySelector('[data-testid=\"stApp\"]').getAttribute('data-test-connection-state')"
        )
        == "CONNECTED"
    )
    assert not proxied_page.console_errors, proxied_page.console_errors
    assert not proxied_page.page_errors, proxied_page.page_errors
    assert not proxied_page.failed_requests, proxied_page.failed_requests


def test_the_map_s_scripts_and_boundaries_arrive_compressed(proxied_page):
    """Plotly's chunk is 4.7 MB as stored and the councils' boundaries 0.46 MB: on a commissioner's own
    link their transfer is most of the wait for the map, so the template's ``compression`` must reach them."""
    proxied_page.open("/", "Where babies have no", maps=1)
    sizes = proxied_page.page.evaluate(
        """() => performance.getEntriesByType('resource')
            .filter(e => /PlotlyChart\\.[^/]*\\.js|\\.geojson/.test(e.name))
            .map(e => [e.name.split('?')[0].split('/').pop(), e.encodedBodySize, e.decodedBodySize])"""
    )
    names = [name for name, _, _ in sizes]
    assert any(n.startswith("PlotlyChart.") for n in names) and any(n.endswith(".geojson") for n in names), sizes
    for name, sent, whole in sizes:
        assert whole > 100_000 and 0 < sent <= 0.6 * whole, f"{name}: {sent:,} bytes sent for {whole:,}"


def fetch(url: str, gzip: bool = False) -> tuple[dict[str, str], bytes]:
    """One GET with no cookie (a new visitor), its headers lower-cased and its body as sent."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return {k.lower(): v for k, v in response.headers.items()}, response.read()


def test_streamlit_s_own_files_come_from_haproxy_s_cache_without_a_replica_cookie(proxied):
    """A later visitor gets plotly's chunk from HAProxy's memory (an Age header), whole, gzipped when asked,
    and without the replica cookie HAProxy gave the first visitor; a page itself always reaches a replica."""
    stored = next((Path(streamlit.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    url = f"{proxied.url}/static/js/{stored.name}"
    fetch(url)  # stored now, if no earlier test loaded it
    headers, body = fetch(url)
    assert "age" in headers and "set-cookie" not in headers, headers
    assert body == stored.read_bytes()
    headers, body = fetch(url, gzip=True)
    assert "age" in headers and headers.get("content-encoding") == "gzip", headers
    assert zlib.decompress(body, 16 + zlib.MAX_WBITS) == stored.read_bytes()
    for _ in range(2):
        headers, _ = fetch(proxied.url + "/")
        assert "age" not in headers and "ATLAS_REPLICA=app1" in headers["set-cookie"], headers
