"""What every gloss source shares: the error type, part-of-speech names, the all-or-nothing write.

Importers and the WordNet compiler only produce rows; :func:`store_source` is the one place that
touches ``lex_sources``/``lex_entries``, so "a source is either wholly there or not at all" is
enforced once, not per format.
"""

from __future__ import annotations

import html
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import sqlite_utils

from reader.store.db import transaction
from reader.store.migrations import now

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)``; the unit is the importer's (bytes or entries)."""

DICTIONARY_PRIORITY = 100
IDIOMS_PRIORITY = 900
"""After the learner's dictionaries (100 upward), whose choice comes first, and before WordNet,
whose senses of an idiom's words are literal where the idiom's meaning is not."""
WORDNET_PRIORITY = 1000


class LexiconError(Exception):
    """A gloss source cannot be read or changed; the message is one line, fit to show as is."""

    def __init__(self, message: str) -> None:
        # Wrapped library errors can span lines (tarfile's does); the UI shows one.
        super().__init__(" ".join(message.split()))


class Row(NamedTuple):
    headword: str
    pos: str | None
    rank: int
    gloss: str
    example: str | None
    synonyms: str | None
    sense_key: str | None = None  # WordNet's, e.g. "summit%1:14:00::"
    proper: bool = False  # names one particular thing (a WordNet instance or proper name)
    domain: str | None = None  # the topic domain the sense needs in its context
    pronunciation: str | None = None  # from dictd entries
    see_also: str | None = None  # cross-references, ", "-separated
    align_score: float | None = None  # confidence of sense_key for a bilingual group
    literal: bool = False  # a multi-word headword that is just its words: not a term


class Record(NamedTuple):
    """One sense as an importer reads it; ranks are assigned later by :func:`ranked`."""

    headword: str
    pos: str | None
    gloss: str
    example: str | None = None
    synonyms: str | None = None
    pronunciation: str | None = None
    see_also: str | None = None


_POS_NAMES = {
    "n": "NOUN",
    "noun": "NOUN",
    "nn": "NOUN",
    "propn": "NOUN",
    "v": "VERB",
    "verb": "VERB",
    "vb": "VERB",
    "vi": "VERB",
    "vt": "VERB",
    "aux": "VERB",
    "a": "ADJ",
    "s": "ADJ",
    "adj": "ADJ",
    "adjective": "ADJ",
    "jj": "ADJ",
    "r": "ADV",
    "adv": "ADV",
    "adverb": "ADV",
    "rb": "ADV",
}
_UPOS = {
    "ADP", "CCONJ", "DET", "INTJ", "NUM", "PART", "PRON", "SCONJ", "SYM", "X",
    "NOUN", "VERB", "ADJ", "ADV",
}  # fmt: skip


def normalize_pos(tag: str | None) -> str | None:
    """Map the many ways sources and taggers name a part of speech onto UPOS (None if unknown).

    Proper nouns and auxiliaries fold into NOUN and VERB because no gloss source separates them.
    """
    if not tag:
        return None
    cleaned = tag.strip().rstrip(".").lower()
    if cleaned in _POS_NAMES:
        return _POS_NAMES[cleaned]
    upper = cleaned.upper()
    return upper if upper in _UPOS else None


def headword_of(text: str) -> str:
    """Headwords are matched exactly, so they are stored in the one form callers look up."""
    return " ".join(text.replace("_", " ").split()).lower()


_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h\d|/dd|/dt|hr)\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<(script|style|k)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def plain_text(text: str, markup: bool = True) -> str:
    """Glosses are shown in a terminal: markup becomes line breaks and plain, tidy text.

    XDXF's ``<k>`` (the headword repeated) and scripts/styles are dropped with their content.
    """
    if markup and "<" in text:
        text = _DROP.sub("", text)
        text = _BREAK.sub("\n", text)
        text = _TAG.sub("", text)
    if markup and "&" in text:
        text = html.unescape(text)
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def ranked(records: Iterable[Record]) -> Iterator[Row]:
    """Number each headword's senses in file order, which is how dictionaries order them."""
    seen: dict[str, int] = {}
    for rec in records:
        if not rec.headword or not rec.gloss:
            continue
        rank = seen.get(rec.headword, 0) + 1
        seen[rec.headword] = rank
        yield Row(
            rec.headword, rec.pos, rank, rec.gloss, rec.example, rec.synonyms,
            pronunciation=rec.pronunciation, see_also=rec.see_also,
        )  # fmt: skip


