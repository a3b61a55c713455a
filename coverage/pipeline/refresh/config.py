"""Where the refresh fetches from and how patiently: all from the environment, so tests and
mirrors can point it elsewhere without editing code.

| variable | default | what it is |
|---|---|---|
| ``ATLAS_NOMIS_URL`` | ``https://www.nomisweb.co.uk/api/v01`` | Nomis API root |
| ``ATLAS_ARCGIS_URL`` | ONS Open Geography ``…/arcgis/rest/services`` | ArcGIS REST services root |
| ``NOMIS_UID`` | unset | optional Nomis key: raises the per-request cell limit; never logged or written |
| ``ATLAS_REFRESH_TIMEOUT`` | ``10,120`` | connect and read timeouts in seconds |
| ``ATLAS_REFRESH_RETRIES`` | ``5`` | retries on 429 and 5xx (``Retry-After`` is honoured) |
| ``ATLAS_REFRESH_BACKOFF`` | ``1.0`` | exponential back-off factor in seconds between retries |
| ``ATLAS_REFRESH_PAUSE`` | ``0.3`` | pause between two requests to the same host, in seconds |
| ``ATLAS_REFRESH_CACHE`` | ``$ATLAS_STATE_DIR/refresh-cache`` | versioned cache of raw responses |
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from coverage import paths, settings

NOMIS_URL = "https://www.nomisweb.co.uk/api/v01"
ARCGIS_URL = "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services"
USER_AGENT = (
    "ParentInfantCoverageAtlas-refresh/1.0 (python-requests; fetches ONS population, births and "
    "boundaries a few times a year; contact via the project repository)"
)


def _floats(text: str, name: str) -> tuple[float, ...]:
    try:
        return tuple(float(part) for part in text.split(","))
    except ValueError:
        raise ValueError(f"{name} must be a number or two numbers separated by a comma, not '{text}'") from None


@dataclass(frozen=True)
class Settings:
    nomis_url: str = NOMIS_URL
    arcgis_url: str = ARCGIS_URL
    nomis_uid: str | None = field(default=None, repr=False)  # a secret: kept out of repr and logs
    timeout: tuple[float, float] = (10.0, 120.0)
    retries: int = 5
    backoff: float = 1.0
    pause: float = 0.3
    cache_root: Path = paths.PROJECT_ROOT / "state" / "refresh-cache"
    user_agent: str = USER_AGENT

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(settings.current().environ if env is None else env)
        timeout = _floats(env.get("ATLAS_REFRESH_TIMEOUT", "10,120"), "ATLAS_REFRESH_TIMEOUT")
        state = Path(env.get("ATLAS_STATE_DIR", paths.PROJECT_ROOT / "state"))
        return cls(
            nomis_url=env.get("ATLAS_NOMIS_URL", NOMIS_URL).rstrip("/"),
            arcgis_url=env.get("ATLAS_ARCGIS_URL", ARCGIS_URL).rstrip("/"),
            nomis_uid=env.get("NOMIS_UID") or None,
            timeout=(timeout[0], timeout[-1]),
            retries=int(_floats(env.get("ATLAS_REFRESH_RETRIES", "5"), "ATLAS_REFRESH_RETRIES")[0]),
            backoff=_floats(env.get("ATLAS_REFRESH_BACKOFF", "1.0"), "ATLAS_REFRESH_BACKOFF")[0],
            pause=_floats(env.get("ATLAS_REFRESH_PAUSE", "0.3"), "ATLAS_REFRESH_PAUSE")[0],
            cache_root=Path(env.get("ATLAS_REFRESH_CACHE", state / "refresh-cache")),
        )
