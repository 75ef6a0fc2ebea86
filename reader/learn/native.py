"""The learner's own language first: glosses from dictionaries that translate into it.

A definition in English is often harder than the word it explains; a translation into the
learner's language is not. So, after the learner's own gloss, the senses of every dictionary
whose target language is ``native_lang`` come first, each source keeping its order and its senses
their rank; the other sources follow as before.
"""

from __future__ import annotations

import sqlite_utils

from reader.lexicon.lookup import LEARNER_SOURCE, Gloss


def configured_native_lang() -> str:
    from reader.config import load_config

    return load_config().native_lang


def native_sources(db: sqlite_utils.Database, native_lang: str) -> set[str]:
    """Names of the enabled sources whose glosses are written in ``native_lang``."""
    if not native_lang:
        return set()
    rows = db.conn.execute(
        "SELECT name FROM lex_sources WHERE target_lang = ? AND enabled = 1", (native_lang,)
    ).fetchall()
    return {row[0] for row in rows}


def native_first(
    db: sqlite_utils.Database, senses: list[Gloss], native_lang: str | None = None
) -> list[Gloss]:
    """``senses`` with the learner's own first, then those in ``native_lang``, then the rest.

    ``native_lang`` None means the configured one; "" turns the reordering off. The sort is
    stable, so within each group the sources' priorities and sense ranks are kept.
    """
    lang = configured_native_lang() if native_lang is None else native_lang
    theirs = native_sources(db, lang) if lang and senses else set()
    if not theirs:
        return senses

    def group(sense: Gloss) -> int:
        if sense.kind == LEARNER_SOURCE:
            return 0
        return 1 if sense.source in theirs else 2

    return sorted(senses, key=group)
