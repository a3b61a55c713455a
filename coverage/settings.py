"""Every setting the atlas takes from its environment, read in this one module.

A deployment configures the atlas with environment variables (and, for secrets that belong to
Streamlit, ``.streamlit/secrets.toml``, read by the ``ui`` package). Before this module, seven
places read ``os.environ`` each in its own way, so nobody could list what a deployment may set.
Here each variable is declared once, with its default and what it does; ``VARIABLES`` is the
table the README prints and a test keeps the two in step.

``current()`` reads the environment afresh on every call: it is cheap, and tests (and the
command line) change variables after import. Groups that parse their own variables (the
refresh's network settings, the reviewer policy) receive ``Settings.environ``, the mapping read
here, rather than reaching for ``os.environ`` themselves.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Variable:
    """One environment variable the atlas reads: its name, its default in words, and what it sets."""

    name: str
    default: str
    meaning: str


VARIABLES: tuple[Variable, ...] = (
    Variable("ATLAS_DATA_DIR", "`data/`", "the derived data the app runs on (tests build into a temporary folder)"),
    Variable("ATLAS_SHARED_DIR", "`../shared/data`", "the read-only published source data the build step reads"),
    Variable("ATLAS_STATE_DIR", "`state/`", "where the SQLite store, link-check results and refresh cache live"),
    Variable("DATABASE_URL", "unset: SQLite in the state folder", "the corrections store's PostgreSQL address"),
    Variable("ATLAS_LOG_LEVEL", "`WARNING`", "how much the atlas logs to standard error"),
    Variable("BROWSER_PATH", "Debian's `/usr/bin/chromium`", "the Chromium that draws chart images"),
    Variable("ATLAS_REVIEW_ACCOUNTS", "unset", "reviewer password accounts as JSON (name to hash), beside secrets"),
    Variable("ATLAS_OIDC_PROVIDER", "unset", "which named `[auth.<name>]` provider organisation sign-in uses"),
    Variable("ATLAS_REVIEWER_EMAILS", "unset", "reviewers' emails for organisation sign-in"),
    Variable("ATLAS_REVIEWER_GROUP", "unset", "or a group whose members review"),
    Variable("ATLAS_REVIEWER_GROUP_CLAIM", "`groups`", "the identity token's claim that names the groups"),
    Variable("ATLAS_REVIEWER_SIGNIN_HOURS", "`12`", "the longest an organisation sign-in lasts"),
    Variable("ATLAS_TRUSTED_PROXY_HOPS", "`0` (trust none)", "how many proxies of our own stand before the app"),
    Variable("ATLAS_TRUSTED_PROXY_NETWORKS", "`127.0.0.1/32,::1/128`", "the addresses those proxies connect from"),
    Variable("ATLAS_NOMIS_URL", "Nomis API root", "where the refresh fetches population and births"),
    Variable("ATLAS_ARCGIS_URL", "ONS Open Geography", "where the refresh fetches boundaries"),
    Variable("NOMIS_UID", "unset", "optional Nomis key (never logged or written)"),
    Variable("ATLAS_REFRESH_TIMEOUT", "`10,120`", "the refresh's connect and read timeouts, seconds"),
    Variable("ATLAS_REFRESH_RETRIES", "`5`", "the refresh's retries on 429 and 5xx"),
    Variable("ATLAS_REFRESH_BACKOFF", "`1.0`", "the refresh's back-off factor between retries, seconds"),
    Variable("ATLAS_REFRESH_PAUSE", "`0.3`", "the refresh's pause between two requests to one host, seconds"),
    Variable("ATLAS_REFRESH_CACHE", "`$ATLAS_STATE_DIR/refresh-cache`", "the refresh's cache of raw responses"),
)

RETIRED = {
    "ATLAS_TRUSTED_PROXIES": (
        "ATLAS_TRUSTED_PROXIES is no longer read (it made the client's own X-Forwarded-For believed); "
        "see ATLAS_TRUSTED_PROXY_HOPS and FORWARDED_ALLOW_IPS in deploy/README.md"
    ),
}
"""Variables an older release read, with what to say to a deployment that still sets one."""

_NAMES = frozenset(v.name for v in VARIABLES)


@dataclass(frozen=True)
class Settings:
    """The atlas's settings as read from one environment; blank values count as unset."""

    environ: Mapping[str, str]

    def get(self, name: str, default: str = "") -> str:
        """A declared variable's value, stripped; ``default`` when unset or blank."""
        if name not in _NAMES:
            raise KeyError(f"{name} is not a declared setting: add it to coverage.settings.VARIABLES")
        value = str(self.environ.get(name, "")).strip()
        return value or default

    @property
    def data_dir(self) -> Path:
        return Path(self.get("ATLAS_DATA_DIR") or PROJECT_ROOT / "data")

    @property
    def shared_dir(self) -> Path:
        return Path(self.get("ATLAS_SHARED_DIR") or PROJECT_ROOT.parent / "shared" / "data")

    @property
    def state_dir(self) -> Path:
        return Path(self.get("ATLAS_STATE_DIR") or PROJECT_ROOT / "state")

    @property
    def database_url(self) -> str:
        return self.get("DATABASE_URL")

    @property
    def log_level(self) -> str:
        return self.get("ATLAS_LOG_LEVEL", "WARNING").upper()

    @property
    def browser_path(self) -> str:
        return self.get("BROWSER_PATH")

    @property
    def retired_in_use(self) -> list[str]:
        """What to tell a deployment that still sets a variable no longer read."""
        return [message for name, message in RETIRED.items() if str(self.environ.get(name, "")).strip()]


def current() -> Settings:
    """The settings as the environment holds them now (the one place ``os.environ`` is read)."""
    return Settings(dict(os.environ))


def from_mapping(environ: Mapping[str, str]) -> Settings:
    """Settings from a given mapping: for tests and for callers that were handed an environment."""
    return Settings(dict(environ))
