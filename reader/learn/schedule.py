"""Scheduling with FSRS (the ``fsrs`` package, as in Anki), and the queue of due cards.

A card row carries FSRS's own fields (state, step, stability, difficulty, due, last_review), so
the scheduler's card is rebuilt from the row and written back after each answer. Times are UTC;
``due`` is stored as ISO 8601 to the second, so the queue is one indexed range query.

The term's learning status follows the stability of its cards (the weakest one that has been
reviewed): under a day is learning 1, under a week 2, under three weeks 3, beyond that 4.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import sqlite_utils
from fsrs import Card, Rating, Scheduler, State

AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATING_NAMES = {AGAIN: "Again", HARD: "Hard", GOOD: "Good", EASY: "Easy"}

# The status rule: (stability below, in days) -> learning level.
STATUS_STEPS = ((1.0, 1), (7.0, 2), (21.0, 3))

_COLUMNS = (
    "id, guid, lang, drill, term_key, sentence, term_start, term_end, meaning, text_title, "
    "text_sha256, sentence_start, sentence_end, state, step, stability, difficulty, due, "
    "last_review, reps, lapses"
)


@dataclass(frozen=True, slots=True)
class ReviewCard:
    """A card as the review screen shows and schedules it."""

    id: int
    guid: str
    lang: str
    drill: str
    term_key: str | None
    sentence: str
    term_start: int | None
    term_end: int | None
    meaning: str | None
    text_title: str | None
    text_sha256: str | None
    sentence_start: int | None
    sentence_end: int | None
    state: int
    step: int | None
    stability: float | None
    difficulty: float | None
    due: str
    last_review: str | None
    reps: int
    lapses: int

    @property
    def is_new(self) -> bool:
        return self.reps == 0

    @property
    def term_text(self) -> str:
        """The term as written in the sentence (``took it over``), else its key."""
        if self.term_start is not None and self.term_end is not None:
            return self.sentence[self.term_start : self.term_end]
        return self.term_key or ""

    @classmethod
    def from_row(cls, row: Any) -> ReviewCard:
        return cls(*row)


def stamp(moment: datetime) -> str:
    """The stored form of a time: UTC, ISO 8601, to the second (sorts as text)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def parse(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


def make_scheduler(desired_retention: float = 0.9, fuzz: bool = True) -> Scheduler:
    """FSRS with its default parameters (fitted later from the review log, if the learner wants)."""
    return Scheduler(desired_retention=desired_retention, enable_fuzzing=fuzz)


def to_fsrs(card: ReviewCard) -> Card:
    return Card(
        card_id=card.id,
        state=State(card.state),
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=parse(card.due),
        last_review=parse(card.last_review) if card.last_review else None,
    )


def review(
    scheduler: Scheduler, card: ReviewCard, rating: int, at: datetime, duration_ms: int | None
) -> ReviewCard:
    """The card after an answer rated ``rating`` at ``at``."""
    after, _log = scheduler.review_card(
        to_fsrs(card), Rating(rating), review_datetime=at.astimezone(UTC),
        review_duration=duration_ms,
    )  # fmt: skip
    lapsed = rating == AGAIN and card.state == State.Review.value
    return replace(
        card,
        state=int(after.state.value),
        step=after.step,
        stability=after.stability,
        difficulty=after.difficulty,
        due=stamp(after.due),
        last_review=stamp(after.last_review or at),
        reps=card.reps + 1,
        lapses=card.lapses + (1 if lapsed else 0),
    )


def intervals(scheduler: Scheduler, card: ReviewCard, at: datetime) -> dict[int, timedelta]:
    """How long each rating would put the card away (shown on the rating keys, as Anki does)."""
    return {
        rating: parse(review(scheduler, card, rating, at, None).due) - at.astimezone(UTC)
        for rating in RATING_NAMES
    }


def describe_interval(delta: timedelta) -> str:
    """``<1m``, ``10m``, ``3h``, ``4d``, ``2mo``, ``1.5y``."""
    seconds = max(0.0, delta.total_seconds())
    if seconds < 60:
        return "<1m"
    if seconds < 3600:
        return f"{round(seconds / 60)}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30)}mo"
    return f"{days / 365:.1f}y"


def status_for_stability(stability: float) -> int:
    """The learning level a stability (in days) stands for."""
    for below, level in STATUS_STEPS:
        if stability < below:
            return level
    return 4


def term_status_from_cards(db: sqlite_utils.Database, lang: str, key: str) -> int | None:
    """The level the term's reviewed cards stand for (their weakest stability), or None."""
    row = db.execute(
        "SELECT MIN(stability) FROM cards WHERE lang = ? AND term_key = ? AND suspended = 0 "
        "AND reps > 0 AND stability IS NOT NULL",
        (lang, key),
    ).fetchone()
    return status_for_stability(float(row[0])) if row and row[0] is not None else None


# -- the queue -------------------------------------------------------------------------------------


def day_start(at: datetime) -> datetime:
    """The start of the learner's day (local midnight) holding ``at``, in UTC."""
    local = at.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def new_seen_today(db: sqlite_utils.Database, at: datetime) -> int:
    """Cards answered for the first time since the start of today."""
    row = db.execute(
        "SELECT COUNT(DISTINCT card_id) FROM review_log "
        "WHERE reviewed_at >= ? AND reviewed_at <= ? AND last_review_before IS NULL",
        (stamp(day_start(at)), stamp(at)),
    ).fetchone()
    return int(row[0])


def _drill_filter(drills: tuple[str, ...] | None) -> tuple[str, list[Any]]:
    if not drills:
        return "", []
    return f" AND drill IN ({','.join('?' * len(drills))})", list(drills)


def next_due(
    db: sqlite_utils.Database,
    at: datetime,
    new_per_day: int = 20,
    drills: tuple[str, ...] | None = None,
) -> ReviewCard | None:
    """The next card to show: the most overdue card already studied, else a new card while
    today's new-card allowance lasts. One indexed query each (``cards_queue``)."""
    where, params = _drill_filter(drills)
    row = db.execute(
        f"SELECT {_COLUMNS} FROM cards INDEXED BY cards_queue "
        f"WHERE suspended = 0 AND (reps > 0) = 1 AND due <= ?{where} ORDER BY due LIMIT 1",
        [stamp(at), *params],
    ).fetchone()
    if row is not None:
        return ReviewCard.from_row(row)
    if new_seen_today(db, at) >= new_per_day:
        return None
    new = _new_cards(db, at, 1, drills)
    return new[0] if new else None


def _new_cards(
    db: sqlite_utils.Database, at: datetime, limit: int, drills: tuple[str, ...] | None
) -> list[ReviewCard]:
    """New cards in the order they were made, recognition of a term before its production and
    cloze, so a new word is first met the easy way round."""
    where, params = _drill_filter(drills)
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM cards INDEXED BY cards_queue "
        f"WHERE suspended = 0 AND (reps > 0) = 0 AND due <= ?{where} ORDER BY due, id LIMIT ?",
        [stamp(at), *params, limit],
    ).fetchall()
    order = {"recognition": 0, "listening": 1, "cloze": 2, "production": 3}
    cards = [ReviewCard.from_row(r) for r in rows]
    return sorted(cards, key=lambda c: (order.get(c.drill, 9), c.due, c.id))


