"""Screen snapshots (pytest-textual-snapshot): what the learner sees, checked pixel for pixel.

Update after an intended change with ``pytest tests/test_snapshots.py --snapshot-update`` and look
at the report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlite_utils
from textual.pilot import Pilot

from reader.config import Config
from reader.ui.app import make_app

SIZE = (120, 40)


async def _settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _fix_dates(db: sqlite_utils.Database) -> None:
    db.execute("UPDATE texts SET created_at = '2026-01-01T00:00:00+00:00'")
    db.execute("UPDATE texts SET last_read_at = '2026-01-02T00:00:00+00:00'")
    db.conn.commit()


def test_reading_screen(snap_compare: Any, db_path: Path, seed_id: int, mini_wordnet: Path) -> None:
    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        await pilot.press("down", "down", "right", "right")
        await pilot.pause()

    app = make_app(db_path, target=seed_id, config=Config())
    assert snap_compare(app, terminal_size=SIZE, run_before=before)


def test_library_screen(
    snap_compare: Any, db: sqlite_utils.Database, db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    from reader.learn.progress import set_position

    set_position(db, seed_id, 30)
    _fix_dates(db)

    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)

    app = make_app(db_path, config=Config())
    assert snap_compare(app, terminal_size=SIZE, run_before=before)
