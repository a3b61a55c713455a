"""The refresh's one HTTP client: patient with the services, strict about what it accepts.

Every request goes through :meth:`Client.get`, which
- sends a descriptive User-Agent and times out (connect, read);
- retries 429 and 5xx with exponential back-off, honouring ``Retry-After`` (urllib3 ``Retry``);
- waits between two requests to the same host (the services publish no rate limit we can rely on);
- caps the body size, so a runaway response cannot fill memory;
- turns every failure into a :class:`RefreshError` whose URL has secrets (``uid=``) redacted:
  exception texts from ``requests`` embed the raw URL, so they are never passed on;
- hands each answer to a recorder (the versioned cache), or in replay mode answers from a
  cache folder instead of the network, so ``--from-cache`` re-runs exactly the same requests.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from coverage.pipeline.refresh.config import Settings
from coverage.pipeline.refresh.errors import RefreshError

logger = logging.getLogger(__name__)

SECRET_PARAMS = frozenset({"uid", "key", "apikey", "api_key", "token", "access_token"})
MAX_BODY_BYTES = 200_000_000
RETRY_STATUSES = (429, 500, 502, 503, 504)
# The ONS API blocks for 60 s after a 429; a Retry-After far beyond that is not worth waiting for.
RETRY_AFTER_MAX = 300


_SECRET_IN_TEXT = re.compile(r"(?i)\b(" + "|".join(SECRET_PARAMS) + r")=[^&\s'\"]*")


class RedactSecrets(logging.Filter):
    """Masks ``uid=…`` in log records: urllib3 logs request paths, query string included, at
    DEBUG and on every retry, which would otherwise write the Nomis key to any log."""

    def filter(self, record: logging.LogRecord) -> bool:
        text = record.getMessage()
        masked = _SECRET_IN_TEXT.sub(lambda m: f"{m.group(1)}=REDACTED", text)
        if masked != text:
            record.msg, record.args = masked, ()
        return True


for _name in ("urllib3.connectionpool", "urllib3.util.retry", __name__):
    _logger = logging.getLogger(_name)
    if not any(isinstance(f, RedactSecrets) for f in _logger.filters):
        _logger.addFilter(RedactSecrets())


def redact(url: str) -> str:
    """The URL with the value of every secret query parameter replaced by ``REDACTED``."""
    parts = urlsplit(url)
    query = [(k, "REDACTED" if k.lower() in SECRET_PARAMS else v) for k, v in parse_qsl(parts.query, True)]
    return urlunsplit(parts._replace(query=urlencode(query, safe=",.:*()")))


def without_secrets(url: str) -> str:
    """The URL with secret query parameters dropped altogether (for matching, not display)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, True) if k.lower() not in SECRET_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(query, safe=",.:*()")))


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Fetched:
    """One response as received: what a source parses and what the cache records."""

    source: str
    url: str  # redacted
    status: int
    body: bytes
    retrieved_at: str
    etag: str = ""
    last_modified: str = ""
    content_type: str = ""

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()

    def text(self, encoding: str = "utf-8") -> str:
        try:
            return self.body.decode(encoding)
        except UnicodeDecodeError:
            raise RefreshError(self.source, self.url, f"the response is not {encoding} text") from None


Recorder = Callable[[Fetched], None]
Replayer = Callable[[str, str], Fetched]


def make_session(settings: Settings) -> requests.Session:
    retry = Retry(
        total=settings.retries,
        connect=settings.retries,
        read=1,
        status=settings.retries,
        backoff_factor=settings.backoff,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD"}),
        respect_retry_after_header=True,
        retry_after_max=RETRY_AFTER_MAX,
        raise_on_status=True,
    )
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    session.headers["User-Agent"] = settings.user_agent
    return session


class Client:
    """GETs with retries, politeness, redaction and recording; or replays from a cache."""

    def __init__(
        self,
        settings: Settings,
        recorder: Recorder | None = None,
        replay: Replayer | None = None,
    ):
        self.settings = settings
        self.recorder = recorder
        self.replay = replay
        self.session = make_session(settings)
        self._last_by_host: dict[str, float] = {}
        self._lock = threading.Lock()

    def _wait_for_host(self, url: str) -> None:
        host = urlsplit(url).netloc
        with self._lock:
            wait = self._last_by_host.get(host, 0.0) + self.settings.pause - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self._last_by_host[host] = time.monotonic()

    def get(self, source: str, url: str, params: dict[str, str] | None = None) -> Fetched:
        full = requests.Request("GET", url, params=params or {}).prepare().url or url
        shown = redact(full)
        if self.replay is not None:
            return self.replay(source, shown)
        self._wait_for_host(full)
        logger.info("GET %s", shown)
        try:
            with self.session.get(full, timeout=self.settings.timeout, stream=True) as response:
                body = self._read(source, shown, response)
        except requests.exceptions.RetryError as exc:
            reason = getattr(getattr(exc.args[0], "reason", None), "args", [""])[0] if exc.args else ""
            raise RefreshError(
                source, shown, f"gave up after {self.settings.retries} retries ({_status_text(reason)})"
            ) from None
        except requests.exceptions.Timeout:
            raise RefreshError(source, shown, f"no answer within {self.settings.timeout[1]:g} s (timed out)") from None
        except requests.exceptions.TooManyRedirects:
            raise RefreshError(source, shown, "too many redirects") from None
        except requests.exceptions.ConnectionError as exc:
            if isinstance(getattr(exc.args[0] if exc.args else None, "reason", None), ReadTimeoutError):
                raise RefreshError(
                    source, shown, f"no answer within {self.settings.timeout[1]:g} s (timed out)"
                ) from None
            raise RefreshError(source, shown, "could not connect to the service") from None
        except requests.exceptions.RequestException as exc:
            raise RefreshError(source, shown, f"request failed ({type(exc).__name__})") from None
        fetched = Fetched(
            source=source,
            url=shown,
            status=response.status_code,
            body=body,
            retrieved_at=utc_now(),
            etag=response.headers.get("ETag", ""),
            last_modified=response.headers.get("Last-Modified", ""),
            content_type=response.headers.get("Content-Type", ""),
        )
        if self.recorder is not None:
            self.recorder(fetched)
        if response.status_code != 200:
            raise RefreshError(source, shown, f"HTTP {response.status_code} ({response.reason})")
        return fetched

    def _read(self, source: str, shown: str, response: requests.Response) -> bytes:
        chunks, size = [], 0
        for chunk in response.iter_content(chunk_size=1 << 16):
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise RefreshError(source, shown, f"response larger than {MAX_BODY_BYTES:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks)


def _status_text(reason: object) -> str:
    text = str(reason)
    for code in RETRY_STATUSES:
        if f"{code} " in text or text.endswith(str(code)):
            return f"last answer HTTP {code}"
    return "the service kept failing"
