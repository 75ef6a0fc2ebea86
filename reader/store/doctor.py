"""Checking the learner's database, and rescuing their data from a damaged one.

A disk error, a full disk on an old filesystem or a copy made mid-write can damage a SQLite file.
The reader never re-initializes such a file: it says so in one line and leaves it be. This module
is what ``sentences doctor`` runs: :func:`check` reports what ``PRAGMA integrity_check`` finds,
and :func:`rescue` moves the damaged file aside (untouched, with its ``-wal``) and builds a new
database from every row that still reads back: terms, their history, positions, marks, events,
dictionaries, cards, and the texts. A text whose sentences or tokens were lost with a damaged page
is analysed again from its content, which is kept whole in ``texts.content``.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from reader.store.db import open_db
from reader.store.tokens import DamagedTokens, decode_sentence, rebuild_occurrences

WAL_FILES = ("-wal", "-shm")
DERIVED = ("occurrences", "text_phrases", "phrase_counts")
"""Tables rebuilt from the others by a rescue rather than copied (and WITHOUT ROWID, so the
rowid-by-rowid copy could not step over their damage anyway). A text's phrase counts are left
empty: its next study list counts them again (reader.learn.study_phrases)."""
CHUNK = 500


@dataclass
class CheckReport:
    """What ``PRAGMA integrity_check`` found; ``readable`` is False when SQLite cannot open it."""

    path: Path
    ok: bool
    readable: bool
    problems: list[str] = field(default_factory=list)
    version: int | None = None
    counts: dict[str, int] = field(default_factory=dict)


@dataclass
class RescueReport:
    path: Path
    damaged: Path
    rows: dict[str, int] = field(default_factory=dict)
    damaged_tables: list[str] = field(default_factory=list)
    reanalysed: list[str] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)


class RescueError(Exception):
    """Nothing could be rescued (not a SQLite file at all); the message is one line."""


def check(path: Path, max_problems: int = 20) -> CheckReport:
    """Run ``PRAGMA integrity_check`` on ``path`` (read-only) and count the learner's rows."""
    report = CheckReport(path, ok=False, readable=True)
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        report.readable = False
        report.problems = [str(exc)]
        return report
    try:
        rows = conn.execute(f"PRAGMA integrity_check({max_problems})").fetchall()
        report.problems = [str(r[0]) for r in rows if r[0] != "ok"]
        report.ok = not report.problems
        for table in ("texts", "terms", "term_history", "events", "cards"):
            try:
                report.counts[table] = int(
                    conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                )
            except sqlite3.Error:
                continue
        try:
            row = conn.execute("SELECT MAX(number) FROM _migrations").fetchone()
            report.version = int(row[0]) if row and row[0] is not None else None
        except sqlite3.Error:
            pass
    except sqlite3.DatabaseError as exc:
        report.readable = "not a database" not in str(exc)
        report.problems = report.problems or [str(exc)]
    finally:
        conn.close()
    return report


Rebuild = Callable[[sqlite_utils.Database, int, str, str], None]
"""``rebuild(db, text_id, lang, content)``: analyse a text again and store its sentences and
tokens (:func:`reader.text.importer.rebuild_text`; the store cannot analyse text itself)."""


def rescue(
    path: Path, rebuild: Rebuild, progress: Callable[[str], None] | None = None
) -> RescueReport:
    """Move the damaged database aside and rebuild ``path`` from what still reads back.

    The damaged file (and its ``-wal``) is renamed ``reader-damaged-<time>.db`` and never
    written to: the rows are read from a scratch copy. Close the reader before running this.
    """
    say = progress or (lambda _message: None)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    damaged = path.with_name(f"{path.stem}-damaged-{stamp}{path.suffix}")
    with tempfile.TemporaryDirectory(prefix="sentences-doctor-") as tmp:
        scratch = Path(tmp) / "damaged.db"
        for suffix in ("", *WAL_FILES):
            source = Path(f"{path}{suffix}")
            if source.exists():
                shutil.copy2(source, f"{scratch}{suffix}")
        old = sqlite3.connect(str(scratch))
        try:
            old.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.DatabaseError as exc:
            old.close()
            raise RescueError(f"{path} is not a SQLite database that can be read ({exc})") from exc
        for suffix in ("", *WAL_FILES):
            source = Path(f"{path}{suffix}")
            if source.exists():
                source.rename(f"{damaged}{suffix}")
        report = RescueReport(path, damaged)
        new = open_db(path)
        try:
            new.execute("PRAGMA foreign_keys = OFF")
            for table in _tables(new):
                if table in DERIVED:
                    continue
                say(f"reading {table}")
                _copy_table(old, new, table, report)
            say("indexing texts")
            with new.conn:
                for (text_id,) in new.execute("SELECT id FROM texts").fetchall():
                    rebuild_occurrences(new.conn, int(text_id))
            say("checking texts")
            _repair_texts(new, report, rebuild, say)
            _drop_orphans(new, report)
            new.execute("PRAGMA foreign_keys = ON")
        finally:
            old.close()
            new.close()
    return report


