"""Term statuses, in the LWT / Lute convention, with every change kept in a history.

A term with no row is new; rows are created the first time the learner does something with a
term. Keys are lowercased lemmas (or lemma phrases), so "Signals" and "signal" share one status.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import sqlite_utils

from reader.learn import events
from reader.learn.events import Met
from reader.store import table, transaction
from reader.store.migrations import now

NEW = 0
KNOWN = 99
IGNORED = 98
LEARNING = (1, 2, 3, 4)
ALL_STATUSES = (NEW, *LEARNING, KNOWN, IGNORED)
_NAMES = {NEW: "new", KNOWN: "known", IGNORED: "ignored", **{n: str(n) for n in LEARNING}}


class StatusError(ValueError):
    """An unknown status name."""


def parse_status(name: str) -> int:
    """``"new"``, ``"1"``..``"4"``, ``"known"`` or ``"ignored"`` to the stored number."""
    for number, label in _NAMES.items():
        if name.strip().lower() == label:
            return number
    raise StatusError(f"unknown status {name!r}: use new, 1, 2, 3, 4, known or ignored")


def status_name(status: int) -> str:
    return _NAMES.get(status, str(status))


def needs_gloss(status: int) -> bool:
    """New and learning terms are glossed; known and ignored ones are not."""
    return status not in (KNOWN, IGNORED)


@dataclass(frozen=True, slots=True)
class TermState:
    key: str
    status: int = NEW
    gloss: str | None = None
    gloss_pos: str | None = None
    """The part of speech the learner's gloss was written for (None: any)."""

    def gloss_for(self, pos: str | None) -> str | None:
        """The learner's gloss if it belongs to ``pos`` (or to any part of speech)."""
        return self.gloss if same_pos(self.gloss_pos, pos) else None


def same_pos(mine: str | None, asked: str | None) -> bool:
    """A gloss or choice made for ``mine`` applies to a word read as ``asked``: the same part of
    speech, or either one not known."""
    return mine is None or asked is None or mine == asked


def normalize_key(key: str) -> str:
    return " ".join(key.lower().replace("’", "'").split())


def _written_key(key: str) -> str:
    """A key about to be stored: an empty one would be a term nobody can ever meet."""
    normal = normalize_key(key)
    if not normal:
        raise ValueError("a term cannot be empty")
    return normal


def get_terms(
    db: sqlite_utils.Database, keys: Iterable[str], lang: str = "en"
) -> dict[str, TermState]:
    """States of ``keys``; keys with no row come back as new."""
    wanted = sorted({normalize_key(k) for k in keys})
    states = {k: TermState(k) for k in wanted}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT key, status, gloss, gloss_pos FROM terms WHERE lang = ? AND key IN ({marks})",
            [lang, *chunk],
        ).fetchall()
        for key, status, gloss, gloss_pos in rows:
            states[key] = TermState(key, int(status), gloss, gloss_pos)
    return states


def get_term(db: sqlite_utils.Database, key: str, lang: str = "en") -> TermState:
    return get_terms(db, [key], lang)[normalize_key(key)]


def set_status(
    db: sqlite_utils.Database,
    key: str,
    status: int,
    lang: str = "en",
    pos: str | None = None,
    *,
    source: str | None = None,
    met: Met | None = None,
) -> TermState:
    """Set one term's status; the change is appended to ``term_history`` with its ``source``
    ('reading', 'review', 'cli'), and the term's review cards follow (``met``: the sentence it
    was met in, for a new card)."""
    with transaction(db):
        return _set(db, _written_key(key), status, lang, pos, source, met)


def set_statuses(
    db: sqlite_utils.Database,
    keys: Iterable[str],
    status: int,
    lang: str = "en",
    *,
    source: str | None = None,
) -> int:
    """Set several terms at once (e.g. "mark the rest known"), in one transaction."""
    count = 0
    with transaction(db):
        for key in {_written_key(k) for k in keys}:
            _set(db, key, status, lang, None, source, None)
            count += 1
    return count


