"""Sense keys in the lexicon tables, and the senses that cannot fit a sentence."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from _paths import MINI_WORDNET
from _require import require_file, require_wordnet

from reader.learn.glossing import gloss_entry
from reader.lexicon import glosses
from reader.lexicon.senses import SenseContext, rank_senses
from reader.lexicon.wordnet import compile_wordnet, ensure_wordnet, is_compiled
from reader.store.db import open_db
from reader.text import analyze


@pytest.fixture
def mini(tmp_path: Path) -> Iterator[sqlite_utils.Database]:
    db = open_db(tmp_path / "mini.db")
    compile_wordnet(db, MINI_WORDNET)
    yield db
    db.close()


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite_utils.Database]:
    directory = require_wordnet()
    db = open_db(tmp_path_factory.mktemp("wordnet") / "full.db")
    compile_wordnet(db, directory)
    yield db
    db.close()


def context_of(sentence: str, word: str) -> SenseContext:
    """The sentence as the reader analyzes it, glossing the first token written ``word``."""
    (analyzed,) = analyze(sentence)
    tokens = analyzed["tokens"]
    words = [t["text"] for t in tokens]
    start = words.index(word.split()[0])
    return SenseContext.of_analyzed(tokens, range(start, start + len(word.split())))


def first(db: sqlite_utils.Database, lemma: str, sentence: str, word: str) -> str:
    context = context_of(sentence, word)
    pos = context.target_pos if len(context.target) == 1 else None
    entry = gloss_entry(db, lemma, pos=pos, context=context)
    return entry.senses[0].gloss if entry.senses else ""


def test_sense_keys_compiled(mini: sqlite_utils.Database) -> None:
    keys = {g.sense_key: g.gloss for g in glosses(mini, "summit", "NOUN")}
    assert keys["summit%1:14:00::"] == "a meeting of heads of governments"
    # A satellite adjective's key names its cluster's head word and lex id.
    key_adj = [g.sense_key for g in glosses(mini, "key", "ADJ")]
    assert key_adj == ["key%5:00:00:important:00"]
    rows = mini.execute("SELECT COUNT(*), COUNT(sense_key) FROM lex_entries").fetchone()
    assert rows[0] == rows[1] > 4000


def test_every_key_is_wordnets_own(full: sqlite_utils.Database) -> None:
    """Compiled keys are exactly the keys of WordNet's index.sense (when it ships one)."""
    directory = require_wordnet()
    index = directory / "index.sense"
    if not index.is_file():
        require_file(str(index), "wordnet-sense-index")  # fails in CI, skips on a laptop
    wordnet = {line.split(" ", 1)[0] for line in index.read_text("utf-8").splitlines() if line}
    compiled = {str(r[0]) for r in full.execute("SELECT sense_key FROM lex_entries")}
    assert compiled == wordnet


def test_lexicon_without_keys_is_compiled_again(mini: sqlite_utils.Database) -> None:
    """A WordNet compiled before schema 0005 has no keys: the first-run worker redoes it."""
    mini.execute("UPDATE lex_entries SET sense_key = NULL")
    mini.conn.commit()
    assert not is_compiled(mini)
    assert ensure_wordnet(mini, progress=None) is not None
    assert is_compiled(mini)
    assert glosses(mini, "summit", "NOUN")[0].sense_key


def test_instance_sense_never_shown(mini: sqlite_utils.Database) -> None:
    """'high hopes' is not Bob Hope, nor a key player Francis Scott Key."""
    sentence = "Seoul and Washington hope to revive dialogue, and a key player has high hopes."
    for word, lemma in (("hopes", "hope"), ("key", "key")):
        context = context_of(sentence, word)
        entry = gloss_entry(mini, lemma, pos="NOUN", context=context)
        assert entry.senses and not any(g.proper for g in entry.senses), lemma
        assert not any("United States" in g.gloss for g in entry.senses), lemma
    assert any(g.proper for g in glosses(mini, "hope", "NOUN"))  # WordNet has him