def _tables(db: sqlite_utils.Database) -> list[str]:
    rows = db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != '_migrations' ORDER BY rowid"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [str(r[1]) for r in conn.execute(f'PRAGMA table_info("{table}")').fetchall()]


def _copy_table(
    old: sqlite3.Connection, new: sqlite_utils.Database, table: str, report: RescueReport
) -> None:
    try:
        old_columns = set(_columns(old, table))
    except sqlite3.DatabaseError:
        report.damaged_tables.append(table)
        return
    columns = [c for c in _columns(new.conn, table) if c in old_columns]
    if not columns:
        return
    quoted = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join("?" * len(columns))
    insert = f'INSERT OR IGNORE INTO "{table}" ({quoted}) VALUES ({marks})'
    count = 0
    with new.conn:
        for row in _readable_rows(old, table, quoted, report):
            new.conn.execute(insert, row)
            count += 1
    report.rows[table] = count


def _key_columns(conn: sqlite3.Connection, table: str) -> list[str] | None:
    """The primary key of a WITHOUT ROWID table (``chapters``), which has no rowid to copy by;
    None for a table with rowids."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    if row is None or "WITHOUT ROWID" not in " ".join(str(row[0]).upper().split()):
        return None
    info = conn.execute(f'PRAGMA table_info("{table}")').fetchall()
    return [str(r[1]) for r in sorted(info, key=lambda r: int(r[5])) if int(r[5]) > 0]


def _readable_rows(
    conn: sqlite3.Connection, table: str, quoted: str, report: RescueReport
) -> Iterator[tuple[object, ...]]:
    """Every row of ``table`` that reads back, in rowid order (primary key order for a table
    without rowids), stepping over damaged pages."""
    keys = _key_columns(conn, table)
    if keys is not None:
        yield from _readable_rows_by_key(conn, table, quoted, keys, report)
        return
    last = -(2**63)
    while True:
        try:
            rows = conn.execute(
                f'SELECT rowid, {quoted} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT ?',
                (last, CHUNK),
            ).fetchall()
        except sqlite3.DatabaseError:
            if table not in report.damaged_tables:
                report.damaged_tables.append(table)
            rows = _rows_before_damage(conn, table, quoted, last)
            yield from (tuple(r[1:]) for r in rows)
            if rows:
                last = int(str(rows[-1][0]))
            resume = _next_readable(conn, table, last)
            if resume is None:
                return
            last = resume - 1
            continue
        if not rows:
            return
        yield from (tuple(r[1:]) for r in rows)
        last = int(rows[-1][0])


def _readable_rows_by_key(
    conn: sqlite3.Connection, table: str, quoted: str, keys: list[str], report: RescueReport
) -> Iterator[tuple[object, ...]]:
    """As :func:`_readable_rows`, walking the primary key: chunk after chunk, then at damage
    row by row up to it, and on from the next value of the key's first column that reads back
    (when it is a number; else what came before the damage is what is kept)."""
    key = ", ".join(f'"{k}"' for k in keys)
    after = f"({key}) > ({', '.join('?' * len(keys))})"
    select = f'SELECT {key}, {quoted} FROM "{table}"'
    width = len(keys)
    last: tuple[object, ...] | None = None
    while True:
        where = f"WHERE {after}" if last is not None else ""
        try:
            rows = conn.execute(
                f"{select} {where} ORDER BY {key} LIMIT ?", (*(last or ()), CHUNK)
            ).fetchall()
        except sqlite3.DatabaseError:
            if table not in report.damaged_tables:
                report.damaged_tables.append(table)
            while True:  # one by one up to the damage
                where = f"WHERE {after}" if last is not None else ""
                try:
                    row = conn.execute(
                        f"{select} {where} ORDER BY {key} LIMIT 1", last or ()
                    ).fetchone()
                except sqlite3.DatabaseError:
                    break
                if row is None:
                    return
                yield tuple(row[width:])
                last = tuple(row[:width])
            if last is None:
                return
            first, final = last[0], last[-1]
            if not isinstance(first, int) or not isinstance(final, int):
                return
            # Further in the same text (the key's last column), else in the next one.
            same = _next_readable_key(conn, table, keys, last[:-1], final)
            if same is not None:
                last = (*last[:-1], same - 1)
                continue
            resume = _next_readable_key(conn, table, keys[:1], (), first)
            if resume is None:
                return
            last = (resume, *(None,) * (width - 1))  # NULL sorts first: all of ``resume``
            continue
        if not rows:
            return
        yield from (tuple(r[width:]) for r in rows)
        last = tuple(rows[-1][:width])


def _next_readable_key(
    conn: sqlite3.Connection, table: str, keys: list[str], prefix: tuple[object, ...], after: int
) -> int | None:
    """The first value of the column ``keys[len(prefix)]`` past ``after`` (its other key
    columns at ``prefix``) whose rows read back, probing further and further ahead, as
    :func:`_next_readable` does with rowids."""
    column = keys[len(prefix)]
    fixed = "".join(f' AND "{k}" = ?' for k in keys[: len(prefix)])
    step = 1
    while step < 2**62:
        try:
            conn.execute(
                f'SELECT * FROM "{table}" WHERE "{column}" = ?{fixed}', (after + step, *prefix)
            ).fetchall()
            row = conn.execute(
                f'SELECT MIN("{column}") FROM "{table}" WHERE "{column}" >= ?{fixed}',
                (after + step, *prefix),
            ).fetchone()
        except sqlite3.DatabaseError:
            step *= 2
            continue
        return int(row[0]) if row is not None and row[0] is not None else None
    return None


def _rows_before_damage(
    conn: sqlite3.Connection, table: str, quoted: str, after: int
) -> list[tuple[object, ...]]:
    """One by one, the rows a failed chunk still holds before the damage."""
    found: list[tuple[object, ...]] = []
    while True:
        try:
            row = conn.execute(
                f'SELECT rowid, {quoted} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT 1',
                (after,),
            ).fetchone()
        except sqlite3.DatabaseError:
            return found
        if row is None:
            return found
        found.append(tuple(row))
        after = int(row[0])


def _next_readable(conn: sqlite3.Connection, table: str, after: int) -> int | None:
    """The first rowid past the damage that reads back, probing further and further ahead."""
    step = 1
    while step < 2**62:
        try:
            row = conn.execute(
                f'SELECT rowid FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT 1',
                (after + step,),
            ).fetchone()
        except sqlite3.DatabaseError:
            step *= 2
            continue
        return int(row[0]) if row is not None else None
    return None


def _repair_texts(
    db: sqlite_utils.Database,
    report: RescueReport,
    rebuild: Rebuild,
    say: Callable[[str], None],
) -> None:
    """Texts whose sentences or tokens did not all read back are analysed again from their
    content; marks and events keep their sentence where its offsets still match."""
    texts = db.execute("SELECT id, title, lang, content, sentence_count FROM texts").fetchall()
    for text_id, title, lang, content, expected in texts:
        if _text_is_whole(db, int(text_id), int(expected)):
            continue
        say(f"analysing “{title}” again")
        rebuild(db, int(text_id), str(lang), str(content))
        report.reanalysed.append(str(title))


def _text_is_whole(db: sqlite_utils.Database, text_id: int, expected: int) -> bool:
    row = db.execute(
        "SELECT COUNT(*), COALESCE(MIN(idx), 0), COALESCE(MAX(idx), -1) FROM sentences "
        "WHERE text_id = ?",
        (text_id,),
    ).fetchone()
    if (int(row[0]), int(row[1]), int(row[2])) != (expected, 0, expected - 1):
        return False
    # Every sentence has its token row, which decodes, the last token ending the sentence.
    rows = db.execute(
        'SELECT s.start, s."end", k.data FROM sentences s LEFT JOIN sentence_tokens k '
        "ON k.sentence_id = s.id WHERE s.text_id = ?",
        (text_id,),
    )
    lemmas: set[int] = set()
    for start, end, data in rows:
        if data is None:
            return False
        try:
            decoded = decode_sentence(bytes(data), int(start))
        except DamagedTokens:
            return False
        if not decoded or decoded[-1][1] != int(end):
            return False
        lemmas.update(t[2] for t in decoded)
    # ... every lemma it names is there ...
    known = db.execute("SELECT id FROM lemmas").fetchall() if lemmas else []
    if not lemmas <= {int(r[0]) for r in known}:
        return False
    # ... and the text's occurrence index is there when it has words.
    row = db.execute(
        "SELECT t.word_count, EXISTS (SELECT 1 FROM occurrences o WHERE o.text_id = t.id) "
        "FROM texts t WHERE t.id = ?",
        (text_id,),
    ).fetchone()
    return row is not None and (bool(row[1]) or not row[0])


def _drop_orphans(db: sqlite_utils.Database, report: RescueReport) -> None:
    """Rows whose parent was lost: cascaded away, or their reference set to NULL, as the schema's
    own ON DELETE rule says."""
    conn = db.conn
    with conn:
        for _ in range(5):  # a deletion can orphan rows further down
            violations = conn.execute("PRAGMA foreign_key_check").fetchall()
            if not violations:
                return
            for table, rowid, _parent, fkid in violations:
                rule = [
                    r for r in conn.execute(f'PRAGMA foreign_key_list("{table}")') if r[0] == fkid
                ]
                if rule and rule[0][6] == "SET NULL":
                    conn.execute(f'UPDATE "{table}" SET "{rule[0][3]}" = NULL WHERE rowid = ?',
                                 (rowid,))  # fmt: skip
                else:
                    conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                    report.dropped[table] = report.dropped.get(table, 0) + 1
