"""Numbered schema migrations, recorded in the database itself.

Each migration is one SQL file in ``reader/store/schema/``, named ``NNNN_name.sql``, applied once,
in order, inside one transaction together with the row that records it, so a database is always
at exactly one known set of migrations. One file per migration means that work on different
subjects adds files and never edits a shared list. Add a migration by adding a file with the next
free number; never edit one that has shipped.

Migrations run strictly by number. A database that misses one below the highest it has (a
migration from a branch merged after a later one shipped) gets the missing ones in number order,
the same order a fresh database gets them. The shipped numbers run without a gap, but for the
:data:`RETIRED` ones, which never shipped and are never used again; a gap is an error in
development (:func:`gaps`, checked by the tests), not something the runner guesses about.

Two processes may open a fresh data home at the same moment, so each migration re-reads what is
applied after taking the write lock (``BEGIN IMMEDIATE``) and skips what the other one did.

The schema is the learner's open, documented data: see ``docs/schema.md``.
"""

from __future__ import annotations

import importlib
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from pathlib import Path

import sqlite_utils

from reader.store.backup import backup_to, database_file, has_data

_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

RETIRED = frozenset({11, 12, 13})
"""Numbers no migration will ever have: 0011-0013 were taken by work that was dropped before
it shipped, while 0014 had already reached learners' databases and cannot be renumbered."""


@dataclass(frozen=True, slots=True)
class Migration:
    number: int
    name: str
    script: str


@cache
def migrations() -> tuple[Migration, ...]:
    """Every migration shipped with the program, in order."""
    found: list[Migration] = []
    for entry in resources.files("reader.store").joinpath("schema").iterdir():
        match = _FILE.match(entry.name)
        if match:
            found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8")))
    found.sort(key=lambda m: m.number)
    numbers = [m.number for m in found]
    if len(set(numbers)) != len(numbers):
        raise RuntimeError(f"two schema migrations share a number: {numbers}")
    return tuple(found)


def gaps(numbers: list[int] | None = None) -> list[int]:
    """The numbers missing among the shipped migrations (or ``numbers``), retired ones aside:
    none, in a release."""
    if numbers is None:
        numbers = [m.number for m in migrations()]
    if not numbers:
        return []
    taken = set(numbers) | RETIRED
    return [n for n in range(1, max(numbers)) if n not in taken]


def latest_version() -> int:
    return migrations()[-1].number


