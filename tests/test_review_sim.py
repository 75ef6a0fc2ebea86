"""Sixty simulated days of reviews with an injected clock: FSRS's schedule, the daily new-card
limit, undo, the review log, and statuses following stability."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import sqlite_utils
from fsrs import Card, Rating, Scheduler, State

from reader.learn.card_list import list_cards
from reader.learn.review import ReviewSession, record_answer, undo_answer
from reader.learn.schedule import (
    AGAIN,
    GOOD,
    HARD,
    load_card,
    load_queue,
    make_scheduler,
    parse,
    status_for_stability,
)
from reader.learn.status import get_term, set_status

WORDS = [
    "coalition", "parade", "diplomacy", "alliance", "deployment", "confrontation", "summit",
    "correspondent", "caution", "complexity", "attendance", "dialogue", "display", "benefit",
]  # fmt: skip
NEW_PER_DAY = 10


class Clock:
    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at

    def tick(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


def rating_for(card_id: int, reps: int) -> int:
    """A learner who mostly remembers: a fixed, varied pattern of answers."""
    roll = hashlib.sha256(f"{card_id}:{reps}".encode()).digest()[0]
    return AGAIN if roll < 30 else HARD if roll < 60 else GOOD


def replay(db: sqlite_utils.Database, card_id: int, scheduler: Scheduler) -> Card:
    """The card FSRS itself makes from the logged answers, to check what was stored."""
    card = Card(card_id=card_id, due=parse("2026-01-01T00:00:00+00:00"))
    rows = db.execute(
        "SELECT rating, reviewed_at, duration_ms FROM review_log WHERE card_id = ? ORDER BY id",
        (card_id,),
    ).fetchall()
    for rating, at, duration in rows:
        card, _ = scheduler.review_card(card, Rating(rating), parse(at), duration)
    return card


def test_sixty_days_of_reviews(db: sqlite_utils.Database, seed_id: int) -> None:
    for word in WORDS:
        set_status(db, word, 1, source="cli")
    total_cards = len(list_cards(db))
    assert total_cards == 3 * len(WORDS)
    scheduler = make_scheduler(0.9, fuzz=False)
    # Cards are made due now; the simulation starts tomorrow at 08:00 UTC.
    start = datetime.now(UTC).replace(hour=8, minute=0, second=0, microsecond=0)
    start += timedelta(days=1)
    clock = Clock(start)
    undone = False
    for day in range(60):
        for hour in (0, 12):  # a morning and an evening session: the limit is per day
            clock.at = start + timedelta(days=day, hours=hour)
            queue = load_queue(db, clock(), NEW_PER_DAY)
            if hour:
                assert queue.new == [] or day >= total_cards // NEW_PER_DAY
            session = ReviewSession(queue.cards, scheduler, clock)
            while not session.finished:
                card = session.current
                assert card is not None
                clock.tick(8)
                session.reveal("")
                answer = session.rate(rating_for(card.id, card.reps))
                assert answer is not None
                record_answer(db, answer)
                if not undone and day == 5 and card.reps > 0:
                    # Undo: the card, the log and the term's status are as before the answer.
                    log_count = db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
                    status_after = get_term(db, card.term_key or "").status
                    taken_back = session.undo()
                    assert taken_back is answer and session.current == card
                    undo_answer(db, answer)
                    assert load_card(db, card.id) == card
                    logged = db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
                    assert logged == log_count - 1
                    assert get_term(db, card.term_key or "").status == answer.status_before
                    assert answer.status_after == status_after
                    undone = True
            # Nothing that was due when the session began is left behind, but for the siblings
            # of the last card answered, held back so one term is not answered twice in a row.
            left = load_queue(db, start + timedelta(days=day, hours=hour), 0).reviews
            assert len(left) <= session.held_back
            assert all(c.term_key == session.last.term_key for c in left if session.last)
        # The daily limit: no more than NEW_PER_DAY cards seen for the first time each day.
        first_seen = db.execute(
            "SELECT COUNT(*) FROM review_log WHERE last_review_before IS NULL "
            "AND reviewed_at >= ? AND reviewed_at < ?",
            (
                (clock.at.replace(hour=0, minute=0, second=0)).isoformat(),
                (clock.at.replace(hour=0, minute=0, second=0) + timedelta(days=1)).isoformat(),
            ),
        ).fetchone()[0]
        assert first_seen <= NEW_PER_DAY
        if day < total_cards // NEW_PER_DAY:
            assert first_seen == NEW_PER_DAY
    assert undone

    # Every card's stored schedule is exactly what FSRS makes of its logged answers.
    for info in list_cards(db):
        stored = load_card(db, info.id)
        assert stored is not None and stored.reps > 0
        expected = replay(db, info.id, scheduler)
        assert stored.due == expected.due.isoformat(timespec="seconds")
        assert stored.state == expected.state.value
        assert abs((stored.stability or 0) - (expected.stability or 0)) < 1e-6
        assert abs((stored.difficulty or 0) - (expected.difficulty or 0)) < 1e-6
        assert (
            stored.reps
            == db.execute(
                "SELECT COUNT(*) FROM review_log WHERE card_id = ?", (info.id,)
            ).fetchone()[0]
        )

    # The log holds what FSRS's optimizer reads, and the state before and after each answer.
    missing = db.execute(
        "SELECT COUNT(*) FROM review_log WHERE duration_ms IS NULL OR state_after IS NULL "
        "OR due_after IS NULL OR reviewed_at IS NULL"
    ).fetchone()[0]
    assert missing == 0
    chained = db.execute(
        "SELECT COUNT(*) FROM review_log a JOIN review_log b ON b.card_id = a.card_id "
        "AND b.id = (SELECT MIN(id) FROM review_log WHERE card_id = a.card_id AND id > a.id) "
        "WHERE b.due_before != a.due_after OR b.state_before != a.state_after"
    ).fetchone()[0]
    assert chained == 0

    # Statuses follow the weakest card's stability, and the history says the review moved them.
    levels = set()
    for word in WORDS:
        weakest = db.execute(
            "SELECT MIN(stability) FROM cards WHERE term_key = ?", (word,)
        ).fetchone()[0]
        status = get_term(db, word).status
        assert status == status_for_stability(weakest), word
        levels.add(status)
    assert len(levels) >= 2 and max(levels) == 4
    sources = {r[0] for r in db.execute("SELECT DISTINCT source FROM term_history")}
    assert sources == {"cli", "review"}
    assert any(c.state == State.Review.value for c in list_cards(db))
