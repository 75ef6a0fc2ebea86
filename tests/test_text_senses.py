"""The whole text ranked once, off the key's path: the reader asks for it, never waits for it,
and gets what ``analyze --glosses`` builds inline."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlite_utils

from reader.learn import text_senses
from reader.lexicon.builtin import ensure_lexicon


def test_the_reader_never_waits_for_the_whole_text(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_lexicon(db)
    monkeypatch.setattr(text_senses, "BACKGROUND", True)
    monkeypatch.setattr(text_senses, "START_AFTER", 0.0)
    monkeypatch.setattr(text_senses, "QUIET", 0.0)  # the test asks often; it is no learner
    assert text_senses.evidence_for(db, seed_id) is None  # sentence-only until it is there
    deadline = time.monotonic() + 60
    while (found := text_senses.evidence_for(db, seed_id)) is None:
        assert time.monotonic() < deadline, "the worker never finished"
        time.sleep(0.05)
    assert found.votes  # the seed has words ranked among several senses
    assert found.votes == text_senses.build(db, seed_id).votes  # the same pass, on a thread


def test_a_text_opened_before_the_lexicon_is_ranked_once_it_is_there(
    db: sqlite_utils.Database, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A first run opens the seed while WordNet compiles: evidence built then, without senses,
    was kept empty for good (seen in tmux: the whole text never had its say)."""
    monkeypatch.setattr(text_senses, "BACKGROUND", True)
    monkeypatch.setattr(text_senses, "START_AFTER", 0.0)
    monkeypatch.setattr(text_senses, "QUIET", 0.0)
    monkeypatch.setattr(text_senses, "LEXICON_PATIENCE", 0.0)  # gives up at once, for the test
    assert text_senses.evidence_for(db, seed_id) is None
    key = (text_senses._file_of(db), seed_id)
    deadline = time.monotonic() + 30
    while key in text_senses._started:  # the worker finds no WordNet and steps back
        assert time.monotonic() < deadline, "the worker never stepped back"
        time.sleep(0.05)
    assert key not in text_senses._built
    ensure_lexicon(db)  # the first run's compile is done
    while (found := text_senses.evidence_for(db, seed_id)) is None:
        assert time.monotonic() < deadline + 60, "the worker never finished"
        time.sleep(0.05)
    assert found.votes


def test_nothing_is_built_for_a_database_in_memory(
    fresh_db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(text_senses, "BACKGROUND", True)
    assert text_senses.evidence_for(fresh_db, 1) is None  # no other connection could open it
    assert ("", 1) not in text_senses._started


def test_a_lookup_off_the_screens_thread_gets_the_texts_say(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reader.learn import entries
    from reader.learn.units import Unit
    from reader.lexicon.senses.discourse import TextEvidence

    seen: list[object] = []
    monkeypatch.setattr(entries, "unit_entry", lambda *args: seen.append(args[-1]))
    evidence = TextEvidence({("summit", "NOUN"): {"summit%1:14:00::": 2.0}})
    unit = Unit("summit", (0,), "NOUN", False, "summit")
    request = entries.EntriesRequest(1, (unit,), (), "en", None, {}, evidence)
    entries.look_up_entries(None, request, lambda: False)  # type: ignore[arg-type]
    assert seen == [evidence]


class _Clock:
    """A clock the worker's pauses run on, advanced only by its own sleeps."""

    def __init__(self) -> None:
        self.now = 100.0
        self.slept = 0.0

    def perf_counter(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


def test_the_worker_holds_off_while_the_learner_moves(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _Clock()
    monkeypatch.setattr(text_senses, "time", clock)
    pause = text_senses._Yield()
    clock.now += 1.0  # a second of ranking since the last pause
    monkeypatch.setattr(text_senses, "_asked", clock.now - 10)  # the learner is reading
    pause()
    assert clock.slept == pytest.approx(text_senses._Yield.REST)
    clock.now += 1.0
    monkeypatch.setattr(text_senses, "_asked", clock.now)  # a key was just pressed
    clock.slept = 0.0
    pause()
    assert clock.slept >= text_senses.QUIET  # the key's frame has the interpreter to itself


def test_a_card_is_ranked_with_the_texts_say_once_the_reader_built_it(
    db: sqlite_utils.Database, seed_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seen in tmux: "diplomacy" marked, its card kept the sentence-alone sense while the
    panel, the whole text ranked, showed "negotiation between nations"."""
    from reader.learn.cards import Context, reading_in
    from reader.lexicon.senses.discourse import TextEvidence

    sentence, start, end, sha = db.execute(
        "SELECT s.text, s.start, s.end, t.sha256 FROM sentences s JOIN texts t "
        "ON t.id = s.text_id WHERE t.id = ? AND s.text LIKE '%their diplomacy%'",
        (seed_id,),
    ).fetchone()
    at = sentence.index("diplomacy")
    context = Context(sentence, at, at + len("diplomacy"), "seed", sha, start, end)
    _, alone = reading_in(db, "diplomacy", "en", context)
    assert alone is not None and alone.text is None  # nothing built: the sentence alone
    evidence = TextEvidence({("diplomacy", "NOUN"): {"diplomacy%1:04:00::": 2.0}})
    monkeypatch.setitem(text_senses._built, (text_senses._file_of(db), seed_id), evidence)
    _, ranked = reading_in(db, "diplomacy", "en", context)
    assert ranked is not None and ranked.text is evidence
    assert (text_senses._file_of(db), seed_id) not in text_senses._started  # none started


async def test_the_sentence_on_screen_is_ranked_again_once_the_text_has_its_say(
    db_path: Path, seed_id: int, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The entries of the sentence open while the pass ran were kept, ranked on the sentence
    alone, until the learner moved (seen in tmux): now the finished pass has them worked out
    again, with no key pressed."""
    from _pilot import SIZE, reading, settle

    import reader.learn.units as units
    from reader.store import open_db
    from reader.ui.app import make_app

    setup = open_db(db_path)
    ensure_lexicon(setup)
    monkeypatch.setattr(text_senses, "BACKGROUND", True)
    monkeypatch.setattr(text_senses, "START_AFTER", 1.0)  # after the first sentence's lookups
    monkeypatch.setattr(text_senses, "QUIET", 0.0)
    ranked: list[tuple[tuple[str, ...], bool]] = []  # each lookup: its sentence, with the text?
    real = units.gloss_entry

    def recording(*args: object, **kwargs: object) -> object:
        context = kwargs.get("context")
        ranked.append((getattr(context, "lemmas", ()), getattr(context, "text", None) is not None))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(units, "gloss_entry", recording)
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        session = reading(app).session
        assert session is not None and session.gloss_rows()
        shown = tuple((t.lemma or "").lower() for t in session.tokens)
        assert (shown, False) in ranked  # on the sentence alone, at first
        deadline = time.monotonic() + 60
        while text_senses.evidence_built(setup, seed_id) is None:
            assert time.monotonic() < deadline, "the text's pass never finished"
            await pilot.pause(0.1)
        while (shown, True) not in ranked:
            assert time.monotonic() < deadline, "the sentence on screen was never ranked again"
            await pilot.pause(0.1)
        await settle(app, pilot)
        assert not [row.unit.key for row in session.gloss_rows() if row.pending]
    setup.close()
