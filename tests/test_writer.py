"""The writer thread: order, coalescing, a locked database, failures shown once, never dropped."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlite_utils

from reader.store import open_db
from reader.store.writer import DirectWrites, WriteError, Writer


@contextmanager
def write_lock(path: Path) -> Iterator[sqlite3.Connection]:
    """Another program holding the database's write lock (``BEGIN IMMEDIATE``) until released."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")
        conn.close()


def fast_writer(path: Path, **kwargs: object) -> Writer:
    options: dict[str, object] = {
        "retry_pauses": (0.02, 0.05),
        "kept_retry_every": 0.05,
        "busy_timeout_ms": 50,
    }
    options.update(kwargs)
    return Writer(path, **options).start()  # type: ignore[arg-type]


def insert(value: str) -> object:
    def write(db: sqlite_utils.Database) -> None:
        db.execute("INSERT INTO events (at, kind, detail) VALUES ('t', 'test', ?)", (value,))

    return write


def details(path: Path) -> list[str]:
    check = open_db(path)
    try:
        rows = check.execute("SELECT detail FROM events WHERE kind = 'test' ORDER BY id")
        return [r[0] for r in rows]
    finally:
        check.close()


def test_writes_land_in_order(db_path: Path) -> None:
    open_db(db_path).close()
    writer = fast_writer(db_path)
    for n in range(50):
        writer.submit(insert(str(n)), label=f"write {n}")  # type: ignore[arg-type]
    assert writer.flush(timeout=10)
    assert details(db_path) == [str(n) for n in range(50)]
    assert writer.close() == []


def test_a_keyed_write_replaces_the_one_still_waiting(db_path: Path) -> None:
    """Ten quick moves save the position once, the last one, after the writes before it."""
    open_db(db_path).close()
    writer = fast_writer(db_path)
    with write_lock(db_path):  # nothing lands while the moves are queued
        writer.submit(insert("a"), label="a")  # type: ignore[arg-type]
        for n in range(10):
            writer.submit(insert(f"position {n}"), label="position", key="position")  # type: ignore[arg-type]
        writer.submit(insert("b"), label="b")  # type: ignore[arg-type]
        assert writer.pending <= 4
    assert writer.flush(timeout=10)
    landed = details(db_path)
    assert landed[-1] == "b" and "position 9" in landed
    moves = [d for d in landed if d.startswith("position")]
    assert moves in (["position 9"], ["position 0", "position 9"])  # 0 may have been running
    writer.close()


def test_a_locked_database_keeps_the_write_and_reports_it_once(db_path: Path) -> None:
    open_db(db_path).close()
    errors: list[WriteError] = []
    recovered: list[str] = []
    writer = fast_writer(db_path, on_error=errors.append, on_recovered=recovered.append)
    with write_lock(db_path):
        writer.submit(insert("first"), label="your place in the text")  # type: ignore[arg-type]
        writer.submit(insert("second"), label="a lookup")  # type: ignore[arg-type]
        deadline = time.monotonic() + 5
        while not errors and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.5)  # many more retries while locked: still one message
        assert len(errors) == 1
        assert errors[0].kept and "locked" in errors[0].message
        assert errors[0].label == "your place in the text"
        assert writer.pending == 2 and details(db_path) == []
    assert writer.flush(timeout=10)
    assert details(db_path) == ["first", "second"]  # kept, in order, nothing dropped
    assert recovered == ["your place in the text"]
    assert len(errors) == 1
    writer.close()


def test_a_broken_write_is_reported_and_the_rest_go_on(db_path: Path) -> None:
    open_db(db_path).close()
    errors: list[WriteError] = []
    writer = fast_writer(db_path, on_error=errors.append)

    def broken(db: sqlite_utils.Database) -> None:
        db.execute("INSERT INTO events (at, kind, detail) VALUES ('t', 'test', 'half')")
        db.execute("INSERT INTO nowhere VALUES (1)")

    writer.submit(broken, label="a broken write")
    writer.submit(insert("after"), label="after")  # type: ignore[arg-type]
    assert writer.flush(timeout=10)
    assert details(db_path) == ["after"]  # the broken write left nothing half done
    assert len(errors) == 1 and not errors[0].kept and "nowhere" in errors[0].message
    writer.close()


def test_on_done_gets_the_result_and_callbacks_cannot_kill_the_thread(db_path: Path) -> None:
    open_db(db_path).close()
    results: list[object] = []

    def explode(_result: object) -> None:
        raise RuntimeError("a screen's callback failed")

    writer = fast_writer(db_path)
    writer.submit(lambda db: 41, label="x", on_done=explode)
    writer.submit(lambda db: 42, label="y", on_done=results.append)
    assert writer.flush(timeout=10)
    assert results == [42]
    writer.close()


def test_close_names_what_could_not_be_saved(db_path: Path) -> None:
    open_db(db_path).close()
    writer = fast_writer(db_path)
    with write_lock(db_path):
        writer.submit(insert("x"), label="status of “delve”")  # type: ignore[arg-type]
        assert not writer.flush(timeout=0.2)
        assert writer.close(timeout=0.1) == ["status of “delve”"]
    with pytest.raises(RuntimeError):
        writer.submit(insert("y"), label="late")  # type: ignore[arg-type]


def test_flush_does_not_wait_on_the_submitting_thread(db_path: Path) -> None:
    """Writes submitted from several threads (screens and workers) all land."""
    open_db(db_path).close()
    writer = fast_writer(db_path)

    def many(prefix: str) -> None:
        for n in range(20):
            writer.submit(insert(f"{prefix}{n}"), label="x")  # type: ignore[arg-type]

    threads = [threading.Thread(target=many, args=(p,)) for p in "abc"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert writer.flush(timeout=10)
    landed = details(db_path)
    assert len(landed) == 60
    for prefix in "abc":
        mine = [d for d in landed if d.startswith(prefix)]
        assert mine == [f"{prefix}{n}" for n in range(20)]
    writer.close()


def test_direct_writes_run_at_once_and_raise(fresh_db: sqlite_utils.Database) -> None:
    sink = DirectWrites(fresh_db)
    sink.submit(insert("now"), label="now")  # type: ignore[arg-type]
    assert fresh_db.execute("SELECT detail FROM events").fetchone()[0] == "now"
    with pytest.raises(sqlite3.OperationalError):
        sink.submit(lambda db: db.execute("SELECT * FROM nowhere"), label="bad")
    seen: list[WriteError] = []
    sink.submit(lambda db: db.execute("SELECT * FROM nowhere"), label="bad", on_error=seen.append)
    assert len(seen) == 1 and not seen[0].kept


def test_settling_writes_land_after_a_while_or_at_once_when_waited_for(db_path: Path) -> None:
    """The reading screen's writes wait out its frame (``settle``); a flush does not wait."""
    open_db(db_path).close()
    writer = fast_writer(db_path, settle=0.3)
    started = time.monotonic()
    writer.submit(insert("settled"), label="settled")  # type: ignore[arg-type]
    time.sleep(0.1)
    assert details(db_path) == [] and writer.pending == 1 and not writer.behind()
    for _ in range(100):
        if details(db_path):
            break
        time.sleep(0.02)
    assert details(db_path) == ["settled"] and time.monotonic() - started >= 0.3
    writer.submit(insert("flushed"), label="flushed")  # type: ignore[arg-type]
    started = time.monotonic()
    assert writer.flush(timeout=5)
    assert time.monotonic() - started < 0.25
    assert details(db_path) == ["settled", "flushed"]
    assert writer.close() == []
