"""Review cards follow the learner's statuses and marks: made, filled in, suspended, resumed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlite_utils
from _paths import SEED
from click.testing import CliRunner

from reader.cli import main
from reader.learn.card_list import list_cards
from reader.learn.cards import TERM_DRILLS, ensure_all_cards, find_context
from reader.learn.identity import sentence_guid, term_card_guid
from reader.learn.progress import mark_sentence
from reader.learn.session import ReadingSession
from reader.learn.status import IGNORED, KNOWN, set_gloss, set_status
from reader.store.tokens import sentence_ids, sentences_with

DELVING = 2  # "Delving deeper into China's Victory Day Parade this week, we take a look at ..."
SHORING = 34  # "... shoring up ties with China, and pressing for deeper economic cooperation."
AMICABLE = 41  # "... Seoul and Washington must maintain amicable ties with China if they want ..."
NECKWEAR = (
    "neckwear consisting of a long narrow piece of material worn (mostly by men) under a collar "
    "and tied in knot at the front"
)
RELATIONSHIP = "a social or business relationship"


def cards_of(db: sqlite_utils.Database, key: str) -> list[dict[str, object]]:
    rows = db.execute(
        "SELECT guid, drill, sentence, term_start, term_end, meaning, text_title, suspended "
        "FROM cards WHERE term_key = ? ORDER BY drill",
        (key,),
    ).fetchall()
    names = ("guid", "drill", "sentence", "term_start", "term_end", "meaning", "title", "suspended")
    return [dict(zip(names, r, strict=True)) for r in rows]


def test_a_learning_term_gets_three_cards_with_its_first_sentence(
    db: sqlite_utils.Database, seed_id: int, lexicon: None
) -> None:
    set_status(db, "coalition", 1, source="cli")
    cards = cards_of(db, "coalition")
    assert sorted(c["drill"] for c in cards) == sorted(TERM_DRILLS)
    first = db.execute(
        "SELECT text FROM sentences WHERE id = ?", (sentences_holding(db, "coalition")[0],)
    ).fetchone()[0]
    for card in cards:
        assert card["sentence"] == first
        start, end = card["term_start"], card["term_end"]
        assert isinstance(start, int) and isinstance(end, int)
        assert first[start:end].lower().startswith("coalition")
        assert card["title"] and "coalition" in str(card["title"]).lower()
        assert card["guid"] == term_card_guid("en", "coalition", str(card["drill"]))
        assert card["meaning"]  # the first gloss, with no gloss of the learner's


def test_the_sentence_survives_removing_the_text(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: Path
) -> None:
    from reader.learn.texts import remove_text

    set_status(db, "coalition", 2)
    before = cards_of(db, "coalition")
    remove_text(db, seed_id)
    assert cards_of(db, "coalition") == before


def test_a_phrase_from_the_command_line_finds_its_sentence_even_split(
    db: sqlite_utils.Database, seed_id: int
) -> None:
    context = find_context(db, "take a look")
    assert context is not None
    assert context.term_start is not None and context.term_end is not None
    assert context.sentence[context.term_start : context.term_end] == "take a look"
    assert find_context(db, "look take") is None


def test_a_term_met_nowhere_has_no_cloze_until_it_is_met(
    db: sqlite_utils.Database, seed_id: int
) -> None:
    set_status(db, "parade", 0)
    set_status(db, "zyzzyva", 1)
    assert [c["drill"] for c in cards_of(db, "zyzzyva")] == ["production", "recognition"]
    assert all(c["sentence"] == "" for c in cards_of(db, "zyzzyva"))


def test_reading_keeps_the_sentence_on_screen(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: Path
) -> None:
    session = ReadingSession(db, seed_id)
    session.goto(DELVING)
    assert session.sentence is not None and session.sentence.text.startswith("Delving")
    for _ in range(len(session.units)):  # bounded: a missing word fails instead of spinning
        if session.current_unit is not None and session.current_unit.key == "parade":
            break
        session.move_cursor(1)
    session.set_current_status(1)
    cards = cards_of(db, "parade")
    assert len(cards) == 3
    assert session.sentence is not None
    for card in cards:
        assert card["sentence"] == session.sentence.text
        assert str(card["sentence"])[card["term_start"] : card["term_end"]] == "Parade"  # type: ignore[misc]
    history = db.execute(
        "SELECT source FROM term_history h JOIN terms t ON t.id = h.term_id WHERE t.key = 'parade'"
    ).fetchall()
    assert history == [("reading",)]


def test_known_or_ignored_suspends_and_learning_resumes(
    db: sqlite_utils.Database, seed_id: int
) -> None:
    set_status(db, "coalition", 1)
    db.execute("UPDATE cards SET reps = 3, stability = 4.5 WHERE term_key = 'coalition'")
    db.conn.commit()
    set_status(db, "coalition", KNOWN, source="reading")
    assert all(c["suspended"] == 1 for c in cards_of(db, "coalition"))
    set_status(db, "coalition", IGNORED)
    assert all(c["suspended"] == 1 for c in cards_of(db, "coalition"))
    set_status(db, "coalition", 3)
    assert all(c["suspended"] == 0 for c in cards_of(db, "coalition"))
    kept = db.execute("SELECT reps, stability FROM cards WHERE term_key = 'coalition'").fetchall()
    assert set(kept) == {(3, 4.5)}  # the schedule carries on where it stopped
    sources = db.execute(
        "SELECT new_status, source FROM term_history h JOIN terms t ON t.id = h.term_id "
        "WHERE t.key = 'coalition' ORDER BY h.id"
    ).fetchall()
    assert sources == [(1, None), (KNOWN, "reading"), (IGNORED, None), (3, None)]


def test_the_learners_gloss_is_the_meaning(db: sqlite_utils.Database, seed_id: int) -> None:
    set_status(db, "coalition", 1)
    set_gloss(db, "coalition", "an alliance")
    assert {c["meaning"] for c in cards_of(db, "coalition")} == {"an alliance"}


def test_sentences_marked_not_or_partly_get_a_listening_card(
    db: sqlite_utils.Database, seed_id: int
) -> None:
    sentence = db.execute(
        'SELECT s.id, s.text, s.start, s."end", t.sha256 FROM sentences s '
        "JOIN texts t ON t.id = s.text_id WHERE s.idx = 3"
    ).fetchone()
    mark_sentence(db, sentence[0], "understood")
    assert list_cards(db) == []
    mark_sentence(db, sentence[0], "partly")
    (card,) = list_cards(db)
    assert card.drill == "listening" and card.sentence == sentence[1] and card.term is None
    assert card.guid == sentence_guid("en", sentence[4], sentence[2], sentence[3], "listening")
    mark_sentence(db, sentence[0], "understood")
    assert list_cards(db)[0].suspended
    mark_sentence(db, sentence[0], "not")
    assert not list_cards(db)[0].suspended and len(list_cards(db)) == 1


def test_terms_set_before_cards_existed_get_them(db: sqlite_utils.Database, seed_id: int) -> None:
    set_status(db, "coalition", 2)
    db.execute("DELETE FROM cards")
    db.conn.commit()
    assert ensure_all_cards(db) == 3
    assert ensure_all_cards(db) == 0


@pytest.fixture
def run(home: Path) -> CliRunner:
    return CliRunner(mix_stderr=False)


def test_cards_json_lists_every_field(run: CliRunner) -> None:
    assert run.invoke(main, ["import", str(SEED)]).exit_code == 0
    for word in ("coalition", "parade", "diplomacy"):
        result = run.invoke(main, ["term", "set", word, "--status", "1"])
        assert result.exit_code == 0, result.stderr
    result = run.invoke(main, ["cards", "--json"])
    assert result.exit_code == 0, result.stderr
    cards = json.loads(result.stdout)
    assert len(cards) == 9
    assert set(cards[0]) >= {
        "id", "guid", "term", "drill", "due", "state", "stability", "difficulty", "reps",
        "lapses", "sentence",
    }  # fmt: skip
    assert cards[0]["due"].endswith("+00:00") and cards[0]["state"] == "new"
    due = json.loads(run.invoke(main, ["cards", "--due", "--json"]).stdout)
    assert len(due) == 9
    text = run.invoke(main, ["cards"]).stdout
    assert "coalition" in text and "recognition" in text


def test_review_rejects_an_unknown_drill(run: CliRunner) -> None:
    result = run.invoke(main, ["review", "--drill", "spelling"])
    assert result.exit_code != 0 and "spelling" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_term_looked_up_while_reading_keeps_that_sentence(
    db: sqlite_utils.Database, seed_id: int
) -> None:
    from reader.learn.progress import log_lookup

    first, later = [(sid,) for sid in sentences_holding(db, "china")[:2]]
    log_lookup(db, "china", seed_id, later[0])
    set_status(db, "china", 1, source="cli")
    text = db.execute("SELECT text FROM sentences WHERE id = ?", (later[0],)).fetchone()[0]
    assert {c["sentence"] for c in cards_of(db, "china")} == {text}
    assert first[0] != later[0]


def test_the_sense_the_learner_chose_is_the_meaning(
    db: sqlite_utils.Database, seed_id: int, lexicon: None
) -> None:
    from reader.learn.choice import choose_sense, clear_choice
    from reader.learn.glossing import gloss_entry

    set_status(db, "summit", 1)
    senses = gloss_entry(db, "summit").senses
    assert len(senses) >= 2
    first = {c["meaning"] for c in cards_of(db, "summit")}
    assert first == {shown_in(db, seed_id, "summit", str(cards_of(db, "summit")[0]["sentence"]))}
    chosen = next(s for s in senses if s.gloss not in first)
    choose_sense(db, "summit", chosen)
    assert {c["meaning"] for c in cards_of(db, "summit")} == {chosen.gloss}
    sense_keys = {r[0] for r in db.execute("SELECT meaning_sense FROM cards")}
    assert sense_keys == {chosen.sense_key}
    clear_choice(db, "summit")
    assert {c["meaning"] for c in cards_of(db, "summit")} == first


def shown_in(db: sqlite_utils.Database, text_id: int, key: str, sentence: str) -> str:
    """The first gloss the reading screen shows for ``key`` in ``sentence``."""
    session = ReadingSession(db, text_id)
    session.goto(next(i for i in range(session.count) if _text_at(db, text_id, i) == sentence))
    unit = next(u for u in session.units if u.key == key)
    return session.entry_for_unit(unit).senses[0].gloss


def _text_at(db: sqlite_utils.Database, text_id: int, index: int) -> str:
    row = db.execute(
        "SELECT text FROM sentences WHERE text_id = ? AND idx = ?", (text_id, index)
    ).fetchone()
    return str(row[0])


def review_meanings(db: sqlite_utils.Database, key: str) -> set[str | None]:
    """What the review screen's cards of ``key`` show as its meaning."""
    from reader.learn.schedule import load_queue, now_utc

    queue = load_queue(db, now_utc())
    return {c.meaning for c in [*queue.reviews, *queue.new] if c.term_key == key}


