"""What the real-browser tests share: the app on a free port, Debian's Chromium, and a page that records problems.

Nothing is downloaded: Chromium is the system one (``/usr/bin/chromium``), never ``playwright install``.
The fixtures built on these live in tests/browser/conftest.py; the plain functions (``start_app``,
``PAINTED_JS``, ``map_colour_stats``...) are also loaded by the benchmarks in tests/bench/, so they and
the tests share one definition of "the map is painted". This module imports nothing from ``tests``,
so a benchmark can load it by its path.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Test runs write screenshots to the git-ignored artifacts/ folder, so a run leaves the tree clean;
# tests/browser/refresh_readme_screenshots.sh points this at the tracked README images instead.
SCREENSHOTS = Path(os.environ.get("ATLAS_SCREENSHOT_DIR", REPO / "artifacts" / "screenshots"))
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
RENDER_TIMEOUT_MS = 60_000
APP_START_TIMEOUT_S = 60
# The reviewer account browser tests sign in with (test_flows.py); the app only gets its hash,
# through ATLAS_REVIEW_ACCOUNTS, as in production. (A local .streamlit/secrets.toml wins over it.)
REVIEW_NAME = "Browser Reviewer"
REVIEW_PASSWORD = "browser-tests-reviewer"

# --------------------------------------------------------------------------------------------
# The app under test
# --------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class AppServer:
    process: subprocess.Popen
    url: str
    log_path: Path
    temporary: list[Path] = field(default_factory=list)  # removed by stop()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_size(self) -> int:
        return self.log_path.stat().st_size

    def log_since(self, offset: int) -> str:
        with self.log_path.open("rb") as f:
            f.seek(offset)
            return f.read().decode("utf-8", errors="replace")

    def stop(self, clean: bool = True) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)
        if clean:
            for path in self.temporary:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
            return r.status == 200 and r.read().strip() == b"ok"
    except OSError:
        return False


def start_app(
    timeout: float = APP_START_TIMEOUT_S, attempts: int = 3, extra_env: dict | None = None, app_dir: Path = REPO
) -> AppServer:
    """``streamlit run app.py`` on a free localhost port, returned once /_stcore/health says ok.

    ``extra_env`` adds to the server's environment (a test's own PYTHONPATH, say); ``app_dir`` runs
    another copy of the app (tests/bench/bench_personas.py runs an older version beside this one)."""
    env = {
        **os.environ,
        **(extra_env or {}),
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "PYTHONUNBUFFERED": "1",
        # each server gets its own, empty corrections store: never the developer's state/
        "ATLAS_STATE_DIR": tempfile.mkdtemp(prefix="atlas-browser-state-"),
    }
    env.pop("DATABASE_URL", None)
    temporary = [Path(env["ATLAS_STATE_DIR"])]
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    try:
        from coverage.listings.accounts.auth import hash_password
    except ImportError:  # an app without review sign-in
        pass
    else:
        env["ATLAS_REVIEW_ACCOUNTS"] = json.dumps({REVIEW_NAME: hash_password(REVIEW_PASSWORD, iterations=1000)})
    last_error = ""
    for _ in range(attempts):  # a free port can be taken between our probe and Streamlit's bind
        port = free_port()
        fd, name = tempfile.mkstemp(prefix="atlas-streamlit-", suffix=".log")
        os.close(fd)
        log_path = Path(name)
        temporary.append(log_path)
        cmd = [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            # others edit the code while tests run: a reload mid-run would make results flaky
            "--server.fileWatcherType",
            "none",
        ]
        with log_path.open("wb") as log:
            proc = subprocess.Popen(cmd, cwd=app_dir, env=env, stdout=log, stderr=subprocess.STDOUT)
        server = AppServer(proc, f"http://127.0.0.1:{port}", log_path, temporary)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                break
            if _healthy(server.url):
                return server
            time.sleep(0.25)
        server.stop(clean=False)
        log = server.log()
        last_error = f"exit code {proc.returncode}; log:\n{log[-3000:]}"
        log_path.unlink(missing_ok=True)
        if "is not available" not in log:
            break
    shutil.rmtree(temporary[0], ignore_errors=True)
    raise RuntimeError(f"Streamlit did not answer /_stcore/health within {timeout:.0f}s ({last_error})")


# --------------------------------------------------------------------------------------------
# What "rendered" and "painted" mean
# --------------------------------------------------------------------------------------------

# Streamlit has finished: the script is not running (the attribute Streamlit's own e2e tests use),
# no running indicator, the connection is up, no lazy-component skeleton is left, and every plotly
# chart has been plotted and not re-plotted for 500 ms. It must hold for 500 ms in a row, so a
# quick rerun is not mistaken for the end.
SETTLED_JS = """
() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const ok = !!app
    && app.getAttribute('data-test-script-state') === 'notRunning'
    && app.getAttribute('data-test-connection-state') === 'CONNECTED'
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')
    && !document.querySelector('[data-testid="stSkeleton"]')
    && [...document.querySelectorAll('[data-testid="stPlotlyChart"]')].every(c => {
         const gd = c.querySelector('.js-plotly-plot');
         if (gd && gd.on && !gd.__atlasHooked) {
           gd.__atlasHooked = true;
           gd.on('plotly_afterplot', () => { window.__atlasLastPlot = performance.now(); });
         }
         return gd && gd._fullLayout;
       });
  const now = performance.now();
  // Streamlit often plots a figure twice in a row: a re-plot restarts the quiet period
  if (!ok || (window.__atlasLastPlot && now - window.__atlasLastPlot < 500)) {
    window.__atlasSettledSince = null; return false;
  }
  if (window.__atlasSettledSince == null) window.__atlasSettledSince = now;
  return now - window.__atlasSettledSince >= 500;
}
"""

# A plotly map is painted when its MapLibre map has fired 'idle' (the last frame rendered with the
# style and every GeoJSON source loaded, no camera move or fade in progress) while plotly's
# choropleth fill layers are in the style. Polled every animation frame; the first call hooks the
# map's 'idle' event and asks for one repaint, so an idle that happened before the hook is not
# missed. With ``legend`` set, the map counts only once its legend title is that text, and only an
# idle after the new legend was first seen counts (a repaint after a change of metric).
# Returns the performance.now() of the latest idle (ms since navigation start), or false.
PAINTED_JS = """
(arg) => {
  const scope = arg.scope || 'body';
  const maps = [];
  for (const gd of document.querySelectorAll(scope + ' .js-plotly-plot')) {
    const fl = gd._fullLayout;
    const sub = fl && fl.map && fl.map._subplot;
    if (sub && sub.map) maps.push([fl, sub.map]);
  }
  if (maps.length < (arg.minMaps || 1)) return false;
  let latest = 0;
  for (const [fl, m] of maps) {
    let st = m.__atlasPaint;
    if (!st) {
      st = m.__atlasPaint = {idle: null, since: 0};
      m.on('idle', () => { st.idle = performance.now(); });
      m.triggerRepaint();
    }
    if (arg.legend) {
      const title = fl.legend && fl.legend.title && fl.legend.title.text;
      if (title !== arg.legend) return false;
      if (!st.legendSeen) { st.legendSeen = performance.now(); st.since = st.legendSeen; m.triggerRepaint(); }
    }
    if (arg.reset && !st.resetDone) { st.resetDone = true; st.since = performance.now(); m.triggerRepaint(); }
    let style = null;
    try { style = m.isStyleLoaded() && m.getStyle(); } catch (e) { return false; }  // mid-update
    const fills = ((style && style.layers) || []).filter(l => l.type === 'fill' && l.id.startsWith('plotly-trace-layer'));
    if (!fills.length || !m.loaded()) return false;
    if (st.idle === null || st.idle < st.since) return false;
    latest = Math.max(latest, st.idle);
  }
  return latest;
}
"""

# Forget earlier paint state, so the next PAINTED_JS wait needs a fresh idle (after a resize, a
# change of metric...).
FORGET_PAINT_JS = """
() => {
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const fl = gd._fullLayout, sub = fl && fl.map && fl.map._subplot;
    if (sub && sub.map && sub.map.__atlasPaint) {
      Object.assign(sub.map.__atlasPaint, {legendSeen: null, resetDone: false, since: 0});
    }
  }
}
"""

# Hide what plotly draws over the map (legend, modebar, hover labels) so a screenshot of the
# canvas holds only what MapLibre painted: the legend's swatches must not pass for a drawn map.
HIDE_OVERLAYS_CSS = """
[data-testid="stPlotlyChart"] .main-svg, [data-testid="stPlotlyChart"] .modebar-container,
[data-testid="stPlotlyChart"] .maplibregl-control-container, .js-plotly-plot .main-svg,
.js-plotly-plot .modebar-container, .js-plotly-plot .maplibregl-control-container { visibility: hidden !important; }
"""

MAP_CANVAS = '[data-testid="stPlotlyChart"] canvas.maplibregl-canvas'


# --------------------------------------------------------------------------------------------
# Reading a map screenshot
# --------------------------------------------------------------------------------------------

MIN_NON_WHITE_SHARE = 0.03
MIN_FILL_COLOURS = 3


@dataclass
class MapColours:
    size: tuple[int, int]
    non_white_share: float
    fills: dict[str, int]  # "#RRGGBB" -> pixels, only non-grey colours covering enough pixels

    @property
    def ok(self) -> bool:
        return self.non_white_share > MIN_NON_WHITE_SHARE and len(self.fills) >= MIN_FILL_COLOURS

    def describe(self) -> str:
        top = ", ".join(f"{c}:{n}" for c, n in sorted(self.fills.items(), key=lambda kv: -kv[1])[:8])
        return (
            f"{self.size[0]}x{self.size[1]} px, {self.non_white_share:.1%} non-white, "
            f"{len(self.fills)} fill colour(s) [{top}]"
        )


def map_colour_stats(png: bytes, min_pixels: int = 150, min_chroma: int = 16) -> MapColours:
    """What a map screenshot holds: its share of non-white pixels and its distinct fill colours.

    Fills are flat, so each class colour is one exact RGB value over many pixels (the class colour
    blended over white at the trace's opacity); anti-aliased edges give many colours of a few
    pixels each, and borders, the unknown class and text are grey. A fill colour is therefore a
    non-grey colour (max-min channel >= ``min_chroma``) covering at least ``min_pixels`` pixels.
    A blank canvas, or one with only grey outlines, has none.
    """
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    counts = Counter(image.getdata() if not hasattr(image, "get_flattened_data") else image.get_flattened_data())
    total = width * height
    non_white = sum(n for rgb, n in counts.items() if min(rgb) < 245)
    fills = {
        "#{:02X}{:02X}{:02X}".format(*rgb): n
        for rgb, n in counts.items()
        if max(rgb) - min(rgb) >= min_chroma and n >= min_pixels
    }
    return MapColours((width, height), non_white / total if total else 0.0, fills)


def warm_up(browser, server: AppServer) -> str:
    """Visit the home page once and wait for it to settle; returns the server's URL."""
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(server.url + "/")
        page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS, polling=100)
    finally:
        context.close()
    return server.url


