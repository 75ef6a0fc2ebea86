"""Key actions that write to the database report failures on screen instead of crashing.

Another program holding the database's write lock past the busy timeout, or a full disk, must not
take the reader down with a traceback: the learner sees one line and can go on reading.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from typing import Any, TypeVar

from textual.dom import DOMNode

from reader.logs import log_failure
from reader.store import StoreError

F = TypeVar("F", bound=Callable[..., Any])


def saves(action: F) -> F:
    @functools.wraps(action)
    def guarded(self: DOMNode, *args: Any, **kwargs: Any) -> Any:
        try:
            return action(self, *args, **kwargs)
        except (StoreError, sqlite3.Error, OSError) as exc:
            self.app.notify(
                log_failure(exc, f"Not saved ({action.__name__})"),
                title="Not saved",
                severity="error",
                timeout=8,
                markup=False,
            )
            return None

    return guarded  # type: ignore[return-value]
