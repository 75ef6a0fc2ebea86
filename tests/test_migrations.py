"""Migrations: racing processes, upgrades from every earlier version with data, the copy kept
before an upgrade, and an index on every foreign-key child column."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from reader.store import migrations as migrations_module
from reader.store import open_db
from reader.store.migrations import (
    RETIRED,
    Migration,
    applied_numbers,
    backup_path,
    current_version,
    gaps,
    migrate,
    migrations,
)
from reader.store.tokens import sentence_tokens, store_tokens

STAMP = "2026-01-02T03:04:05+00:00"


def raw_db(path: Path) -> sqlite_utils.Database:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(str(path)))
    db.execute("PRAGMA foreign_keys = ON")
    return db


def fill(db: sqlite_utils.Database) -> None:
    """A learner's data, written with the columns of the first schema, as an old program did."""
    conn = db.conn
    with conn:
        conn.execute(
            "INSERT INTO texts (id, title, lang, source, sha256, content, sentence_count, "
            "word_count, created_at, last_read_at) VALUES "
            "(1, 'A story', 'en', 'story.txt', 'abc', 'The cat sat. It slept.', 2, 5, ?, ?)",
            (STAMP, STAMP),
        )
        conn.executemany(
            'INSERT INTO sentences (id, text_id, idx, paragraph, start, "end", text) '
            "VALUES (?, 1, ?, 0, ?, ?, ?)",
            [(1, 0, 0, 12, "The cat sat."), (2, 1, 13, 22, "It slept.")],
        )
        if db["tokens"].exists():
            conn.executemany(
                'INSERT INTO tokens (text_id, sentence_id, idx, start, "end", surface, lemma, '
                "pos, is_word, term_key) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(sid, i, *t[1:3], t[0], t[3], t[4], int(t[5]), t[3] if t[5] else None)
                 for sid, tokens in TOKENS.items() for i, t in enumerate(tokens)],
            )  # fmt: skip
        else:
            store_tokens(conn, 1, [(1, 0, 0, TOKENS[1]), (2, 1, 13, TOKENS[2])])
        conn.execute(
            "INSERT INTO terms (id, lang, key, status, gloss, created_at, updated_at) "
            "VALUES (1, 'en', 'cat', 2, 'a small feline; sat', ?, ?)",
            (STAMP, STAMP),
        )
        conn.execute(
            "INSERT INTO term_history (term_id, old_status, new_status, at) VALUES (1, NULL, 2, ?)",
            (STAMP,),
        )
        conn.execute(
            "INSERT INTO positions (text_id, sentence_idx, furthest_idx, updated_at) "
            "VALUES (1, 1, 1, ?)",
            (STAMP,),
        )
        conn.execute("INSERT INTO sentence_marks VALUES (2, 'partly', ?)", (STAMP,))
        conn.executemany(
            "INSERT INTO events (at, kind, text_id, sentence_id, term_key) VALUES (?, ?, 1, ?, ?)",
            [(STAMP, "read", 1, None), (STAMP, "lookup", 1, "cat"), (STAMP, "read", 2, None)],
        )


TOKENS = {
    1: [("The", 0, 3, "the", "DET", True), ("cat", 4, 7, "cat", "NOUN", True),
        ("sat", 8, 11, "sit", "VERB", True), (".", 11, 12, ".", "PUNCT", False)],
    2: [("It", 13, 15, "it", "PRON", True), ("slept", 16, 21, "sleep", "VERB", True)],
}  # fmt: skip


def stored_tokens(db: sqlite_utils.Database) -> list[tuple[object, ...]]:
    """Every token as (sentence id, idx, surface, start, end, lemma, pos, is_word, term_key),
    from the one-row-per-token table of the older schemas or the compact one of 0017."""
    if db["tokens"].exists():
        rows = db.execute(
            'SELECT sentence_id, idx, surface, start, "end", lemma, pos, is_word, term_key '
            "FROM tokens ORDER BY sentence_id, idx"
        ).fetchall()
        return [(*r[:7], bool(r[7]), r[8]) for r in rows]
    return [
        (sid, *t)
        for (sid,) in db.execute("SELECT id FROM sentences ORDER BY id").fetchall()
        for t in sentence_tokens(db.conn, sid)
    ]


LEARNER_DATA = {
    "SELECT title, content, sentence_count FROM texts": [("A story", "The cat sat. It slept.", 2)],
    "SELECT idx, text FROM sentences ORDER BY idx": [(0, "The cat sat."), (1, "It slept.")],
    "SELECT key, status, gloss FROM terms": [("cat", 2, "a small feline; sat")],
    "SELECT old_status, new_status, at FROM term_history": [(None, 2, STAMP)],
    "SELECT sentence_idx, furthest_idx FROM positions": [(1, 1)],
    "SELECT sentence_id, mark FROM sentence_marks": [(2, "partly")],
    "SELECT kind, sentence_id, term_key FROM events ORDER BY id": [
        ("read", 1, None),
        ("lookup", 1, "cat"),
        ("read", 2, None),
    ],
}


def assert_learner_data(db: sqlite_utils.Database) -> None:
    for query, expected in LEARNER_DATA.items():
        assert [tuple(r) for r in db.execute(query).fetchall()] == expected, query
    assert stored_tokens(db) == [
        (sid, i, t[0], t[1], t[2], t[3], t[4], t[5], t[3].lower() if t[5] else None)
        for sid, tokens in TOKENS.items()
        for i, t in enumerate(tokens)
    ]


EARLIER = [m.number for m in migrations()][:-1]


