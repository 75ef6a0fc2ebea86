"""Issue 23, item 4: on the reading screen a miss shows the sentence at once, its glosses come
from a worker, and a worker's answer that came too late is dropped.

The session's side, without a terminal: with ``lookups_here`` off (as the reading screen sets
it), a jump lists its rows pending and asks for their entries; a worker's answer fills them; an
answer asked before a move or a chosen sense is dropped. The phrase index a worker reads never
changes under it.
"""

from __future__ import annotations

import sqlite_utils

from reader.learn.entries import look_up_entries
from reader.learn.phrases import PhraseIndex
from reader.learn.session import ReadingSession

SUMMIT = 16  # sentence 17 of the seed glosses "summit"


def _on_screen(db: sqlite_utils.Database, seed_id: int) -> ReadingSession:
    session = ReadingSession(db, seed_id)
    session.lookups_here = False
    return session


def test_a_jump_shows_pending_rows_then_the_worker_fills_them(
    lexicon: sqlite_utils.Database, worker_db: sqlite_utils.Database, seed_id: int
) -> None:
    session = _on_screen(lexicon, seed_id)
    looked_up = ReadingSession(lexicon, seed_id)
    looked_up.goto(SUMMIT)
    expected = [(row.unit.key, row.entry) for row in looked_up.gloss_rows()]
    assert "summit" in [key for key, _ in expected]

    session.goto(SUMMIT)
    rows = session.gloss_rows()
    assert rows and all(row.pending for row in rows)
    assert session.known_entry(session.current_unit) is None  # type: ignore[arg-type]
    request = session.entries_request()
    assert request is not None and session.entries_request() is None  # asked once
    found = look_up_entries(worker_db, request, lambda: False)
    assert found is not None and session.take_entries(found)
    assert [(row.unit.key, row.entry) for row in session.gloss_rows()] == expected
    assert not any(row.pending for row in session.gloss_rows())
    assert session.current_unit == looked_up.current_unit  # the cursor placed as it would be


def test_an_answer_that_came_too_late_is_dropped(
    lexicon: sqlite_utils.Database, worker_db: sqlite_utils.Database, seed_id: int
) -> None:
    session = _on_screen(lexicon, seed_id)
    session.goto(SUMMIT)
    session.gloss_rows()
    request = session.entries_request()
    assert request is not None
    late = look_up_entries(worker_db, request, lambda: False)
    assert late is not None
    session.goto(SUMMIT + 1)  # the learner moved on
    session.goto(SUMMIT)  # and came back: a new epoch all the same
    assert not session.take_entries(late)
    assert all(row.pending for row in session.gloss_rows())
    assert look_up_entries(worker_db, request, lambda: True) is None  # a cancelled worker


def test_the_cursor_on_a_word_not_listed_asks_a_worker(
    lexicon: sqlite_utils.Database, worker_db: sqlite_utils.Database, seed_id: int
) -> None:
    session = _on_screen(lexicon, seed_id)
    session.goto(SUMMIT)
    session.gloss_rows()
    first = session.entries_request()
    assert first is not None
    other = next(n for n, unit in enumerate(session.units) if unit not in first.units)
    session.move_cursor(other - session.cursor)
    assert session.known_entry(session.units[other]) is None
    second = session.entries_request()
    assert second is not None and second.units == (session.units[other],)
    for request in (first, second):
        found = look_up_entries(worker_db, request, lambda: False)
        assert found is not None and session.take_entries(found)
    assert session.known_entry(session.units[other]) is not None
    assert session.cursor == other  # the learner's cursor stays where they put it


def test_a_term_made_of_a_span_leaves_the_workers_index_as_it_was(
    lexicon: sqlite_utils.Database, seed_id: int
) -> None:
    index = PhraseIndex(["take a look"])
    session = ReadingSession(lexicon, seed_id, phrases=index)
    session.goto(SUMMIT)
    request = session.ahead_request(1)
    assert request is not None and request.phrases is index
    session.start_selection()
    session.move_cursor(1)
    made = session.make_term_of_selection("new")
    assert made is not None
    assert session.phrases is not index and index.size == 1  # the worker's never changed
    assert session.phrases is not None and session.phrases.size == 2
    first = made.key.split()[0]
    assert tuple(made.key.split()) in session.phrases._by_first[first]
    assert tuple(made.key.split()) not in index._by_first.get(first, [])
