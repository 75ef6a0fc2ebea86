"""A review session: the due cards in order, answers scheduled by FSRS, undo, and a summary.

This is the review screen without the screen. It holds the queue in memory and schedules each
answer at once (FSRS is arithmetic), so the screen never waits; the database writes are separate
functions, :func:`record_answer` and :func:`undo_answer`, which the screen hands to its writer
thread in order, and which tests and scripts call directly.

As in Anki, a card answered into a short learning step (1 or 10 minutes) comes back in the same
session when it is due, or early ("learn ahead") once nothing else is left, if it is due within
20 minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlite_utils
from fsrs import Scheduler

from reader.learn.answers import RIGHT, SentenceCheck, TermCheck, check_sentence, check_term
from reader.learn.schedule import (
    AGAIN,
    GOOD,
    RATING_NAMES,
    ReviewCard,
    intervals,
    now_utc,
    parse,
    review,
    stamp,
    term_status_from_cards,
)
from reader.learn.siblings import are_siblings, spread
from reader.learn.status import LEARNING, set_status
from reader.store import table, transaction

LEARN_AHEAD = timedelta(minutes=20)
TYPED_DRILLS = frozenset({"production", "cloze", "listening"})

Clock = Callable[[], datetime]


@dataclass
class Answer:
    """One answer: the card before and after it, for the log and for undo."""

    before: ReviewCard
    after: ReviewCard
    rating: int
    at: datetime
    duration_ms: int
    typed: str | None = None
    # Set by record_answer (on the writer's thread), read by undo_answer after it.
    status_before: int | None = None
    status_after: int | None = None


@dataclass
class Summary:
    reviewed: int = 0
    right: int = 0  # answers rated Hard, Good or Easy
    by_rating: dict[int, int] = field(default_factory=lambda: dict.fromkeys(RATING_NAMES, 0))

    @property
    def share_right(self) -> float:
        return self.right / self.reviewed if self.reviewed else 0.0


class ReviewSession:
    def __init__(
        self, cards: list[ReviewCard], scheduler: Scheduler, clock: Clock = now_utc
    ) -> None:
        self.scheduler = scheduler
        # The intervals shown on the rating keys are FSRS's own, without the random spread that
        # scheduling adds (Anki shows them the same way).
        self.preview = Scheduler(
            parameters=scheduler.parameters,
            desired_retention=scheduler.desired_retention,
            learning_steps=scheduler.learning_steps,
            relearning_steps=scheduler.relearning_steps,
            maximum_interval=scheduler.maximum_interval,
            enable_fuzzing=False,
        )
        self.clock = clock
        # Siblings (a term's three cards; a sentence's listening card and the cards on it) are
        # spread apart, and _advance never shows two in a row while anything else is left.
        self.pending: list[ReviewCard] = spread(cards)
        self.last: ReviewCard | None = None  # the card answered last
        self.held_back = 0  # siblings of the last card, left for the next session
        self.learning: list[ReviewCard] = []  # answered, due again within the session
        self.history: list[Answer] = []
        self.summary = Summary()
        self.current: ReviewCard | None = None
        self.shown_at = clock()
        self.revealed = False
        self.typed: str | None = None
        self.check: TermCheck | SentenceCheck | None = None
        self._advance()

    # -- what is on screen --------------------------------------------------------------------

    @property
    def remaining(self) -> int:
        """Cards still to show, the one on screen included."""
        return len(self.pending) + len(self.learning) + (1 if self.current else 0)

    @property
    def left(self) -> int:
        """Cards not answered yet in this session, the one on screen included: this count goes
        down with every first answer ("N left" that stays put through a first pass, because
        each answered new card comes back in a minute, reads as no progress)."""
        current = self.current is not None and not self._answered(self.current)
        return len(self.pending) + (1 if current else 0)

    @property
    def coming_back(self) -> int:
        """Cards answered into a short learning step, due again in this session."""
        current = self.current is not None and self._answered(self.current)
        return len(self.learning) + (1 if current else 0)

    def _answered(self, card: ReviewCard) -> bool:
        return any(a.before.id == card.id for a in self.history)

    @property
    def finished(self) -> bool:
        return self.current is None

    @property
    def is_typed(self) -> bool:
        return self.current is not None and self.current.drill in TYPED_DRILLS

    def suggested_rating(self) -> int | None:
        """For a typed answer after checking: Again, Hard or Good."""
        return self.check.suggested_rating if self.check is not None else None

    def next_intervals(self) -> dict[int, timedelta]:
        """How far each rating would put the card on screen away."""
        if self.current is None:
            return {}
        return intervals(self.preview, self.current, self.clock())

    # -- answering ----------------------------------------------------------------------------

    def reveal(self, typed: str | None = None) -> TermCheck | SentenceCheck | None:
        """Show the answer; a typed drill checks ``typed`` first."""
        card = self.current
        if card is None or self.revealed:
            return self.check
        self.revealed = True
        if card.drill in TYPED_DRILLS:
            self.typed = typed or ""
            if card.drill == "listening":
                self.check = check_sentence(self.typed, card.sentence)
            else:
                self.check = check_term(self.typed, card.term_key or "", card.term_text)
        return self.check

    def rate(self, rating: int | None = None) -> Answer | None:
        """Answer the card on screen (``None``: the suggested rating, else Good), schedule it,
        and move on. Returns the answer, for the writer."""
        card = self.current
        if card is None:
            return None
        if not self.revealed:
            self.reveal(None if card.drill not in TYPED_DRILLS else "")
        if rating is None:
            rating = self.suggested_rating() or GOOD
        at = self.clock()
        duration = max(0, int((at - self.shown_at).total_seconds() * 1000))
        after = review(self.scheduler, card, rating, at, duration)
        answer = Answer(card, after, rating, at, duration, self.typed)
        self.history.append(answer)
        self.summary.reviewed += 1
        self.summary.by_rating[rating] += 1
        if rating != AGAIN:
            self.summary.right += 1
        if parse(after.due) <= at + LEARN_AHEAD:
            self.learning.append(after)
            self.learning.sort(key=lambda c: c.due)
        self.last = card
        self._advance()
        return answer

    def undo(self) -> Answer | None:
        """Take back the last answer: its card comes back, unrevealed, as it was before."""
        if not self.history:
            return None
        answer = self.history.pop()
        self.learning = [c for c in self.learning if c.id != answer.before.id]
        if self.current is not None:
            self.pending.insert(0, self.current)
        self.summary.reviewed -= 1
        self.summary.by_rating[answer.rating] -= 1
        if answer.rating != AGAIN:
            self.summary.right -= 1
        self.last = self.history[-1].before if self.history else None
        self._show(answer.before)
        return answer

    # -- internals ----------------------------------------------------------------------------

    def _advance(self) -> None:
        """The next card: one come due again from a learning step, else the next of the queue,
        else one learned ahead; never a sibling of the card just answered (the card itself,
        after Again, may come back). When only its siblings are left they are held back, as
        Anki buries siblings: they stay due, for the next session."""
        now = self.clock()
        last = self.last
        due = [c for c in self.learning if parse(c.due) <= now]
        ahead = [c for c in self.learning if now < parse(c.due) <= now + LEARN_AHEAD]
        card: ReviewCard | None = None
        for candidates in (due, self.pending, ahead):
            card = next((c for c in candidates if not self._follows(c, last)), None)
            if card is not None:
                break
        self.held_back = 0
        if card is None:
            self.held_back = len(self.pending) + len(due) + len(ahead)
        else:
            for queue in (self.pending, self.learning):
                queue[:] = [c for c in queue if c is not card]
        self._show(card)

    @staticmethod
    def _follows(card: ReviewCard, last: ReviewCard | None) -> bool:
        """Whether ``card`` would be answered from ``last`` rather than from memory."""
        return last is not None and card.id != last.id and are_siblings(card, last)

    def _show(self, card: ReviewCard | None) -> None:
        self.current = card
        self.shown_at = self.clock()
        self.revealed = False
        self.typed = None
        self.check = None


# -- writing -----------------------------------------------------------------------------------


def record_answer(db: sqlite_utils.Database, answer: Answer) -> None:
    """Write an answer: the card's new schedule, the review log row, and the term's status
    when its cards' stability moved it to another learning level."""
    before, after = answer.before, answer.after
    with transaction(db):
        _write_card(db, after)
        table(db, "review_log").insert(
            {
                "card_id": before.id,
                "rating": answer.rating,
                "reviewed_at": stamp(answer.at),
                "duration_ms": answer.duration_ms,
                "drill": before.drill,
                "answer": answer.typed,
                "state_before": before.state,
                "step_before": before.step,
                "stability_before": before.stability,
                "difficulty_before": before.difficulty,
                "due_before": before.due,
                "last_review_before": before.last_review,
                "state_after": after.state,
                "step_after": after.step,
                "stability_after": after.stability,
                "difficulty_after": after.difficulty,
                "due_after": after.due,
            }
        )
        answer.status_before, answer.status_after = _follow_status(db, after)


