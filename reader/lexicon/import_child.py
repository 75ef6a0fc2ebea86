"""What a dictionary import works out from its parsed rows in a child process while it stores them.

Once the parse is over, an import has two things left that need every row: the literal rule
(which multi-word headwords are just their words, :mod:`reader.lexicon.literal`) and, with the
alignment, the compounds the dictionary lacks (:mod:`reader.lexicon.compounds`). A forked child
works them out from the rows it inherits while this process writes the rows into
``lex_entries``; only the answers come back through a pipe, in time to be marked and stored in
the same transaction (see :func:`reader.lexicon.base.store_source`'s ``marked``).

An import that aligns has a child already: the one that parsed every entry (see
:mod:`reader.lexicon.dictd_parse`). It works the literal rule out from the entries as it parses
them (:class:`LiteralGlosses`), and the compounds, which need the alignment, are made here.
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
from reader.lexicon.dictd import Fields
from reader.lexicon.literal import Glosses, built_in_phrases, literal_headwords

FORK_FROM = 50_000
"""Rows from which the child is worth a process of its own (forking costs ~20 ms)."""


class LiteralGlosses:
    """The literal rule's glosses gathered in the child that parses an import's entries (see
    :class:`reader.lexicon.dictd_parse.Collector`), from the entries the import keeps, as it
    parses them: the rule is then worked out there, on a core the import's main process leaves
    free, instead of in a child forked after the parse, whose copy-on-write pages cost the
    main process a fault for each page of rows it then stores. Its result leaves out no
    built-in headword: the caller does, with the database the child does not touch."""

    def __init__(self) -> None:
        self._glosses = Glosses()

    def add(self, batch: list[Fields]) -> None:
        """A batch of the rows' fields, as the import keeps them (see
        :class:`reader.lexicon.dictd.Ranked`)."""
        self._glosses.add((fields[0], fields[3]) for fields in batch)

    def result(self) -> set[str]:
        return self._glosses.literal()


def in_child(
    db: sqlite_utils.Database,
    rows: list[Row],
    aligner: Aligner | None,
    notes: list[str],
    lap: Callable[[str], None],
    literal: Callable[[], set[str] | None] | None = None,
) -> Callable[[sqlite3.Connection, int], list[Row]]:
    """The literal rule over ``rows`` and (with the alignment) the compounds they lack, started
    in a child; and what then marks the literal rows and gives the compounds to store after
    them. With the alignment, the last of ``notes`` gets how many groups it aligned; ``lap``
    times the stages (``dict import --timings``).

    ``literal``, when given, gives the rule's headwords as the parse worked them out (see
    :class:`LiteralGlosses`; None if it could not): no child is forked, and the compounds (a
    fifth of a second) are made here."""
    built_in = built_in_phrases(db)
    verbs = built_in_verbs(db) if aligner is not None else []

    def compounds() -> list[Row]:
        made = compound_rows(rows, verbs, aligner) if aligner is not None else []
        return list(aligner.rows(made, [0, 0])) if aligner is not None else []

    def work() -> tuple[set[str], list[Row]]:
        return literal_headwords(rows, built_in), compounds()

    child = Background(work, fork=literal is None and len(rows) >= FORK_FROM)

    def marked(conn: sqlite3.Connection, source_id: int) -> list[Row]:
        lap("store")
        found = literal() if literal is not None else None
        if found is None:
            headwords, more = child.result()
        else:
            headwords, more = found - built_in, compounds()
        mark_literal_stored(conn, source_id, headwords)
        if aligner is not None:
            keyed = sum(1 for row in chain(rows, more) if row[6] is not None)
            notes[-1] += f": {keyed:,} of {len(rows) + len(more):,} translation groups"
        lap("literal rule and compounds (the rest of them)")
        return more

    return marked
