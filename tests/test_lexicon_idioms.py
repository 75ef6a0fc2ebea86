"""The shipped idiom list: a clean file, an idempotent import, and idioms found in real text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
import sqlite_utils

from reader.learn.phrases import MAX_WORDS, PhraseIndex
from reader.lexicon import glosses, import_dictionary, set_enabled
from reader.lexicon.base import LexiconError
from reader.lexicon.idioms import (
    IDIOMS_PATH,
    IDIOMS_PRIORITY,
    SOURCE_NAME,
    ensure_idioms,
    read_idioms,
)
from reader.store import open_db
from reader.text import analyze

# The matcher compares words literally, so a placeholder would have to appear in the text as is.
PLACEHOLDERS = re.compile(r"\b(one's|someone|somebody|something|oneself|sb|sth)\b")
# Their last word is tagged DET ("all"), which reader.learn.phrases rejects as a phrase end.
NOT_MATCHED_ALONE = {"after all", "all in all", "at all", "once and for all"}


@pytest.fixture
def db() -> Iterator[sqlite_utils.Database]:
    database = open_db(":memory:")
    yield database
    database.close()


def source(db: sqlite_utils.Database) -> tuple[str, int, int, int]:
    row = db.execute(
        "SELECT kind, priority, enabled, entry_count FROM lex_sources WHERE name = ?",
        [SOURCE_NAME],
    ).fetchone()
    return (row[0], row[1], row[2], row[3])


def tokens(text: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(**t) for s in analyze(text) for t in s["tokens"]]


def test_file_is_clean() -> None:
    lines = IDIOMS_PATH.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "idiom\tmeaning"
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) >= 400
    assert all(len(row) == 2 for row in rows)
    idioms = [idiom for idiom, _ in rows]
    assert len(set(idioms)) == len(idioms)
    for idiom, meaning in rows:
        assert idiom == " ".join(idiom.lower().split()), idiom
        assert 2 <= len(idiom.split()) <= MAX_WORDS, idiom
        assert not PLACEHOLDERS.search(idiom), idiom
        assert idiom[-1].isalnum() and meaning[-1] not in ".,;:", idiom
        assert meaning == meaning.strip() and len(meaning.split()) <= 12, idiom


def test_read_idioms_matches_the_file() -> None:
    records = read_idioms()
    lines = IDIOMS_PATH.read_text(encoding="utf-8").splitlines()
    assert len(records) == len(lines) - 1
    assert all(r.pos is None for r in records)


def test_malformed_line_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "idioms.tsv"
    bad.write_text("idiom\tmeaning\nbreak the ice\tmake people relax\nno meaning here\n")
    with pytest.raises(LexiconError, match="line 3"):
        read_idioms(bad)


def test_ensure_imports_once(db: sqlite_utils.Database) -> None:
    count = len(read_idioms())
    assert ensure_idioms(db) == count
    assert source(db) == ("idioms", IDIOMS_PRIORITY, 1, count)
    assert ensure_idioms(db) is None
    assert db.execute("SELECT COUNT(*) FROM lex_entries").fetchone()[0] == count


def test_outdated_copy_is_replaced_keeping_the_learners_choice(
    db: sqlite_utils.Database,
) -> None:
    count = ensure_idioms(db)
    set_enabled(db, SOURCE_NAME, False)
    db.execute("UPDATE lex_sources SET entry_count = 3 WHERE name = ?", [SOURCE_NAME])
    assert ensure_idioms(db) == count
    assert source(db) == ("idioms", IDIOMS_PRIORITY, 0, count)


def test_learners_dictionary_called_idioms_is_left_alone(
    db: sqlite_utils.Database, tmp_path: Path
) -> None:
    mine = tmp_path / "idioms.tsv"
    mine.write_text("word\tmeaning\nbreak the ice\tmy own words\n")
    import_dictionary(db, mine)
    assert ensure_idioms(db) is None
    assert [g.gloss for g in glosses(db, "break the ice")] == ["my own words"]


def test_phrases_found_in_text(db: sqlite_utils.Database) -> None:
    ensure_idioms(db)
    index = PhraseIndex.from_db(db)
    found = index.match(tokens("Only time will tell whether she'll succeed him."))
    assert [m.key for m in found] == ["only time will tell"]
    assert found[0].token_idxs == (0, 1, 2, 3)
    assert [m.key for m in index.match(tokens("They broke the ice quickly."))] == ["break the ice"]


def test_every_idiom_finds_itself(db: sqlite_utils.Database) -> None:
    """Catches idioms the tokenizer splits differently, and ones a lemma turns into another."""
    ensure_idioms(db)
    index = PhraseIndex.from_db(db)
    idioms = [r.headword for r in read_idioms()]
    sentences = analyze("\n\n".join(f"They said {idiom} today." for idiom in idioms))
    assert len(sentences) == len(idioms)
    missed = set()
    for idiom, sentence in zip(idioms, sentences, strict=True):
        words = [SimpleNamespace(**t) for t in sentence["tokens"]]
        if idiom not in [m.key for m in index.match(words)]:
            missed.add(idiom)
    assert missed <= NOT_MATCHED_ALONE


def test_glosses_show_the_meaning(db: sqlite_utils.Database) -> None:
    ensure_idioms(db)
    meaning = {r.headword: r.gloss for r in read_idioms()}["only time will tell"]
    found = glosses(db, "only time will tell")
    assert [(g.source, g.kind, g.gloss) for g in found] == [("idioms", "idioms", meaning)]
    assert glosses(db, "Break  the ice")[0].source == "idioms"
