"""What the second new learner tripped over in review (issue 22, items 1-3), pinned."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import sqlite_utils
from _pilot import SIZE, settle
from click.testing import CliRunner
from textual.widgets import Input, Label, Static

from reader.config import Config
from reader.learn.review import ReviewSession
from reader.learn.schedule import (
    GOOD,
    ReviewCard,
    due_count,
    load_queue,
    make_scheduler,
    now_utc,
    stamp,
)
from reader.learn.siblings import are_siblings, spread
from reader.learn.status import set_status
from reader.store import open_db
from reader.ui.app import make_app
from reader.ui.screens.library import LibraryScreen
from reader.ui.screens.review import ReviewScreen


def review_screen(app: object) -> ReviewScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, ReviewScreen)
    return screen


def card(
    id: int, drill: str, term: str | None, sentence: str = "S", due: str = "2026-01-01T00:00:00"
) -> ReviewCard:
    return ReviewCard(
        id, f"g{id}", "en", drill, term, sentence, None, None, "m", None, "sha",
        hash(sentence) % 1000, hash(sentence) % 1000 + 10, 2, None, 3.0, 5.0, due, due, 1, 0,
    )  # fmt: skip


# -- 1: the learner's own translation in the recognition answer -------------------------------


async def test_t_then_R_shows_the_translation_in_the_recognition_answer(
    db_path: Path, seed_id: int
) -> None:
    config = Config(native_lang="ko", translate_engine="none", speech_engine="espeak")
    app = make_app(db_path, target=seed_id, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("1")  # the word under the cursor: learning
        await pilot.press("t")
        app.screen.query_one("#prompt-input", Input).value = "김정은의 연대"
        await pilot.press("enter")
        await pilot.press("R")  # at once: the writer may not have written either yet
        await settle(app, pilot)
        screen = review_screen(app)
        session = screen.session
        assert session is not None and session.current is not None
        assert session.current.drill == "recognition"
        await pilot.press("space")
        answer = str(screen.query_one("#card-answer", Static).render())
        assert "Your translation: 김정은의 연대" in answer


# -- 2: siblings spread apart ------------------------------------------------------------------


def test_siblings_due_together_are_dealt_apart() -> None:
    """Three terms answered at the same moment come due together, each term's cards side by
    side in due order: spread, no two of a term are neighbours."""
    cards = [card(n, drill, term) for n, (term, drill) in enumerate(
        (t, d) for t in ("alpha", "beta", "gamma") for d in ("recognition", "cloze", "production")
    )]  # fmt: skip
    order = spread(cards)
    assert sorted(c.id for c in order) == [c.id for c in cards]
    assert [c.term_key for c in order[:3]] == ["alpha", "beta", "gamma"]
    assert all(not are_siblings(a, b) for a, b in zip(order, order[1:], strict=False))


def test_one_term_with_many_cards_is_still_never_twice_in_a_row() -> None:
    cards = [card(1, "recognition", "alpha"), card(2, "cloze", "alpha")]
    cards += [card(3, "production", "alpha"), card(4, "recognition", "beta", "T")]
    cards += [card(5, "recognition", "gamma", "U")]
    order = spread(cards)
    assert all(not are_siblings(a, b) for a, b in zip(order, order[1:], strict=False))


def test_a_listening_card_is_a_sibling_of_its_sentence_s_cards() -> None:
    listening = card(1, "listening", None, "The storm came.")
    cloze = card(2, "cloze", "storm", "The storm came.")
    other = card(3, "cloze", "harbour", "The harbour was quiet.")
    assert are_siblings(listening, cloze) and not are_siblings(listening, other)
    assert not are_siblings(cloze, card(4, "cloze", "come", "The storm came."))
    assert [c.id for c in spread([listening, cloze, other])] == [1, 3, 2]


def test_a_card_back_from_a_learning_step_is_held_back_after_its_sibling() -> None:
    """Again on alpha's recognition brings it back in ten minutes; by then alpha's cloze has
    just been answered: the recognition is held back for the next session, not shown next."""
    at = now_utc()
    due = stamp(at - timedelta(days=1))
    cards = [card(1, "recognition", "alpha", due=due), card(2, "cloze", "alpha", due=due)]
    cards += [card(3, "recognition", "beta", "T", due=due)]
    clock = [at]
    session = ReviewSession(cards, make_scheduler(fuzz=False), clock=lambda: clock[0])
    shown = []
    while session.current is not None and len(shown) < 10:
        shown.append(session.current.id)
        session.rate(1 if len(shown) == 1 else GOOD)
        clock[0] += timedelta(minutes=2)
    assert shown == [1, 3, 2] and session.finished
    assert session.held_back == 1 and [c.id for c in session.learning] == [1]


async def test_a_session_of_three_new_terms_never_shows_one_term_twice_in_a_row(
    db: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    for word in ("coalition", "parade", "diplomacy"):
        set_status(db, word, 1, source="reading")
    app = make_app(db_path, review=(), config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        session = review_screen(app).session
        assert session is not None
        shown: list[str | None] = []
        while session.current is not None and len(shown) < 20:
            shown.append(session.current.term_key)
            if session.is_typed:
                await pilot.press(*session.current.term_text, "enter")
            else:
                await pilot.press("space")
            await pilot.press("3")
        assert len(shown) >= 9
        assert all(a != b for a, b in zip(shown, shown[1:], strict=False)), shown


# -- 3: one count everywhere, "N left" goes down, R on the Done screen --------------------------


async def test_every_due_count_is_the_session_s_size(
    db: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    from reader.cli import main

    # Terms set from the command line have no cards until something makes them: the library
    # used to count none while the session (which makes them) had 6.
    db.conn.execute(
        "INSERT INTO terms (lang, key, status, created_at, updated_at) VALUES "
        "('en', 'coalition', 1, '2026-01-01', '2026-01-01'), "
        "('en', 'parade', 2, '2026-01-01', '2026-01-01')"
    )
    db.conn.commit()
    app = make_app(db_path, config=Config(speech_engine="espeak", new_cards_per_day=4))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert isinstance(app.screen, LibraryScreen)
        note = str(app.screen.query_one("#library-note").render())
        assert "4 cards due for review" in note  # 6 new cards, 4 a day
        await pilot.press("R")
        await settle(app, pilot)
        session = review_screen(app).session
        assert session is not None and session.remaining == 4
    assert due_count(db, now_utc(), 4) == len(load_queue(db, now_utc(), 4).cards) == 4
    (home := db_path.parent / "config.toml").write_text("new_cards_per_day = 4\n")
    from reader.config import load_config

    load_config.cache_clear()
    result = CliRunner(mix_stderr=False).invoke(main, ["cards", "--due"])
    assert result.exit_code == 0 and len(result.stdout.strip().splitlines()) == 4, result.stdout
    assert home.exists()


async def test_left_goes_down_through_a_first_pass(
    db: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    for word in ("coalition", "parade"):
        set_status(db, word, 1, source="reading")
    app = make_app(db_path, review=("recognition",), config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        status = app.screen.query_one("#review-status", Label)
        assert str(status.render()).startswith("2 left · Recognition")
        await pilot.press("space", "3")  # Good on a new card: back in ten minutes
        assert str(status.render()).startswith("1 left · 1 again soon · Recognition")


async def test_R_on_the_done_screen_starts_again(
    db: sqlite_utils.Database, db_path: Path, seed_id: int
) -> None:
    set_status(db, "coalition", 1)
    app = make_app(db_path, review=("recognition",), config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = review_screen(app)
        assert screen.session is not None
        # a second word marked (from another window) while this session runs
        other = open_db(db_path)
        set_status(other, "parade", 1)
        other.close()
        await pilot.press("space", "4")  # Easy: days away
        await settle(app, pilot)
        assert screen.session.finished
        text = str(screen.query_one("#card-prompt").render())
        assert "Still due now: 1 (R starts again)" in text
        await pilot.press("R")
        await settle(app, pilot)
        session = screen.session
        assert session is not None and not session.finished
        assert session.current is not None and session.current.term_key == "parade"
