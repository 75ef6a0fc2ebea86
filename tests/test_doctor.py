"""A damaged or foreign database file, ``sentences doctor``, ``sentences backup``, and kill -9."""

from __future__ import annotations

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import sqlite_utils
from _paths import BOOK, SEED
from click.testing import CliRunner

from reader.cli import main
from reader.learn import progress
from reader.learn.status import KNOWN, get_term, set_gloss, set_status
from reader.store import open_db
from reader.text.importer import import_text
from reader.text.load import load_path


def sentences(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def learner_home(db_path: Path) -> int:
    """A data home with a text read halfway, statuses, a gloss, a mark; all in the main file."""
    db = open_db(db_path)
    text_id = import_text(db, load_path(SEED)).text_id
    for idx in range(12):
        progress.set_position(db, text_id, idx)
    progress.set_position(db, text_id, 9)
    set_status(db, "coalition", 3)
    set_status(db, "delve", KNOWN)
    set_gloss(db, "heir", "successor")
    sentence_id = db.execute(
        "SELECT id FROM sentences WHERE text_id = ? AND idx = 40", (text_id,)
    ).fetchone()[0]
    progress.mark_sentence(db, sentence_id, "partly")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return text_id


def damage_pages_of(path: Path, table: str, pages: int = 1, first: int | None = None) -> list[int]:
    """Overwrite leaf pages in the middle of ``table`` with garbage, as a bad disk would."""
    conn = sqlite3.connect(str(path))
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    leaves = [
        int(r[0])
        for r in conn.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno",
            (table,),
        )
    ]
    conn.close()
    start = len(leaves) // 2 if first is None else first
    chosen = leaves[start : start + pages]
    assert len(chosen) == pages and len(leaves) > pages, f"{table} is too small to damage"
    with path.open("r+b") as handle:
        for page in chosen:
            handle.seek((page - 1) * size)
            handle.write(bytes([0xA5]) * size)
    return chosen


