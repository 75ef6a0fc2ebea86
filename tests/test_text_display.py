"""Import and display fixes for new learners (issue 11, items 3 and 12): page furniture,
labels that are not words, hard-wrapped lines and Gutenberg's _italics_."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
from _paths import SEED

from reader.learn.texts import tokens_of
from reader.text.display import display_gap, display_line, emphasis
from reader.text.furniture import drop_furniture
from reader.text.load import load_path, load_string
from reader.text.tokenize import tokenize

# -- 12: page furniture and labels -------------------------------------------------------------


def test_the_seeds_page_furniture_is_dropped_at_import() -> None:
    raw = SEED.read_text(encoding="utf-8")
    title = raw.split("\n", 1)[0]
    assert raw.count(title) == 2 and "Sentences Mode" in raw
    content = load_path(SEED).content
    assert content.count(title) == 1 and content.startswith(title)
    for furniture in ("Sentences Mode", "\nComments", "You must be logged in"):
        assert furniture not in content
    assert "Published on: 2025/09/06 12:36" in content  # not furniture: kept
    assert content.rstrip().endswith("Arirang news https://www.arirang.com/news/view?id=286928")


def test_furniture_is_dropped_conservatively(tmp_path: Path) -> None:
    text = (
        "A Title\n\nComments\n\nComments are welcome. Sentences mode is new.\n\n"
        "A Title\n\nThe end.\n"
    )
    # "Comments" mid-text and sentences that mention furniture stay; the title's repeat goes
    assert drop_furniture(text, "A Title") == (
        "A Title\n\nComments\n\nComments are welcome. Sentences mode is new.\n\nThe end.\n"
    )
    # a text whose first line is not its title keeps its repeated lines
    chorus = "Row, row, row your boat\nGently down the stream\nRow, row, row your boat\n"
    assert drop_furniture(chorus, "Song") == chorus
    # Markdown is not a web page saved as text: left alone
    notes = tmp_path / "notes.md"
    notes.write_text("Some text.\n\nComments\n", encoding="utf-8")
    assert "Comments" in load_path(notes).content
    assert "Comments" not in load_string("Some text.\n\nComments\n").content


def test_labels_are_not_words_to_learn() -> None:
    tokens = tokenize("Q1. This was the first time. Q2. MP3 files and G20 talks.")
    words = {t.text: t.is_word for t in tokens}
    assert words["Q1"] is False and words["Q2"] is False and words["MP3"] is False
    assert words["G20"] is False and words["files"] is True and words["talks"] is True


def test_the_seeds_q1_is_not_glossed(db: sqlite_utils.Database, seed_id: int) -> None:
    rows = [
        (t.term_key, t.is_word)
        for (sid,) in db.execute("SELECT id FROM sentences").fetchall()
        for t in tokens_of(db, sid)
        if t.text == "Q1"
    ]
    assert rows and all(key is None and not word for key, word in rows)


# -- 3: hard-wrapped lines and italics ---------------------------------------------------------


def test_a_line_break_inside_a_sentence_is_a_space_on_screen() -> None:
    assert display_gap("\n") == " " and display_gap("  ") == "  "
    assert display_line("I have seldom heard him\nmention her under any other name.") == (
        "I have seldom heard him mention her under any other name."
    )


def test_gutenberg_italics_markers_are_hidden() -> None:
    tokens = tokenize("It was _not_ the _Gloria Scott_ at all; snake_case stays.")
    markers, emphasised = emphasis(tokens)
    assert {tokens[i].text for i in emphasised} == {"not", "Gloria", "Scott"}
    assert all(tokens[i].text == "_" for i in markers) and len(markers) == 4
    assert display_line("the _Gloria Scott_ case") == "the Gloria Scott case"


def test_the_focused_sentence_shows_one_line_without_markers(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    from reader.learn.session import ReadingSession
    from reader.text.importer import import_text
    from reader.ui.widgets.sentence import render_sentence

    book = tmp_path / "book.txt"
    book.write_text(
        "To Sherlock Holmes she is always _the_ woman. I have seldom heard him\n"
        "mention her under any other name.\n",
        encoding="utf-8",
    )
    text_id = import_text(db, load_path(book)).text_id
    session = ReadingSession(db, text_id)
    session.goto(1)
    assert "\n" in session.sentence.text if session.sentence else False  # stored as written
    shown = render_sentence(session)
    assert shown.plain == "I have seldom heard him mention her under any other name."
    session.goto(0)
    shown = render_sentence(session)
    assert shown.plain == "To Sherlock Holmes she is always the woman."
    start = shown.plain.index("the woman")
    assert any(span.style.italic for span in shown.spans if span.start <= start < span.end)
