"""The next sentence read ahead in a worker: what the key then shows is what the session would
have read itself, without a query, and a mark made after the read-ahead is never lost."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from _pilot import SIZE, reading, settle

import reader.learn.focus as focus_module  # where the session reads the database
from reader.learn.read_ahead import read_ahead
from reader.learn.session import ReadingSession
from reader.learn.status import KNOWN
from reader.ui.app import make_app

# Sentences 17 and 18 of the seed (0-based 16 and 17) both gloss "summit" and "leader".
BEFORE, AFTER = 16, 17


class Unsaved:
    """A writer that has not got round to anything yet."""

    def submit(self, fn: object, **kwargs: object) -> None:
        pass


def read_next(session: ReadingSession, db: sqlite_utils.Database) -> None:
    """What the reading screen's worker does once the frame is drawn."""
    request = session.ahead_request(around=1)
    assert request is not None and request.index == session.index + 1
    session.keep_ahead(read_ahead(db, request))


def shown(session: ReadingSession) -> object:
    """Everything the reading screen draws from the session."""
    return (
        session.sentence,
        session.tokens,
        session.units,
        session.cursor,
        [(row.unit, row.entry) for row in session.gloss_rows()],
        session.entry_for_unit(session.units[session.cursor]),
        session.context(1, 1),
        session.sentence_mark(),
        session.own_translation(),
    )


