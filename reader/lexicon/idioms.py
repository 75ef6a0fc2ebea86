"""The shipped English idiom list, imported as one more gloss source.

WordNet has collocations and phrasal verbs but few idioms ("only time will tell"), and no package
offers a free list, so one is kept by hand in ``data/idioms_en.tsv``. Stored like any dictionary,
its headwords are matched in sentences by :class:`reader.learn.phrases.PhraseIndex` and looked up
by :func:`reader.lexicon.lookup.glosses` with no code of their own.
"""

from __future__ import annotations

from pathlib import Path

import sqlite_utils

from reader.lexicon.base import (
    IDIOMS_PRIORITY,
    LexiconError,
    Record,
    headword_of,
    ranked,
    store_source,
)

IDIOMS_PATH = Path(__file__).resolve().parent / "data" / "idioms_en.tsv"
SOURCE_NAME = "idioms"
KIND = "idioms"


def read_idioms(path: Path = IDIOMS_PATH) -> list[Record]:
    """The list's rows, without their header line; a malformed line is an error, not skipped.

    Strict because the file ships with the program: a bad line is a bug to catch in tests, and a
    skipped one would make the entry count differ forever, re-importing on every start.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LexiconError(f"cannot read the idiom list {path}: {exc}") from exc
    records: list[Record] = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        idiom, tab, meaning = line.partition("\t")
        headword, gloss = headword_of(idiom), meaning.strip()
        if not tab or not headword or not gloss or "\t" in meaning:
            raise LexiconError(f"{path.name}: line {number}: expected idiom<TAB>meaning")
        records.append(Record(headword, None, gloss))
    return records


def ensure_idioms(db: sqlite_utils.Database) -> int | None:
    """Import the list unless the stored copy has as many entries; returns entries written.

    None means nothing was written: the copy is current, or a dictionary the learner imported
    already goes by the name "idioms" (say from an ``idioms.tsv``), which is never overwritten.
    Removing the source brings it back on the next call; disabling it is how a learner opts out,
    and a re-import keeps that choice and the priority (see :func:`store_source`).
    """
    records = read_idioms()
    found = db.conn.execute(
        "SELECT kind, entry_count FROM lex_sources WHERE name = ?", (SOURCE_NAME,)
    ).fetchone()
    if found is not None and (found[0] != KIND or found[1] == len(records)):
        return None
    return store_source(
        db,
        name=SOURCE_NAME,
        kind=KIND,
        origin=str(IDIOMS_PATH),
        rows=ranked(records),
        priority=IDIOMS_PRIORITY,
        target_lang="en",
    )
