"""A minimal client for Streamlit's websocket protocol, for load benchmarks and the replica test.

A browser session is one websocket to ``/_stcore/stream`` carrying protobuf messages: the client
sends ``BackMsg.rerun_script`` (the URL's query string, the page, the widget values) and the
server answers with ``ForwardMsg``s (``new_session``, ``delta`` per element, ``script_finished``).
Speaking that directly lets one process hold dozens of sessions with exact timings, without
the cost of a browser per session. Nothing here draws: it records what the server sent.

Only 127.0.0.1 is ever contacted (``Session`` refuses any other host), and every wait is bounded.
"""

from __future__ import annotations

import asyncio
import http.client
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

FINISHED = {
    ForwardMsg.FINISHED_SUCCESSFULLY: "ok",
    ForwardMsg.FINISHED_WITH_COMPILE_ERROR: "compile_error",
    ForwardMsg.FINISHED_EARLY_FOR_RERUN: "early_for_rerun",
    ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY: "fragment_ok",
}
ALLOWED_HOSTS = ("127.0.0.1",)
# Distinct clients on one machine: any loopback address can be the source of a connection to 127.0.0.1.
ALLOWED_SOURCES = tuple(f"127.0.0.{n}" for n in range(1, 255))
TRIGGER = object()  # a button press: sent with one run only, as the browser does


class ProtocolError(RuntimeError):
    """The server did not answer as a Streamlit server does (closed, timed out, an exception shown)."""


@dataclass
class Run:
    """What one script run sent back: its elements' text, widget ids by key, timings and sizes."""

    seconds: float = 0.0
    status: str = ""
    bytes: int = 0
    messages: int = 0
    texts: list[str] = field(default_factory=list)
    exceptions: list[str] = field(default_factory=list)
    widgets: dict[str, str] = field(default_factory=dict)  # user key -> widget id
    labels: dict[str, str] = field(default_factory=dict)  # widget label -> widget id
    page_names: list[str] = field(default_factory=list)
    early_finishes: int = 0  # script_finished "finished early for a rerun" before the last one (st.rerun)

    def text(self) -> str:
        return "\n".join(self.texts)


def _element_text(element) -> str:
    """The visible text of the element kinds the pages use for figures and messages."""
    kind = element.WhichOneof("type")
    body = getattr(element, kind, None)
    if kind in ("markdown", "heading"):
        return body.body
    if kind == "alert":
        return body.body
    if kind == "metric":
        return f"{body.label}: {body.body}"
    if kind == "exception":
        return f"{body.type}: {body.message}"
    return ""


def _widget_key(widget_id: str) -> str:
    """Streamlit widget ids end with ``-<user key>`` for keyed widgets (``$$ID-<hash>-prev``)."""
    return widget_id.rsplit("-", 1)[-1] if widget_id.startswith("$$ID-") else ""


