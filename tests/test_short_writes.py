"""Short write transactions: parsing never holds the lock; racing and cancelled imports."""

from __future__ import annotations

import multiprocessing
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from _paths import SEED
from _pilot import SIZE, settle

from reader.lexicon.base import LexiconError, Row, store_source
from reader.store import open_db
from reader.text.load import load_path
from reader.ui.app import make_app


def lock_is_free(path: Path) -> bool:
    """Could another program take the write lock right now?"""
    other = sqlite3.connect(str(path), timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError:
        return False
    finally:
        other.close()


def test_a_dictionary_is_parsed_before_the_write_lock_is_taken(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    probes: list[bool] = []

    def parsed() -> Iterator[Row]:
        for n in range(3000):
            if n % 1000 == 500:  # halfway through "parsing" the file
                probes.append(lock_is_free(db_path))
            yield Row(f"word{n}", "NOUN", 1, f"meaning {n}", None, None)

    count = store_source(db, name="probe", kind="tsv", origin="probe.tsv", rows=parsed(),
                         priority=100)  # fmt: skip
    assert count == 3000
    assert probes == [True, True, True]  # on main as found: the lock was held while parsing
    rows = db.execute("SELECT headword, gloss FROM lex_entries ORDER BY id").fetchall()
    assert rows[0] == ("word0", "meaning 0") and rows[-1] == ("word2999", "meaning 2999")
    assert db.execute("SELECT entry_count FROM lex_sources WHERE name = 'probe'").fetchone() == (
        3000,
    )


def test_a_dictionary_that_breaks_halfway_changes_nothing(db: sqlite_utils.Database) -> None:
    good = [Row("alpha", None, 1, "first", None, None)]
    store_source(db, name="mine", kind="tsv", origin="mine.tsv", rows=good, priority=100)

    def broken() -> Iterator[Row]:
        yield Row("beta", None, 1, "second", None, None)
        raise LexiconError("mine.tsv: line 2 is not UTF-8")

    with pytest.raises(LexiconError):
        store_source(db, name="mine", kind="tsv", origin="mine.tsv", rows=broken(), priority=100)
    assert db.execute("SELECT headword FROM lex_entries").fetchall() == [("alpha",)]
    with pytest.raises(LexiconError, match="no entries"):
        store_source(db, name="empty", kind="tsv", origin="empty.tsv", rows=[], priority=100)
    assert db.execute("SELECT COUNT(*) FROM lex_sources").fetchone()[0] == 1
    # the spool is gone; a later import starts clean
    store_source(db, name="mine", kind="tsv", origin="mine.tsv", rows=good, priority=100)
    assert db.execute("SELECT COUNT(*) FROM lex_entries").fetchone()[0] == 1


def _import_at_once(home: str, path: str, barrier: object, results: object) -> None:
    import os

    os.environ["SENTENCES_HOME"] = home
    from reader.store import open_db
    from reader.text.importer import import_text
    from reader.text.load import load_path

    db = open_db(Path(home) / "reader.db")
    loaded = load_path(path)
    barrier.wait()  # type: ignore[attr-defined]
    try:
        result = import_text(db, loaded, workers=1)
        results.put(("ok", result.text_id, result.created))  # type: ignore[attr-defined]
    except BaseException as exc:
        results.put(("error", f"{type(exc).__name__}: {exc}", None))  # type: ignore[attr-defined]
    finally:
        db.close()


def test_two_processes_importing_the_same_text_get_one_text(home: Path) -> None:
    open_db(home / "reader.db").close()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(2)
    results = context.Queue()
    processes = [
        context.Process(target=_import_at_once, args=(str(home), str(SEED), barrier, results))
        for _ in range(2)
    ]
    for process in processes:
        process.start()
    outcomes = sorted(results.get(timeout=180) for _ in processes)
    for process in processes:
        process.join(timeout=60)
    assert [o[0] for o in outcomes] == ["ok", "ok"], outcomes
    assert outcomes[0][1] == outcomes[1][1]  # the same text
    assert sorted(o[2] for o in outcomes) == [False, True]  # one stored it, one found it
    check = open_db(home / "reader.db")
    assert check.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 1
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


async def test_leaving_the_import_screen_stores_nothing(
    db_path: Path, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reader.text.importer as importer

    analysing = threading.Event()
    go_on = threading.Event()
    real = importer.analyze_sentences

    def slow(*args: object, **kwargs: object) -> object:
        analysing.set()
        go_on.wait(20)  # a long book: the learner leaves meanwhile
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "analyze_sentences", slow)
    finished = threading.Event()
    real_import = importer.import_text

    def import_text(*args: object, **kwargs: object) -> object:
        try:
            return real_import(*args, **kwargs)  # type: ignore[arg-type]
        finally:
            finished.set()

    monkeypatch.setattr(importer, "import_text", import_text)
    app = make_app(db_path, target=load_path(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert analysing.wait(10)
        await pilot.press("escape")
        go_on.set()
        assert finished.wait(60)  # the worker ran to its end (on main as found, it stored the text)
        await settle(app, pilot)
        from reader.ui.screens.library import LibraryScreen

        assert isinstance(app.screen, LibraryScreen)
        await settle(app, pilot)
        from textual.widgets import DataTable

        assert app.screen.query_one(DataTable).row_count == 0
    check = open_db(db_path)
    assert check.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 0
    assert check.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0


def test_a_cancelled_import_rolls_back_even_after_the_rows_are_written(
    db: sqlite_utils.Database,
) -> None:
    from reader.text.importer import ImportCancelled, import_text

    asked: list[str] = []

    def cancelled() -> bool:
        asked.append("?")
        return len(asked) > 2  # no during the analysis, yes by the time it would commit

    with pytest.raises(ImportCancelled):
        import_text(db, load_path(SEED), workers=1, cancelled=cancelled)
    assert db.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM sentence_tokens").fetchone()[0] == 0
