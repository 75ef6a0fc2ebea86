"""What the second new learner tripped over in the glosses panel (issue 22, items 8-9)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import sqlite_utils
from click.testing import CliRunner
from rich.console import Console

from reader.cli import main
from reader.learn.glossing import PARTS_SOURCE, gloss_entry
from reader.learn.status import set_gloss, set_status
from reader.learn.units import GlossRow, Unit
from reader.lexicon.builtin import ensure_lexicon
from reader.text.importer import import_text
from reader.text.load import Loaded
from reader.ui.widgets.glosses import render_detail, render_glosses


def shown(rows: list[GlossRow]) -> str:
    console = Console(width=100, record=True, color_system=None)
    console.print(render_glosses(rows, None))
    return console.export_text()


# -- 8: the part of speech shown is the gloss's ------------------------------------------------


def test_a_gloss_is_shown_with_its_own_part_of_speech(
    db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    """The tagger reads "present-day fault lines" as a noun; WordNet has only the adjective."""
    ensure_lexicon(db)
    entry = gloss_entry(db, "present-day", "NOUN")
    assert entry.short() == "belonging to the present time" and entry.shown_pos == "ADJ"
    row = GlossRow(Unit("present-day", (0,), "NOUN", False, "present-day"), entry)
    line = next(x for x in shown([row]).splitlines() if "present-day" in x)
    assert " adj " in line and "noun" not in line
    assert "present-day  adj" in render_detail(entry).plain


def test_a_learner_gloss_keeps_the_word_s_part_of_speech(
    db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    ensure_lexicon(db)
    set_gloss(db, "present-day", "heutig")
    assert gloss_entry(db, "present-day", "NOUN").shown_pos == "NOUN"


def test_a_phrase_exports_the_part_of_speech_of_its_meaning_not_of_its_first_word(
    db: sqlite_utils.Database, mini_wordnet: Path, tmp_path: Path
) -> None:
    ensure_lexicon(db)
    content = "He has taken his daughter under his wing. It was a present-day fault."
    import_text(db, Loaded(content=content, title="Wing", source=None))
    set_status(db, "under his wing", 1)
    set_gloss(db, "under his wing", "protecting and guiding her")
    set_status(db, "present-day", 1)
    out = tmp_path / "w.csv"
    result = CliRunner(mix_stderr=False).invoke(main, ["export", "csv", str(out), "--no-audio"])
    assert result.exit_code == 0, result.stderr
    rows = {r["Lemma"]: r for r in csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))}
    assert rows["under his wing"]["Part of speech"] == ""  # was "preposition" ("under")
    assert rows["present-day"]["Part of speech"] == "adjective"


# -- 9: word parts only for words, and for compounds with a nationality --------------------------


def test_a_compound_with_a_nationality_is_explained_by_its_parts(
    db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    ensure_lexicon(db)
    (parts,) = gloss_entry(db, "inter-korean", "ADJ").senses
    assert parts.source == PARTS_SOURCE
    assert parts.gloss.startswith("inter- (between, among) + korean (of or relating to")


def test_a_name_s_pieces_are_not_parts(db: sqlite_utils.Database, mini_wordnet: Path) -> None:
    """ "Ju-ae" and "Jong-un" are names: their pieces are no words to explain."""
    ensure_lexicon(db)
    assert gloss_entry(db, "ju-ae", "NOUN").senses == []
    assert gloss_entry(db, "jong-un", "NOUN").senses == []


def test_a_phrase_of_ordinary_words_is_never_split(
    db: sqlite_utils.Database, mini_wordnet: Path
) -> None:
    """The learner's own term "under his wing": "under (down to defeat…) + his + wing
    (airfoil…)" is nonsense; the panel says how to give it a meaning instead."""
    ensure_lexicon(db)
    entry = gloss_entry(db, "under his wing")
    assert entry.senses == []
    row = GlossRow(Unit("under his wing", (0, 1, 2), "ADP", True, "under his wing"), entry)
    assert "(no gloss: e writes one, w steps through its words)" in shown([row])