class Session:
    """One Streamlit session over one websocket; ``cookies`` keeps HAProxy's sticky cookie.

    ``source`` binds the client's end to another loopback address (127.0.0.2 and on), so one
    process can be several distinct clients; ``headers`` are sent with every request (a client
    claiming its own ``X-Forwarded-For``, say).
    """

    def __init__(self, base_url: str, *, timeout: float = 60.0, source: str | None = None, headers: dict | None = None):
        parts = urlsplit(base_url)
        if parts.hostname not in ALLOWED_HOSTS:
            raise ValueError(f"benchmarks only talk to {ALLOWED_HOSTS}, not {parts.hostname!r}")
        if source is not None and source not in ALLOWED_SOURCES:
            raise ValueError(f"a client's source must be a loopback address, not {source!r}")
        self.source = source
        self.headers = dict(headers or {})
        self.host, self.port = parts.hostname, parts.port or 80
        self.base_url = base_url.rstrip("/")
        self.ws_url = f"ws://{parts.netloc}/_stcore/stream"
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.ws = None
        self.widgets: dict[str, str] = {}  # user key or label -> widget id
        self.widget_values: dict[str, object] = {}
        self.page_hashes: dict[str, str] = {}  # url path name -> page script hash

    async def open(self) -> None:
        """GET the page first (as a browser does: it is where the sticky cookie is set), then connect."""
        await asyncio.to_thread(self._get_index)
        headers = {**self.headers, "Origin": self.base_url}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        bind = {"local_addr": (self.source, 0)} if self.source else {}
        self.ws = await asyncio.wait_for(
            websockets.connect(
                self.ws_url,
                subprotocols=["streamlit"],
                additional_headers=headers,
                max_size=64 * 1024 * 1024,
                open_timeout=self.timeout,
                ping_interval=None,
                **bind,
            ),
            self.timeout,
        )

    def _get_index(self) -> None:
        source = (self.source, 0) if self.source else None
        conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout, source_address=source)
        try:
            conn.request("GET", "/", headers={**self.headers, "Accept": "text/html"})
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise ProtocolError(f"GET / answered {response.status}")
            for header in response.headers.get_all("Set-Cookie") or []:
                cookie = SimpleCookie(header)
                self.cookies.update({k: m.value for k, m in cookie.items()})
        finally:
            conn.close()

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()
            self.ws = None

    async def run(self, query_string: str = "", page: str = "", changes: dict[str, object] | None = None) -> Run:
        """Ask for a script run and wait for it to finish.

        ``changes`` sets widgets by user key or label; ``TRIGGER`` presses a button for this run only.
        """
        if self.ws is None:
            raise ProtocolError("not connected")
        triggers = []
        for key, value in (changes or {}).items():
            if key not in self.widgets:
                raise ProtocolError(f"no widget with key or label {key!r} was drawn")
            if value is TRIGGER:
                triggers.append(self.widgets[key])
            else:
                self.widget_values[key] = value
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = query_string
        state.page_name = page
        state.page_script_hash = self.page_hashes.get(page, "")
        for key, value in self.widget_values.items():
            _set_widget(state.widget_states.widgets.add(), self.widgets[key], value)
        for widget_id in triggers:
            trigger = state.widget_states.widgets.add()
            trigger.id = widget_id
            trigger.trigger_value = True
        started = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        result = Run()
        deadline = started + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f}s")
            try:
                raw = await asyncio.wait_for(self.ws.recv(), remaining)
            except websockets.ConnectionClosed as exc:
                raise ProtocolError(f"connection closed: {exc}") from exc
            except TimeoutError as exc:
                raise ProtocolError(f"no script_finished within {self.timeout:.0f}s") from exc
            result.bytes += len(raw)
            result.messages += 1
            fwd = ForwardMsg()
            fwd.ParseFromString(raw)
            kind = fwd.WhichOneof("type")
            if kind == "new_session":
                for p in fwd.new_session.app_pages:
                    self.page_hashes[p.url_pathname] = p.page_script_hash
                    result.page_names.append(p.url_pathname)
            elif kind == "navigation":
                for p in fwd.navigation.app_pages:
                    self.page_hashes[p.url_pathname] = p.page_script_hash
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element":
                element = fwd.delta.new_element
                text = _element_text(element)
                if text:
                    result.texts.append(text)
                if element.WhichOneof("type") == "exception":
                    result.exceptions.append(text)
                body = getattr(element, element.WhichOneof("type") or "", None)
                widget_id = getattr(body, "id", "") if body is not None else ""
                if isinstance(widget_id, str) and widget_id:
                    if _widget_key(widget_id) not in ("", "None"):
                        result.widgets[_widget_key(widget_id)] = widget_id
                    if getattr(body, "label", ""):
                        result.labels[body.label] = widget_id
            elif kind == "script_finished":
                result.status = FINISHED.get(fwd.script_finished, str(fwd.script_finished))
                if fwd.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    break
                result.early_finishes += 1
        result.seconds = time.perf_counter() - started
        self.widgets.update(result.labels)
        self.widgets.update(result.widgets)
        return result


def _set_widget(state, widget_id: str, value) -> None:
    state.id = widget_id
    if isinstance(value, bool):
        state.bool_value = value
    elif isinstance(value, int | float):
        state.double_array_value.data.append(float(value))  # sliders send their value as a list
    elif isinstance(value, list | tuple):
        state.string_array_value.data.extend(str(v) for v in value)
    else:
        state.string_value = str(value)
