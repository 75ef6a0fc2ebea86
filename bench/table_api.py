"""What sqlite-utils' table API costs on the writes that moved to it (docs/storage.md's rule):
the reading log's ``read`` event (one a sentence shown), a status change's history row and a
new term (one a key), each written as SQL and through ``reader.store.table`` in one run, in a
transaction as the writer runs them. The table API builds its statement from the dict and asks
SQLite whether the table exists (twice: ``table()`` and sqlite-utils' insert), so each write
costs a little more; this says how much, beside the whole call the reader makes.

    .venv/bin/python bench/table_api.py [--runs 2000]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.learn.progress import log_read  # noqa: E402
from reader.learn.status import set_status  # noqa: E402
from reader.store import open_db, table, transaction  # noqa: E402
from reader.store.migrations import now  # noqa: E402


def timed(runs: int, step: Callable[[int], None]) -> tuple[float, float]:
    """Median and 95th percentile of one ``step(i)``, in microseconds."""
    times = []
    for i in range(runs):
        started = time.perf_counter()
        step(i)
        times.append((time.perf_counter() - started) * 1e6)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=2000)
    args = parser.parse_args()
    runs = args.runs
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "reader.db")
        with transaction(db):
            db.execute(
                "INSERT INTO texts (title, lang, source, sha256, content, sentence_count, "
                "word_count, created_at) VALUES ('t', 'en', 's', 'x', 'One.', 1, 1, ?)",
                (now(),),
            )
            db.execute(
                'INSERT INTO sentences (id, text_id, idx, paragraph, start, "end", text) '
                "VALUES (1, 1, 0, 0, 0, 4, 'One.')"
            )
        set_status(db, "seed", 1)
        term_id = db.execute("SELECT id FROM terms WHERE key = 'seed'").fetchone()[0]

        def event_sql(i: int) -> None:
            with transaction(db):
                db.conn.execute(
                    "INSERT INTO events (at, kind, text_id, sentence_id) VALUES (?, 'read', ?, ?)",
                    (now(), 1, 1),
                )

        def event_api(i: int) -> None:
            with transaction(db):
                table(db, "events").insert(
                    {"at": now(), "kind": "read", "text_id": 1, "sentence_id": 1}
                )

        def history_sql(i: int) -> None:
            with transaction(db):
                db.conn.execute(
                    "INSERT INTO term_history (term_id, old_status, new_status, at, source) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (term_id, 1, 2, now(), "bench"),
                )

        def history_api(i: int) -> None:
            with transaction(db):
                table(db, "term_history").insert(
                    {"term_id": term_id, "old_status": 1, "new_status": 2, "at": now(),
                     "source": "bench"}
                )  # fmt: skip

        def term_sql(i: int) -> None:
            with transaction(db):
                db.conn.execute(
                    "INSERT INTO terms (lang, key, status, pos, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    ("en", f"sql{i}", 1, None, now(), now()),
                )

        def term_api(i: int) -> None:
            with transaction(db):
                table(db, "terms").insert(
                    {"lang": "en", "key": f"api{i}", "status": 1, "pos": None,
                     "created_at": now(), "updated_at": now()}
                )  # fmt: skip

        rows = [
            ("read event: SQL", event_sql),
            ("read event: table API", event_api),
            ("status history: SQL", history_sql),
            ("status history: table API", history_api),
            ("new term: SQL", term_sql),
            ("new term: table API", term_api),
            ("log_read (the whole call)", lambda i: log_read(db, 1, 1)),
            ("set_status, a new word", lambda i: set_status(db, f"word{i}", 1)),
        ]
        print(f"{runs} runs each, in a transaction each, on a file database (WAL)")
        print(f"{'write':<30}{'median µs':>12}{'p95 µs':>10}")
        for label, step in rows:
            median, p95 = timed(runs, step)
            print(f"{label:<30}{median:>12.0f}{p95:>10.0f}")
        db.close()


if __name__ == "__main__":
    main()
