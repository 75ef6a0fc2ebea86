"""The next sentence, read ahead while the learner reads this one.

Moving to the next sentence reads it from the database and works out the entry of every word
it glosses (lexicon queries, sense ranking): most of what a key costs. A worker does that while
the learner reads, with its own connection, and the session takes the result when the key
comes (:meth:`reader.learn.session.ReadingSession.goto`), so the key only draws.

What is read ahead must be what the session would have read itself. The worker starts from an
:class:`AheadRequest`, a snapshot of the session taken on the UI thread; the session counts
every change that can alter an entry (a chosen sense, the learner's own gloss, multi-word terms,
a translation or a dictionary coming in) and takes a read-ahead only if nothing changed since
its request. Statuses need no such care: the session lays the learner's marks over the states
the worker read, as it does over the database's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sqlite_utils

from reader.learn import progress, reading_log, translations
from reader.learn.choice import Choice
from reader.learn.glossing import GlossEntry
from reader.learn.phrases import PhraseIndex
from reader.learn.status import TermState, get_terms
from reader.learn.texts import SentenceRow, TokenRow, sentence_at, sentences_between, tokens_of

if TYPE_CHECKING:
    from reader.learn.session import Unit


@dataclass(frozen=True)
class AheadRequest:
    """What the worker needs from the session, copied on the UI thread."""

    text_id: int
    index: int
    around: int
    """How many sentences of context above and below the focus the screen shows."""
    lang: str
    native_lang: str | None
    translation_lang: str
    text_sha256: str
    phrases: PhraseIndex | None
    choices: Mapping[str, Choice | None]
    mine: Mapping[str, TermState]
    gloss_rarer_than: int
    generation: int


@dataclass(frozen=True)
class Ahead:
    """Sentence ``request.index`` as the reading screen's first frame of it needs it."""

    request: AheadRequest
    sentence: SentenceRow | None
    tokens: list[TokenRow]
    units: list[Unit]
    """Where the cursor stops, cut with ``request.phrases``."""
    states: dict[str, TermState]
    """The database's states of the sentence's terms (the session lays its own over them)."""
    entries: dict[Unit, GlossEntry]
    """The entries of the units the glosses panel will list, and of the first unit."""
    before: list[SentenceRow]
    after: list[SentenceRow]
    mark: str | None
    was_read: bool
    own_translation: str | None


def read_ahead(db: sqlite_utils.Database, request: AheadRequest) -> Ahead:
    """Read sentence ``request.index`` and work out its entries, on ``db`` (a worker's own)."""
    from reader.learn.session import gloss_wanted, listed_row, unit_entry, units_of

    sentence = sentence_at(db, request.text_id, request.index)
    tokens = tokens_of(db, sentence.id) if sentence is not None else []
    units = units_of(tokens, request.phrases)
    keys = [t.term_key for t in tokens if t.term_key] + [u.key for u in units]
    states = get_terms(db, keys, request.lang)
    entries: dict[Unit, GlossEntry] = {}

    def entry(unit: Unit) -> GlossEntry:
        found = entries[unit] = unit_entry(
            db, tokens, unit, request.lang, request.native_lang, request.choices
        )
        return found

    listed: set[str] = set()
    for unit in units:  # as ReadingSession.gloss_rows goes through them
        state = request.mine.get(unit.key) or states.get(unit.key, TermState(unit.key))
        if unit.key in listed or not gloss_wanted(tokens, unit, state, request.gloss_rarer_than):
            continue
        if listed_row(unit, entry(unit)):
            listed.add(unit.key)
    if units and units[0] not in entries:  # the word's entry when no word needs a gloss
        entry(units[0])
    around = sentences_between(
        db, request.text_id, request.index - request.around, request.index + request.around
    )
    own = None
    if sentence is not None and request.text_sha256:
        own = translations.get_translation(
            db, request.text_sha256, sentence.start, sentence.end, request.translation_lang
        )
    return Ahead(
        request=request,
        sentence=sentence,
        tokens=tokens,
        units=units,
        states=states,
        entries=entries,
        before=[r for r in around if r.idx < request.index],
        after=[r for r in around if r.idx > request.index],
        mark=progress.get_mark(db, sentence.id) if sentence is not None else None,
        was_read=reading_log.is_read(db, sentence.id) if sentence is not None else False,
        own_translation=own,
    )