_SPOOL_COLUMNS = (
    "headword, pos, rank, gloss, example, synonyms, sense_key, proper, domain, pronunciation, "
    "see_also, align_score, literal"
)


def store_source(
    db: sqlite_utils.Database,
    *,
    name: str,
    kind: str,
    origin: str,
    rows: Iterable[Row],
    priority: int,
    lang: str = "en",
    target_lang: str | None = None,
    marked: Callable[[sqlite3.Connection, int], list[Row]] | None = None,
) -> int:
    """Replace the source called ``name`` by ``rows``, all or nothing; returns the entry count.

    ``rows`` is read first, into a temporary table of this connection (SQLite's temp database,
    which no other program shares), and only then is the write lock taken, for the replacement
    alone: parsing a 460,000-entry dictionary never makes the reader or another import wait. An
    importer that fails halfway (a broken file) fails before anything is changed. Re-importing
    keeps the learner's ``enabled`` and ``priority`` choices for that name. ``lang`` is the
    language of the headwords, ``target_lang`` that of the glosses (None: not known).

    ``marked``, given with ``rows`` already in a list (parsed: no parse is left to hold the
    lock), sends the rows straight into ``lex_entries`` in the write transaction, with no spool
    and copy, and is called there once they are in, with the source's id: an import marks what
    a child process worked out meanwhile (see :func:`mark_literal_stored`) and returns the rows
    the child made, stored after them. The spool and copy were two passes over half a million
    rows for one.
    """
    conn = db.conn
    restore = _big_cache(conn)
    if marked is not None and isinstance(rows, list):
        try:
            return _store_list(db, rows, marked, (name, kind, lang, target_lang, origin, priority))
        finally:
            restore()
    try:
        count = _spool(conn, rows)
    except BaseException:
        restore()  # a bad entry leaves the connection as it found it
        raise
    try:
        if count == 0:
            raise LexiconError(f"{Path(origin).name or origin}: no entries found")
        with transaction(db):
            source_id = _replace_source(conn, (name, kind, lang, target_lang, origin, priority))
            conn.execute(
                f"INSERT INTO main.lex_entries (source_id, {_SPOOL_COLUMNS}) "
                f"SELECT ?, {_SPOOL_COLUMNS} FROM temp.lex_spool ORDER BY id",
                (source_id,),
            )
            conn.execute("UPDATE lex_sources SET entry_count = ? WHERE id = ?", (count, source_id))
    finally:
        _drop_spool(conn)
        restore()
    return count


_Source = tuple[str, str, str, str | None, str, int]
"""name, kind, lang, target_lang, origin, priority"""


def _replace_source(conn: sqlite3.Connection, source: _Source) -> int:
    """The id of source ``name``, its entries deleted, or of a new source (in a transaction)."""
    name, kind, lang, target_lang, origin, priority = source
    found = conn.execute("SELECT id FROM lex_sources WHERE name = ?", (name,)).fetchone()
    if found:
        source_id = int(found[0])
        conn.execute("DELETE FROM lex_entries WHERE source_id = ?", (source_id,))
        conn.execute(
            "UPDATE lex_sources SET kind = ?, lang = ?, target_lang = ?, origin = ?, "
            "imported_at = ? WHERE id = ?",
            (kind, lang, target_lang, origin, now(), source_id),
        )
        return source_id
    cursor = conn.execute(
        "INSERT INTO lex_sources (name, kind, lang, target_lang, enabled, priority, "
        "entry_count, origin, imported_at) VALUES (?, ?, ?, ?, 1, ?, 0, ?, ?)",
        (name, kind, lang, target_lang, priority, origin, now()),
    )
    return int(cursor.lastrowid or 0)


def _store_list(
    db: sqlite_utils.Database,
    rows: list[Row],
    marked: Callable[[sqlite3.Connection, int], list[Row]],
    source: _Source,
) -> int:
    """``rows`` straight into ``lex_entries`` in one transaction, then ``marked`` there, then
    the rows it returns."""
    if not rows:
        raise LexiconError(f"{Path(source[4]).name or source[4]}: no entries found")
    conn = db.conn
    with transaction(db):
        source_id = _replace_source(conn, source)
        _insert(conn, source_id, rows)
        more = marked(conn, source_id)
        _insert(conn, source_id, more)
        count = len(rows) + len(more)
        conn.execute("UPDATE lex_sources SET entry_count = ? WHERE id = ?", (count, source_id))
    return count


