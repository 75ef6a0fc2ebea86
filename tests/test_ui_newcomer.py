"""What a new learner tripped over on the reading screen (issue 11, items 1, 2, 4-11), pinned
with Pilot tests; the screens themselves at 80x24 and 120x40 are in tests/test_snapshots.py."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils
from _pilot import settle
from _require import require_program
from textual.widgets import DataTable, Label

from reader.config import Config
from reader.learn.status import KNOWN, NEW, get_term, set_status
from reader.store import open_db
from reader.ui.app import SentencesApp, make_app
from reader.ui.screens.first_run import HeadStartScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reading import ReadingScreen

DELVING = 2  # "Delving deeper into China's Victory Day Parade this week, we take a look at how..."


def reading(app: SentencesApp) -> ReadingScreen:
    screen = app.screen
    assert isinstance(screen, ReadingScreen) and screen.session is not None
    return screen


def position(screen: ReadingScreen) -> str:
    return str(screen.query_one("#position", Label).render())


# -- 1: the glosses list follows the cursor ----------------------------------------------------


async def test_the_glosses_row_under_the_cursor_stays_in_view(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        box = screen.query_one("#glosses-box")
        for _ in range(30):  # to a sentence with more glosses than the panel holds
            if box.max_scroll_y > 0:
                break
            await pilot.press("down")
            await pilot.pause()
        assert box.max_scroll_y > 0
        session = screen.session
        assert session is not None
        keys = [r.unit.key for r in session.gloss_rows()]
        for _ in range(40):  # to the last word glossed, then back to the first
            await pilot.press("tab")
        await pilot.pause()
        assert session.current_unit is not None
        row = keys.index(session.current_unit.key) if session.current_unit.key in keys else -1
        height = box.scrollable_content_region.height
        assert row >= 0 and box.scroll_y <= row < box.scroll_y + height
        await pilot.press("pagedown", "pagedown")  # the learner scrolls away ...
        for _ in range(40):
            await pilot.press("shift+tab")  # ... and the cursor brings the list back
        await pilot.pause()
        assert box.scroll_y == 0
        # one line per row: a gloss is cut, not wrapped a word a line
        assert box.virtual_size.height <= len(keys) + 1


# -- 2: "read" is what was read, apart from where the learner is -------------------------------


async def test_jumping_to_the_end_is_not_reading(
    db_path: Path, seed_id: int, db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    from reader.learn.texts import list_texts

    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("down", "down")  # two sentences passed with ↓: read
        await pilot.press("end")
        screen = reading(app)
        assert "Sentence 58 of 58" in position(screen) and "3% read" in position(screen)
        await pilot.press("escape")
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        assert table.get_row_at(0)[3] == "3%"
    (info,) = list_texts(db)
    assert info.position == 57 and info.progress == pytest.approx(2 / 58)


async def test_a_sentence_shown_long_enough_counts_as_read(
    db_path: Path, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.learn import reading_log

    monkeypatch.setattr(reading_log, "seconds_to_read", lambda words: 0.05)
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.pause(0.3)
        screen = reading(app)
        assert "2% read" in position(screen)  # 1 of 58
        await pilot.press("up", "home")  # back to a sentence already read: counted once
        await pilot.pause(0.3)
        assert "2% read" in position(screen)


# -- 4: the first run offers a head start ------------------------------------------------------


async def test_first_run_offers_a_head_start(
    db_path: Path, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENTENCES_FIRST_RUN", "1")
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HeadStartScreen)
        await pilot.press("1")
        await settle(app, pilot)
        screen = reading(app)
        session = screen.session
        assert session is not None
        the = next(t for t in session.tokens if t.term_key in ("the", "how"))
        assert session.state_of(the).status == KNOWN  # the page is no longer all blue
    db = open_db(db_path)
    known = db.execute("SELECT COUNT(*) FROM terms WHERE status = 99").fetchone()[0]
    assert 900 <= known <= 1000
    db.close()
    again = make_app(db_path, target=seed_id)  # asked once only
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(again, pilot)
        assert isinstance(again.screen, ReadingScreen)


async def test_first_run_no_thanks_is_remembered(
    db_path: Path, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENTENCES_FIRST_RUN", "1")
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, ReadingScreen)
    db = open_db(db_path)
    assert db.execute("SELECT answer FROM first_run").fetchall() == [("no",)]
    assert db.execute("SELECT COUNT(*) FROM terms").fetchone()[0] == 0
    db.close()


# -- 5: the cursor starts where attention is needed; Tab and Shift+Tab -------------------------


async def test_cursor_starts_on_the_first_word_needing_attention(
    db_path: Path, seed_id: int, db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    for word in ("delve", "deep", "into"):
        set_status(db, word, KNOWN)
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press(*["down"] * DELVING)
        session = reading(app).session
        assert session is not None and session.current_unit is not None
        assert session.current_unit.surface == "China's" or session.current_unit.key == "week"
        start = session.cursor
        await pilot.press("tab")
        after = session.cursor
        assert after > start and session.needs_attention(session.units[after])
        skipped = session.units[start + 1 : after]
        assert all(not session.needs_attention(u) for u in skipped)
        await pilot.press("shift+tab")
        assert session.cursor == start


# -- 6: r covers multi-word terms; the LingQ setting -------------------------------------------


async def test_rest_known_covers_phrases(db_path: Path, seed_id: int, mini_wordnet: Path) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press(*["down"] * DELVING)
        session = reading(app).session
        assert session is not None
        phrases = [u.key for u in session.units if u.is_phrase]
        assert "take a look" in phrases
        await pilot.press("r")
        await settle(app, pilot)
        assert session.state_of_key("take a look").status == KNOWN
    db = open_db(db_path)
    assert get_term(db, "take a look").status == KNOWN
    db.close()


async def test_moving_on_marks_new_words_known_when_set(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id, config=Config(known_on_next=True))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press(*["down"] * DELVING)
        session = reading(app).session
        assert session is not None
        session.move_cursor(1)
        await pilot.press("1")  # looked up and kept learning: stays learning
        learning = session.current_unit
        await pilot.press("down")
        await settle(app, pilot)
    db = open_db(db_path)
    assert get_term(db, "week").status == KNOWN and get_term(db, "take a look").status == KNOWN
    assert learning is not None and get_term(db, learning.key).status == 1
    db.close()
    plain = make_app(db_path, target=seed_id, config=Config())
    async with plain.run_test(size=(120, 40)) as pilot:
        await settle(plain, pilot)
        session = reading(plain).session
        assert session is not None and session.index == DELVING + 1
        before = {t.term_key for t in session.tokens if t.is_word}
        await pilot.press("down")
        await settle(plain, pilot)
    db = open_db(db_path)
    assert any(get_term(db, k).status == NEW for k in before if k)  # off by default
    db.close()


# -- 7: g and / ---------------------------------------------------------------------------------


async def test_go_to_a_sentence_or_a_percentage(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        await pilot.press("g", *"26", "enter")
        assert screen.session is not None and screen.session.index == 25
        await pilot.press("g", *"50%", "enter")
        assert screen.session.index == 29
        await pilot.press("g", *"999", "enter")
        assert screen.session.index == 29  # refused, with a message
        assert any("sentence number from 1 to 58" in n.message for n in app._notifications)


async def test_search_and_next_match(db_path: Path, seed_id: int, mini_wordnet: Path) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        session = screen.session
        assert session is not None
        await pilot.press("slash", *"korean peninsula", "enter")
        await settle(app, pilot)
        first = session.index
        assert session.sentence is not None and "Korean Peninsula" in session.sentence.text
        await pilot.press("n")
        await settle(app, pilot)
        assert session.index > first and "Korean Peninsula" in session.sentence.text
        await pilot.press("slash", "ctrl+u", *"zebra crossing", "enter")
        await settle(app, pilot)
        assert any("not in this text" in n.message for n in app._notifications)


# -- 8: m back to unmarked ----------------------------------------------------------------------


async def test_sentence_mark_cycles_back_to_unmarked(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        session = reading(app).session
        assert session is not None
        seen = []
        for _ in range(4):
            await pilot.press("m")
            seen.append(session.sentence_mark())
        assert seen == ["understood", "partly", "not", None]
        await settle(app, pilot)
    db = open_db(db_path)
    assert db.execute("SELECT COUNT(*) FROM sentence_marks").fetchone()[0] == 0
    db.close()


# -- 9: ? help and the command palette ----------------------------------------------------------


async def test_help_lists_every_key_of_the_screen(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        shown = {row.action for row in app.screen.rows}
        for action in ("mark_sentence", "toggle_phrases", "speak_word", "listen", "speed(1)",
                       "speed(-1)", "goto_prompt", "search", "attention(1)", "back"):  # fmt: skip
            assert action in shown
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
        await pilot.press("escape")  # the library has its own
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert {"add", "remove", "open"} <= {row.action for row in app.screen.rows}


async def test_screen_actions_are_in_the_command_palette(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"go to a sentence")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        from reader.ui.screens.prompt import PromptScreen

        assert isinstance(app.screen, PromptScreen)
        assert "Go to sentence" in app.screen.prompt_title


# -- 10: 80x24 ----------------------------------------------------------------------------------


async def test_the_library_shows_every_column_at_80_columns(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        widths = [c.get_render_width(table) for c in table.columns.values()]
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[-1] == "Last read" and sum(widths) <= 80 - 4


# -- 11: audio in plain words -------------------------------------------------------------------


async def test_no_sound_device_is_said_plainly(
    db_path: Path, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    require_program("espeak-ng")
    monkeypatch.setenv("SENTENCES_AUDIO_BACKEND", "nonexistent")
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        (note,) = [n.message for n in app._notifications if "sound" in n.message]
        assert note.startswith("No sound device found; the audio was saved to ")
        assert note.endswith(".mp3") and Path(note.rsplit(" ", 1)[1]).exists()
        assert "miniaudio" not in note and "((" not in note


async def test_listen_mode_and_speed_show_on_screen(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        speeds = []
        for key in ["plus"] * 4 + ["minus"] * 6:
            await pilot.press(key)
            speeds.append(app.config.speech_speed)
        assert speeds == [1.25, 1.5, 2.0, 2.0, 1.5, 1.25, 1.0, 0.75, 0.5, 0.5]
        await pilot.press("plus", "plus")
        assert "listening" not in position(screen)
        screen.listener.listening = True  # as `a` turns it on, without a device to play on
        screen.update_position()
        assert "listening 1×" in position(screen)
        await pilot.press("a")
        assert not screen.listener.listening and "listening" not in position(screen)


async def test_the_head_start_waits_for_the_lexicon_build(
    db_path: Path, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a first run WordNet compiles at the same time, holding the write lock for longer than
    the busy timeout: the answer waits for it instead of being lost."""
    import sqlite3
    import threading

    monkeypatch.setenv("SENTENCES_FIRST_RUN", "1")
    monkeypatch.setattr("reader.store.db.BUSY_TIMEOUT_MS", 200)
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, HeadStartScreen)
        taken, done = threading.Event(), threading.Event()

        def hold() -> None:  # like the lexicon's compile: a long write transaction
            holder = sqlite3.connect(db_path, timeout=10)
            holder.execute("BEGIN IMMEDIATE")
            taken.set()
            done.wait(2.5)
            holder.rollback()
            holder.close()

        threading.Thread(target=hold).start()
        taken.wait(5)
        await pilot.press("1")
        await pilot.pause(4)
        done.set()
        await settle(app, pilot)
        assert not any(n.message.startswith("Not saved:") for n in app._notifications)
    db = open_db(db_path)
    assert db.execute("SELECT answer FROM first_run").fetchall() == [("1000",)]
    db.close()
