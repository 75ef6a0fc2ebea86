"""The learner chooses: a sense picked in the word's entry is their meaning of the term, shown
first from then on, carried to cards and exports, and replaced by another pick or their own gloss.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import sqlite_utils
from _pilot import SIZE, reading, settle
from click.testing import CliRunner
from textual.widgets import Input

from reader.cli import main
from reader.learn.choice import choose_sense, clear_choice, get_choice
from reader.learn.glossing import gloss_entry
from reader.learn.meaning import Meaning, meaning_of
from reader.learn.session import ReadingSession
from reader.learn.status import set_gloss, set_status
from reader.learn.texts import sentences_between
from reader.lexicon import import_dictionary, set_enabled
from reader.store import open_db
from reader.ui.app import make_app
from reader.ui.screens.senses import SenseChoiceScreen

MEETING = "a meeting of heads of governments"
MEETING_KEY = "summit%1:14:00::"
SUMMIT_SENTENCE = "Second, it signaled a counter-message"


def summit_session(db: sqlite_utils.Database, text_id: int) -> ReadingSession:
    """A fresh reading session on the seed's "…South Korea–U.S. summit…" sentence."""
    session = ReadingSession(db, text_id)
    rows = sentences_between(db, text_id, 0, session.count)
    session.goto(next(r.idx for r in rows if SUMMIT_SENTENCE in r.text))
    session.cursor = next(n for n, u in enumerate(session.units) if u.key == "summit")
    return session


def test_a_chosen_sense_is_shown_first_from_then_on(
    lexicon: sqlite_utils.Database, seed_id: int
) -> None:
    before = gloss_entry(lexicon, "summit", pos="NOUN")
    assert before.senses[0].gloss != MEETING and not before.chosen
    meeting = next(s for s in before.senses if s.gloss == MEETING)
    choose_sense(lexicon, "summit", meeting)

    session = summit_session(lexicon, seed_id)  # a new session: read back from the database
    unit = session.current_unit
    assert unit is not None and unit.key == "summit"
    entry = session.entry_for_unit(unit)
    assert entry.chosen and entry.senses[0].gloss == MEETING
    assert len(entry.senses) == len(before.senses)  # moved to the front, not duplicated
    row = next(r for r in session.gloss_rows() if r.unit.key == "summit")
    assert row.entry.short() == MEETING


def test_a_chosen_sense_is_first_in_gloss_json(lexicon: sqlite_utils.Database) -> None:
    meeting = next(s for s in gloss_entry(lexicon, "summit").senses if s.gloss == MEETING)
    choose_sense(lexicon, "summit", meeting)
    result = CliRunner(mix_stderr=False).invoke(main, ["gloss", "summit", "--json"])
    entry = json.loads(result.stdout)
    assert entry["chosen"] is True
    assert entry["senses"][0]["gloss"] == MEETING
    assert entry["senses"][0]["sense_key"] == MEETING_KEY
    assert [s["gloss"] for s in entry["senses"]].count(MEETING) == 1


def test_another_pick_replaces_the_choice(lexicon: sqlite_utils.Database) -> None:
    senses = gloss_entry(lexicon, "summit").senses
    choose_sense(lexicon, "summit", senses[2])
    choose_sense(lexicon, "summit", senses[1])
    entry = gloss_entry(lexicon, "summit")
    assert entry.chosen and entry.senses[0] == senses[1]
    assert entry.senses[1:] == [senses[0], *senses[2:]]
    clear_choice(lexicon, "summit")
    assert gloss_entry(lexicon, "summit").senses == senses


def test_own_gloss_and_choice_replace_each_other(lexicon: sqlite_utils.Database) -> None:
    set_status(lexicon, "summit", 2)
    meeting = next(s for s in gloss_entry(lexicon, "summit").senses if s.gloss == MEETING)
    choose_sense(lexicon, "summit", meeting)
    set_gloss(lexicon, "summit", "Gipfeltreffen")  # e: the learner's own words win
    assert get_choice(lexicon, "summit") is None
    entry = gloss_entry(lexicon, "summit")
    assert entry.learner_gloss == "Gipfeltreffen" and not entry.chosen
    choose_sense(lexicon, "summit", meeting)  # and a pick replaces the own gloss
    entry = gloss_entry(lexicon, "summit")
    assert entry.learner_gloss is None and entry.senses[0].gloss == MEETING
    assert entry.status == 2  # choosing a meaning leaves the status alone


def test_meaning_for_cards_and_exports(lexicon: sqlite_utils.Database) -> None:
    first = gloss_entry(lexicon, "summit").senses[0]
    assert meaning_of(lexicon, "en", "summit") == Meaning(first.gloss, "wordnet", first.sense_key)
    meeting = next(s for s in gloss_entry(lexicon, "summit").senses if s.gloss == MEETING)
    choose_sense(lexicon, "summit", meeting)
    assert meaning_of(lexicon, "en", "summit") == Meaning(MEETING, "wordnet", MEETING_KEY)
    set_gloss(lexicon, "summit", "Gipfeltreffen")
    assert meaning_of(lexicon, "en", "summit") == Meaning("Gipfeltreffen", "learner", None)
    assert meaning_of(lexicon, "en", "xqzv") is None


