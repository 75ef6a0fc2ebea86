"""The focused sentence's entries and glosses rows, worked out once per change.

One part of a :class:`reader.learn.session.ReadingSession`. The panel, the cursor's start and
the scrolling all ask for the glosses rows on every move and redraw; an entry costs lexicon
queries and sense ranking. So both are kept until what they are made of changes (a move, a
status, a gloss, a chosen sense, a translation that came into the cache, the lexicon, the
settings): then the session calls :meth:`EntryCache.forget`, or :meth:`EntryCache.restate` when
only statuses changed (the entries stay; statuses and own glosses are laid over them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from reader.learn.glossing import GlossEntry
from reader.learn.units import GlossRow, Unit, listed_row


class EntryCache:
    def __init__(self, entries: Mapping[Unit, GlossEntry] | None = None) -> None:
        self.entries: dict[Unit, GlossEntry] = dict(entries or {})
        self._rows: list[GlossRow] | None = None

    def forget(self) -> None:
        self.entries = {}
        self._rows = None

    def restate(self) -> None:
        self._rows = None

    def entry(self, unit: Unit, look_up: Callable[[Unit], GlossEntry]) -> GlossEntry:
        """``unit``'s entry as the database has it, looked up once."""
        entry = self.entries.get(unit)
        if entry is None:
            entry = self.entries[unit] = look_up(unit)
        return entry

    def rows(
        self,
        units: Iterable[Unit],
        wanted: Callable[[Unit], bool],
        entry: Callable[[Unit], GlossEntry],
    ) -> list[GlossRow]:
        """Each unit that is ``wanted`` and gets a row (:func:`listed_row`), once per term."""
        if self._rows is None:
            rows: list[GlossRow] = []
            seen: set[str] = set()
            for unit in units:
                if unit.key in seen or not wanted(unit):
                    continue
                found = entry(unit)
                if not listed_row(unit, found):
                    continue
                seen.add(unit.key)
                rows.append(GlossRow(unit, found))
            self._rows = rows
        return self._rows
