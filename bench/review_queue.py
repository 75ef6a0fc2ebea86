"""The review queue with 100,000 cards: how long the next due card takes to find.

    .venv/bin/python bench/review_queue.py [--cards 100000] [--calls 2000]

Generates the cards in a temporary database (a learner's mix: most studied, due over the past
and the next months; a tenth new; a tenth suspended; the four drills), then times
``reader.learn.schedule.next_due`` at moments spread over the next month, with and without a
drill filter, and the queries the screens make once (loading a session's queue, counting the cards
due). For comparison, the same next-card query run without the index (a full scan), in the same
run. Target: the next due card under 5 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reader.learn.identity import term_card_guid
from reader.learn.schedule import due_count, load_queue, next_due, stamp
from reader.store import open_db, transaction

DRILLS = ("recognition", "production", "cloze", "listening")


def generate(db_path: Path, count: int, now: datetime) -> None:
    rng = random.Random(12)
    db = open_db(db_path)
    created = stamp(now - timedelta(days=400))
    rows = []
    for number in range(count):
        drill = DRILLS[number % 4]
        roll = rng.random()
        if roll < 0.1:  # new, made over the last weeks
            reps, state, stability, due = 0, 1, None, now - timedelta(days=rng.uniform(0, 30))
            last = None
        else:
            reps = rng.randint(1, 30)
            state = 2 if roll < 0.9 else rng.choice((1, 3))
            stability = rng.lognormvariate(2.5, 1.2)
            due = now + timedelta(days=rng.uniform(-20, 120))
            last = stamp(due - timedelta(days=stability))
        suspended = 1 if rng.random() < 0.1 else 0
        rows.append(
            (
                term_card_guid("en", f"term{number // 4}", f"{drill}{number}"), "en", drill,
                f"term{number // 4}", "A sentence with the term in it.", 2, 6, "a meaning",
                "A text", "0" * 64, 0, 30, suspended, state, 0 if state != 2 else None,
                stability, 5.0 if reps else None, stamp(due), last, reps, rng.randint(0, 3),
                created, created,
            )
        )  # fmt: skip
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO cards (guid, lang, drill, term_key, sentence, term_start, term_end, "
            "meaning, text_title, text_sha256, sentence_start, sentence_end, suspended, state, "
            "step, stability, difficulty, due, last_review, reps, lapses, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.execute("ANALYZE")
    db.conn.close()


def timed(calls: int, fn: object) -> list[float]:
    out = []
    for i in range(calls):
        started = time.perf_counter()
        fn(i)  # type: ignore[operator]
        out.append((time.perf_counter() - started) * 1000)
    return out


def describe(label: str, times: list[float]) -> None:
    times = sorted(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{label:<46} median {statistics.median(times):7.3f} ms   p95 {p95:7.3f} ms   "
        f"max {times[-1]:7.3f} ms   ({len(times)} calls)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()
    now = datetime.now(UTC).replace(microsecond=0)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reader.db"
        started = time.perf_counter()
        generate(path, args.cards, now)
        print(f"generated {args.cards:,} cards in {time.perf_counter() - started:.1f} s")
        db = open_db(path)
        moments = [now + timedelta(hours=i * 24 * 30 / args.calls) for i in range(args.calls)]
        # Reviewing: the new-card allowance used up, so each call finds the next studied card.
        describe(
            "next due card (mixed drills)",
            timed(args.calls, lambda i: next_due(db, moments[i], 20)),
        )
        describe(
            "next due card (listening only)",
            timed(args.calls, lambda i: next_due(db, moments[i], 20, ("listening",))),
        )
        describe(
            "next due card, nothing studied due (a new one)",
            timed(
                args.calls // 4,
                lambda i: next_due(db, now - timedelta(days=30), 20),
            ),
        )
        describe(
            "load a session's queue (up to 1,000 due + 20 new)",
            timed(20, lambda i: load_queue(db, moments[i * 50 % args.calls], 20)),
        )
        describe(
            "count the cards due (library)",
            timed(20, lambda i: due_count(db, moments[i * 50 % args.calls], 20)),
        )

        def full_scan(i: int) -> None:
            db.execute(
                "SELECT id FROM cards NOT INDEXED WHERE suspended = 0 AND reps > 0 AND due <= ? "
                "ORDER BY due LIMIT 1",
                (stamp(moments[i]),),
            ).fetchone()

        for moment in moments[:: max(1, args.calls // 100)]:  # the index finds the same card
            found = next_due(db, moment, 0)
            expected = db.execute(
                "SELECT MIN(due) FROM cards NOT INDEXED WHERE suspended = 0 AND reps > 0 "
                "AND due <= ?",
                (stamp(moment),),
            ).fetchone()[0]
            assert (found.due if found else None) == expected, moment
        print("checked: the indexed query finds the most overdue card, as a full scan does")
        scan = timed(max(20, args.calls // 20), full_scan)
        describe("for comparison: the same query, full scan", scan)
        indexed = timed(args.calls, lambda i: next_due(db, moments[i], 20))
        print(
            f"index vs full scan: {statistics.median(scan) / statistics.median(indexed):.0f}x "
            "faster (medians, same run)"
        )
        db.conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
