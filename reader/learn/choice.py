"""The sense a learner chose as their meaning of a term.

The word's entry lists numbered senses; the learner picks the one the text means, and from then
on it is shown first (glosses panel, entry, ``sentences gloss``, ``analyze --glosses``) and is
what cards and exports carry (see :mod:`reader.learn.meaning`). A choice is stored with its sense
key, so it survives a rebuilt lexicon, and with its text, so it is shown even if its source is
disabled or removed. A term's meaning is either the learner's own gloss or one chosen sense:
choosing clears ``terms.gloss``, and :func:`reader.learn.status.set_gloss` clears the choice.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from reader.learn import events
from reader.learn.status import NEW, normalize_key, same_pos
from reader.lexicon.lookup import Gloss
from reader.store import transaction
from reader.store.migrations import now

CHOSEN_KIND = "chosen"
"""The kind of a chosen sense shown from its stored copy (its source no longer has it)."""


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    gloss: str
    source: str
    sense_key: str | None = None
    pos: str | None = None
    """The part of speech the choice was made for (None: any)."""


def get_choice(db: sqlite_utils.Database, key: str, lang: str = "en") -> Choice | None:
    row = db.execute(
        "SELECT sense_gloss, sense_source, sense_key, sense_pos FROM terms "
        "WHERE lang = ? AND key = ? AND sense_gloss IS NOT NULL",
        (lang, normalize_key(key)),
    ).fetchone()
    return Choice(normalize_key(key), row[0], row[1] or "", row[2], row[3]) if row else None


def choose_sense(
    db: sqlite_utils.Database, key: str, sense: Gloss, lang: str = "en", pos: str | None = None
) -> Choice:
    """Make ``sense`` the learner's meaning of ``key`` read as ``pos`` (default: the sense's own
    part of speech), replacing an earlier choice and their own gloss of that part of speech (a
    gloss written for another one stays); the term's status is left as it is (a term never met
    before starts as new)."""
    key = normalize_key(key)
    if not key:
        raise ValueError("a term cannot be empty")
    choice = Choice(key, sense.gloss, sense.source, sense.sense_key, pos or sense.pos)
    mine = (  # the learner's gloss is of this part of speech (or of any)
        "(terms.gloss_pos IS NULL OR excluded.sense_pos IS NULL "
        "OR terms.gloss_pos = excluded.sense_pos)"
    )
    with transaction(db):
        stamp = now()
        db.conn.execute(
            "INSERT INTO terms (lang, key, status, gloss, sense_key, sense_gloss, sense_source, "
            "sense_pos, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?, ?, ?, ?, ?) "
            f"ON CONFLICT (lang, key) DO UPDATE SET "
            f"gloss = CASE WHEN {mine} THEN NULL ELSE terms.gloss END, "
            f"gloss_pos = CASE WHEN {mine} THEN NULL ELSE terms.gloss_pos END, "
            "sense_key = excluded.sense_key, sense_gloss = excluded.sense_gloss, "
            "sense_source = excluded.sense_source, sense_pos = excluded.sense_pos, "
            "updated_at = excluded.updated_at",
            (
                lang,
                key,
                NEW,
                choice.sense_key,
                choice.gloss,
                choice.source,
                choice.pos,
                stamp,
                stamp,
            ),
        )
        events.gloss_changed(db, key, lang)  # the review cards show the chosen sense
    return choice


def clear_choice(db: sqlite_utils.Database, key: str, lang: str = "en") -> None:
    """The term goes back to the lexicon's order (its own gloss, if any, is untouched)."""
    with transaction(db):
        db.conn.execute(
            "UPDATE terms SET sense_key = NULL, sense_gloss = NULL, sense_source = NULL, "
            "sense_pos = NULL, updated_at = ? WHERE lang = ? AND key = ?",
            (now(), lang, normalize_key(key)),
        )
        events.gloss_changed(db, normalize_key(key), lang)


def is_chosen(sense: Gloss, choice: Choice) -> bool:
    """Is ``sense`` the chosen one: the same sense key, or (no key) the same source and text?"""
    if choice.sense_key and sense.sense_key:
        return sense.sense_key == choice.sense_key
    return sense.source == choice.source and sense.gloss == choice.gloss


def chosen_first(
    senses: list[Gloss], choice: Choice | None, pos: str | None = None
) -> tuple[list[Gloss], bool]:
    """``senses`` with the chosen one moved to the front, and whether there was a choice.

    A choice made for another part of speech than ``pos`` is not this word's. A choice whose
    sense is no longer listed (its dictionary disabled, the lexicon rebuilt without it) is shown
    from its stored text.
    """
    if choice is None or not same_pos(choice.pos, pos):
        return senses, False
    for number, sense in enumerate(senses):
        if is_chosen(sense, choice):
            return [sense, *senses[:number], *senses[number + 1 :]], True
    stored = Gloss(choice.source, CHOSEN_KIND, choice.key, None, 0, choice.gloss,
                   sense_key=choice.sense_key)  # fmt: skip
    return [stored, *senses], True
