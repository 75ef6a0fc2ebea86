"""The focused sentence's entries and glosses rows, worked out once per change, and off the UI
thread on the reading screen.

One part of a :class:`reader.learn.session.ReadingSession`. The panel, the cursor's start and
the scrolling all ask for the glosses rows on every move and redraw; an entry costs lexicon
queries and sense ranking. So both are kept until what they are made of changes (a move, a
status, a gloss, a chosen sense, a translation that came into the cache, the lexicon, the
settings): then the session calls :meth:`EntryCache.forget`, or :meth:`EntryCache.restate` when
only statuses changed (the entries stay; statuses and own glosses are laid over them).

On the reading screen an entry is never looked up where it is missed (a jump the read-ahead did
not foresee, the cursor on a word not listed): the cache notes the miss, the screen asks a
worker for what was missed (:class:`EntriesRequest`, :func:`look_up_entries`) and the answer
comes back with the *epoch* it was asked in. Every :meth:`~EntryCache.forget` starts a new epoch
(numbered across all caches, so a new sentence's cache never reuses one), and an answer from an
older epoch (the learner moved on, chose a sense) is dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

import sqlite_utils

from reader.learn.choice import Choice
from reader.learn.glossing import GlossEntry
from reader.learn.texts import TokenRow
from reader.learn.units import GlossRow, Unit, listed_row, unit_entry
from reader.lexicon.senses.discourse import TextEvidence

_EPOCHS = itertools.count(1)


@dataclass(frozen=True)
class EntriesRequest:
    """What a worker needs to look up entries the screen missed, copied on the UI thread."""

    epoch: int
    units: tuple[Unit, ...]
    tokens: tuple[TokenRow, ...]
    lang: str
    native_lang: str | None
    choices: Mapping[str, Choice | None]
    evidence: TextEvidence | None = None  # the whole text's say, if built (issue 18)


@dataclass(frozen=True)
class FoundEntries:
    """A worker's answer to an :class:`EntriesRequest`."""

    epoch: int
    entries: Mapping[Unit, GlossEntry]


def look_up_entries(
    db: sqlite_utils.Database, request: EntriesRequest, cancelled: Callable[[], bool]
) -> FoundEntries | None:
    """The entries of ``request.units`` in order, on ``db`` (a worker's own); None if
    ``cancelled`` says the answer is of no use any more."""
    entries: dict[Unit, GlossEntry] = {}
    for unit in request.units:
        if cancelled():
            return None
        entries[unit] = unit_entry(
            db, request.tokens, unit, request.lang, request.native_lang, request.choices,
            request.evidence,
        )  # fmt: skip
    return FoundEntries(request.epoch, MappingProxyType(entries))


class EntryCache:
    def __init__(self, entries: Mapping[Unit, GlossEntry] | None = None) -> None:
        self.entries: dict[Unit, GlossEntry] = dict(entries or {})
        self._rows: list[GlossRow] | None = None
        self.epoch = next(_EPOCHS)
        self.missed: dict[Unit, None] = {}  # looked for and not here, in order (a set)
        self.asked: set[Unit] = set()  # of the missed, those a worker was asked for

    def forget(self) -> None:
        self.entries = {}
        self._rows = None
        self.epoch = next(_EPOCHS)
        self.missed, self.asked = {}, set()

    def restate(self) -> None:
        self._rows = None

    def entry(self, unit: Unit, look_up: Callable[[Unit], GlossEntry]) -> GlossEntry:
        """``unit``'s entry as the database has it, looked up once."""
        entry = self.entries.get(unit)
        if entry is None:
            entry = self.entries[unit] = look_up(unit)
        return entry

    def known(self, unit: Unit) -> GlossEntry | None:
        """``unit``'s entry if it is here; else None, and the miss is noted for a worker."""
        entry = self.entries.get(unit)
        if entry is None:
            self.missed[unit] = None
        return entry

    def to_ask(self) -> list[Unit]:
        """The units missed and not asked for yet, in the order they were missed; from now on
        they count as asked."""
        units = [u for u in self.missed if u not in self.asked and u not in self.entries]
        self.asked.update(units)
        return units

    def unask(self, epoch: int, units: Iterable[Unit]) -> None:
        """A worker failed: ask for ``units`` again next time, if still in ``epoch``."""
        if epoch == self.epoch:
            self.asked.difference_update(units)

    def fill(self, found: FoundEntries) -> bool:
        """Take a worker's entries if they were asked in this epoch; returns whether they were."""
        if found.epoch != self.epoch:
            return False
        for unit, entry in found.entries.items():
            self.entries.setdefault(unit, entry)
            self.missed.pop(unit, None)
        self._rows = None
        return True

    def rows(
        self,
        units: Iterable[Unit],
        wanted: Callable[[Unit], bool],
        entry: Callable[[Unit], GlossEntry | None],
        pending: Callable[[Unit], GlossEntry] | None = None,
    ) -> list[GlossRow]:
        """Each unit that is ``wanted`` and gets a row (:func:`listed_row`), once per term.

        A unit whose ``entry`` is None (not looked up yet) is listed as ``pending`` makes it,
        if it would be listed with no senses (a phrase, a word of an open class): a closed-class
        word waits for its entry to say whether it has a sense."""
        if self._rows is None:
            rows: list[GlossRow] = []
            seen: set[str] = set()
            for unit in units:
                if unit.key in seen or not wanted(unit):
                    continue
                found = entry(unit)
                waiting = found is None
                if found is None:
                    if pending is None:
                        continue
                    found = pending(unit)
                if not listed_row(unit, found):
                    continue
                seen.add(unit.key)
                rows.append(GlossRow(unit, found, pending=waiting))
            self._rows = rows
        return self._rows
