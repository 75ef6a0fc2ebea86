"""One line for any error a learner can meet, instead of a traceback."""

from __future__ import annotations

import sqlite3


def describe(exc: BaseException) -> str:
    """A one-line description of ``exc`` for the terminal."""
    if isinstance(exc, sqlite3.DatabaseError):
        from reader.store.db import describe_db_error

        return describe_db_error(exc, _database_file())
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message[:500]


def _database_file() -> str:
    """The learner's database, named in full so they know which file is meant."""
    try:
        from reader.paths import db_path

        return str(db_path())
    except OSError:
        return "reader.db"
