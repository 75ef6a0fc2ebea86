"""Fill a data home with a month of SIMULATED reading and reviews, to look at the stats screen.

Nothing here is a learner's real history: the days, sessions, words marked and review answers
are drawn from a seeded random generator. It imports the given texts (default: the seed
article), marks the 2,000 most frequent lemmas known a month ago (the head start), then for each
of the last ``--days`` days (some skipped, the last ten in a row for a streak) reads on through
the texts in one or two sessions, marks some of the words met known or learning, and answers
the review cards of the words being learned (about 85% recalled).

    .venv/bin/python scripts/simulate_history.py --home DIR [--days 30] [TEXT ...]
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SEED = REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--home", type=Path, required=True)
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("texts", nargs="*", type=Path)
    args = parser.parse_args()

    from reader.learn.status import KNOWN, set_status, set_statuses
    from reader.learn.texts import tokens_of
    from reader.lexicon.frequency import top_lemmas
    from reader.store import open_db
    from reader.text.importer import import_text
    from reader.text.load import load_path

    rng = random.Random(args.seed)
    args.home.mkdir(parents=True, exist_ok=True)
    db = open_db(args.home / "reader.db")
    text_ids = [import_text(db, load_path(p)).text_id for p in (args.texts or [SEED])]
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(days=args.days)
    conn = db.conn

    def stamp(moment: datetime) -> str:
        return moment.isoformat(timespec="seconds")

    def restamp_history(since_id: int, moment: datetime) -> None:
        with conn:
            conn.execute("UPDATE term_history SET at = ? WHERE id > ?", (stamp(moment), since_id))

    def last_history() -> int:
        return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM term_history").fetchone()[0])

    mark = last_history()
    set_statuses(db, sorted(top_lemmas(2000)), KNOWN, source="cli")
    restamp_history(mark, start)

    sentences = [
        (tid, int(sid))
        for tid in text_ids
        for (sid,) in conn.execute(
            "SELECT id FROM sentences WHERE text_id = ? ORDER BY idx", (tid,)
        ).fetchall()
    ]
    position = 0
    learning: list[str] = []
    for day in range(args.days, -1, -1):
        if day > 10 and rng.random() < 0.3:
            continue  # a day off (none in the last ten: a streak)
        date = now - timedelta(days=day)
        for session in range(rng.choice((1, 1, 2))):
            moment = date.replace(hour=8 + 11 * session, minute=rng.randrange(50), second=0)
            if moment > now:
                moment = now - timedelta(minutes=30)
            met: set[str] = set()
            for _ in range(rng.randrange(15, 60)):
                if position >= len(sentences):
                    break
                text_id, sentence_id = sentences[position]
                position += 1
                moment += timedelta(seconds=rng.randrange(6, 40))
                with conn:
                    conn.execute(
                        "INSERT INTO events (at, kind, text_id, sentence_id) "
                        "VALUES (?, 'read', ?, ?)",
                        (stamp(moment), text_id, sentence_id),
                    )
                    conn.execute(
                        "INSERT OR IGNORE INTO sentences_read (sentence_id, text_id, at) "
                        "VALUES (?, ?, ?)",
                        (sentence_id, text_id, stamp(moment)),
                    )
                met.update(t.term_key for t in tokens_of(db, sentence_id) if t.term_key)
            have = {r[0] for r in conn.execute("SELECT key FROM terms WHERE status != 0")}
            fresh = sorted(met - have)
            rng.shuffle(fresh)
            mark = last_history()
            known, learn = fresh[: rng.randrange(3, 15)], fresh[15 : 15 + rng.randrange(1, 4)]
            if known:
                set_statuses(db, known, KNOWN, source="reading")
            for key in learn:
                set_status(db, key, 1, source="reading")
            learning += learn
            restamp_history(mark, moment)
        _review(conn, learning, date.replace(hour=7), rng, stamp)
    db.close()
    print(f"SIMULATED history of {args.days} days written to {args.home / 'reader.db'}")


def _review(conn, learning, moment, rng, stamp) -> None:  # type: ignore[no-untyped-def]
    """Answer some of the learning words' cards: about 85% recalled."""
    if not learning:
        return
    keys = rng.sample(learning, min(len(learning), rng.randrange(5, 25)))
    marks = ",".join("?" * len(keys))
    cards = conn.execute(
        f"SELECT id, drill FROM cards WHERE term_key IN ({marks})", keys
    ).fetchall()
    with conn:
        for card_id, drill in cards:
            moment += timedelta(seconds=rng.randrange(5, 30))
            rating = 1 if rng.random() < 0.15 else rng.choice((2, 3, 3, 3, 4))
            conn.execute(
                "INSERT INTO review_log (card_id, rating, reviewed_at, drill, state_after, "
                "due_after) VALUES (?, ?, ?, ?, 2, ?)",
                (card_id, rating, stamp(moment), drill, stamp(moment + timedelta(days=2))),
            )


if __name__ == "__main__":
    main()
