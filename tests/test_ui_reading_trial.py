"""What the second new learner tripped over on the reading screen (issue 22, items 10-11)."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from _pilot import SIZE, reading, settle
from textual.widgets import Label

from reader.config import Config
from reader.learn.status import KNOWN, set_status
from reader.lexicon import import_dictionary
from reader.lexicon.builtin import ensure_lexicon
from reader.text.importer import import_text
from reader.text.load import Loaded
from reader.ui.app import make_app

TEXT = "At the same time, the alliance grew stronger. The parade began."


def text_with_a_german_dictionary(db: sqlite_utils.Database, tmp_path: Path) -> int:
    ensure_lexicon(db)
    words = tmp_path / "mine.tsv"
    words.write_text("the\tder, die, das\nalliance\tBündnis\nparade\tParade\n", encoding="utf-8")
    import_dictionary(db, words, name="mine", lang_pair=("en", "de"))
    for word in ("at", "same", "time", "grow", "strong", "begin"):
        set_status(db, word, KNOWN)  # a head start: the learner knows these
    return import_text(db, Loaded(content=TEXT, title="Allies", source=None)).text_id


# -- 10: the cursor starts on the first word that needs attention -------------------------------


async def test_the_cursor_starts_on_a_word_the_learner_does_not_know(
    db: sqlite_utils.Database, db_path: Path, tmp_path: Path, mini_wordnet: Path
) -> None:
    """Not on "at the same time" (known words), nor on "the" (translated by the dictionary):
    on "alliance"; both stay in the panel, and Tab goes back to them."""
    text_id = text_with_a_german_dictionary(db, tmp_path)
    config = Config(native_lang="de", translate_engine="none", speech_engine="espeak")
    app = make_app(db_path, target=text_id, config=config)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        session = reading(app).session
        assert session is not None
        keys = [row.unit.key for row in session.gloss_rows()]
        assert "at the same time" in keys and "alliance" in keys
        assert session.current_unit is not None and session.current_unit.key == "alliance"
        await pilot.press("down")
        assert session.current_unit is not None and session.current_unit.key == "parade"


# -- 11: a speed change shows beside the position ------------------------------------------------


async def test_a_speed_change_shows_beside_the_position(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        position = reading(app).query_one("#position", Label)
        assert "speed" not in str(position.render())  # 1×: nothing to say
        await pilot.press("plus")
        assert str(position.render()).endswith(" · speed 1.25×")
        await pilot.press("minus", "minus")
        assert str(position.render()).endswith(" · speed 0.75×")
        await pilot.press("down")  # it stays while reading on
        assert str(position.render()).endswith(" · speed 0.75×")
        await pilot.press("plus")
        assert "speed" not in str(position.render())
