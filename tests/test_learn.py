"""Learning state: statuses and history, progress and resume, library figures."""

from __future__ import annotations

import pytest
import sqlite_utils

from reader.learn import progress
from reader.learn.session import ReadingSession
from reader.learn.status import (
    IGNORED,
    KNOWN,
    NEW,
    StatusError,
    get_term,
    history,
    parse_status,
    set_gloss,
    set_status,
)
from reader.learn.texts import list_texts


def test_status_names_round_trip() -> None:
    assert [parse_status(n) for n in ("new", "1", "4", "known", "ignored")] == [
        NEW, 1, 4, KNOWN, IGNORED,
    ]  # fmt: skip
    with pytest.raises(StatusError):
        parse_status("5")


def test_status_changes_are_kept_in_history(fresh_db: sqlite_utils.Database) -> None:
    set_status(fresh_db, "Signal", 1)
    set_status(fresh_db, "signal", 3)
    set_status(fresh_db, "signal", 3)  # no change, no history row
    set_status(fresh_db, "signal", KNOWN)
    assert get_term(fresh_db, "SIGNAL").status == KNOWN
    assert [(old, new) for old, new, _ in history(fresh_db, "signal")] == [
        (None, 1), (1, 3), (3, KNOWN),
    ]  # fmt: skip


def test_learner_gloss_set_and_cleared(fresh_db: sqlite_utils.Database) -> None:
    set_gloss(fresh_db, "heir", "  successor  ")
    assert get_term(fresh_db, "heir").gloss == "successor"
    assert get_term(fresh_db, "heir").status == NEW
    set_gloss(fresh_db, "heir", "")
    assert get_term(fresh_db, "heir").gloss is None


def test_session_moves_and_resumes(db: sqlite_utils.Database, seed_id: int) -> None:
    session = ReadingSession(db, seed_id)
    assert session.index == 0 and session.count > 50
    assert session.move(5)
    assert not session.goto(5)
    session.goto(-10)
    assert session.index == 0
    session.goto(7)
    again = ReadingSession(db, seed_id)
    assert again.index == 7
    assert progress.progress(db, seed_id) == pytest.approx(8 / session.count)


def test_session_statuses_and_rest_known(db: sqlite_utils.Database, seed_id: int) -> None:
    session = ReadingSession(db, seed_id)
    session.goto(4)  # "Delving deeper into China's Victory Day Parade this week, ..."
    session.move_cursor(0)
    first = session.current_token
    assert first is not None and first.text == "Delving"
    session.set_current_status(2)
    assert session.state_of(first).status == 2
    marked = session.mark_rest_known()
    assert marked > 5
    statuses = {session.state_of(t).status for t in session.tokens if t.is_word}
    assert statuses == {2, KNOWN}
    assert get_term(db, "delve").status == 2


def test_glosses_leave_out_known_and_names(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: object
) -> None:
    from reader.lexicon.wordnet import ensure_wordnet

    ensure_wordnet(db)
    session = ReadingSession(db, seed_id)
    session.goto(4)
    lemmas = [row.entry.lemma for row in session.gloss_rows()]
    assert "delve" in lemmas and "scene" in lemmas
    assert "china" not in lemmas and "seoul" not in lemmas  # names
    assert "a" not in lemmas and "the" not in lemmas  # WordNet's "a" is another word
    set_status(db, "scene", KNOWN)
    session._refresh_states()
    assert "scene" not in [row.entry.lemma for row in session.gloss_rows()]
    delve = next(r for r in session.gloss_rows() if r.entry.lemma == "delve")
    assert delve.entry.senses and delve.entry.senses[0].source == "wordnet"


def test_library_figures(db: sqlite_utils.Database, seed_id: int) -> None:
    (info,) = list_texts(db)
    assert info.id == seed_id and info.progress == 0.0
    assert info.unknown_share == pytest.approx(1.0)
    set_status(db, "the", KNOWN)
    set_status(db, "korea", IGNORED)
    (after,) = list_texts(db)
    assert 0.5 < after.unknown_share < 1.0


def test_frequency_threshold_hides_common_new_words(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: object
) -> None:
    from reader.config import Config
    from reader.lexicon.wordnet import ensure_wordnet

    ensure_wordnet(db)
    everything = ReadingSession(db, seed_id)
    everything.goto(4)
    assert "week" in [r.entry.lemma for r in everything.gloss_rows()]
    rare_only = ReadingSession(db, seed_id, Config(gloss_rarer_than=3000))
    rare_only.goto(4)
    lemmas = [r.entry.lemma for r in rare_only.gloss_rows()]
    assert "delve" in lemmas and "week" not in lemmas
    set_status(db, "week", 2)  # a word being learned is glossed whatever its frequency
    rare_only._refresh_states()
    assert "week" in [r.entry.lemma for r in rare_only.gloss_rows()]


def test_multiword_terms_in_the_seed_article(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: object
) -> None:
    from reader.learn.phrases import PhraseIndex
    from reader.learn.texts import sentences_between
    from reader.lexicon.builtin import ensure_lexicon

    ensure_lexicon(db)
    session = ReadingSession(db, seed_id, phrases=PhraseIndex.from_db(db))
    expected = {
        "Only time will tell": "only time will tell",  # the shipped idiom list
        "shoring up ties": "shore up",  # a WordNet phrasal verb
        "If this tug-of-war": "tug-of-war",  # a hyphenated compound
        "Some believe Kim Ju-ae is not the heir-in-training": "heir-in-training",
    }
    rows = sentences_between(db, seed_id, 0, session.count)
    for needle, key in expected.items():
        found = next(r.idx for r in rows if needle in r.text)
        session.goto(found)
        units = {u.key: u for u in session.units}
        assert key in units, (needle, sorted(units))
        entries = {r.entry.lemma: r.entry for r in session.gloss_rows()}
        assert entries[key].senses, key
    heir = entries["heir-in-training"]  # no source knows it: it is explained by its parts
    assert [s.source for s in heir.senses] == ["word parts"]
    assert heir.senses[0].gloss.startswith("heir (a person who is entitled")
    assert " + in + training (activity leading to skilled behavior)" in heir.senses[0].gloss