def test_proper_name_sense_of_a_common_word(mini: sqlite_utils.Database) -> None:
    """'put on a united front': WordNet's only sense is an Afghan alliance; it is not shown.
    Nor is the phrase split into its words (issue 22, item 9: a phrase of ordinary words is
    never explained by parts); its words are glossed one by one with w."""
    sentence = "The leaders put on a united front throughout the parade."
    context = context_of(sentence, "united front")
    entry = gloss_entry(mini, "united front", context=context)
    assert entry.senses == []
    assert "Afghanistan" in glosses(mini, "united front")[0].gloss


def test_capitalized_word_keeps_its_only_senses(mini: sqlite_utils.Database) -> None:
    """'Chinese' is written capitalized in WordNet and in the sentence: its senses stay."""
    assert "China" in first(mini, "chinese", "The Chinese leader arrived.", "Chinese")


def test_domain_sense_needs_its_domain(mini: sqlite_utils.Database) -> None:
    """'special protocol' in Tiananmen Square is not a rule for transmitting data."""
    sentence = "He elevated the treatment with special protocol in Tiananmen Square."
    shown = first(mini, "protocol", sentence, "protocol")
    assert "computer science" not in shown and "etiquette" in shown
    bare = gloss_entry(mini, "protocol", pos="NOUN")  # no sentence: no domain either
    assert "etiquette" in bare.senses[0].gloss
    assert bare.senses[-1].domain == "computer science"  # still listed, last


def test_domain_sense_with_its_domain(full: sqlite_utils.Database) -> None:
    sentence = "The compiler and the software use a new protocol."
    assert "(computer science)" in first(full, "protocol", sentence, "protocol")


def test_everyday_domain_sense_needs_no_domain_words(full: sqlite_utils.Database) -> None:
    """WordNet files the airline pilot under "aircraft", but SemCor met it in general text: it
    stays first without a word of that domain in the sentence, and with none at all."""
    sentence = "With a pilot who speaks no English."
    assert (
        first(full, "pilot", sentence, "pilot")
        == "someone who is licensed to operate an aircraft in flight"
    )
    bare = gloss_entry(full, "pilot", pos="NOUN")
    assert bare.senses[0].domain == "aircraft"
    assert bare.senses[0].sense_key == "pilot%1:18:00::"


def test_labelled_domain_sense_needs_its_domain_even_when_common(
    full: sqlite_utils.Database,
) -> None:
    """SemCor's science texts use "(statistics) an arrangement of values ..." more than any
    other sense of "distribution"; in the news it still needs a word of statistics."""
    sentence = (
        "His on-site visit was reported by state media for foreign distribution, but not "
        "circulated domestically."
    )
    assert "(statistics)" not in first(full, "distribution", sentence, "distribution")
    numbers = "The median and the percentile of the distribution were computed."
    assert "(statistics)" in first(full, "distribution", numbers, "distribution")


def test_other_sources_stay_in_place(mini: sqlite_utils.Database) -> None:
    senses = glosses(mini, "protocol", "NOUN")
    learner = senses[0].__class__("learner", "learner", "protocol", None, 0, "my own")
    ranked = rank_senses(mini, [learner, *senses], None, "NOUN")
    assert ranked[0] is learner and len(ranked) == len(senses) + 1


def test_reading_session_ranks_by_the_sentence(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: object
) -> None:
    from reader.learn.session import ReadingSession

    ensure_wordnet(db)
    (index,) = [
        int(r[0])
        for r in db.execute(
            "SELECT idx FROM sentences WHERE text_id = ? AND text LIKE '%special protocol%'",
            [seed_id],
        )
    ]
    session = ReadingSession(db, seed_id)
    session.goto(index)
    row = next(r for r in session.gloss_rows() if r.entry.lemma == "protocol")
    assert "etiquette" in row.entry.short()
    (unit,) = [u for u in session.units if u.key == "protocol"]
    assert "etiquette" in session.entry_for_unit(unit).senses[0].gloss
