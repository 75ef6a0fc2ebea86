"""Pilot tests of the TUI: the same app the CLI runs, driven by key presses."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from _paths import SEED
from _pilot import SIZE, reading, settle
from textual.widgets import DataTable, Static

from reader.learn.status import KNOWN, get_term
from reader.lexicon.wordnet import is_compiled
from reader.store import open_db
from reader.text.load import load_path
from reader.ui.app import make_app
from reader.ui.screens.library import LibraryScreen


async def test_keys_move_the_focus(db_path: Path, seed_id: int, mini_wordnet: Path) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        assert screen.session is not None and screen.session.index == 0
        await pilot.press("down", "down", "space", "j")
        assert screen.session.index == 4
        await pilot.press("up")
        assert screen.session.index == 3
        focus = str(screen.query_one("#focus", Static).render())
        assert "The gathering of the leaders" in focus
        await pilot.press("end")
        assert screen.session.index == screen.session.count - 1
        await pilot.press("home")
        assert screen.session.index == 0


async def test_arrow_keys_stay_with_the_sentence_on_a_small_terminal(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    """At 80x24 the glosses overflow their panel; a focused panel would eat ↓ to scroll."""
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        box = screen.query_one("#glosses-box")
        for _ in range(30):  # to a sentence with more new words than the panel holds
            if box.max_scroll_y > 0:
                break
            await pilot.press("down")
            await pilot.pause()
        assert box.max_scroll_y > 0  # the case this test is about
        assert screen.session is not None and screen.session.index > 0  # ↓ moved the focus
        # a long sentence in focus still leaves the glosses room to be read
        assert box.size.height >= 8
        await pilot.press("pagedown")
        assert box.scroll_target_y > 0 or box.scroll_y > 0


async def test_status_and_position_survive_a_restart(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")  # "Delving deeper into China's ..."
        await pilot.press("right", "k")  # "deeper" known
        await pilot.press("right", "right", "3")  # "China" ... "'s"? the third word: learning 3
        screen = reading(app)
        assert screen.session is not None
        third = screen.session.current_token
        assert third is not None
        await pilot.press("q")
    check = open_db(db_path)
    assert get_term(check, "deep").status == KNOWN
    assert get_term(check, third.term_key or "").status == 3
    check.close()

    again = make_app(db_path, target=seed_id)
    async with again.run_test(size=SIZE) as pilot:
        await settle(again, pilot)
        screen = reading(again)
        assert screen.session is not None and screen.session.index == 2
        deeper = screen.session.tokens[1]
        assert deeper.text == "deeper" and screen.session.state_of(deeper).status == KNOWN


async def test_rest_known_and_own_gloss(
    db_path: Path, seed_id: int, db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")
        await pilot.press("e")
        await pilot.press(*"to dig into")
        await pilot.press("enter")
        await pilot.pause()
        detail = str(reading(app).query_one("#detail", Static).render())
        assert "to dig into" in detail and "your gloss" in detail
        rows = reading(app).session.gloss_rows()  # type: ignore[union-attr]
        delve = next(r for r in rows if r.entry.lemma == "delve")
        assert delve.entry.learner_gloss == "to dig into"
        assert delve.entry.senses[0].gloss == "to dig into"
        await pilot.press("r")
        session = reading(app).session
        assert session is not None
        words = [t for t in session.tokens if t.is_word]
        assert all(session.state_of(t).status == KNOWN for t in words)
    assert get_term(db, "delve").gloss == "to dig into"


async def test_lexicon_is_built_on_first_use(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    assert not app.lexicon_ready
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.lexicon_ready
        assert is_compiled(app.db)
        await pilot.press("down", "down")
        rows = reading(app).session.gloss_rows()  # type: ignore[union-attr]
        assert "delve" in [r.entry.lemma for r in rows]
        assert rows[0].entry.senses  # glosses came from the freshly built lexicon


async def test_without_wordnet_the_reader_still_works(
    db_path: Path, seed_id: int, no_wordnet: None
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "WordNet not found" in reading(app).lexicon_note
        await pilot.press("down")
        assert reading(app).session.index == 1  # type: ignore[union-attr]


async def test_library_lists_and_opens(db_path: Path, seed_id: int, mini_wordnet: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await settle(app, pilot)
        assert reading(app).text_id == seed_id
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)


async def test_library_removes_a_text_after_asking(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        await pilot.press("d")
        question = str(app.screen.query_one("#prompt-title", Static).render())
        assert "“[Weekly Focus] How Kim" in question  # a title is text, never markup
        await pilot.press("n")  # asked, and kept
        await settle(app, pilot)
        assert table.row_count == 1
        await pilot.press("d", "y")
        await settle(app, pilot)
        assert table.row_count == 0
        assert "No texts yet" in str(app.screen.query_one("#library-note", Static).render())
    assert open_db(db_path).execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 0


async def test_read_a_new_file_imports_it_then_opens_it(db_path: Path, mini_wordnet: Path) -> None:
    app = make_app(db_path, target=load_path(SEED))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)
        screen = reading(app)
        assert screen.session is not None and screen.session.count > 50
        await pilot.press("down")
        assert screen.session.index == 1
    check = open_db(db_path)
    assert check.execute("SELECT COUNT(*) FROM texts").fetchone()[0] == 1


async def test_sentence_marks_cycle(db_path: Path, seed_id: int, mini_wordnet: Path) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        session = reading(app).session
        assert session is not None and session.sentence_mark() is None
        await pilot.press("m")
        assert session.sentence_mark() == "understood"
        await pilot.press("m", "m")
        assert session.sentence_mark() == "not"
        assert "· not" in str(reading(app).query_one("#position").render())


async def test_library_adds_a_file(db_path: Path, tmp_path: Path, mini_wordnet: Path) -> None:
    article = tmp_path / "short.md"
    article.write_text("# A short one\n\nThe parade was long. Everyone watched it.\n")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *str(article), "enter")
        await settle(app, pilot)
        screen = reading(app)
        assert screen.session is not None and screen.session.info.title == "A short one"
        await pilot.press("escape")
        await pilot.press("a", *str(tmp_path / "missing.txt"), "enter")
        await settle(app, pilot)  # the file is read in a worker
        assert isinstance(app.screen, LibraryScreen)
        assert any("no such file" in n.message for n in app._notifications)