def due_reviews(
    db: sqlite_utils.Database,
    at: datetime,
    drills: tuple[str, ...] | None = None,
    limit: int = 1000,
) -> list[ReviewCard]:
    where, params = _drill_filter(drills)
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM cards INDEXED BY cards_queue "
        f"WHERE suspended = 0 AND (reps > 0) = 1 AND due <= ?{where} ORDER BY due LIMIT ?",
        [stamp(at), *params, limit],
    ).fetchall()
    return [ReviewCard.from_row(r) for r in rows]


@dataclass(frozen=True, slots=True)
class Queue:
    """What one review session starts with."""

    reviews: list[ReviewCard]
    new: list[ReviewCard]
    new_left_today: int

    @property
    def cards(self) -> list[ReviewCard]:
        """Reviews with the new cards spread among them (one new card after every few
        reviews), as Anki mixes them by default."""
        if not self.reviews:
            return list(self.new)
        every = max(1, len(self.reviews) // max(1, len(self.new))) if self.new else 0
        mixed: list[ReviewCard] = []
        new = iter(self.new)
        for number, card in enumerate(self.reviews, 1):
            mixed.append(card)
            if every and number % every == 0:
                extra = next(new, None)
                if extra is not None:
                    mixed.append(extra)
        mixed.extend(new)
        return mixed


def load_queue(
    db: sqlite_utils.Database,
    at: datetime,
    new_per_day: int = 20,
    drills: tuple[str, ...] | None = None,
    limit: int = 1000,
) -> Queue:
    """The due cards for a session: studied cards due now (most overdue first, at most
    ``limit``) and today's remaining new cards."""
    left = max(0, new_per_day - new_seen_today(db, at))
    new = _new_cards(db, at, left, drills) if left else []
    return Queue(due_reviews(db, at, drills, limit), new, left)


def due_count(
    db: sqlite_utils.Database,
    at: datetime,
    new_per_day: int = 20,
    drills: tuple[str, ...] | None = None,
) -> int:
    """Cards a session started now would show: the size of :func:`load_queue`'s queue, so the
    library, ``cards --due``, the review screen and its Done screen can never disagree."""
    queue = load_queue(db, at, new_per_day, drills)
    return len(queue.reviews) + len(queue.new)


def next_due_after(db: sqlite_utils.Database, at: datetime) -> str | None:
    """When the next studied card comes due after ``at`` (for the end-of-session summary)."""
    row = db.execute(
        "SELECT MIN(due) FROM cards INDEXED BY cards_queue "
        "WHERE suspended = 0 AND (reps > 0) = 1 AND due > ?",
        (stamp(at),),
    ).fetchone()
    return str(row[0]) if row and row[0] else None


def load_card(db: sqlite_utils.Database, card_id: int) -> ReviewCard | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM cards WHERE id = ?", (card_id,)).fetchone()
    return ReviewCard.from_row(row) if row else None


def now_utc() -> datetime:
    return datetime.now(UTC)
