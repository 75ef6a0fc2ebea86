"""What the second new learner tripped over in the library and on a first run (issue 22, items
4-7), pinned with Pilot."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import sqlite_utils
from _pilot import SIZE, settle
from textual.widgets import DataTable, Static

from reader.config import Config
from reader.store import open_db
from reader.text.importer import import_text
from reader.text.load import Loaded
from reader.ui.app import make_app
from reader.ui.screens.first_run import HeadStartScreen
from reader.ui.screens.language import LanguageScreen
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.prompt import ConfirmScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.review import ReviewScreen


def add(db: sqlite_utils.Database, title: str) -> int:
    loaded = Loaded(title=title, content=f"{title} is a text. It has two sentences.", source=None)
    return import_text(db, loaded).text_id


def selected_title(app: object) -> str:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, LibraryScreen)
    text_id = screen._selected_id()
    assert text_id is not None
    return screen.titles[text_id]


async def wait_for(app: object, pilot: object, what: type, tries: int = 30) -> None:
    for _ in range(tries):
        await settle(app, pilot)  # type: ignore[arg-type]
        if isinstance(app.screen, what):  # type: ignore[attr-defined]
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"{what.__name__} never came; {app.screen!r}")  # type: ignore[attr-defined]


# -- 4: the cursor comes back to the text left -------------------------------------------------


async def test_escape_from_a_text_puts_the_cursor_back_on_it(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    for title in ("First", "Second", "Third"):
        add(db, title)
    app = make_app(db_path, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")
        chosen = selected_title(app)
        await pilot.press("enter")
        await wait_for(app, pilot, ReadingScreen)
        await pilot.press("down")  # read on: it becomes the text read last, first in the list
        await pilot.press("escape")
        await settle(app, pilot)
        assert selected_title(app) == chosen
        await pilot.press("d")
        question = str(app.screen.query_one("#prompt-title", Static).render())
        assert f"“{chosen}”" in question


async def test_a_text_opened_from_the_command_line_is_the_one_selected_after_it(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    add(db, "First")
    middle = add(db, "Second")
    add(db, "Third")
    app = make_app(db_path, target=middle, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(app, pilot, ReadingScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert selected_title(app) == "Second"


# -- 5: the removal question is centred ---------------------------------------------------------


async def test_the_removal_question_is_centred(db: sqlite_utils.Database, db_path: Path) -> None:
    add(db, "First")
    app = make_app(db_path, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        box = app.screen.query_one("#prompt").region
        left, right = box.x, SIZE[0] - box.right
        top, bottom = box.y, SIZE[1] - box.bottom
        assert abs(left - right) <= 1 and abs(top - bottom) <= 1, box
        assert left > 10 and top > 5


# -- 6: a text imported from the command line shows up --------------------------------------------


async def test_a_text_imported_elsewhere_appears_without_a_key(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    add(db, "First")
    app = make_app(db_path, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await asyncio.sleep(1.2)  # the watcher's first look: what the database is now
        other = open_db(db_path)  # `sentences import` in another terminal
        add(other, "From the command line")
        other.close()
        for _ in range(40):
            await asyncio.sleep(0.1)
            await settle(app, pilot)
            if table.row_count == 2:
                break
        assert table.row_count == 2
        assert selected_title(app) == "First"  # the cursor stays on its text


# -- 7: first-run questions over the screen the command opens -----------------------------------


async def test_sentences_review_on_a_fresh_home_asks_over_the_review(
    db_path: Path, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENTENCES_FIRST_RUN", "1")
    app = make_app(db_path, review=(), ask_language=True, config=Config())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(app, pilot, LanguageScreen)
        assert isinstance(app.screen_stack[-2], ReviewScreen)
        assert not any(isinstance(s, LanguageScreen) for s in app.screen_stack[:-1])
        await pilot.press("s")
        await wait_for(app, pilot, HeadStartScreen)
        assert isinstance(app.screen_stack[-2], ReviewScreen)  # one at a time, over the review
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