def test_a_card_means_what_the_reader_shows_in_its_sentence(
    db: sqlite_utils.Database, seed_id: int, lexicon: None
) -> None:
    """ "maintain amicable ties": a relationship, as the reading screen glosses it there, not
    WordNet's first sense (neckwear)."""
    from reader.learn.glossing import gloss_entry

    assert gloss_entry(db, "tie", "NOUN").senses[0].gloss == NECKWEAR  # no sentence: neckwear
    session = ReadingSession(db, seed_id)
    session.goto(AMICABLE)
    session.cursor = next(n for n, u in enumerate(session.units) if u.key == "tie")
    shown = session.entry_for_unit(session.units[session.cursor]).senses[0]
    assert shown.gloss == RELATIONSHIP
    session.set_current_status(1)
    assert {c["meaning"] for c in cards_of(db, "tie")} == {RELATIONSHIP}
    assert {r[0] for r in db.execute("SELECT meaning_sense FROM cards")} == {shown.sense_key}
    assert review_meanings(db, "tie") == {RELATIONSHIP}


def test_a_card_made_from_the_command_line_means_what_its_sentence_means(
    db: sqlite_utils.Database, seed_id: int, lexicon: None
) -> None:
    set_status(db, "tie", 1, source="cli")  # its first sentence in the library: "shoring up ties"
    cards = cards_of(db, "tie")
    assert {c["sentence"] for c in cards} == {_text_at(db, seed_id, SHORING)}
    assert {c["meaning"] for c in cards} == {
        shown_in(db, seed_id, "tie", _text_at(db, seed_id, SHORING))
    }
    assert {c["meaning"] for c in cards} == {RELATIONSHIP}