def test_a_choice_outlives_its_dictionary(lexicon: sqlite_utils.Database, tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("summit\tGipfel\nsummit\tGipfeltreffen\n", encoding="utf-8")
    import_dictionary(lexicon, path)
    treffen = next(s for s in gloss_entry(lexicon, "summit").senses if s.gloss == "Gipfeltreffen")
    choose_sense(lexicon, "summit", treffen)
    set_enabled(lexicon, "mine", False)
    entry = gloss_entry(lexicon, "summit")
    assert entry.chosen and entry.senses[0].gloss == "Gipfeltreffen"
    assert entry.senses[0].source == "mine"


async def test_c_then_a_number_picks_the_sense(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        session = screen.session
        assert session is not None
        rows = sentences_between(app.db, seed_id, 0, session.count)
        session.goto(next(r.idx for r in rows if SUMMIT_SENTENCE in r.text))
        while session.current_unit is not None and session.current_unit.key != "summit":
            await pilot.press("right")
        senses = session.entry_for_unit(session.current_unit).senses
        number = next(n for n, s in enumerate(senses, start=1) if s.gloss == MEETING)

        await pilot.press("c")
        assert isinstance(app.screen, SenseChoiceScreen)
        await pilot.press("escape")  # nothing chosen, nothing stored
        await settle(app, pilot)
        assert get_choice(app.db, "summit") is None

        await pilot.press("c", str(number))
        assert app.screen is screen
        # shown at once, from the session, whether or not the writer has saved it yet
        assert session.entry_for_unit(session.current_unit).senses[0].gloss == MEETING
        assert await asyncio.to_thread(app.writer.flush, 15)
        choice = get_choice(open_db(db_path), "summit")
        assert choice is not None and choice.gloss == MEETING and choice.source == "wordnet"
        assert choice.sense_key == MEETING_KEY
        assert session.entry_for_unit(session.current_unit).senses[0].gloss == MEETING

        await pilot.press("e")  # the prompt offers the chosen sense's text
        assert app.screen.query_one("#prompt-input", Input).value == MEETING
        await pilot.press("enter")  # unchanged: the choice stays, with its sense key
        assert await asyncio.to_thread(app.writer.flush, 15)
        assert get_choice(open_db(db_path), "summit") == choice

        await pilot.press("c", "enter")  # the chosen one (first, highlighted) again: undone
        assert await asyncio.to_thread(app.writer.flush, 15)
        assert get_choice(open_db(db_path), "summit") is None
        assert session.entry_for_unit(session.current_unit).senses[0].gloss != MEETING


def test_a_choice_is_found_by_its_sense_key(lexicon: sqlite_utils.Database) -> None:
    """The lexicon rebuilt with other wording: the choice still finds its sense, by key."""
    meeting = next(s for s in gloss_entry(lexicon, "summit").senses if s.gloss == MEETING)
    choose_sense(lexicon, "summit", meeting)
    lexicon.execute("UPDATE terms SET sense_gloss = 'as worded before' WHERE key = 'summit'")
    entry = gloss_entry(lexicon, "summit")
    assert entry.chosen and entry.senses[0].gloss == MEETING
    assert "as worded before" not in [s.gloss for s in entry.senses]


def test_the_verbs_gloss_survives_choosing_the_nouns_sense(db) -> None:
    from reader.learn.choice import choose_sense
    from reader.learn.glossing import gloss_entry
    from reader.learn.status import set_gloss
    from reader.lexicon.base import WORDNET_PRIORITY, Row, store_source

    rows = [
        Row("leverage", "NOUN", 1, "the mechanical advantage of a lever", None, None,
            sense_key="leverage%1:07:00::"),
        Row("leverage", "NOUN", 2, "strategic advantage; power to act effectively", None, None,
            sense_key="leverage%1:07:01::"),
        Row("leverage", "VERB", 3, "supplement with leverage", None, None,
            sense_key="leverage%2:30:00::"),
    ]  # fmt: skip
    store_source(db, name="wordnet", kind="wordnet", origin="test", rows=rows,
                 priority=WORDNET_PRIORITY)  # fmt: skip
    set_gloss(db, "leverage", "make the most of", pos="VERB")
    power = next(g for g in gloss_entry(db, "leverage", pos="NOUN", native_lang="").senses
                 if g.sense_key == "leverage%1:07:01::")  # fmt: skip
    choose_sense(db, "leverage", power, pos="NOUN")
    verb = gloss_entry(db, "leverage", pos="VERB", native_lang="")
    assert (verb.learner_gloss, verb.senses[0].gloss, verb.chosen) == (
        "make the most of",
        "make the most of",
        False,
    )
    noun = gloss_entry(db, "leverage", pos="NOUN", native_lang="")
    assert noun.learner_gloss is None and noun.chosen
    assert noun.senses[0].sense_key == "leverage%1:07:01::"
    set_gloss(db, "leverage", "to use well", pos="VERB")  # the verb's gloss again: noun's stays
    assert gloss_entry(db, "leverage", pos="NOUN", native_lang="").chosen
