"""Snapshots of each review drill at 120x40 and 80x24, with the answer shown.

Update after an intended change with ``pytest tests/test_snapshots_review.py --snapshot-update``
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from _pilot import settle_glosses
from textual.pilot import Pilot

from reader.config import Config
from reader.learn.progress import mark_sentence
from reader.learn.status import set_status
from reader.ui.app import SentencesApp, make_app

SIZES = {"120x40": (120, 40), "80x24": (80, 24)}


async def _settle(pilot: Pilot[Any]) -> None:
    """Every worker done and every gloss drawn (the reading screen draws before its glosses)."""
    assert isinstance(pilot.app, SentencesApp)
    await settle_glosses(pilot.app, pilot)


ANSWERS = {
    "recognition": None,  # Space shows the meaning
    "production": "coalitoin",  # a near miss
    "cloze": "coalitions",  # right, in another form
    "listening": "The gathering of the leaders of North Korea China and Rusia sent a strong "
    "signal across the region and there diplomacy could have impact on the Korean Peninsula",
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("drill", list(ANSWERS))
def test_drill(
    snap_compare: Any,
    db: sqlite_utils.Database,
    db_path: Path,
    seed_id: int,
    mini_wordnet: Path,
    drill: str,
    size: str,
) -> None:
    from reader.lexicon.builtin import ensure_lexicon

    ensure_lexicon(db)
    if drill == "listening":
        sentence_id = db.execute(
            "SELECT id FROM sentences WHERE text_id = ? AND text LIKE ?",
            (seed_id, "The gathering of the leaders%"),
        ).fetchone()[0]
        mark_sentence(db, sentence_id, "not")
    else:
        set_status(db, "coalition", 1)

    async def before(pilot: Pilot[Any]) -> None:
        await _settle(pilot)
        answer = ANSWERS[drill]
        if answer is None:
            await pilot.press("space")
        else:
            await pilot.press(*answer, "enter")
        await _settle(pilot)

    app = make_app(db_path, review=(drill,), config=Config(speech_engine="espeak"))
    assert snap_compare(app, terminal_size=SIZES[size], run_before=before)
