"""The log file: what went wrong, with its traceback, for the errors screens show in one line.

A learner sees "Cannot open the text: …" and goes on reading; whoever helps them later needs the
whole story. :func:`log_failure` writes it to ``sentences.log`` in the data home (rotated: at most
``MAX_BYTES`` × (``BACKUPS`` + 1), a few MB) and returns the one-line message, which says where
the log is. With ``SENTENCES_DEBUG=1`` the reader also shows the traceback on screen.
"""

from __future__ import annotations

import logging
import os
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

from reader.errors import describe

LOGGER = "sentences"
LOG_NAME = "sentences.log"
MAX_BYTES = 1_000_000
BACKUPS = 2
DEBUG_ENV = "SENTENCES_DEBUG"

log = logging.getLogger(LOGGER)
_lock = threading.Lock()
_file: Path | None = None


def debug_enabled() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def setup_logging(directory: Path) -> Path:
    """Send the ``sentences`` loggers' warnings and errors to ``directory/sentences.log``.

    Called once per program (again with another directory, it moves the log there).
    """
    global _file
    path = Path(directory) / LOG_NAME
    with _lock:
        if _file == path:
            return path
        for handler in list(log.handlers):
            if getattr(handler, "_sentences_file", False):
                log.removeHandler(handler)
                handler.close()
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
        handler._sentences_file = True  # type: ignore[attr-defined]
        handler.setLevel(logging.WARNING)
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s")
        )
        log.addHandler(handler)
        log.setLevel(logging.DEBUG if debug_enabled() else logging.INFO)
        _file = path
    return path


def log_path() -> Path | None:
    """The log file, once :func:`setup_logging` has run."""
    return _file


def log_failure(exc: BaseException, context: str) -> str:
    """Log ``exc`` with its traceback under ``context``; return the line to show the learner:
    the error in one line, and where the log is.

    Args:
        exc: The error caught.
        context: What was being done ("Cannot open the text"), for the log.
    """

    log.error("%s: %s", context, describe(exc), exc_info=exc)
    return describe(exc) + where_logged()


def where_logged() -> str:
    """ " (details in …/sentences.log)", or nothing before the log is set up."""
    return f" (details in {_file})" if _file is not None else ""
