"""Snapshots of what issue 22 changed on screen: the removal question, centred over the library;
the reading screen's position line with a speed set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from _pilot import settle_glosses
from textual.pilot import Pilot

from reader.config import Config
from reader.ui.app import SentencesApp, make_app

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


@pytest.fixture(autouse=True)
def no_reading_by_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.learn import reading_log

    monkeypatch.setattr(reading_log, "seconds_to_read", lambda words: 3600.0)


async def _settle(pilot: Pilot[Any]) -> None:
    """Every worker done and every gloss drawn (the reading screen draws before its glosses)."""
    assert isinstance(pilot.app, SentencesApp)
    await settle_glosses(pilot.app, pilot)


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_removal_question_centred(
    snap_compare: Any,
    db: sqlite_utils.Database,
    db_path: Path,
    seed_id: int,
    mini_wordnet: Path,
    size: str,
) -> None:
    db.execute("UPDATE texts SET created_at = '2026-01-01T00:00:00+00:00'")
    db.conn.commit()

    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("d")
        await _settle(pilot)

    app = make_app(db_path, config=Config())
    assert snap_compare(app, terminal_size=SIZES[size], run_before=before)


@pytest.mark.parametrize("size", list(SIZES), ids=list(SIZES))
def test_reading_position_with_a_speed(
    snap_compare: Any, db_path: Path, seed_id: int, mini_wordnet: Path, size: str
) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("plus")
        await _settle(pilot)

    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=before)
