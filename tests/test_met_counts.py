"""The word's entry says how often the library has the word (reader.learn.met_counts)."""

from __future__ import annotations

import threading
from pathlib import Path

import sqlite_utils
from _pilot import SIZE, reading, settle
from textual.widgets import Static

from reader.learn.concordance import find
from reader.learn.met_counts import PENDING, Met, MetCounts, met
from reader.learn.study import study_list
from reader.lexicon.idioms import ensure_idioms
from reader.text.importer import import_text
from reader.text.load import Loaded
from reader.ui.app import make_app


def test_a_word_is_counted_from_the_postings_and_a_phrase_from_its_counts(
    db: sqlite_utils.Database,
) -> None:
    ensure_idioms(db)
    first = import_text(db, Loaded("One", "She went home. They go now. Going!", None)).text_id
    import_text(db, Loaded("Two", "He broke the ice. We go. We go again.", None))
    assert met(db, "go") == Met(5, 2, False) and find(db, "go").total == 5
    assert met(db, "go").line() == "f: met in 5 sentences of 2 texts"
    assert met(db, "zebra").line() == "f: not met in any text of your library yet"
    study_list(db, first)  # counts the phrases of both
    study_list(db, first + 1)
    assert met(db, "break the ice") == Met(1, 1, True)
    assert met(db, "break the ice").line() == "f: met once in 1 text"


def test_the_ui_thread_only_asks_and_a_worker_counts(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    import_text(db, Loaded("One", "She went home. They go now.", None))
    asked: list[str] = []
    counts = MetCounts(db_path, "en", threading.get_ident(), asked.append)
    assert counts.get("go") is None and counts.get("go") is None
    assert asked == ["go"]  # once, and nothing counted on this thread
    found: list[Met | None] = []
    worker = threading.Thread(target=lambda: found.append(counts.get("home")))
    worker.start()
    worker.join()
    assert found == [Met(1, 1, False)]  # another thread counts at once
    assert counts.count(db, "go") == Met(2, 1, False) and counts.get("go") == Met(2, 1, False)
    import_text(db, Loaded("Two", "We go.", None))
    counts.count(db, "we")  # a text came: what was kept is dropped
    assert counts.get("go") is None and asked == ["go", "go"]


async def test_the_words_entry_says_how_often_the_library_has_it(
    db_path: Path, seed_id: int
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        screen = reading(app)
        session = screen.session
        assert session is not None and session.current_unit is not None
        key = session.current_unit.key
        detail = str(screen.query_one("#detail", Static).render())
        total = find(app.db, key).total
        expected = f"f: met in {total} sentence{'s' if total > 1 else ''} of 1 text"
        assert expected in detail and PENDING not in detail