def _insert(conn: sqlite3.Connection, source_id: int, rows: list[Row]) -> None:
    if not rows:
        return
    fields = _fields_used(rows)
    names = ", ".join(Row._fields[i] for i in fields)
    conn.executemany(
        f"INSERT INTO main.lex_entries (source_id, {names}) "
        f"VALUES ({source_id}, {', '.join('?' * len(fields))})",
        map(itemgetter(*fields), rows),
    )


_IMPORT_CACHE_KIB = 256_000
"""Page cache (KiB, each of the temp and main schemas) while a source is stored: with SQLite's
default 2 MB, spooling half a million rows and copying them into ``lex_entries`` (four
indexes) spills pages to disk over and over; the pages are only allocated as they are used."""


def _big_cache(conn: sqlite3.Connection) -> Callable[[], None]:
    """Raise the connection's page caches for one import; returns what puts them back."""
    kept = {
        schema: conn.execute(f"PRAGMA {schema}.cache_size").fetchone()[0]
        for schema in ("main", "temp")
    }
    for schema in kept:
        conn.execute(f"PRAGMA {schema}.cache_size = -{_IMPORT_CACHE_KIB}")

    def restore() -> None:
        for schema, size in kept.items():
            conn.execute(f"PRAGMA {schema}.cache_size = {int(size)}")

    return restore


def _spool(conn: sqlite3.Connection, rows: Iterable[Row]) -> int:
    """Parse ``rows`` into ``temp.lex_spool``; returns how many there are.

    Writing to the temp database takes no lock on the learner's database, so this can run as
    long as the file takes to parse.
    """
    outer = conn.in_transaction
    _drop_spool(conn)
    conn.execute(
        "CREATE TEMP TABLE lex_spool (id INTEGER PRIMARY KEY, headword TEXT NOT NULL, pos TEXT, "
        "rank INTEGER NOT NULL, gloss TEXT NOT NULL, example TEXT, synonyms TEXT, "
        "sense_key TEXT, proper INTEGER NOT NULL DEFAULT 0, domain TEXT, pronunciation TEXT, "
        "see_also TEXT, align_score REAL, literal INTEGER NOT NULL DEFAULT 0)"
    )
    fields = _fields_used(rows)
    names = ", ".join(Row._fields[i] for i in fields)
    try:
        cursor = conn.executemany(
            f"INSERT INTO temp.lex_spool ({names}) VALUES ({', '.join('?' * len(fields))})",
            map(itemgetter(*fields), rows),
        )
        count = max(int(cursor.rowcount), 0)
    except BaseException:
        if not outer and conn.in_transaction:
            conn.rollback()
        _drop_spool(conn)
        raise
    if not outer and conn.in_transaction:
        conn.commit()
    return count


_ALWAYS = tuple(range(6))  # headword, pos, rank, gloss, example, synonyms
_DEFAULTS = {i: Row._field_defaults[name] for i, name in enumerate(Row._fields) if i > 5}


def _fields_used(rows: Iterable[Row]) -> tuple[int, ...]:
    """The indexes of the Row fields worth spooling: of rows already in a list, those some row
    sets (the spool's defaults stand for the rest). sqlite3 binds each parameter of each row,
    and a dictionary's half million rows leave most of the optional ones unset: spooling plain
    tuples of the fields used halves the time the main process spends spooling."""
    if not isinstance(rows, list):
        return tuple(range(len(Row._fields)))
    used = [
        i for i, default in _DEFAULTS.items()
        if any(row[i] != default for row in rows)
    ]  # fmt: skip
    return _ALWAYS + tuple(used)


def mark_literal_stored(conn: sqlite3.Connection, source_id: int, headwords: Iterable[str]) -> None:
    """Mark the stored rows of ``headwords`` in source ``source_id`` literal (for
    :func:`store_source`'s ``marked``)."""
    conn.execute("DROP TABLE IF EXISTS temp.lex_literal")
    conn.execute("CREATE TEMP TABLE lex_literal (headword TEXT PRIMARY KEY) WITHOUT ROWID")
    conn.executemany(
        "INSERT OR IGNORE INTO temp.lex_literal (headword) VALUES (?)", ((h,) for h in headwords)
    )
    conn.execute(
        "UPDATE main.lex_entries SET literal = 1 WHERE source_id = ? "
        "AND headword IN (SELECT headword FROM temp.lex_literal)",
        (source_id,),
    )
    conn.execute("DROP TABLE temp.lex_literal")


def _drop_spool(conn: sqlite3.Connection) -> None:
    outer = conn.in_transaction
    conn.execute("DROP TABLE IF EXISTS temp.lex_spool")
    conn.execute("DROP TABLE IF EXISTS temp.lex_literal")
    if not outer and conn.in_transaction:
        conn.commit()