def undo_answer(db: sqlite_utils.Database, answer: Answer) -> None:
    """Take an answer back: the card as it was, its log row gone, the term's status restored."""
    before = answer.before
    with transaction(db):
        _write_card(db, before)
        db.conn.execute(
            "DELETE FROM review_log WHERE id = "
            "(SELECT MAX(id) FROM review_log WHERE card_id = ? AND reviewed_at = ?)",
            (before.id, stamp(answer.at)),
        )
        if (
            before.term_key
            and answer.status_before is not None
            and answer.status_after != answer.status_before
        ):
            set_status(db, before.term_key, answer.status_before, before.lang, source="review")


def _write_card(db: sqlite_utils.Database, card: ReviewCard) -> None:
    db.conn.execute(
        "UPDATE cards SET state = ?, step = ?, stability = ?, difficulty = ?, due = ?, "
        "last_review = ?, reps = ?, lapses = ?, updated_at = ? WHERE id = ?",
        (
            card.state, card.step, card.stability, card.difficulty, card.due, card.last_review,
            card.reps, card.lapses, stamp(now_utc()), card.id,
        ),
    )  # fmt: skip


def _follow_status(db: sqlite_utils.Database, card: ReviewCard) -> tuple[int | None, int | None]:
    """A learning term's level follows its cards' stability; returns (before, after)."""
    if not card.term_key:
        return None, None
    row = db.execute(
        "SELECT status FROM terms WHERE lang = ? AND key = ?", (card.lang, card.term_key)
    ).fetchone()
    if row is None or int(row[0]) not in LEARNING:
        return None, None
    current = int(row[0])
    level = term_status_from_cards(db, card.lang, card.term_key)
    if level is None or level == current:
        return current, current
    set_status(db, card.term_key, level, card.lang, source="review")
    return current, level


__all__ = ["RIGHT", "Answer", "ReviewSession", "Summary", "record_answer", "undo_answer"]
