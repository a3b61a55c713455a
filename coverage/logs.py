"""Logging for the app and the command line, configured once, with the level from the environment.

Every module logs through ``logging.getLogger(__name__)``; this sets where the records go. People
see a short, clear message on the page or the terminal; the log keeps the detail (the exception,
its traceback, which store or file) for whoever runs the service.

``ATLAS_LOG_LEVEL`` (DEBUG, INFO, WARNING, ERROR) sets the level of the atlas's own loggers
(``coverage.*``, ``pages.*`` and ``ui.*``). The default, WARNING, logs outages and failures; INFO adds every
refused input (a bad upload, a refused scenario link) and DEBUG the command line's tracebacks.
Records go to standard error, where Streamlit's own log and a container's log collector look.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping

from coverage import settings

ENV_VAR = "ATLAS_LOG_LEVEL"
DEFAULT_LEVEL = "WARNING"
OUR_LOGGERS = ("coverage", "pages", "ui")
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: logging.Handler | None = None


def level_from_env(environ: Mapping[str, str] | None = None) -> int:
    """The level named in ``ATLAS_LOG_LEVEL``; an unknown name falls back to WARNING (and says so once set up)."""
    name = (settings.current() if environ is None else settings.from_mapping(environ)).log_level
    level = logging.getLevelNamesMapping().get(name)
    return level if isinstance(level, int) else logging.WARNING


def configure(environ: Mapping[str, str] | None = None) -> None:
    """Send the atlas's log records to standard error at the configured level. Safe to call on every run."""
    global _handler
    level = level_from_env(environ)
    for name in OUR_LOGGERS:
        logging.getLogger(name).setLevel(level)
    if _handler is None:
        _handler = logging.StreamHandler(sys.stderr)
        _handler.setFormatter(logging.Formatter(FORMAT))
        for name in OUR_LOGGERS:
            logger = logging.getLogger(name)
            logger.addHandler(_handler)
            logger.propagate = True  # test tools (pytest's caplog) listen at the root
        name = (settings.current() if environ is None else settings.from_mapping(environ)).log_level
        if name not in logging.getLevelNamesMapping():
            logging.getLogger(__name__).warning("%s=%r is not a log level; using WARNING", ENV_VAR, name[:20])