# Streamlit's frontend, opened on a page's own URL (/profile...), first probes
# /<page>/_stcore/health and /<page>/_stcore/host-config, which 404, then finds the server at
# the root (streamlit/streamlit#7074, open). These two probes, and their "Failed to load
# resource" console lines, are the only failures tolerated; anything else fails the test.
STREAMLIT_PROBE = re.compile(r"^/[^/]+/_stcore/(health|host-config)$")
# Streamlit's own modals (page not found, connection or script errors), not the app's st.dialog.
STREAMLIT_MODAL = re.compile(r"page not found|connection|error|bad message", re.I)


def _is_streamlit_probe(url: str, status: int | None = 404) -> bool:
    return status == 404 and bool(STREAMLIT_PROBE.match(urlsplit(url).path))


@dataclass
class AppPage:
    """A Playwright page on the app that records every console error, failed request, page error
    and dialog, with the waits and checks the browser tests share."""

    page: object
    server: AppServer
    base_url: str
    console_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    downloads: list[str] = field(default_factory=list)
    tolerated: list[str] = field(default_factory=list)
    log_offset: int = 0

    def attach(self) -> AppPage:
        p = self.page
        p.on("console", self._on_console)
        p.on("pageerror", lambda e: self.page_errors.append(str(e)))
        p.on("requestfailed", lambda r: self.failed_requests.append(f"{r.method} {r.url}: {r.failure}"))
        p.on("response", self._on_response)
        p.on("dialog", self._on_dialog)
        p.on("download", lambda d: self.downloads.append(d.url))
        self.log_offset = self.server.log_size()
        return self

    def _on_console(self, msg) -> None:
        if msg.type != "error":
            return
        where = (msg.location or {}).get("url", "")
        text = f"{msg.text} (at {where})" if where else msg.text
        if msg.text.startswith("Failed to load resource") and _is_streamlit_probe(where):
            self.tolerated.append(text)
        else:
            self.console_errors.append(text)

    def _on_response(self, response) -> None:
        if response.status < 400:
            return
        entry = f"HTTP {response.status} {response.request.method} {response.url}"
        if _is_streamlit_probe(response.url, response.status):
            self.tolerated.append(entry)
        else:
            self.failed_requests.append(entry)

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    # -- waits ---------------------------------------------------------------------------------

    def open(self, path: str, heading: str, maps: int = 0) -> None:
        """Go to ``path`` and wait until Streamlit has finished and ``heading`` (an h1) is shown;
        with ``maps``, also until that many maps are painted."""
        self.page.goto(self.base_url + path, wait_until="domcontentloaded")
        self.page.wait_for_selector('[data-testid="stApp"]', timeout=RENDER_TIMEOUT_MS)
        self.page.locator("h1", has_text=heading).first.wait_for(timeout=RENDER_TIMEOUT_MS)
        self.settle()
        if maps:
            self.wait_painted(min_maps=maps)

    def settle(self) -> None:
        self.page.evaluate("() => { window.__atlasSettledSince = null; }")
        self.page.wait_for_function(SETTLED_JS, timeout=RENDER_TIMEOUT_MS, polling=100)

    def wait_painted(self, min_maps: int = 1, legend: str | None = None, fresh: bool = False) -> float:
        """Wait until the maps are painted; returns the time of the last idle (ms since navigation)."""
        if fresh:
            self.page.evaluate(FORGET_PAINT_JS)
        arg = {"scope": '[data-testid="stPlotlyChart"]', "minMaps": min_maps, "legend": legend, "reset": fresh}
        handle = self.page.wait_for_function(PAINTED_JS, arg=arg, polling="raf", timeout=RENDER_TIMEOUT_MS)
        return float(handle.json_value())

    # -- evidence --------------------------------------------------------------------------------

    def map_screenshot(self, index: int = 0, path: Path | None = None) -> bytes:
        """A screenshot of one map's MapLibre canvas with plotly's overlays (legend...) hidden."""
        self.page.mouse.move(0, 0)  # no hover label
        style = self.page.add_style_tag(content=HIDE_OVERLAYS_CSS)
        try:
            canvas = self.page.locator(MAP_CANVAS).nth(index)
            canvas.scroll_into_view_if_needed()
            png = canvas.screenshot(animations="disabled")
        finally:
            style.evaluate("node => node.remove()")
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(png)
        return png

    def full_screenshot(self, path: Path, max_height: int = 12_000) -> None:
        """The whole page. Streamlit scrolls inside its own container, so the viewport is made as
        tall as the content (up to ``max_height``), the page re-settles and maps repaint, and the
        viewport is put back afterwards."""
        original = self.page.viewport_size
        height = self.page.evaluate(
            "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
            " return Math.max(m ? m.scrollHeight : 0, document.documentElement.scrollHeight); }"
        )
        has_map = self.page.locator(MAP_CANVAS).count()
        self.page.set_viewport_size(
            {"width": original["width"], "height": max(original["height"], min(height, max_height))}
        )
        try:
            self.settle()
            if has_map:
                self.wait_painted(min_maps=has_map, fresh=True)
            path.parent.mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(path), full_page=True, animations="disabled")
        finally:
            self.page.set_viewport_size(original)

    # -- checks ----------------------------------------------------------------------------------

    def problems(self) -> list[str]:
        out = []
        exceptions = self.page.locator('[data-testid="stException"]')
        if exceptions.count():
            out.append(
                f"{exceptions.count()} st.exception element(s): "
                + " | ".join(t[:300] for t in exceptions.all_inner_texts())
            )
        out += [f"console error: {e}" for e in self.console_errors]
        # A download is a request Chromium "aborts" (net::ERR_ABORTED) as it hands it to the download
        # manager: not a failure when that URL did arrive as a download.
        downloaded = {f"GET {url}: net::ERR_ABORTED" for url in self.downloads}
        out += [f"failed request: {e}" for e in self.failed_requests if e not in downloaded]
        out += [f"page error: {e}" for e in self.page_errors]
        out += [f"dialog opened: {e}" for e in self.dialogs]
        # Streamlit's own modals ("Page not found", connection and script errors); popovers and
        # the app's own st.dialog are left alone.
        modals = self.page.locator('[data-testid="stDialog"]').all_inner_texts()
        out += [f"Streamlit modal shown: {t[:200]!r}" for t in modals if STREAMLIT_MODAL.search(t)]
        log = self.server.log_since(self.log_offset)
        if "Traceback" in log or "Uncaught app execution" in log:
            out.append("server log has a traceback:\n" + log[-4000:])
        return out

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not problems, "\n".join(problems)


def pick_option(page, box, typed: str, option: str) -> None:
    """Choose ``option`` in a Streamlit selectbox by typing into it, key by key, as a person does.

    ``fill`` sets the whole value in one event, which the combobox can miss in the first moments
    after it is shown (the list then never opens); typed keys always open and filter it.
    """
    box.click()
    box.press_sequentially(typed, delay=40)
    page.page.get_by_role("option", name=option).first.click()
    page.settle()


def app_store(server: AppServer):
    """The corrections store of a server started by ``start_app`` (its own ATLAS_STATE_DIR, read from
    the process's environment), so a test can put suggestions or versions where that app reads them."""
    from coverage.listings.store import Store

    environ = Path(f"/proc/{server.process.pid}/environ").read_bytes().split(b"\0")
    state = next(e.split(b"=", 1)[1].decode() for e in environ if e.startswith(b"ATLAS_STATE_DIR="))
    return Store(f"sqlite:///{Path(state) / 'atlas.sqlite'}")