def now() -> str:
    """UTC timestamps in ISO 8601, so they sort and compare as text."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def applied_numbers(db: sqlite_utils.Database) -> set[int]:
    if not db["_migrations"].exists():
        return set()
    return {int(row[0]) for row in db.execute("SELECT number FROM _migrations")}


def current_version(db: sqlite_utils.Database) -> int:
    return max(applied_numbers(db), default=0)


def migrate(db: sqlite_utils.Database, *, upto: int | None = None, backup: bool = True) -> int:
    """Bring the schema up to date; returns the number of migrations applied.

    Args:
        upto: Apply only the migrations numbered up to this (tests and benchmarks build
            databases as earlier versions of the program left them).
        backup: Before upgrading a database that holds data, keep a copy of it beside the file
            (:func:`backup_path`), made with the online backup API: a migration that goes wrong,
            or a newer program the learner wants to step back from, loses nothing.
    """
    conn = db.conn
    conn.execute(
        "CREATE TABLE IF NOT EXISTS _migrations "
        "(number INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    if conn.in_transaction:
        conn.commit()
    known = migrations()
    version = current_version(db)
    if version > known[-1].number:
        raise sqlite3.DatabaseError(
            f"database schema version {version} is newer than this program's {known[-1].number}"
        )
    done = applied_numbers(db)
    # in number order, those missing below the highest applied included
    pending = [m for m in known if m.number not in done and (upto is None or m.number <= upto)]
    pending.sort(key=lambda m: m.number)
    if pending and done and backup:
        _keep_a_copy(db, pending[0].number)
    applied = 0
    for migration in pending:
        applied += _apply(conn, migration)
    return applied


FOREIGN_KEYS_OFF = "-- foreign_keys: off"
"""First line of a migration that rebuilds a table others refer to (SQLite's way to change a
column's definition: create the new table, copy, drop the old, rename). Dropping the old table
with foreign keys on would delete every row that refers to it (``ON DELETE CASCADE``), and the
pragma cannot change inside a transaction, so the runner turns foreign keys off around such a
migration and checks them all before committing."""


def rebuilds_tables(script: str) -> bool:
    return script.lstrip().startswith(FOREIGN_KEYS_OFF)


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    """Apply one migration in its own ``BEGIN IMMEDIATE`` transaction; False if another process
    applied it while we waited for the lock. One that rebuilds tables runs with foreign keys
    off and has them all checked before it commits (see :data:`FOREIGN_KEYS_OFF`)."""
    rebuild = rebuilds_tables(migration.script)
    enforced = rebuild and bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    if rebuild:
        conn.execute("PRAGMA foreign_keys = OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute(
                "SELECT 1 FROM _migrations WHERE number = ?", (migration.number,)
            ).fetchone():
                conn.rollback()
                return False
            for step in steps(migration.script):
                if callable(step):
                    step(conn)
                else:
                    conn.execute(step)
            broken = conn.execute("PRAGMA foreign_key_check").fetchall() if rebuild else []
            if broken:
                raise sqlite3.IntegrityError(
                    f"migration {migration.number} would break {len(broken)} references"
                )
            conn.execute(
                "INSERT INTO _migrations (number, name, applied_at) VALUES (?, ?, ?)",
                (migration.number, migration.name, now()),
            )
        except BaseException:
            conn.rollback()
            raise
        conn.commit()
        return True
    finally:
        if enforced:
            conn.execute("PRAGMA foreign_keys = ON")


def backup_path(database: Path, first_pending: int) -> Path:
    """Where the copy taken before applying migration ``first_pending`` is kept:
    ``reader-before-0011.db`` beside ``reader.db``."""
    return database.with_name(f"{database.stem}-before-{first_pending:04d}{database.suffix}")


def _keep_a_copy(db: sqlite_utils.Database, first_pending: int) -> None:
    file = database_file(db)
    if file is None or not has_data(db):
        return
    target = backup_path(file, first_pending)
    if not target.exists():  # another process got there first: its copy is the older state
        backup_to(db, target)


PYTHON_STEP = re.compile(r"^-- python: ([a-z0-9_.]+):([a-z0-9_]+)\s*$", re.MULTILINE)
"""A line of a migration naming a function of the program to call at that point, with the
connection, inside the migration's transaction: for a conversion SQL cannot express (migration
0017 re-encodes every token). The function must stay as it shipped, as the SQL does."""


def steps(script: str) -> list[str | Callable[[sqlite3.Connection], None]]:
    """The statements of a script, with its Python steps (:data:`PYTHON_STEP`) in place."""
    out: list[str | Callable[[sqlite3.Connection], None]] = []
    position = 0
    for match in PYTHON_STEP.finditer(script):
        out += statements(script[position : match.start()])
        module = importlib.import_module(match[1])
        out.append(getattr(module, match[2]))
        position = match.end()
    out += statements(script[position:])
    return out


def statements(script: str) -> list[str]:
    """Split a script into complete statements, so it runs inside our transaction
    (``executescript`` would commit first). ``sqlite3.complete_statement`` decides where one
    ends, so a ';' inside a string, a comment or a trigger body does not cut it."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            statement = buffer.strip()
            if _has_code(statement):
                out.append(statement)
            buffer = ""
    if _has_code(buffer):
        raise ValueError(f"incomplete SQL statement in a migration: {buffer.strip()[:60]}")
    return out


def _has_code(sql: str) -> bool:
    """True when ``sql`` holds more than comments and whitespace."""
    for line in sql.splitlines():
        code = line.split("--", 1)[0].strip()
        if code and code != ";":
            return True
    return False