def set_gloss(
    db: sqlite_utils.Database,
    key: str,
    gloss: str | None,
    lang: str = "en",
    pos: str | None = None,
) -> TermState:
    """Set (or clear, with ``None`` or blank) the learner's own gloss, for the term read as
    ``pos`` (None: any part of speech).

    Either way a sense the learner chose earlier (:mod:`reader.learn.choice`) for the same part
    of speech is cleared: the gloss they write now is their meaning of the term. A sense chosen
    for another part of speech stays (the noun's choice survives the verb's gloss).
    """
    key = _written_key(key)
    gloss = gloss.strip() if gloss and gloss.strip() else None
    mine = (  # the chosen sense is of this part of speech (or of any)
        "(terms.sense_pos IS NULL OR excluded.gloss_pos IS NULL "
        "OR terms.sense_pos = excluded.gloss_pos)"
    )
    with transaction(db):
        stamp = now()
        db.conn.execute(
            "INSERT INTO terms (lang, key, status, gloss, gloss_pos, created_at, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (lang, key) DO UPDATE SET gloss = excluded.gloss, "
            "gloss_pos = excluded.gloss_pos, "
            f"sense_key = CASE WHEN {mine} THEN NULL ELSE terms.sense_key END, "
            f"sense_gloss = CASE WHEN {mine} THEN NULL ELSE terms.sense_gloss END, "
            f"sense_source = CASE WHEN {mine} THEN NULL ELSE terms.sense_source END, "
            f"sense_pos = CASE WHEN {mine} THEN NULL ELSE terms.sense_pos END, "
            "updated_at = excluded.updated_at",
            (lang, key, NEW, gloss, pos if gloss else None, stamp, stamp),
        )
        events.gloss_changed(db, key, lang)
        row = db.execute(
            "SELECT status, gloss, gloss_pos FROM terms WHERE lang = ? AND key = ?", (lang, key)
        ).fetchone()
    return TermState(key, int(row[0]), row[1], row[2])


def _set(
    db: sqlite_utils.Database,
    key: str,
    status: int,
    lang: str,
    pos: str | None,
    source: str | None,
    met: Met | None,
) -> TermState:
    if status not in ALL_STATUSES:
        raise StatusError(f"unknown status {status}")
    conn = db.conn
    stamp = now()
    row = conn.execute(
        "SELECT id, status, gloss FROM terms WHERE lang = ? AND key = ?", (lang, key)
    ).fetchone()
    if row is None:
        terms = table(db, "terms").insert(
            {"lang": lang, "key": key, "status": status, "pos": pos, "created_at": stamp,
             "updated_at": stamp}
        )  # fmt: skip
        term_id, old, gloss = int(terms.last_rowid or 0), None, None
    else:
        term_id, old, gloss = int(row[0]), int(row[1]), row[2]
        if old == status:
            if met is not None and status in LEARNING:  # met again: a card may lack a sentence
                events.met_again(db, key, lang, met)
            return TermState(key, status, gloss)
        conn.execute(
            "UPDATE terms SET status = ?, updated_at = ? WHERE id = ?", (status, stamp, term_id)
        )
    table(db, "term_history").insert(
        {"term_id": term_id, "old_status": old, "new_status": status, "at": stamp, "source": source}
    )
    events.status_changed(db, key, lang, status, met)
    return TermState(key, status, gloss)


def history(
    db: sqlite_utils.Database, key: str, lang: str = "en"
) -> list[tuple[int | None, int, str]]:
    """(old, new, at) for every status change of ``key``, oldest first."""
    rows = db.execute(
        "SELECT h.old_status, h.new_status, h.at FROM term_history h "
        "JOIN terms t ON t.id = h.term_id WHERE t.lang = ? AND t.key = ? ORDER BY h.id",
        (lang, normalize_key(key)),
    ).fetchall()
    return [(r[0], int(r[1]), str(r[2])) for r in rows]
