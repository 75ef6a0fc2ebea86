"""A big write's log is copied into the database file by a thread of its own (issue 19: the
dictionary import's commit no longer waits for the copy)."""

from __future__ import annotations

from pathlib import Path

from reader.store.checkpoint import checkpoint_beside
from reader.store.db import open_db, transaction


def _write(db, count: int) -> None:  # type: ignore[no-untyped-def]
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO lex_sources (name, kind, lang, enabled, priority, entry_count, "
            "imported_at) VALUES (?, 'tsv', 'en', 1, 100, 0, '2026-12-07')",
            [(f"source {i} " + "x" * 200,) for i in range(count)],
        )


def test_the_log_is_copied_by_the_thread_once_started_and_the_setting_is_put_back(
    tmp_path: Path,
) -> None:
    path = tmp_path / "reader.db"
    db = open_db(path)
    kept = db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = path.stat().st_size
    with checkpoint_beside(db) as checkpoint:
        _write(db, 20_000)  # about 5 MB: past the automatic checkpoint's 1,000 pages
        assert path.stat().st_size == size  # committed to the log, not yet copied
        checkpoint.start()
    assert path.stat().st_size > size + 2_000_000  # copied into the database file
    assert db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == kept
    assert db.conn.execute("SELECT COUNT(*) FROM lex_sources").fetchone()[0] == 20_000


def test_a_block_that_fails_before_starting_leaves_the_setting_as_it_was(tmp_path: Path) -> None:
    db = open_db(tmp_path / "reader.db")
    kept = db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0]
    try:
        with checkpoint_beside(db):
            raise ValueError("a broken file")
    except ValueError:
        pass
    assert db.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == kept
