"""The store: migrations, WAL, transactions, and damaged or locked files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from reader.store import StoreError, open_db, table, transaction
from reader.store.migrations import current_version, latest_version, migrations, statements


def test_new_database_is_migrated_and_recorded(db_path: Path) -> None:
    db = open_db(db_path)
    assert current_version(db) == latest_version()
    rows = db.execute("SELECT number, name FROM _migrations ORDER BY number").fetchall()
    assert [r[0] for r in rows] == [m.number for m in migrations()]
    assert {"texts", "sentences", "sentence_tokens", "occurrences", "lemmas", "terms",
            "term_history", "positions"} <= set(db.table_names())  # fmt: skip
    assert "tokens" not in db.table_names()  # one row per token until 0017
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_reopening_applies_nothing_twice(db_path: Path) -> None:
    open_db(db_path).close()
    db = open_db(db_path)
    assert db.execute("SELECT COUNT(*) FROM _migrations").fetchone()[0] == len(migrations())


def test_transaction_rolls_back_everything_on_error(fresh_db: sqlite_utils.Database) -> None:
    with pytest.raises(RuntimeError), transaction(fresh_db):
        fresh_db.execute(
            "INSERT INTO terms (lang, key, status, created_at, updated_at) "
            "VALUES ('en', 'a', 0, 'x', 'x')"
        )
        raise RuntimeError("boom")
    assert fresh_db.execute("SELECT COUNT(*) FROM terms").fetchone()[0] == 0


def test_damaged_file_is_a_one_line_error_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "reader.db"
    garbage = b"this is not sqlite" * 200
    path.write_bytes(garbage)
    with pytest.raises(StoreError) as info:
        open_db(path)
    assert "damaged" in str(info.value) and "\n" not in str(info.value)
    assert path.read_bytes() == garbage


def test_newer_schema_is_refused(db_path: Path) -> None:
    db = open_db(db_path)
    db.execute("INSERT INTO _migrations VALUES (999, 'future', 'x')")
    db.conn.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        open_db(db_path)


def test_locked_database_is_reported(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reader.store.db as store_db

    open_db(db_path).close()
    monkeypatch.setattr(store_db, "BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(db_path)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        db = sqlite_utils.Database(sqlite3.connect(db_path, timeout=0.05))
        with pytest.raises(StoreError, match="locked"), transaction(db):
            pass
    finally:
        holder.rollback()
        holder.close()


def test_statements_split_where_sqlite_says_a_statement_ends() -> None:
    script = """
    -- a comment; with a semicolon
    CREATE TABLE t (a TEXT DEFAULT 'x;y');
    CREATE TRIGGER t_ai AFTER INSERT ON t BEGIN
        UPDATE t SET a = 'z;' WHERE rowid = new.rowid;
    END;
    """
    found = statements(script)
    assert len(found) == 2
    assert found[1].endswith("END;")
    db = sqlite_utils.Database(memory=True)
    for statement in found:
        db.execute(statement)
    db.execute("INSERT INTO t (a) VALUES ('q')")
    assert db.execute("SELECT a FROM t").fetchone()[0] == "z;"


def test_the_table_api_inside_a_transaction_is_all_or_nothing_with_it(db_path: Path) -> None:
    """sqlite-utils ends each table-API write with ``with conn:``, a COMMIT of whatever is
    open; inside :func:`transaction` it joins the transaction instead, so a failure after it
    leaves nothing half written."""
    db = open_db(db_path)
    row = {"lang": "en", "key": "a", "status": 1, "created_at": "x", "updated_at": "x"}
    with pytest.raises(RuntimeError), transaction(db):
        db.execute(
            "INSERT INTO terms (lang, key, status, created_at, updated_at) "
            "VALUES ('en', 'b', 1, 'x', 'x')"
        )
        db["terms"].insert(row)
        assert db.conn.in_transaction
        raise RuntimeError("boom")
    assert db["terms"].count == 0

    with transaction(db):
        db["terms"].insert(row)
    db["terms"].insert({**row, "key": "c"})  # outside a transaction: committed at once
    other = open_db(db_path)
    assert [r[0] for r in other.execute("SELECT key FROM terms ORDER BY key")] == ["a", "c"]


def test_a_misspelt_table_fails_instead_of_being_made(fresh_db: sqlite_utils.Database) -> None:
    """sqlite-utils' insert creates a missing table; ``reader.store.table`` refuses it."""
    with pytest.raises(sqlite3.OperationalError, match="no such table: term_histroy"):
        table(fresh_db, "term_histroy").insert({"term_id": 1})
    assert not fresh_db["term_histroy"].exists()
    assert table(fresh_db, "terms").count == 0