def test_a_card_met_later_takes_the_sense_of_its_sentence(
    db: sqlite_utils.Database, lexicon: None
) -> None:
    from reader.text.importer import import_text
    from reader.text.load import load_path

    set_status(db, "tie", 1, source="cli")  # no text yet: met nowhere
    assert {c["meaning"] for c in cards_of(db, "tie")} == {NECKWEAR}  # no sentence to go by
    seed_id = import_text(db, load_path(SEED)).text_id
    session = ReadingSession(db, seed_id)
    session.goto(AMICABLE)
    session.cursor = next(n for n, u in enumerate(session.units) if u.key == "tie")
    session.set_current_status(2)  # met while reading: the cards take this sentence
    assert {c["sentence"] for c in cards_of(db, "tie")} == {_text_at(db, seed_id, AMICABLE)}
    assert {c["meaning"] for c in cards_of(db, "tie")} == {RELATIONSHIP}


def test_a_card_keeps_its_sentences_sense_after_its_text_is_removed(
    db: sqlite_utils.Database, seed_id: int, lexicon: None
) -> None:
    from reader.learn.texts import remove_text

    set_status(db, "tie", 1, source="cli")
    set_gloss(db, "tie", "a bond")
    assert {c["meaning"] for c in cards_of(db, "tie")} == {"a bond"}
    remove_text(db, seed_id)
    set_gloss(db, "tie", "")  # back to the reader's gloss: the copied sentence is analyzed again
    assert {c["meaning"] for c in cards_of(db, "tie")} == {RELATIONSHIP}


