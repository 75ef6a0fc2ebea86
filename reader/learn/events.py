"""Changes to what the learner knows announce themselves here, and whatever follows them listens.

A status, a gloss, a chosen sense or a sentence's mark is written by the module that owns it
(:mod:`reader.learn.status`, :mod:`reader.learn.choice`, :mod:`reader.learn.progress`); the
review cards (:mod:`reader.learn.cards`) must follow each change in the same transaction. The
writers call the event; the cards listen to it. So the writers know nothing of the cards, and
the cards may ask the meaning of a term (:mod:`reader.learn.meaning`), which reads statuses and
choices, without an import circle.

The cards start listening when :mod:`reader.learn` is imported (its ``__init__``), so no change
is ever made without them, whichever module made it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, ParamSpec

import sqlite_utils

P = ParamSpec("P")


@dataclass(frozen=True, slots=True)
class Met:
    """Where a term was met while reading: a sentence and the term's span in the text."""

    sentence_id: int
    start: int  # character offsets into texts.content (the tokens' own offsets)
    end: int


class Event(Generic[P]):
    """Something that happened, and the functions that follow it, called in the order they
    started to listen, inside the announcer's transaction (an error rolls the change back)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._listeners: list[Callable[P, object]] = []

    def listen(self, listener: Callable[P, object]) -> None:
        """Follow this event from now on (what ``listener`` returns is not used)."""
        if listener not in self._listeners:
            self._listeners.append(listener)

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> None:
        for listener in self._listeners:
            listener(*args, **kwargs)


def _status(db: sqlite_utils.Database, key: str, lang: str, status: int, met: Met | None) -> None:
    """A term's status changed (``met``: where, when it was set while reading)."""


def _met_again(db: sqlite_utils.Database, key: str, lang: str, met: Met) -> None:
    """A term was set to the status it already had, while reading at ``met``."""


def _gloss(db: sqlite_utils.Database, key: str, lang: str) -> None:
    """A term's meaning changed: the learner's own gloss, or the sense they chose."""


def _sentence_mark(db: sqlite_utils.Database, sentence_id: int, mark: str) -> None:
    """The learner judged a sentence: understood, partly or not."""


def _event(signature: Callable[P, None]) -> Event[P]:
    return Event(signature.__name__.strip("_").replace("_", " "))


status_changed = _event(_status)
met_again = _event(_met_again)
gloss_changed = _event(_gloss)
sentence_marked = _event(_sentence_mark)
