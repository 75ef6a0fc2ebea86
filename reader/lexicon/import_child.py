"""What a dictionary import works out from its parsed rows in a child process while it stores them.

Once the parse is over, an import has two things left that need every row: the literal rule
(which multi-word headwords are just their words, :mod:`reader.lexicon.literal`) and, with the
alignment, the compounds the dictionary lacks (:mod:`reader.lexicon.compounds`). A forked child
works them out from the rows it inherits while this process writes the rows into
``lex_entries``; only the answers come back through a pipe, in time to be marked and stored in
the same transaction (see :func:`reader.lexicon.base.store_source`'s ``marked``).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from itertools import chain

import sqlite_utils

from reader.lexicon.align import Aligner
from reader.lexicon.background import Background
from reader.lexicon.base import Row, mark_literal_stored
from reader.lexicon.compounds import built_in_verbs, compound_rows
from reader.lexicon.literal import built_in_phrases, literal_headwords

FORK_FROM = 50_000
"""Rows from which the child is worth a process of its own (forking costs ~20 ms)."""


def in_child(
    db: sqlite_utils.Database,
    rows: list[Row],
    aligner: Aligner | None,
    notes: list[str],
    lap: Callable[[str], None],
) -> Callable[[sqlite3.Connection, int], list[Row]]:
    """The literal rule over ``rows`` and (with the alignment) the compounds they lack, started
    in a child; and what then marks the literal rows and gives the compounds to store after
    them. With the alignment, the last of ``notes`` gets how many groups it aligned; ``lap``
    times the stages (``dict import --timings``)."""
    built_in = built_in_phrases(db)
    verbs = built_in_verbs(db) if aligner is not None else []

    def work() -> tuple[set[str], list[Row]]:
        made = compound_rows(rows, verbs, aligner) if aligner is not None else []
        more = list(aligner.rows(made, [0, 0])) if aligner is not None else []
        return literal_headwords(rows, built_in), more

    child = Background(work, fork=len(rows) >= FORK_FROM)

    def marked(conn: sqlite3.Connection, source_id: int) -> list[Row]:
        lap("store")
        literal, more = child.result()
        mark_literal_stored(conn, source_id, literal)
        if aligner is not None:
            keyed = sum(1 for row in chain(rows, more) if row[6] is not None)
            notes[-1] += f": {keyed:,} of {len(rows) + len(more):,} translation groups"
        lap("literal rule and compounds (the rest of them)")
        return more

    return marked
