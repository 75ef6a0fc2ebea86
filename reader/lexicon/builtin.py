"""The gloss sources the program provides itself: the idiom list and the compiled WordNet."""

from __future__ import annotations

import sqlite_utils

from reader.lexicon.base import Progress
from reader.lexicon.idioms import ensure_idioms
from reader.lexicon.wordnet import WordNetReport, ensure_wordnet


def ensure_lexicon(
    db: sqlite_utils.Database, progress: Progress | None = None
) -> WordNetReport | None:
    """Make the built-in sources ready; returns WordNet's report when it had to be compiled.

    The idioms come first, so they are there even when WordNet is not installed (then
    :class:`reader.lexicon.wordnet.WordNetMissing` is raised, with how to get it).
    """
    ensure_idioms(db)
    return ensure_wordnet(db, progress=progress)