def test_a_file_that_is_not_a_database_is_named_and_kept(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_bytes(b"my shopping list\n" * 300)
    before = digest(db_path)
    code, _, err = sentences("texts")
    assert code == 1 and err.count("\n") == 1
    assert str(db_path) in err and "doctor" in err
    code, out, err = sentences("doctor")
    assert code == 1 and "cannot be read" in out
    code, _, err = sentences("doctor", "--rescue")
    assert code == 1 and "left as it was" in err
    assert digest(db_path) == before


def test_another_programs_database_is_not_taken_over(db_path: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    other = sqlite3.connect(str(db_path))
    other.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    other.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    other.commit()
    other.close()
    before = digest(db_path)
    code, _, err = sentences("import", str(SEED))
    assert code == 1 and err.count("\n") == 1
    assert "not a Sentences database" in err and "moz_places" in err and str(db_path) in err
    assert digest(db_path) == before  # no table of ours was added to it


def test_doctor_says_a_whole_database_is_ok(db_path: Path) -> None:
    learner_home(db_path)
    code, out, _ = sentences("doctor")
    assert code == 0 and "ok (integrity_check)" in out and "1 texts" in out


def test_doctor_rescues_the_learners_data_from_damaged_pages(db_path: Path) -> None:
    text_id = learner_home(db_path)
    damage_pages_of(db_path, "sentence_tokens", pages=1)
    damage_pages_of(db_path, "sentences", pages=1, first=0)  # the first sentences are lost
    damaged_bytes = digest(db_path)

    code, out, err = sentences("doctor")
    assert code == 1 and "is damaged" in out and "--rescue" in err
    code, out, _ = sentences("doctor", "--rescue")
    assert code == 0, out
    kept = next(db_path.parent.glob("reader-damaged-*.db"))
    assert digest(kept) == damaged_bytes  # the damaged file, untouched, beside the new one
    assert "analysed again" in out

    db = open_db(db_path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert get_term(db, "coalition").status == 3
    assert get_term(db, "delve").status == KNOWN
    assert get_term(db, "heir").gloss == "successor"
    assert progress.get_position(db, text_id) == 9
    assert progress.get_furthest(db, text_id) == 11
    count = db.execute("SELECT sentence_count FROM texts WHERE id = ?", (text_id,)).fetchone()[0]
    rows = db.execute("SELECT COUNT(*) FROM sentences WHERE text_id = ?", (text_id,)).fetchone()
    assert rows[0] == count > 50  # the text is whole again, read from its content
    untokenized = db.execute(
        "SELECT COUNT(*) FROM sentences s WHERE s.text_id = ? AND NOT EXISTS "
        "(SELECT 1 FROM sentence_tokens k WHERE k.sentence_id = s.id)",
        (text_id,),
    ).fetchone()[0]
    assert untokenized == 0
    mark = db.execute(
        "SELECT s.idx, m.mark FROM sentence_marks m JOIN sentences s ON s.id = m.sentence_id"
    ).fetchall()
    assert mark == [(40, "partly")]  # it follows its sentence into the new rows
    history = db.execute("SELECT COUNT(*) FROM term_history").fetchone()[0]
    assert history == 2
    db.close()
    code, out, _ = sentences("texts", "--json")
    assert code == 0


def test_doctor_rescue_on_a_whole_database_changes_nothing(db_path: Path) -> None:
    learner_home(db_path)
    before = digest(db_path)
    code, out, _ = sentences("doctor", "--rescue")
    assert code == 0 and "Nothing to rescue" in out
    assert digest(db_path) == before
    assert not list(db_path.parent.glob("reader-damaged-*"))


def test_backup_is_consistent_while_another_program_writes(db_path: Path, tmp_path: Path) -> None:
    learner_home(db_path)
    writer = sqlite3.connect(str(db_path), isolation_level=None)
    writer.execute("INSERT INTO events (at, kind) VALUES ('t', 'committed, still in the WAL')")
    writer.execute("BEGIN IMMEDIATE")  # the reader in the middle of a write
    writer.execute("INSERT INTO events (at, kind) VALUES ('t', 'not committed')")
    try:
        out = tmp_path / "copy.db"
        code, printed, err = sentences("backup", str(out))
        assert code == 0, err
        assert printed.strip() == str(out)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    copy = sqlite_utils.Database(sqlite3.connect(str(out)))
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    kinds = {r[0] for r in copy.execute("SELECT kind FROM events")}
    assert "committed, still in the WAL" in kinds and "not committed" not in kinds
    assert copy.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 1
    assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
    code, _, err = sentences("backup", str(out))
    assert code == 1 and "already exists" in err
    code, printed, _ = sentences("backup")
    assert code == 0 and "/backups/reader-" in printed and Path(printed.strip()).exists()


def _write_lock_held(path: Path) -> bool:
    conn = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        conn.close()


def test_kill_9_in_the_middle_of_a_book_import_leaves_no_half_text(home: Path) -> None:
    path = home / "reader.db"
    db = open_db(path)
    set_status(db, "watson", 2)
    db.close()
    env = {**os.environ, "SENTENCES_HOME": str(home)}
    process = subprocess.Popen(
        [sys.executable, "-c", "from reader.cli import run; run()", "import", str(BOOK)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 180
    killed_while_writing = False
    while process.poll() is None and time.monotonic() < deadline:
        if _write_lock_held(path):  # the import's transaction is writing the book
            process.send_signal(signal.SIGKILL)  # at once: the compact write takes ~50 ms
            killed_while_writing = True
            break
        time.sleep(0.005)
    process.wait(30)
    assert killed_while_writing, "the import finished before it could be killed"
    check = open_db(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    texts = check.execute("SELECT id, sentence_count FROM texts").fetchall()
    if texts:  # the kill landed after the commit: then the text is whole, never half
        ((text_id, count),) = texts
        stored = check.execute(
            "SELECT COUNT(*) FROM sentences s JOIN sentence_tokens t ON t.sentence_id = s.id "
            "WHERE s.text_id = ?",
            (text_id,),
        ).fetchone()[0]
        assert count > 0 and stored == count
    else:
        for table in ("sentences", "sentence_tokens", "occurrences"):
            assert check.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0, table
    assert get_term(check, "watson").status == 2
    check.close()


def chaptered_home(db_path: Path, chapters: int = 600) -> int:
    """A data home with a book of many chapters (``chapters`` is WITHOUT ROWID)."""
    from reader.text.loaded import Chapter, Loaded

    parts = [f"Chapter {n}. The walk number {n} was long.\n\n" for n in range(chapters)]
    starts = [sum(len(p) for p in parts[:n]) for n in range(chapters)]
    loaded = Loaded(
        "Walks",
        "".join(parts),
        "walks.txt",
        chapters=tuple(Chapter(f"Chapter {n}", start) for n, start in enumerate(starts)),
    )
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db = open_db(db_path)
    text_id = import_text(db, loaded).text_id
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return text_id


def chapter_rows(db_path: Path) -> list[tuple[int, int, str, int]]:
    conn = sqlite3.connect(str(db_path))
    rows = conn.execute("SELECT text_id, idx, title, first_sentence FROM chapters ORDER BY 1, 2")
    found = [tuple(r) for r in rows.fetchall()]
    conn.close()
    return found  # type: ignore[return-value]


def test_doctor_rescue_keeps_a_books_chapters(db_path: Path) -> None:
    chaptered_home(db_path)
    before = chapter_rows(db_path)
    assert len(before) == 600
    damage_pages_of(db_path, "sentence_tokens", pages=1)
    code, out, _ = sentences("doctor", "--rescue")
    assert code == 0, out
    assert chapter_rows(db_path) == before  # copied by primary key: it has no rowid
    assert "chapters" not in out


def test_doctor_rescue_steps_over_damaged_chapter_pages(db_path: Path) -> None:
    chaptered_home(db_path)
    before = chapter_rows(db_path)
    damage_pages_of(db_path, "chapters", pages=1)
    code, out, _ = sentences("doctor", "--rescue")
    assert code == 0, out
    after = chapter_rows(db_path)
    assert set(after) < set(before) and len(after) > len(before) // 2
    assert after[0] == before[0] and after[-1] == before[-1]  # read on past the damage
