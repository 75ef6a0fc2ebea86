"""Work on a text that is best done once it is stored, before anything asks for it.

A study list wants the text's multi-word terms counted (:mod:`reader.learn.study_phrases`):
seconds for a novel, too slow for the moment a learner presses L. So the import runs every pass
here on the text it just stored (the learner is waiting for the import anyway), and whatever
makes a pass's results stale later (a dictionary imported, a phrase the learner added) is caught
up by :func:`catch_up`, which the reader runs in a separate process (``python -m
reader.learn.after_import DB LANG``) so that a book's counting never takes the reader's time.

A pass is a name, the texts it still has to do, and what it does to one text. A pass that fails
leaves nothing behind: whoever needs its results later computes them then, as before.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlite_utils

from reader.learn.study_phrases import count_texts, stale_texts

if TYPE_CHECKING:  # the text pipeline (~1 s to import): the passes need only the type
    from reader.text.pipeline import AnalyzedSentence


@dataclass(frozen=True, slots=True)
class Pass:
    """``stale(db, lang)``: the texts still to do; ``run(db, text_ids, lang, progress,
    analysed)`` does them (building what they share once), calling ``progress(done)`` after
    each; ``analysed`` is the one text's analysis when it was just imported (still in memory)."""

    name: str
    stale: Callable[[sqlite_utils.Database, str], list[int]]
    run: Callable[
        [
            sqlite_utils.Database,
            list[int],
            str,
            Callable[[int], None] | None,
            Sequence[AnalyzedSentence] | None,
        ],
        None,
    ]


PASSES: tuple[Pass, ...] = (Pass("phrases", stale_texts, count_texts),)

Progress = Callable[[str, int, int], None]


def after_import(
    db: sqlite_utils.Database,
    text_id: int,
    lang: str,
    progress: Progress | None = None,
    analysed: Sequence[AnalyzedSentence] = (),
) -> None:
    """Every pass on a text just stored (``analysed``: its analysis, if still in memory)."""
    for step in PASSES:
        if progress is not None:
            progress(step.name, 0, 1)
        step.run(db, [text_id], lang, None, analysed or None)
        if progress is not None:
            progress(step.name, 1, 1)


def catch_up(db: sqlite_utils.Database, lang: str, progress: Progress | None = None) -> int:
    """Every pass on every text it has not done yet (or whose results went stale); returns how
    many texts were done. ``progress(pass, done, total)`` after each text."""
    done = 0
    for step in PASSES:
        todo = step.stale(db, lang)
        if not todo:
            continue
        total = len(todo)

        def report(n: int, name: str = step.name, total: int = total) -> None:
            if progress is not None:
                progress(name, n, total)

        step.run(db, todo, lang, report, None)
        done += total
    return done


def main(argv: list[str]) -> int:
    """``python -m reader.learn.after_import DB LANG``: catch up, printing ``pass done total``
    after each text (what the reader reads to show progress)."""
    # lazy: the store opens the database with the app's settings (and migrates it)
    from reader.store import open_db

    if len(argv) != 2:
        print("usage: python -m reader.learn.after_import DB LANG", file=sys.stderr)
        return 2
    db = open_db(Path(argv[0]))

    def report(name: str, done: int, total: int) -> None:
        print(name, done, total, flush=True)

    catch_up(db, argv[1], report)
    return 0


if __name__ == "__main__":
    if hasattr(os, "nice"):
        os.nice(10)  # background work: the reader the learner is using comes first
    raise SystemExit(main(sys.argv[1:]))
