"""Where the cursor stops in a sentence, and which of those stops the glosses panel lists.

The reading session, the read-ahead worker and ``analyze --glosses`` all cut sentences and choose
their glossed words the same way; this module is that way, with no state, so each of them imports
it and none imports another.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sqlite_utils

from reader.learn.choice import Choice
from reader.learn.glossing import NAME_POS, UNGLOSSED_POS, GlossEntry, gloss_entry
from reader.learn.phrases import PhraseIndex
from reader.learn.status import NEW, TermState, needs_gloss
from reader.learn.texts import TokenRow
from reader.lexicon.frequency import rank_threshold
from reader.lexicon.senses import SenseContext
from reader.lexicon.senses.discourse import TextEvidence
from reader.lexicon.senses.model import common_names

OPEN_CLASS_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "INTJ"})


@dataclass(frozen=True, slots=True)
class Unit:
    """What the cursor stops on: one word, or a multi-word term."""

    key: str
    token_idxs: tuple[int, ...]
    pos: str
    is_phrase: bool
    surface: str


@dataclass(frozen=True)
class GlossRow:
    """One line of the glosses panel."""

    unit: Unit
    entry: GlossEntry
    pending: bool = False
    """The entry is not looked up yet (a worker is on it): ``entry`` has only the status."""

    @property
    def token_idx(self) -> int:
        return self.unit.token_idxs[0]


def units_of(tokens: Sequence[TokenRow], phrases: PhraseIndex | None) -> list[Unit]:
    """Where the cursor stops in a sentence: the multi-word terms ``phrases`` finds, and the
    words outside them. The reading screen and ``analyze --glosses`` both cut sentences so."""
    matches = phrases.match(tokens) if phrases is not None else []
    starts = {m.token_idxs[0]: m for m in matches}
    covered = {i for m in matches for i in m.token_idxs}
    units: list[Unit] = []
    for i, token in enumerate(tokens):
        match = starts.get(i)
        if match is not None:
            head = tokens[match.token_idxs[0]]
            surface = " ".join(tokens[j].text for j in match.token_idxs)
            units.append(Unit(match.key, match.token_idxs, head.pos, True, surface))
        elif i not in covered and token.is_word and token.term_key:
            units.append(Unit(token.term_key, (i,), token.pos, False, token.text))
    return units


def gloss_wanted(
    tokens: Sequence[TokenRow], unit: Unit, state: TermState, rarer_than: int = 0
) -> bool:
    """New and learning terms, leaving out names, numbers and punctuation; and, if the learner
    set a frequency threshold (``rarer_than``), only words rarer than it."""
    if not glossable(tokens, unit) or not needs_gloss(state.status):
        return False
    return not (
        rarer_than
        and state.status == NEW
        and not unit.is_phrase
        and rank_threshold(unit.key, rarer_than)
    )


def listed_row(unit: Unit, entry: GlossEntry) -> bool:
    """Whether a unit that wants a gloss gets a row: a closed-class word ("the", "of") only
    when some source has a sense for it."""
    return unit.is_phrase or unit.pos in OPEN_CLASS_POS or bool(entry.senses)


def glossable(tokens: Sequence[TokenRow], unit: Unit) -> bool:
    """Names, numbers and punctuation are never glossed as common words, whatever the status;
    but a word WordNet lists as a capitalized common word ("Sunday", "English", "Korean") is
    glossed as one, however it was tagged."""
    if all(tokens[i].pos in NAME_POS for i in unit.token_idxs):
        return not unit.is_phrase and unit.key in common_names()
    return unit.is_phrase or unit.pos not in UNGLOSSED_POS


def unit_entry(
    db: sqlite_utils.Database,
    tokens: Sequence[TokenRow],
    unit: Unit,
    lang: str = "en",
    native_lang: str | None = None,
    pending: Mapping[str, Choice | None] | None = None,
    evidence: TextEvidence | None = None,
) -> GlossEntry:
    """The word's entry for ``unit`` read in the sentence ``tokens``: its senses ranked by that
    sentence, and by the whole text when its ``evidence`` is known; a phrase is looked up
    whole, with no part of speech."""
    return gloss_entry(
        db,
        unit.key,
        pos=unit.pos if not unit.is_phrase else None,
        lang=lang,
        context=SenseContext.of_tokens(tokens, unit.token_idxs, evidence),
        native_lang=native_lang,
        pending=pending,
    )
