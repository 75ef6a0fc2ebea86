"""Opening the learner's database safely.

The database holds everything the learner has done, so opening it must never damage it: a corrupt
or locked file becomes a one-line :class:`StoreError` instead of a traceback, and every multi-row
change goes through :func:`transaction` so a crash leaves it whole.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import sqlite_utils
from sqlite_utils.db import Table

from reader.errors import describe_db_error
from reader.paths import db_path
from reader.store.backup import database_file
from reader.store.migrations import migrate

BUSY_TIMEOUT_MS = 5000


class JoiningConnection(sqlite3.Connection):
    """A connection whose ``with`` block joins a transaction already open instead of ending it.

    sqlite-utils wraps each write of its table API (``db[table].insert``, ``.upsert``, ...) in
    ``with conn:``, and sqlite3 ends that block with a COMMIT of whatever transaction is open:
    inside :func:`transaction`, and so inside every job of the writer, it would commit the first
    half of an all-or-nothing change. On this connection such a block inside a
    :func:`transaction` leaves the COMMIT or ROLLBACK to it; anywhere else it commits or rolls
    back as sqlite3's own does.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.held = 0  # how many :func:`transaction` blocks are open on this connection
        self._joined: list[bool] = []  # per ``with`` block: inside a transaction() block?

    def __enter__(self) -> JoiningConnection:
        self._joined.append(self.held > 0 and self.in_transaction)
        super().__enter__()
        return self

    def __exit__(self, *exc: Any) -> Literal[False]:
        if self._joined.pop():
            return False  # the transaction's owner commits or rolls back
        return super().__exit__(*exc)


class StoreError(Exception):
    """The database cannot be used (corrupt, locked, unwritable); the message is one line."""


def open_db(
    path: Path | str | None = None, *, migrate_schema: bool = True
) -> sqlite_utils.Database:
    """Open (creating if needed) the database at ``path``, in WAL mode, at the latest schema.

    ``path=None`` opens the data home's ``reader.db``; ``":memory:"`` gives a throwaway database.
    """
    if path is None:
        path = db_path()
    memory = str(path) == ":memory:"
    db: sqlite_utils.Database | None = None
    try:
        if not memory:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, factory=JoiningConnection)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA foreign_keys = ON")
        if not memory:
            _refuse_foreign(db, path)
            _enable_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")
        if migrate_schema:
            migrate(db)
    except (sqlite3.DatabaseError, StoreError) as exc:
        if db is not None:
            db.close()  # the file stays exactly as it was
        if isinstance(exc, StoreError):
            raise
        raise StoreError(describe_db_error(exc, path)) from exc
    return db


def _enable_wal(db: sqlite_utils.Database) -> None:
    """Switch a new database to WAL mode, waiting for other processes as a write would.

    Changing the journal mode needs the file to itself, and SQLite answers "database is
    locked" at once, without its busy timeout, while another connection is reading it. Several
    processes opening a fresh data home at the same moment met that one time in five; each
    now tries again for as long as a write would wait.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    pause = 0.005
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.1)


def _refuse_foreign(db: sqlite_utils.Database, path: Path | str) -> None:
    """A SQLite file with tables but no migrations record belongs to another program: adding
    our tables to it would damage it, so it is left alone."""
    tables = [
        str(row[0])
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    ]
    if tables and "_migrations" not in tables:
        shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
        raise StoreError(
            f"{path} is not a Sentences database (it holds {shown}); it is left as it is: "
            "choose another data home with --home, or move the file aside"
        )


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """All-or-nothing block: commit on success, roll back on any exception.

    ``BEGIN IMMEDIATE`` takes the write lock up front, so two writers wait for each other (up to
    the busy timeout) instead of failing halfway through.
    """
    conn = db.conn
    if conn.in_transaction:
        savepoint = "sp_nested"
        conn.execute(f"SAVEPOINT {savepoint}")
        try:
            yield db
        except BaseException:
            conn.execute(f"ROLLBACK TO {savepoint}")
            conn.execute(f"RELEASE {savepoint}")
            raise
        conn.execute(f"RELEASE {savepoint}")
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        raise StoreError(describe_db_error(exc, database_file(db) or "reader.db")) from exc
    joining = isinstance(conn, JoiningConnection)
    if joining:
        conn.held += 1  # the table API's writes inside join this transaction
    try:
        yield db
    except BaseException:
        conn.rollback()
        raise
    finally:
        if joining:
            conn.held -= 1
    conn.commit()


def table(db: sqlite_utils.Database, name: str) -> Table:
    """The table ``name``, for sqlite-utils' table API (``.insert``, ``.insert_all``; the rule is
    in docs/storage.md). It must be in the schema: sqlite-utils would quietly create a missing
    one, guessing its columns' types, where a misspelt name has to fail."""
    found = db.table(name)
    if not isinstance(found, Table) or not found.exists():
        raise sqlite3.OperationalError(f"no such table: {name}")
    return found
