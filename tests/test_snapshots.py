"""Screen snapshots (pytest-textual-snapshot): what the learner sees, checked pixel for pixel.

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update`` and look
at the report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from _pilot import settle_glosses
from textual.pilot import Pilot

from reader.config import Config
from reader.ui.app import SentencesApp, make_app

SIZE = (120, 40)


@pytest.fixture(autouse=True)
def no_reading_by_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """A sentence counts as read after a few seconds in focus; how long a snapshot takes to get
    there depends on the machine, so here only ↓ reads."""
    from reader.learn import reading_log

    monkeypatch.setattr(reading_log, "seconds_to_read", lambda words: 3600.0)


async def _settle(pilot: Pilot[Any]) -> None:
    """Every worker done and every gloss drawn (the reading screen draws before its glosses)."""
    assert isinstance(pilot.app, SentencesApp)
    await settle_glosses(pilot.app, pilot)


def _fix_dates(db: sqlite_utils.Database) -> None:
    db.execute("UPDATE texts SET created_at = '2026-01-01T00:00:00+00:00'")
    db.execute("UPDATE texts SET last_read_at = '2026-01-02T00:00:00+00:00'")
    db.conn.commit()


def test_reading_screen(snap_compare: Any, db_path: Path, seed_id: int, mini_wordnet: Path) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("down", "down", "right", "right")
        await _settle(pilot)

    app = make_app(db_path, target=seed_id, config=Config())
    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_library_screen(
    snap_compare: Any, db: sqlite_utils.Database, db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    from reader.learn.progress import set_position
    from reader.learn.reading_log import mark_read

    set_position(db, seed_id, 30)  # where the learner is: not what they read
    for sentence_id in range(1, 11):
        mark_read(db, seed_id, sentence_id)
    _fix_dates(db)

    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)

    app = make_app(db_path, config=Config())
    assert snap_compare(app, terminal_size=SIZE, run_before=before)


SMALL = (80, 24)


def test_reading_screen_small(
    snap_compare: Any, db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    """80x24 is first class: the footer's keys, the glosses one line a row, the Word panel."""

    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("down", "down", "right", "right")
        await _settle(pilot)

    app = make_app(db_path, target=seed_id, config=Config())
    assert snap_compare(app, terminal_size=SMALL, run_before=before)


def test_library_screen_small(
    snap_compare: Any, db: sqlite_utils.Database, db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    from reader.learn.reading_log import mark_read

    for sentence_id in range(1, 11):
        mark_read(db, seed_id, sentence_id)
    _fix_dates(db)

    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)

    app = make_app(db_path, config=Config())
    assert snap_compare(app, terminal_size=SMALL, run_before=before)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])
def test_help_screen(
    snap_compare: Any, db_path: Path, seed_id: int, mini_wordnet: Path, size: tuple[int, int]
) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("question_mark")
        await _settle(pilot)

    app = make_app(db_path, target=seed_id, config=Config())
    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x40", "80x24"])
def test_first_run_offer(
    snap_compare: Any,
    db_path: Path,
    seed_id: int,
    mini_wordnet: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    monkeypatch.setenv("SENTENCES_FIRST_RUN", "1")

    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)

    app = make_app(db_path, target=seed_id, config=Config())
    assert snap_compare(app, terminal_size=size, run_before=before)
