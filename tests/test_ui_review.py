"""Pilot tests of the review screen: a whole session by keys, undo, typed answers, and the ways
in (the library, the reading screen, ``sentences review``)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from _pilot import SIZE, settle

from reader.config import Config
from reader.learn.status import set_status
from reader.store import open_db
from reader.ui.app import make_app
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.reading import ReadingScreen
from reader.ui.screens.review import ReviewScreen

WORDS = ("coalition", "parade", "diplomacy")


def offline() -> Config:
    return Config(speech_engine="espeak")


def review_screen(app: object) -> ReviewScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ReviewScreen)
    return screen


async def test_a_whole_session_by_keys_with_undo_and_typed_answers(
    db: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    for word in WORDS:
        set_status(db, word, 1, source="reading")
    app = make_app(db_path, review=(), config=offline())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = review_screen(app)
        session = screen.session
        assert session is not None and session.remaining == 9
        # Recognition, three times: Space shows the answer, 3 rates it Good.
        for _ in WORDS:
            assert session.current is not None and session.current.drill == "recognition"
            await pilot.press("space")
            assert session.revealed
            await pilot.press("3")
        # Cloze: a wrong answer suggests Again, and Enter accepts it...
        card = session.current
        assert card is not None and card.drill == "cloze"
        await pilot.press(*"xyz", "enter")
        assert session.check is not None and session.check.result == "wrong"
        assert session.suggested_rating() == 1
        await pilot.press("enter")
        assert session.current != card
        # ... ctrl+z takes it back (u would be typed: the next card is a typed one too); typed
        # right this time, 4 overrides the suggested Good.
        await pilot.press("ctrl+z")
        assert session.current == card and not session.revealed
        await pilot.press(*card.term_text, "enter")
        assert session.check is not None and session.check.result == "right"
        assert session.suggested_rating() == 3
        await pilot.press("4")
        assert session.summary.reviewed == 4 and session.summary.right == 4
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
    check = open_db(db_path)
    log = check.execute(
        "SELECT c.drill, l.rating, l.answer FROM review_log l JOIN cards c ON c.id = l.card_id "
        "ORDER BY l.id"
    ).fetchall()
    assert [(d, r) for d, r, _ in log] == [("recognition", 3)] * 3 + [("cloze", 4)]
    assert log[-1][2] == card.term_text
    reps = check.execute("SELECT reps FROM cards WHERE id = ?", (card.id,)).fetchone()[0]
    assert reps == 1


async def test_reviewing_everything_ends_with_a_summary(
    db: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    set_status(db, "coalition", 1)
    app = make_app(db_path, review=("recognition",), config=offline())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        session = review_screen(app).session
        assert session is not None and session.remaining == 1
        await pilot.press("space", "1")  # Again: back in a minute, learned ahead now
        assert session.current is not None
        await pilot.press("space", "4")
        assert session.finished
        await settle(app, pilot)
        text = str(app.screen.query_one("#card-prompt").render())
        assert "Cards reviewed: 2" in text and "Right: 50%" in text and "Next due:" in text


async def test_the_library_shows_cards_due_and_R_opens_the_review(
    db: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    set_status(db, "coalition", 1)
    app = make_app(db_path, config=offline())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        note = str(app.screen.query_one("#library-note").render())
        assert "3 cards due for review" in note
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_R_in_the_reading_screen_reviews_and_escape_comes_back(
    db: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    app = make_app(db_path, target=seed_id, config=offline())
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "1")  # a word set to learning while reading
        await pilot.press("R")
        await settle(app, pilot)
        session = review_screen(app).session
        assert session is not None and session.remaining == 3
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