def test_the_next_sentence_read_ahead_is_drawn_without_a_query(
    lexicon: sqlite_utils.Database,
    worker_db: sqlite_utils.Database,
    seed_id: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = ReadingSession(lexicon, seed_id)
    session.goto(BEFORE)
    session.mark_sentence("partly")  # marks and translations of the next one come along too
    session.goto(AFTER)
    session.mark_sentence("not")
    session.set_own_translation("ma propre traduction")
    session.goto(BEFORE)
    read_next(session, worker_db)

    def no_query(*args: object, **kwargs: object) -> None:
        raise AssertionError("the key read the database")

    with monkeypatch.context() as patch:
        for name in ("sentence_at", "tokens_of", "unit_entry", "get_terms"):
            patch.setattr(focus_module, name, no_query)
        assert session.move(1)
        drawn = shown(session)

    fresh = ReadingSession(lexicon, seed_id)  # reads sentence AFTER itself
    assert fresh.index == AFTER
    assert drawn == shown(fresh)
    assert session.sentence_mark() == "not"
    assert session.own_translation() == "ma propre traduction"
    assert {"summit", "leader"} <= {row.unit.key for row in session.gloss_rows()}


@pytest.mark.parametrize("in_flight", [False, True])
def test_a_sense_chosen_after_the_read_ahead_shows_in_the_next_sentence(
    lexicon: sqlite_utils.Database,
    worker_db: sqlite_utils.Database,
    seed_id: int,
    in_flight: bool,
) -> None:
    """Whether the read-ahead came back before the choice, or was still being read; the
    writer has not saved the choice yet."""
    session = ReadingSession(lexicon, seed_id, writes=Unsaved())
    session.goto(BEFORE)
    request = session.ahead_request(around=1)
    assert request is not None
    if not in_flight:
        session.keep_ahead(read_ahead(worker_db, request))
    session.cursor = next(n for n, u in enumerate(session.units) if u.key == "summit")
    entry = session.entry_for_unit(session.units[session.cursor])
    meant = entry.senses[-1]
    assert meant.gloss != entry.senses[0].gloss
    session.choose_current_sense(meant)
    if in_flight:
        session.keep_ahead(read_ahead(worker_db, request))

    session.move(1)
    row = next(r for r in session.gloss_rows() if r.unit.key == "summit")
    assert row.entry.chosen and row.entry.senses[0].gloss == meant.gloss
    assert session.ahead_request(around=1) is not None  # and the next one is asked for again


def test_a_status_set_after_the_read_ahead_holds_in_the_next_sentence(
    lexicon: sqlite_utils.Database, worker_db: sqlite_utils.Database, seed_id: int
) -> None:
    session = ReadingSession(lexicon, seed_id, writes=Unsaved())
    session.goto(BEFORE)
    read_next(session, worker_db)
    session.cursor = next(n for n, u in enumerate(session.units) if u.key == "leader")
    session.set_current_status(KNOWN)  # the writer has not saved it yet

    session.move(1)
    assert "leader" not in {row.unit.key for row in session.gloss_rows()}
    leader = next(u for u in session.units if u.key == "leader")
    assert session.state_of_key(leader.key).status == KNOWN


def test_a_read_ahead_for_another_sentence_is_not_taken(
    lexicon: sqlite_utils.Database, worker_db: sqlite_utils.Database, seed_id: int
) -> None:
    session = ReadingSession(lexicon, seed_id)
    session.goto(BEFORE)
    read_next(session, worker_db)
    session.goto(BEFORE + 5)  # a jump: the read-ahead was for BEFORE + 1
    assert shown(session) == shown(ReadingSession(lexicon, seed_id))


async def test_the_reading_screen_reads_the_next_sentence_ahead(
    lexicon: sqlite_utils.Database, db_path: Path, seed_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key draws the page the worker drew, and it is the page the screen would draw."""
    import reader.ui.screens.reading.screen as reading_module

    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        session = screen.session
        assert session is not None
        await settle(app, pilot)  # the read-ahead worker, started once the frame was drawn

        def not_on_the_key(*args: object, **kwargs: object) -> None:
            raise AssertionError("the key worked out what the worker had")

        monkeypatch.setattr(focus_module, "unit_entry", not_on_the_key)
        monkeypatch.setattr(reading_module, "draw_page", not_on_the_key)
        await pilot.press("down")
        await pilot.pause()
        assert session.index == 1
        monkeypatch.undo()
        drawn_ahead = app.export_screenshot()
        assert shown(session) == shown(ReadingSession(lexicon, seed_id))
        screen.refresh_all()  # the same sentence, drawn on the UI thread
        await pilot.pause()
        assert app.export_screenshot() == drawn_ahead


async def test_a_mark_made_after_the_read_ahead_is_drawn(
    lexicon: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    """Marked known after the next sentence was drawn ahead: the key draws it again."""
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        session = screen.session
        assert session is not None
        session.goto(BEFORE)
        screen.refresh_all()
        await settle(app, pilot)
        session.cursor = next(n for n, u in enumerate(session.units) if u.key == "leader")
        await pilot.press("k")  # "leader" known: the next sentence glosses it no more
        await pilot.press("down")
        await pilot.pause()
        assert session.index == AFTER
        assert "leader" not in {row.unit.key for row in session.gloss_rows()}
        panel = screen.query_one("#glosses")
        lines = [panel.render_line(y).text.split() for y in range(panel.size.height)]
        lemmas = {words[0] for words in lines if words}
        assert "leader" not in lemmas and "summit" in lemmas


async def test_a_mark_elsewhere_keeps_the_page_drawn_ahead(
    lexicon: sqlite_utils.Database, db_path: Path, seed_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A word marked known that the next sentence does not have leaves its page as drawn."""
    import reader.ui.screens.reading.screen as reading_module

    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        session = screen.session
        assert session is not None
        session.goto(BEFORE)
        screen.refresh_all()
        await settle(app, pilot)
        after = ReadingSession(lexicon, seed_id)
        after.goto(AFTER)
        keys = set(after.states)
        session.cursor = next(
            n for n, u in enumerate(session.units) if u.key not in keys and session.wants_gloss(u)
        )
        await pilot.press("k")

        def not_on_the_key(*args: object, **kwargs: object) -> None:
            raise AssertionError("the key drew the page again")

        monkeypatch.setattr(reading_module, "draw_page", not_on_the_key)
        await pilot.press("down")
        await pilot.pause()
        assert session.index == AFTER
