"""Consistent copies of the database, made with SQLite's online backup API.

A plain ``cp`` of a database in WAL mode can miss the writes still in ``reader.db-wal``, or catch
a page half written; the backup API copies one consistent snapshot, even while the reader (or
any other program) is writing. The copy is written under a temporary name and renamed when
complete, so a crash or a full disk never leaves a half copy that looks like a backup.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import sqlite_utils

Progress = Callable[[int, int], None]


def backup_to(db: sqlite_utils.Database, out: Path, progress: Progress | None = None) -> Path:
    """Copy ``db`` to the file ``out`` (replacing it); returns ``out``.

    The whole database is copied in one step, inside one read transaction: in WAL mode that
    never blocks a writer, and the copy is exactly the database as of one moment.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)
    target = sqlite3.connect(str(partial))
    try:

        def report(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        db.conn.backup(target, pages=0, progress=report)
        target.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
    except BaseException:
        target.close()
        partial.unlink(missing_ok=True)
        raise
    target.close()
    partial.replace(out)
    return out


def database_file(db: sqlite_utils.Database) -> Path | None:
    """The file behind ``db``'s main database, or None for an in-memory one."""
    for _seq, name, file in db.conn.execute("PRAGMA database_list").fetchall():
        if name == "main":
            return Path(file) if file else None
    return None


def has_data(db: sqlite_utils.Database) -> bool:
    """True when any table (other than the migrations record) holds a row."""
    tables = [
        str(row[0])
        for row in db.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite_%' AND name != '_migrations'"
        )
    ]
    for table in tables:
        quoted = table.replace('"', '""')
        # fetchall, not fetchone: a statement left unfinished keeps its read snapshot open, and
        # the next BEGIN IMMEDIATE on a snapshot another process has since written past fails
        # at once with "database is locked" instead of waiting (SQLITE_BUSY_SNAPSHOT).
        if db.conn.execute(f'SELECT 1 FROM "{quoted}" LIMIT 1').fetchall():
            return True
    return False
