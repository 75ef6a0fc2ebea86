"""Removing a book after months of reading: Sherlock Holmes with 100,000 reading events.

    .venv/bin/python bench/remove_text.py [--events N]

The same database is built twice in one run: at the schema before migration 0004 (no index on
``events.text_id``, ``events.sentence_id``, ``tokens.text_id``) and at the current schema, and the
book is removed from each. Target: under 1 s with the indexes. Removing cascades to the book's
sentences and tokens and sets its events' text and sentence to NULL (the events are kept).
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from reader.learn.texts import remove_text
from reader.store.db import open_db
from reader.store.migrations import migrate
from reader.text.importer import import_text
from reader.text.load import load_path

BOOK = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
BOOK = BOOK / "sherlock_holmes_adventures_1661-0.txt"
BEFORE_INDEXES = 3  # the last migration before 0004_fk_indexes


def build(path: Path, events: int) -> int:
    """Sherlock Holmes imported at the pre-0004 schema, with ``events`` reading events."""
    import sqlite3

    conn = sqlite3.connect(str(path))
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    db.execute("PRAGMA foreign_keys = ON")
    db.enable_wal()
    migrate(db, upto=BEFORE_INDEXES)
    text_id = import_text(db, load_path(BOOK)).text_id
    # Another text read alongside, so the event log is not all about this book.
    other = import_text(db, load_path(BOOK.parent / "arirang_weekly_focus_2025-09-06.txt")).text_id
    ids = {
        tid: [int(r[0]) for r in db.execute("SELECT id FROM sentences WHERE text_id = ?", (tid,))]
        for tid in (text_id, other)
    }
    rng = random.Random(10)
    rows = []
    for n in range(events):
        tid = text_id if rng.random() < 0.8 else other
        kind = "read" if rng.random() < 0.8 else "lookup"
        day = f"2026-{1 + n * 10 // events:02d}-{1 + n % 28:02d}T10:00:00+00:00"
        rows.append((day, kind, tid, rng.choice(ids[tid]), "word" if kind == "lookup" else None))
    with conn:
        conn.executemany(
            "INSERT INTO events (at, kind, text_id, sentence_id, term_key) VALUES (?, ?, ?, ?, ?)",
            rows,
        )
    conn.close()
    return text_id


def timed_removal(path: Path, text_id: int) -> tuple[float, float, int]:
    db = open_db(path, migrate_schema=False)
    start, cpu = time.perf_counter(), time.process_time()
    remove_text(db, text_id)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    orphaned = db.execute("SELECT COUNT(*) FROM events WHERE text_id IS NULL").fetchone()[0]
    db.close()
    return elapsed, cpu, int(orphaned)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    if not BOOK.exists():
        print(f"missing {BOOK}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old.db"
        new = Path(tmp) / "new.db"
        start = time.perf_counter()
        text_id = build(old, args.events)
        shutil.copy(old, new)
        upgraded = open_db(new)  # applies 0004 and every later migration
        indexes = [r[0] for r in upgraded.execute("SELECT name FROM sqlite_master "
                   "WHERE type = 'index' AND name IN ('events_text', 'events_sentence', "
                   "'tokens_text')")]  # fmt: skip
        counts = upgraded.execute(
            "SELECT (SELECT sentence_count FROM texts WHERE id = ?), "
            "(SELECT COUNT(*) FROM occurrences WHERE text_id = ?), (SELECT COUNT(*) FROM events)",
            (text_id, text_id),
        ).fetchone()
        upgraded.close()
        built = time.perf_counter() - start
        print(f"built in {built:.1f} s: {BOOK.name}, {counts[0]:,} sentences, "
              f"{counts[1]:,} tokens; {counts[2]:,} events (80% on this book)")  # fmt: skip
        print(f"indexes added by the upgrade: {', '.join(sorted(indexes))}")
        after, after_cpu, kept_after = timed_removal(new, text_id)
        before, before_cpu, kept_before = timed_removal(old, text_id)
    print("(wall clock, and in brackets the CPU time of this process: the machine may be shared)")
    print(f"remove the book, schema before 0004 (no FK indexes): {before:8.3f} s "
          f"({before_cpu:.3f} s CPU)")  # fmt: skip
    print(f"remove the book, current schema (FK indexes):      {after:8.3f} s "
          f"({after_cpu:.3f} s CPU)")  # fmt: skip
    print(f"ratio: {before / after:,.0f}x faster; target under 1 s: "
          f"{'met' if after < 1 else 'NOT met'}")  # fmt: skip
    print(f"events kept (their text set to NULL): {kept_before:,} before, {kept_after:,} after")
    return 0


if __name__ == "__main__":
    sys.exit(main())
