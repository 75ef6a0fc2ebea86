"""Issue 23, item 4: the reading screen never looks up a gloss on the UI thread.

A word's entry (lexicon queries, sense ranking) is worked out by the read-ahead worker or, on a
miss, by the entry lookup's worker; the UI thread only draws. The guard here records every
lookup made on the main thread (where Textual's event loop runs under the test pilot) while the
reader is driven through everything that moves the focus or changes an entry: opening a text,
the next sentence, go to, chapter keys, Home and End, the cursor over every word, Tab, choosing
a sense, the learner's own gloss, a span made a term, statuses, multi-word terms off and on.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from _pilot import SIZE, reading, settle
from textual.widgets import Static

import reader.learn.glossing as glossing
import reader.learn.units as units
from reader.learn.status import get_term
from reader.store import open_db
from reader.text.importer import import_text
from reader.text.load import load_path
from reader.ui.app import make_app
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.senses import SenseChoiceScreen

BOOK = Path(__file__).resolve().parent / "data" / "sources" / "gutenberg_small.txt"


@pytest.fixture
def on_ui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The lookups made on the main thread, by what was looked up; each also raises there."""
    seen: list[str] = []

    def guard(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
        def guarded(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                seen.append(f"{name}({args[1] if len(args) > 1 else ''})")
                raise AssertionError(f"{name} on the UI thread")
            return real(*args, **kwargs)

        return guarded

    monkeypatch.setattr(units, "gloss_entry", guard("gloss_entry", units.gloss_entry))
    monkeypatch.setattr(glossing, "rank_senses", guard("rank_senses", glossing.rank_senses))
    yield seen


async def _rows_filled(app: Any, pilot: Any) -> None:
    """Wait for the workers; then no row of the glosses panel is left pending."""
    await settle(app, pilot)
    session = reading(app).session
    assert session is not None
    assert not [row.unit.key for row in session.gloss_rows() if row.pending]


async def test_moves_and_marks_look_nothing_up_on_the_ui_thread(
    db_path: Path, seed_id: int, mini_wordnet: Path, on_ui_thread: list[str]
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await _rows_filled(app, pilot)
        session = reading(app).session
        assert session is not None and session.gloss_rows()
        await pilot.press("down", "down")  # read ahead, or not yet: either way no lookup here
        await _rows_filled(app, pilot)
        await pilot.press("g", *"50%", "enter")  # a jump the read-ahead did not foresee
        await _rows_filled(app, pilot)
        assert session.index > 2
        await pilot.press("end")
        await _rows_filled(app, pilot)
        await pilot.press("home")
        await _rows_filled(app, pilot)
        await pilot.press("down", "down")
        for _ in range(len(session.units)):  # every word under the cursor, listed or not
            await pilot.press("right")
        await pilot.press("home", "tab", "tab", "shift+tab")
        await _rows_filled(app, pilot)
        key = next(row.unit.key for row in session.gloss_rows() if row.entry.senses)
        while session.current_unit is not None and session.current_unit.key != key:
            await pilot.press("left")
        entry = session.known_entry(session.current_unit)
        assert entry is not None and entry.senses
        await pilot.press("c")  # choose a sense: the list comes from the entry at hand
        await pilot.pause()
        assert isinstance(app.screen, SenseChoiceScreen)
        await pilot.press("enter")
        await _rows_filled(app, pilot)
        assert entry.lemma in session.marks.choices
        await pilot.press("e", *" mine", "enter")  # the learner's own gloss
        await _rows_filled(app, pilot)
        await pilot.press("2", "k", "w", "w")
        await _rows_filled(app, pilot)
        await pilot.press("home", "s", "right", "s")  # a span made a term
        await pilot.press(*"a new term", "enter")
        await _rows_filled(app, pilot)
        made = session.current_unit
        assert made is not None and made.is_phrase
        assert session.known_entry(made) is not None
    assert on_ui_thread == []
    check = open_db(db_path)
    assert get_term(check, made.key).gloss == "a new term"
    check.close()


async def test_chapter_keys_and_the_concordance_look_nothing_up_on_the_ui_thread(
    db_path: Path, db: sqlite_utils.Database, mini_wordnet: Path, on_ui_thread: list[str]
) -> None:
    text_id = import_text(db, load_path(BOOK)).text_id
    app = make_app(db_path, target=text_id)
    async with app.run_test(size=SIZE) as pilot:
        await _rows_filled(app, pilot)
        session = reading(app).session
        assert session is not None
        await pilot.press("right_square_bracket")
        await _rows_filled(app, pilot)
        await pilot.press("right_square_bracket", "left_square_bracket")
        await _rows_filled(app, pilot)
        assert session.index == 4
        reading(app).go_to(6)  # the concordance's Enter on a sentence of the same text
        await _rows_filled(app, pilot)
        assert session.index == 6
        app.show_library()  # and on another text's: opened at that sentence
        app.push_screen(ReadingScreen(text_id, start=2))
        await _rows_filled(app, pilot)
        other = reading(app).session
        assert other is not None and other.index == 2 and other.gloss_rows()
    assert on_ui_thread == []


async def test_a_jump_draws_the_sentence_before_its_glosses_and_c_waits_for_them(
    db_path: Path, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker held back: the sentence is there, its rows pending and the word's entry
    "Looking it up…"; c asked then opens the senses once they come."""
    import reader.ui.screens.reading.entry_lookup as entry_lookup

    gate = threading.Event()
    real = entry_lookup.look_up_entries

    def held(*args: Any, **kwargs: Any) -> Any:
        gate.wait(10)
        return real(*args, **kwargs)

    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await _rows_filled(app, pilot)
        screen = reading(app)
        session = screen.session
        assert session is not None
        monkeypatch.setattr(entry_lookup, "look_up_entries", held)
        await pilot.press("g", *"17", "enter")  # sentence 17 glosses "summit"
        await pilot.pause()
        assert session.index == 16
        assert "summit" in str(screen.query_one("#focus", Static).render())
        rows = session.gloss_rows()
        assert rows and all(row.pending for row in rows)
        assert "Looking it up" in str(screen.query_one("#detail", Static).render())
        while session.current_unit is not None and session.current_unit.key != "summit":
            await pilot.press("right")
        await pilot.press("c")
        await pilot.pause()
        assert not isinstance(app.screen, SenseChoiceScreen)  # nothing to choose from yet
        gate.set()
        await settle(app, pilot)
        assert isinstance(app.screen, SenseChoiceScreen)
        await pilot.press("escape")
        await _rows_filled(app, pilot)
        assert "Looking it up" not in str(screen.query_one("#detail", Static).render())