@pytest.mark.parametrize("version", EARLIER)
def test_upgrading_from_every_earlier_version_keeps_the_data(tmp_path: Path, version: int) -> None:
    path = tmp_path / "reader.db"
    old = raw_db(path)
    migrate(old, upto=version)
    assert current_version(old) == version
    fill(old)
    old.close()

    db = open_db(path)  # what a newer program does on opening it
    assert [int(r[0]) for r in db.execute("SELECT number FROM _migrations ORDER BY number")] == [
        m.number for m in migrations()
    ]
    assert_learner_data(db)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.close()

    first_pending = next(m.number for m in migrations() if m.number > version)
    kept = backup_path(path, first_pending)
    assert kept.exists(), "a copy is kept before upgrading a database with data"
    copy = raw_db(kept)
    assert current_version(copy) == version
    assert_learner_data(copy)
    copy.close()


def test_a_fresh_database_gets_no_backup_copy(db_path: Path) -> None:
    open_db(db_path).close()
    assert sorted(p.name for p in db_path.parent.iterdir() if p.suffix == ".db") == ["reader.db"]


def test_an_empty_old_database_is_upgraded_without_a_copy(db_path: Path) -> None:
    old = raw_db(db_path)
    migrate(old, upto=1)
    old.close()
    open_db(db_path).close()
    assert not backup_path(db_path, 2).exists()


def _open_at_once(path: str, barrier: object, results: object) -> None:
    """A process opening the data home at the same moment as the others."""
    from reader.store import open_db

    barrier.wait()  # type: ignore[attr-defined]
    try:
        db = open_db(path)
        version = int(db.execute("SELECT MAX(number) FROM _migrations").fetchone()[0])
        db.close()
        results.put(("ok", version))  # type: ignore[attr-defined]
    except BaseException as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}"))  # type: ignore[attr-defined]


def test_processes_creating_a_fresh_data_home_at_once(tmp_path: Path) -> None:
    path = tmp_path / "fresh" / "reader.db"
    context = multiprocessing.get_context("spawn")
    count = 4
    barrier = context.Barrier(count)
    results = context.Queue()
    processes = [
        context.Process(target=_open_at_once, args=(str(path), barrier, results))
        for _ in range(count)
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    assert outcomes == [("ok", migrations()[-1].number)] * count
    db = open_db(path)
    numbers = [int(r[0]) for r in db.execute("SELECT number FROM _migrations ORDER BY number")]
    assert numbers == [m.number for m in migrations()]  # each applied exactly once
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _indexed_leading_columns(db: sqlite_utils.Database, table: str) -> set[str]:
    columns: set[str] = set()
    for index in db.execute(f'PRAGMA index_list("{table}")').fetchall():
        info = db.execute(f'PRAGMA index_info("{index[1]}")').fetchall()
        if info:
            columns.add(str(info[0][2]))
    pk = [r for r in db.execute(f'PRAGMA table_info("{table}")').fetchall() if r[5]]
    if len(pk) == 1:
        columns.add(str(pk[0][1]))  # INTEGER PRIMARY KEY: the rowid itself
    return columns


def test_every_foreign_key_child_column_has_an_index(fresh_db: sqlite_utils.Database) -> None:
    """Deleting a parent finds its children by index: no scan of a whole table per row."""
    missing = []
    for table in fresh_db.table_names():
        indexed = _indexed_leading_columns(fresh_db, table)
        for fk in fresh_db.execute(f'PRAGMA foreign_key_list("{table}")').fetchall():
            if fk[3] not in indexed:
                missing.append(f"{table}.{fk[3]}")
    assert missing == []


# -- strictly by number -----------------------------------------------------------------------


def test_the_shipped_migrations_have_no_gap_but_the_retired_numbers() -> None:
    numbers = [m.number for m in migrations()]
    assert gaps() == [], f"migration numbers missing: {gaps()} (retired: {sorted(RETIRED)})"
    assert not RETIRED & set(numbers), "a retired number is used again"


def test_a_gap_is_found() -> None:
    assert gaps([1, 2, 3, 5]) == [4]
    assert gaps([*range(1, 11), 14, 16]) == [15]  # 0011-0013 are retired
    assert gaps([*range(1, 11), 14, 15]) == []


def _fake(numbers: list[int]) -> tuple[Migration, ...]:
    """Migrations that each record their number in a table, so the order they ran in shows."""
    first = Migration(1, "start", "CREATE TABLE ran (number INTEGER, seq INTEGER PRIMARY KEY);")
    rest = [Migration(n, f"m{n}", f"INSERT INTO ran (number) VALUES ({n});") for n in numbers]
    return (first, *rest)


def test_a_database_missing_a_lower_migration_gets_it_in_number_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = raw_db(tmp_path / "reader.db")
    # a branch's program applied 2 and 5; the release ships 3 and 4, then 6
    monkeypatch.setattr(migrations_module, "migrations", lambda: _fake([2, 5]))
    migrate(db, backup=False)
    monkeypatch.setattr(migrations_module, "migrations", lambda: _fake([2, 3, 4, 5, 6]))
    assert migrate(db, backup=False) == 3
    ran = [r[0] for r in db.execute("SELECT number FROM ran ORDER BY seq")]
    assert ran == [2, 5, 3, 4, 6]  # 3 and 4 below 5, in number order, before 6
    assert applied_numbers(db) == {1, 2, 3, 4, 5, 6}


def test_a_fresh_database_gets_them_in_number_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = raw_db(tmp_path / "reader.db")
    shuffled = _fake([4, 2, 3])  # as a directory may list them
    monkeypatch.setattr(migrations_module, "migrations", lambda: shuffled)
    migrate(db, backup=False)
    assert [r[0] for r in db.execute("SELECT number FROM ran ORDER BY seq")] == [2, 3, 4]
