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

import sqlite_utils

from reader.learn import progress, reading_log, translations
from reader.learn.choice import Choice
from reader.learn.glossing import GlossEntry
from reader.learn.phrases import PhraseIndex
from reader.learn.status import TermState, get_terms
from reader.learn.text_senses import evidence_for
from reader.learn.texts import SentenceRow, TokenRow, sentence_at, sentences_between, tokens_of
from reader.learn.units import Unit, gloss_wanted, listed_row, unit_entry, units_of


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
    sentence = sentence_at(db, request.text_id, request.index)
    tokens = tokens_of(db, sentence.id) if sentence is not None else []
    units = units_of(tokens, request.phrases)
    keys = [t.term_key for t in tokens if t.term_key] + [u.key for u in units]
    states = get_terms(db, keys, request.lang)
    entries: dict[Unit, GlossEntry] = {}

    def entry(unit: Unit) -> GlossEntry:
        found = entries[unit] = unit_entry(
            db, tokens, unit, request.lang, request.native_lang, request.choices,
            evidence_for(db, request.text_id),
        )  # fmt: skip
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


@dataclass
class AheadSlot:
    """The session's side of reading ahead: what it asked for, what came, and what the last
    move took. Each is tied to the session's *generation*, a count of the changes that make
    entries stale (:attr:`reader.learn.focus.Focus.generation`): a read-ahead of an older
    generation is of no use."""

    ahead: Ahead | None = None
    asked: AheadRequest | None = None
    taken: Ahead | None = None
    taken_generation: int = 0

    def already(self, index: int, around: int, generation: int) -> bool:
        """Whether sentence ``index`` is read ahead, or asked for, as things stand."""
        for known in (self.ahead.request if self.ahead else None, self.asked):
            if (
                known is not None
                and known.index == index
                and known.generation == generation
                and known.around == around
            ):
                return True
        return False

    def pop(self) -> Ahead | None:
        ahead, self.ahead = self.ahead, None
        return ahead

    def took(self, ahead: Ahead, generation: int) -> None:
        self.taken, self.taken_generation = ahead, generation

    def drawn_from(self, ahead: Ahead, generation: int, mine: Mapping[str, TermState]) -> bool:
        """Whether the last move took ``ahead`` and none of its terms was marked since it was
        asked for (marks elsewhere, such as the last sentence's "all known", do not count)."""
        if self.taken is not ahead or generation != self.taken_generation:
            return False
        then = ahead.request.mine
        return all(mine.get(key) == then.get(key) for key in ahead.states)


def fits(ahead: Ahead, index: int, generation: int, text_id: int) -> bool:
    """Whether ``ahead`` is sentence ``index`` of the text as the session stands now."""
    request = ahead.request
    return (
        request.index == index and request.generation == generation and request.text_id == text_id
    )
