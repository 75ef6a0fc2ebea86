"""Issue 20, item 6: the reader moves by chapter (] and [, and g with a chapter's name or
number) and shows the chapter and the place in it."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from _pilot import settle
from textual.widgets import Label

from reader.learn.chapters import find_chapter
from reader.text.importer import import_text
from reader.text.load import load_path
from reader.ui.app import make_app
from reader.ui.screens.reading import ReadingScreen

BOOK = Path(__file__).resolve().parent / "data" / "sources" / "gutenberg_small.txt"


def _book(db: sqlite_utils.Database) -> int:
    return import_text(db, load_path(BOOK)).text_id


def _position(screen: ReadingScreen) -> str:
    return str(screen.query_one("#position", Label).render())


async def test_chapter_keys_and_go_to_a_chapter(
    db_path: Path, db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    text_id = _book(db)
    starts = [row[0] for row in db.execute("SELECT first_sentence FROM chapters ORDER BY idx")]
    assert starts == [0, 4, 6]  # 4 sentences, 2, then the last chapter's 2
    app = make_app(db_path, target=text_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen) and screen.session is not None
        session = screen.session
        assert "BOOK ONE: SPRING — CHAPTER I 1/4" in _position(screen)
        await pilot.press("right_square_bracket")
        assert session.index == 4
        assert "BOOK ONE: SPRING — CHAPTER II 1/2" in _position(screen)
        await pilot.press("down")
        await pilot.press("left_square_bracket")  # back to this chapter's start first
        assert session.index == 4
        await pilot.press("left_square_bracket")
        assert session.index == 0
        await pilot.press("g", *"summer", "enter")
        assert session.index == 6
        await pilot.press("right_square_bracket")
        assert session.index == 6
        assert any("last chapter" in n.message for n in app._notifications)
        await pilot.press("g", *"c2", "enter")
        assert session.index == 4
        await pilot.press("g", *"chapter ix", "enter")
        assert session.index == 4  # no such chapter: refused, with a message
        assert any("a chapter (its name" in n.message for n in app._notifications)


async def test_at_80_columns_the_chapter_is_its_last_part(
    db_path: Path, db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    text_id = _book(db)
    app = make_app(db_path, target=text_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, ReadingScreen)
        shown = _position(screen)
        assert "CHAPTER I 1/4" in shown and "BOOK ONE" not in shown


def test_a_chapter_by_name() -> None:
    from reader.learn.chapters import ChapterInfo

    chapters = [
        ChapterInfo(0, "BOOK ONE: 1805 — CHAPTER I", 0),
        ChapterInfo(1, "BOOK ONE: 1805 — CHAPTER II", 10),
        ChapterInfo(2, "FIRST EPILOGUE: 1813 - 20 — CHAPTER I", 20),
    ]
    assert find_chapter(chapters, "chapter ii") == chapters[1]
    assert find_chapter(chapters, "Epilogue") == chapters[2]
    assert find_chapter(chapters, "3") == chapters[2]
    assert find_chapter(chapters, "chapter x") is None
    assert find_chapter(chapters, "") is None
