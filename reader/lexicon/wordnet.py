"""Compiling Princeton WordNet into the lexicon tables, once, so lookups are plain indexed queries.

The database files are parsed directly (see :mod:`reader.lexicon.wndb`) rather than through
NLTK's reader, which wants a ``lexnames`` file Debian's ``wordnet-base`` lacks, refuses symlinked
data directories and is far slower to load than one pass over the text files.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.lexicon.base import WORDNET_PRIORITY, LexiconError, Progress, store_source
from reader.lexicon.wndb import REQUIRED_FILES, open_wordnet, parse, rows
from reader.paths import wordnet_dirs
from reader.store.db import transaction

SOURCE_NAME = "wordnet"
WORDNET_MISSING = (
    "WordNet not found: install Debian's wordnet-base (apt-get install wordnet-base) or NLTK's "
    "wordnet data (python -m nltk.downloader wordnet), or set SENTENCES_WORDNET_DIR to a "
    "directory holding data.noun and index.noun"
)

__all__ = [
    "REQUIRED_FILES",
    "SOURCE_NAME",
    "WORDNET_MISSING",
    "WordNetMissing",
    "WordNetReport",
    "compile_wordnet",
    "ensure_wordnet",
    "decline_wordnet",
    "find_wordnet",
    "is_compiled",
    "is_declined",
    "welcome_wordnet",
]


class WordNetMissing(LexiconError):
    """No WordNet database was found in any candidate directory."""


@dataclass(frozen=True)
class WordNetReport:
    source_dir: Path
    entries: int
    seconds: float


def find_wordnet(candidates: list[Path] | None = None) -> Path | None:
    """The first candidate holding a complete WordNet (a directory, or an NLTK zip), or None."""
    for location in wordnet_dirs() if candidates is None else candidates:
        files = open_wordnet(location)
        if files is not None:
            return files.location
    return None


def is_compiled(db: sqlite_utils.Database) -> bool:
    """Is WordNet in the lexicon tables, with its sense keys?

    A WordNet compiled before sense keys were kept (schema 0005) counts as not compiled, so the
    first-run worker compiles it again; its entries serve lookups until then.
    """
    row = db.conn.execute(
        "SELECT s.entry_count, EXISTS (SELECT 1 FROM lex_entries e WHERE e.source_id = s.id "
        "AND e.sense_key IS NOT NULL) FROM lex_sources s WHERE s.name = ?",
        (SOURCE_NAME,),
    ).fetchone()
    return bool(row and row[0] and row[1])


def is_declined(db: sqlite_utils.Database) -> bool:
    """The learner removed or disabled WordNet (``dict remove|disable wordnet``): it stays off,
    and is not compiled again behind their back, until ``setup`` or ``dict enable wordnet``."""
    row = db.conn.execute(
        "SELECT enabled FROM lex_sources WHERE name = ?", (SOURCE_NAME,)
    ).fetchone()
    return bool(row and not row[0])


def ensure_wordnet(
    db: sqlite_utils.Database, progress: Progress | None = None
) -> WordNetReport | None:
    """Compile WordNet unless it already is, or the learner turned it off; None when nothing
    had to be done.

    Raises :class:`WordNetMissing` (message :data:`WORDNET_MISSING`) when there is nothing to
    compile from.
    """
    if is_compiled(db) or is_declined(db):
        return None
    return compile_wordnet(db, progress=progress)


def decline_wordnet(db: sqlite_utils.Database) -> int:
    """Remove WordNet's entries but remember that it was removed; returns how many went."""
    with transaction(db):
        row = db.conn.execute(
            "SELECT id FROM lex_sources WHERE name = ?", (SOURCE_NAME,)
        ).fetchone()
        if row is None:
            raise LexiconError(f"no dictionary named {SOURCE_NAME!r}")
        cursor = db.conn.execute("DELETE FROM lex_entries WHERE source_id = ?", (row[0],))
        db.conn.execute(
            "UPDATE lex_sources SET enabled = 0, entry_count = 0 WHERE id = ?", (row[0],)
        )
    return max(int(cursor.rowcount), 0)


def welcome_wordnet(db: sqlite_utils.Database, progress: Progress | None = None) -> bool:
    """Turn WordNet back on (``setup``, ``dict enable wordnet``), compiling it if it was
    removed; returns whether it had to be compiled."""
    with transaction(db):
        db.conn.execute("UPDATE lex_sources SET enabled = 1 WHERE name = ?", (SOURCE_NAME,))
    return ensure_wordnet(db, progress=progress) is not None


def compile_wordnet(
    db: sqlite_utils.Database,
    source_dir: Path | None = None,
    progress: Progress | None = None,
) -> WordNetReport:
    """(Re)build the ``wordnet`` source from the database files, all-or-nothing.

    The files are parsed before the write transaction starts, so other writers wait only for the
    inserts. ``progress(done, total)`` runs evenly over reading and writing.
    """
    started = time.perf_counter()
    location = source_dir or find_wordnet()
    if location is None:
        raise WordNetMissing(WORDNET_MISSING)
    files = open_wordnet(location) if location.exists() else None
    if files is None:
        raise WordNetMissing(f"WordNet at {location} is missing or incomplete")
    half = sum(files.size(name) for name in REQUIRED_FILES)
    parsed = parse(files, progress, 2 * half)
    entries = store_source(
        db,
        name=SOURCE_NAME,
        kind="wordnet",
        origin=str(files.location),
        rows=rows(parsed, progress, half, half),
        priority=WORDNET_PRIORITY,
        target_lang="en",
    )
    if progress:
        progress(2 * half, 2 * half)
    return WordNetReport(files.location, entries, time.perf_counter() - started)
