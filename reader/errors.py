"""One line for any error a learner can meet, instead of a traceback."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.paths import db_path


def describe(exc: BaseException) -> str:
    """A one-line description of ``exc`` for the terminal."""
    if isinstance(exc, sqlite3.DatabaseError):
        return describe_db_error(exc, _database_file())
    if isinstance(exc, MemoryError):
        return "out of memory"
    if isinstance(exc, OSError) and exc.strerror:
        where = f" ({exc.filename})" if exc.filename else ""
        return f"{exc.strerror}{where}"
    message = " ".join(str(exc).split()) or type(exc).__name__
    return message[:500]


def describe_db_error(exc: sqlite3.DatabaseError, path: Path | str) -> str:
    """One line for a database that cannot be used, naming its file ``path``."""
    text = str(exc)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return (
            f"the database {path} is damaged or not a database ({text}); it is left as it is: "
            "`sentences doctor` checks it and can rescue your data into a new one"
        )
    if "locked" in text or "busy" in text:
        return f"the database {path} is locked by another program; close it and try again"
    return f"cannot use the database {path}: {text}"


def _database_file() -> str:
    """The learner's database, named in full so they know which file is meant."""
    try:
        return str(db_path())
    except OSError:
        return "reader.db"
