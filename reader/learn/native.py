"""The learner's own language first: glosses from dictionaries that translate into it.

A definition in English is often harder than the word it explains; a translation into the
learner's language is not. So, after the learner's own gloss, the senses of every dictionary
whose target language is ``native_lang`` come first, each source keeping its order and its senses
their rank; then a machine translation of the word, when one was made (the reading screen asks
for them in a worker; here only the cache is read, never the network); the other sources follow
as before.
"""

from __future__ import annotations

import sqlite_utils

from reader.lexicon.lookup import LEARNER_SOURCE, Gloss

MACHINE_SOURCE = "machine translation"
MACHINE_KIND = "machine"


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


def machine_gloss(
    db: sqlite_utils.Database, key: str, native_lang: str, source_lang: str = "en"
) -> Gloss | None:
    """The cached machine translation of ``key`` into ``native_lang``, as a gloss."""
    from reader.translate import cached_translation

    if not native_lang or native_lang == source_lang:
        return None
    found = cached_translation(db, key, native_lang, source_lang)
    if found is None:
        return None
    return Gloss(MACHINE_SOURCE, MACHINE_KIND, key, None, 0, found.translation)


def native_first(
    db: sqlite_utils.Database,
    senses: list[Gloss],
    native_lang: str | None = None,
    key: str = "",
    source_lang: str = "en",
) -> list[Gloss]:
    """``senses`` with the learner's own first, then those in ``native_lang``, then a machine
    translation of ``key`` if one is cached, then the rest.

    ``native_lang`` None means the configured one; "" turns the reordering off. The sort is
    stable, so within each group the sources' priorities and sense ranks are kept.
    """
    lang = configured_native_lang() if native_lang is None else native_lang
    if not lang:
        return senses
    theirs = native_sources(db, lang) if senses else set()
    machine = machine_gloss(db, key, lang, source_lang) if key else None
    if machine is not None:
        senses = [*senses, machine]
    if not theirs and machine is None:
        return senses

    def group(sense: Gloss) -> int:
        if sense.kind == LEARNER_SOURCE:
            return 0
        if sense.source in theirs:
            return 1
        return 2 if sense.kind == MACHINE_KIND else 3

    return sorted(senses, key=group)
