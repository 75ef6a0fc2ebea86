"""Errors on screen while debugging: with ``SENTENCES_DEBUG=1`` every error the program logs
(with its traceback) is also shown as a notification, so a tester sees it where it happened
instead of finding it later in ``sentences.log``."""

from __future__ import annotations

import logging

from textual.app import App

from reader.ui.messages import DebugLog


class ScreenLogHandler(logging.Handler):
    """With ``SENTENCES_DEBUG=1``, every error logged (with its traceback) shows on screen too."""

    def __init__(self, app: App[None]) -> None:
        super().__init__(logging.ERROR)
        self.app = app
        self.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = self.format(record)
        except Exception:  # a log handler never raises
            return
        lines = text.splitlines()
        shown = "\n".join(lines[:1] + lines[-12:]) if len(lines) > 13 else text
        self.app.post_message(DebugLog(shown))  # thread-safe: workers log too
