"""Writes from a screen, applied in order on one thread with its own connection.

The review screen hands each answer here, so a key press never waits on the database. Writes run
in the order submitted, each in its own transaction; a failure is reported through ``on_error``
and the writes after it still run. ``close`` waits for what is queued (at most ``timeout``
seconds), so leaving the screen or quitting does not lose an answer.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlite_utils

WriteFn = Callable[[sqlite_utils.Database], Any]


class SerialWrites:
    def __init__(self, db_path: Path, on_error: Callable[[str], None]) -> None:
        self.db_path = db_path
        self.on_error = on_error
        self._jobs: queue.Queue[tuple[WriteFn, str, Callable[[Any], None] | None] | None] = (
            queue.Queue()
        )
        self._thread = threading.Thread(target=self._run, name="review-writes", daemon=True)
        self._thread.start()

    def submit(
        self, fn: WriteFn, *, label: str, on_done: Callable[[Any], None] | None = None
    ) -> None:
        self._jobs.put((fn, label, on_done))

    def flush(self, timeout: float = 5.0) -> None:
        """Wait until every write submitted so far has been applied."""
        done = threading.Event()
        self._jobs.put((lambda _db: None, "flush", lambda _r: done.set()))
        done.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        self._jobs.put(None)
        self._thread.join(timeout)

    def _run(self) -> None:
        from reader.errors import describe
        from reader.store import open_db

        db: sqlite_utils.Database | None = None
        while True:
            job = self._jobs.get()
            if job is None:
                break
            fn, label, on_done = job
            try:
                if db is None:
                    db = open_db(self.db_path)
                result = fn(db)
            except Exception as exc:
                self.on_error(f"{label}: {describe(exc)} (not saved)")
                continue
            if on_done is not None:
                on_done(result)
        if db is not None:
            db.conn.close()
