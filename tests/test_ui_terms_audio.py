"""Pilot tests of multi-word terms, span selection and audio in the reading screen."""

from __future__ import annotations

from pathlib import Path

import requests
import responses
from _pilot import SIZE, reading, settle
from _require import require_program
from _speech_fakes import GTTS_URL

from reader.config import Config
from reader.learn.status import get_term
from reader.store import open_db
from reader.ui.app import make_app
from reader.ui.messages import AudioFinished

DELVING = 2  # "Delving deeper into China's Victory Day Parade this week, we take a look at ..."


async def test_phrases_are_units_and_can_be_split(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*["down"] * DELVING)
        session = reading(app).session
        assert session is not None and app.phrases is not None
        keys = [u.key for u in session.units]
        assert "take a look" in keys and "take" not in keys
        while session.current_unit is not None and session.current_unit.key != "take a look":
            await pilot.press("right")
        await pilot.press("2")
        assert get_term(app.db, "take a look").status == 2
        assert "take a look" in [r.entry.lemma for r in session.gloss_rows()]
        await pilot.press("w")  # single words only
        assert "take" in [u.key for u in session.units]
        assert get_term(app.db, "take").status == 0


async def test_select_a_span_and_make_it_a_term(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press(*["down"] * DELVING)
        await pilot.press("s", "right", "s")  # "Delving deeper"
        await pilot.press(*"to look closely", "enter")
        await pilot.pause()
        session = reading(app).session
        assert session is not None
        assert session.current_unit is not None and session.current_unit.key == "delve deep"
    check = open_db(db_path)
    term = get_term(check, "delve deep")
    assert term.status == 1 and term.gloss == "to look closely"


async def test_play_synthesizes_caches_and_plays(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    require_program("espeak-ng")
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await settle(app, pilot)
        assert app.player is not None and app.player.backend is not None
        rows = app.db.execute("SELECT COUNT(*) FROM audio").fetchone()[0]
        assert rows >= 2  # the sentence, and the next ones prefetched
        await pilot.press("v")  # the word under the cursor
        await settle(app, pilot)
        assert app.db.execute("SELECT COUNT(*) FROM audio").fetchone()[0] == rows + 1


async def test_listen_mode_moves_the_focus_with_the_audio(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    require_program("espeak-ng")
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a")
        screen = reading(app)
        assert screen.listener.listening
        screen.listener.post_message(AudioFinished(0))  # the player says sentence 0 is done
        await settle(app, pilot)
        assert screen.session is not None and screen.session.index == 1
        screen.listener.post_message(AudioFinished(0))  # a stale end is ignored
        await settle(app, pilot)
        assert screen.session.index == 1
        await pilot.press("a")
        assert not screen.listener.listening


async def test_no_network_falls_back_and_says_so_once(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    require_program("espeak-ng")
    from reader.speech import synth

    synth.online.reset()
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="gtts"))
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        rsps.add(responses.POST, GTTS_URL, body=requests.exceptions.ConnectionError("offline"))
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            await pilot.press("p")
            await settle(app, pilot)
            await pilot.press("down", "p")
            await settle(app, pilot)
            notes = [n.message for n in app._notifications if "offline voice" in n.message]
            assert len(notes) == 1
            assert "((" not in notes[0] and "))" not in notes[0]  # one pair of brackets at most
    synth.online.reset()