def test_a_card_keeps_its_meaning_until_the_learner_refreshes_it(
    db: sqlite_utils.Database,
    seed_id: int,
    lexicon: None,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from _dictd import ENG_DEU, write_dictd

    import reader.learn.native as native
    from reader.export.selection import Selection, select_items
    from reader.learn.cards import refresh_meanings
    from reader.lexicon import import_dictionary

    set_status(db, "coalition", 1)
    before = {c["meaning"] for c in cards_of(db, "coalition")}
    assert len(before) == 1 and "(f)" not in str(before)
    import_dictionary(db, write_dictd(tmp_path, "freedict-eng-deu", ENG_DEU))
    monkeypatch.setattr(native, "configured_native_lang", lambda: "de")
    assert {c["meaning"] for c in cards_of(db, "coalition")} == before  # in the database
    items = select_items(db, Selection(statuses=(1,), lang="en"))
    assert [i.meaning for i in items] == list(before)  # and in an Anki re-export
    assert refresh_meanings(db, "coalition") == len(TERM_DRILLS)
    assert {c["meaning"] for c in cards_of(db, "coalition")} == {"Vereinigung (f)"}
    result = CliRunner(mix_stderr=False).invoke(main, ["cards", "refresh", "--term", "coalition"])
    assert result.exit_code == 0, result.stderr


def sentences_holding(db: sqlite_utils.Database, key: str) -> list[int]:
    """Sentence ids holding the word, in library order (from the occurrence index)."""
    return sentence_ids(db.conn, sentences_with(db.conn, key))


def test_the_cards_listen_whichever_learn_module_is_imported_first() -> None:
    """A status set by a program that imported only reader.learn.status still makes cards:
    the cards start listening when the package is imported (reader/learn/__init__.py)."""
    import subprocess
    import sys

    code = (
        "import reader.learn.status as status, sqlite_utils\n"
        "from reader.store import open_db\n"
        "db = open_db(':memory:')\n"
        "status.set_status(db, 'summit', 1, 'en')\n"
        "print(db.execute('SELECT COUNT(*) FROM cards').fetchone()[0])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 2  # recognition and production (cloze waits for a sentence)
