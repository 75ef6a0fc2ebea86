"""Gloss queries: what the reader shows when the learner asks about a word.

A lookup happens on every cursor move, so it is one indexed query (the statement is prepared
once by sqlite3's statement cache) plus a little filtering in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import sqlite_utils

from reader.lexicon.base import normalize_pos

LEARNER_SOURCE = "learner"

_QUERY = (
    "SELECT s.name, s.kind, e.headword, e.pos, e.rank, e.gloss, e.example, e.synonyms, "
    "e.sense_key, e.proper, e.domain, e.pronunciation, e.see_also, e.align_score "
    "FROM lex_entries e JOIN lex_sources s ON s.id = e.source_id "
    "WHERE e.headword = ? AND s.enabled = 1 "
    "ORDER BY s.priority, s.name, e.rank"
)


@dataclass(frozen=True, slots=True)
class Gloss:
    source: str
    kind: str
    headword: str
    pos: str | None
    rank: int
    gloss: str
    example: str | None = None
    synonyms: str | None = None
    sense_key: str | None = None
    """WordNet 3.0's sense key ("summit%1:14:00::"); None for other sources."""
    proper: bool = False
    """The sense names one particular thing (an instance, a proper name): never a common word's."""
    domain: str | None = None
    """The topic domain ("computer science") a sense needs in its context to be shown first."""
    pronunciation: str | None = None
    """How the headword is said, where the dictionary gives it (dictd entries)."""
    see_also: str | None = None
    """Cross-references to other headwords, ", "-separated, kept apart from the gloss."""
    close: bool = False
    """Ranked second, and so close behind the first that the glosses panel shows both."""
    align_score: float | None = None
    """For a bilingual dictionary's group: how sure the import was that it translates the
    WordNet sense ``sense_key`` (see :mod:`reader.lexicon.align`)."""


def glosses(
    db: sqlite_utils.Database, lemma: str, pos: str | None = None, limit: int | None = None
) -> list[Gloss]:
    """Senses of ``lemma`` from every enabled source: dictionaries by priority, then WordNet.

    With ``pos`` (UPOS, or any common tag name), each source keeps only senses of that part of
    speech, plus senses its dictionary left untagged. A source with no sense of that part of
    speech shows all its senses instead: taggers err, and a wrong-POS gloss beats none.
    """
    rows = _fetch(db, lemma)
    want = normalize_pos(pos)
    result: list[Gloss] = []
    for _, group in groupby(rows, key=lambda g: g.source):
        senses = list(group)
        if want and any(g.pos == want for g in senses):
            senses = [g for g in senses if g.pos == want or g.pos is None]
        result.extend(senses)
        if limit is not None and len(result) >= limit:
            return result[:limit]
    return result


def all_glosses(
    db: sqlite_utils.Database,
    key: str,
    pos: str | None = None,
    learner_gloss: str | None = None,
    limit: int | None = None,
) -> list[Gloss]:
    """Like :func:`glosses`, with the learner's own gloss (``terms.gloss``) first when there is one.

    The learner's words matter more to them than any dictionary's, so they head the list.
    """
    mine_too = bool(learner_gloss and learner_gloss.strip())
    found = glosses(db, key, pos, None if limit is None else max(limit - mine_too, 0))
    if learner_gloss and learner_gloss.strip():
        mine = Gloss(LEARNER_SOURCE, LEARNER_SOURCE, key.strip().lower(), pos, 0,
                     learner_gloss.strip())  # fmt: skip
        found.insert(0, mine)
    return found if limit is None else found[:limit]


def has_gloss(db: sqlite_utils.Database, lemma: str) -> bool:
    return bool(_fetch(db, lemma))


def _fetch(db: sqlite_utils.Database, lemma: str) -> list[Gloss]:
    """Rows for the headword, trying spelling variants of compounds only when it is missing."""
    key = " ".join(lemma.replace("_", " ").split()).lower()
    conn = db.conn
    rows = conn.execute(_QUERY, (key,)).fetchall()
    if not rows:
        for variant in _variants(key):
            rows = conn.execute(_QUERY, (variant,)).fetchall()
            if rows:
                break
    return [
        Gloss(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            r[8],
            bool(r[9]),
            r[10],
            r[11],
            r[12],
            r[13],
        )  # fmt: skip
        for r in rows
    ]


def _variants(key: str) -> list[str]:
    """Compounds are written open, hyphenated or closed ("e-mail", "e mail", "email")."""
    out: list[str] = []
    if "-" in key:
        out += [key.replace("-", " "), key.replace("-", "")]
    if " " in key:
        out += [key.replace(" ", "-"), key.replace(" ", "")]
    return [v for v in out if v and v != key]
