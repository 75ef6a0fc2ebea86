"""How long a big dictionary import holds the database's write lock: 460,000 StarDict entries.

    .venv/bin/python bench/dict_lock.py [--entries N]

While the import runs, a second connection tries to take the write lock every 5 ms (what the
reader's writer does when the learner presses a key); the longest wait it would have had is the
figure. The same import is run twice in one run: as the program does it (the whole file parsed
first, then its rows written in one transaction, the literal rule's marks with them) and as an
early build did (rows consumed inside the write transaction, so the lock is held while the file
is parsed), for the ratio. Since issue 19's last speed-up the parsed rows go straight into
``lex_entries`` (no temp spool, then copy): the lock is held for that insert, longer than for
the copy (0.4 s -> 1.8 s here) but never while the file is parsed.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import threading
import time
from pathlib import Path

from dict_import import make_entries, write_stardict

from reader.lexicon import base as lexicon_base
from reader.lexicon import import_dictionary
from reader.store.db import open_db, transaction


class LockProbe:
    """Measures the longest stretch during which the write lock could not be taken."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.longest = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        conn = sqlite3.connect(str(self.path), timeout=0, isolation_level=None)
        blocked_since: float | None = None
        while not self._stop.is_set():
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.execute("ROLLBACK")
                if blocked_since is not None:
                    self.longest = max(self.longest, time.perf_counter() - blocked_since)
                    blocked_since = None
            except sqlite3.OperationalError:
                if blocked_since is None:
                    blocked_since = time.perf_counter()
            time.sleep(0.005)
        if blocked_since is not None:
            self.longest = max(self.longest, time.perf_counter() - blocked_since)
        conn.close()

    def __enter__(self) -> LockProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def store_source_parsing_under_the_lock(
    db, *, name, kind, origin, rows, priority, lang="en", target_lang=None, **_hooks
):  # type: ignore[no-untyped-def]
    """What main did before: the rows (the parser) consumed inside the write transaction (the
    import's hooks, the literal rule's marks, are left out: they change no lock)."""
    conn = db.conn
    with transaction(db):
        cursor = conn.execute(
            "INSERT INTO lex_sources (name, kind, lang, enabled, priority, entry_count, origin, "
            "imported_at) VALUES (?, ?, ?, 1, ?, 0, ?, 'now')",
            (name, kind, lang, priority, origin),
        )
        source_id = int(cursor.lastrowid or 0)
        cursor = conn.executemany(
            "INSERT INTO lex_entries (source_id, headword, pos, rank, gloss, example, synonyms) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((source_id, *row[:6]) for row in rows),
        )
        count = max(int(cursor.rowcount), 0)
        conn.execute("UPDATE lex_sources SET entry_count = ? WHERE id = ?", (count, source_id))
    return count


def timed(db_path: Path, ifo: Path, name: str) -> tuple[float, float, int]:
    db = open_db(db_path)
    with LockProbe(db_path) as probe:
        start = time.perf_counter()
        report = import_dictionary(db, ifo, name=name)
        total = time.perf_counter() - start
    db.close()
    return total, probe.longest, report.entries


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=460_000)
    args = parser.parse_args()
    entries = make_entries(args.entries)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sd").mkdir()
        ifo = write_stardict(folder / "sd", entries)
        now_total, now_lock, count = timed(folder / "now.db", ifo, "now")
        import reader.lexicon.dictionaries as dictionaries

        real = dictionaries.store_source
        dictionaries.store_source = store_source_parsing_under_the_lock  # type: ignore[assignment]
        try:
            old_total, old_lock, _ = timed(folder / "before.db", ifo, "before")
        finally:
            dictionaries.store_source = real
    assert lexicon_base.store_source is real
    print(f"StarDict dictionary, {count:,} entries")
    print(f"parsed under the write lock (main before):  import {old_total:6.1f} s, "
          f"lock held up to {old_lock:6.2f} s")  # fmt: skip
    print(f"parsed first, then written (now):           import {now_total:6.1f} s, "
          f"lock held up to {now_lock:6.2f} s")  # fmt: skip
    print(f"the longest wait for a key press: {old_lock / max(now_lock, 1e-3):.1f}x shorter")
    return 0


if __name__ == "__main__":
    sys.exit(main())
