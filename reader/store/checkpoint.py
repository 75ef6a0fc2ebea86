"""A big write's log copied into the database file in a thread, while the writer frees its memory.

In WAL mode SQLite appends a commit to the ``-wal`` file, and the connection that commits then
copies the log into the database file itself (an automatic checkpoint). For a dictionary import
that is a hundred megabytes: FreeDict eng-deu's commit took 0.42 s, of which 0.23 s was the
checkpoint, and then the import spent another 0.3 s freeing half a million rows and the
alignment's tables, all of it one core while the other idled. :func:`checkpoint_beside` turns
the automatic checkpoint off for the write and runs it on a connection of its own in a thread,
where SQLite lets go of Python's lock, so the copy and the freeing overlap.

Nothing is less safe for it: the commit is in the log when it returns, and a log not yet
copied is read by every connection (and copied by the next checkpoint) as SQLite always does.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlite_utils


class Checkpoint:
    """What starts the checkpoint once the write has committed (:meth:`start`)."""

    def __init__(self, file: str | None) -> None:
        self._file = file
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        """Copy the log into the database file, in a thread, from now on."""
        if self._file is None or self.thread is not None:
            return
        self.thread = threading.Thread(
            target=_checkpoint, args=(self._file,), name="checkpoint", daemon=True
        )
        self.thread.start()


def _checkpoint(file: str) -> None:
    try:
        conn = sqlite3.connect(file, timeout=5)
        try:
            conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
        finally:
            conn.close()
    except sqlite3.Error:
        pass  # the log stays, and the next automatic checkpoint copies it


@contextmanager
def checkpoint_beside(db: sqlite_utils.Database) -> Iterator[Checkpoint]:
    """The automatic checkpoint off on ``db`` for the block; the block calls ``start()`` on what
    it is given once its big write has committed, and the block's end waits for the copy (after
    the block's own frames, and what they held, are freed)."""
    conn = db.conn
    file = next((f for _, name, f in conn.execute("PRAGMA database_list") if name == "main"), None)
    kept = conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    conn.execute("PRAGMA wal_autocheckpoint = 0")
    later = Checkpoint(file or None)
    try:
        yield later
    finally:
        if later.thread is not None:
            later.thread.join()
        conn.execute(f"PRAGMA wal_autocheckpoint = {int(kept)}")
