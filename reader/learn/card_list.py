"""The review cards as ``sentences cards`` and the review screen list them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from reader.learn.cards import DRILLS
from reader.learn.translations import get_translation


@dataclass(frozen=True, slots=True)
class CardInfo:
    """A card as ``sentences cards`` lists it."""

    id: int
    guid: str
    term: str | None
    drill: str
    due: str
    state: int
    stability: float | None
    difficulty: float | None
    reps: int
    lapses: int
    sentence: str
    suspended: bool

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "guid": self.guid,
            "term": self.term,
            "drill": self.drill,
            "due": self.due,
            "state": STATE_NAMES.get(self.state, str(self.state)),
            "stability": self.stability,
            "difficulty": self.difficulty,
            "reps": self.reps,
            "lapses": self.lapses,
            "sentence": self.sentence,
            "suspended": self.suspended,
        }


STATE_NAMES = {0: "new", 1: "learning", 2: "review", 3: "relearning"}


def list_cards(
    db: sqlite_utils.Database, *, due_by: str | None = None, drills: Iterable[str] = DRILLS
) -> list[CardInfo]:
    """Every card (or those due by ``due_by``, not suspended), soonest due first.

    A card never reviewed is listed with state "new" (FSRS itself keeps it in Learning).
    """
    wanted = list(drills)
    marks = ",".join("?" * len(wanted))
    where = f"drill IN ({marks})"
    params: list[Any] = [*wanted]
    if due_by is not None:
        where += " AND suspended = 0 AND due <= ?"
        params.append(due_by)
    rows = db.execute(
        "SELECT id, guid, term_key, drill, due, CASE WHEN reps = 0 THEN 0 ELSE state END, "
        "stability, difficulty, reps, lapses, sentence, suspended "
        f"FROM cards WHERE {where} ORDER BY due, id",
        params,
    ).fetchall()
    return [
        CardInfo(
            int(r[0]),
            r[1],
            r[2],
            r[3],
            r[4],
            int(r[5]),
            r[6],
            r[7],
            int(r[8]),
            int(r[9]),
            r[10],
            bool(r[11]),
        )  # fmt: skip
        for r in rows
    ]


def learner_translations(
    db: sqlite_utils.Database, cards: Iterable[Any], native_lang: str = ""
) -> dict[int, str]:
    """The learner's own translations of the cards' sentences, by card id: in ``native_lang``
    where there is one, else the latest, exactly as the export chooses
    (:func:`reader.learn.translations.get_translation`). A translation is kept in the language
    it is written in, never the card's (studied) language, so matching on that found none."""
    found: dict[int, str] = {}
    if not db["learner_translations"].exists():
        return found
    for card in cards:
        if card.text_sha256 is None or card.sentence_start is None or card.sentence_end is None:
            continue
        translation = get_translation(
            db, card.text_sha256, card.sentence_start, card.sentence_end, native_lang
        )
        if translation:
            found[int(card.id)] = translation
    return found
    for card in cards:
        if card.text_sha256 is None or card.sentence_start is None:
            continue
        row = db.execute(
            "SELECT translation FROM learner_translations WHERE lang = ? AND text_sha256 = ? "
            'AND start = ? AND "end" = ?',
            (card.lang, card.text_sha256, card.sentence_start, card.sentence_end),
        ).fetchone()
        if row and row[0]:
            found[int(card.id)] = str(row[0])
    return found
