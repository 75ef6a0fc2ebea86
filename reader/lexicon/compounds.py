"""A translation for a phrasal verb the dictionary lacks, made the way German makes it.

FreeDict's English-German has "come", "together" and "zusammenkommen" (in its German-English
reverse), but no "come together": a German reader of "leaders from the three sides came
together" saw no German at all for the phrase. German, like Dutch, writes an English
verb + particle as one word, the particle's translation glued before the verb's (zusammen +
kommen, zurück + kommen, auf + geben). The rule, stated once and tested on its own sentence:

    A two-word verb that a built-in source lists (WordNet, the shipped idioms) and the
    dictionary does not, whose second word the dictionary translates as an adverb or
    preposition, is translated by every joining of one of that word's one-word adverb or
    preposition translations with one of the verb's one-word verb translations that the
    reverse dictionary lists as a headword of its own ("zusammenkommen"), and whose English
    translations there share a word with one of the phrase's WordNet senses (its synonyms or
    its definition: "zusammenkommen" -> "get together" for "come together, as if in an
    embrace"; "überdauern" -> "outlast" says nothing of "take over", and is left out).

The reverse's word list is what keeps this honest: a joining that is not a word of the
language is never shown, so French, which makes no such compounds, gets none. The new groups are
aligned with WordNet like any other (their back-translations: meet, assemble, get together).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from reader.lexicon.align import (
    _STOP,
    _WORD,
    MIN_DEFINITION_WORD,
    OWN_STEM,
    Aligner,
    Sense,
    _singular,
    translations_of,
)
from reader.lexicon.base import Row

PARTICLE_POS = ("ADV", "ADP")
MAX_JOINED = 3
"""Joinings kept per phrase, in the dictionary's order: the first ones are its commonest."""


def built_in_verbs(db: sqlite_utils.Database) -> list[str]:
    """The two-word verbs of the built-in sources (WordNet, the idioms), sorted."""
    return [
        r[0]
        for r in db.conn.execute(
            "SELECT DISTINCT e.headword FROM lex_entries e JOIN lex_sources s "
            "ON s.id = e.source_id WHERE s.kind IN ('wordnet', 'idioms') AND e.pos = 'VERB' "
            "AND e.headword LIKE '% %' AND e.headword NOT LIKE '% % %' ORDER BY e.headword"
        )
    ]


def compound_rows(rows: Sequence[Row], verbs: Sequence[str], aligner: Aligner) -> list[Row]:
    """One group for each of ``verbs`` that ``rows`` (one dictionary's) lacks and the rule
    translates, through the reverse dictionary and WordNet senses of ``aligner``."""
    have = {row[0] for row in rows}
    wanted = [phrase for phrase in verbs if phrase not in have]
    parts = {word for phrase in wanted for word in phrase.split()}
    verb_words: dict[str, list[str]] = {}
    particle_words: dict[str, list[str]] = {}
    for row in rows:
        if row[0] not in parts:
            continue
        if row.pos == "VERB":
            found = verb_words.setdefault(row[0], [])
        elif row.pos in PARTICLE_POS:
            found = particle_words.setdefault(row[0], [])
        else:
            continue
        found += [w for w in translations_of(row.gloss) if " " not in w and w not in found]
    out: list[Row] = []
    for phrase in wanted:
        verb, particle = phrase.split()
        senses = aligner.senses.get(phrase, [])
        joined = [
            front + back
            for front in particle_words.get(particle, ())
            for back in verb_words.get(verb, ())
            if _fits(aligner.reverse.get(front + back), senses, verb[:OWN_STEM])
        ]
        # "zusammenkommend" is "zusammenkommen" inflected: the shorter says it
        joined = [
            w for w in dict.fromkeys(joined) if not any(w != o and w.startswith(o) for o in joined)
        ]
        if joined:
            gloss = ", ".join(joined[:MAX_JOINED])
            out.append(Row(phrase, "VERB", 1, gloss, None, None))
    return out


def _fits(english: frozenset[str] | None, senses: Sequence[Sense], own: str) -> bool:
    """Whether a joining's English translations share a word with one of the senses."""
    if not english:
        return False
    words = {
        _singular(w)
        for e in english
        for w in _WORD.findall(e)
        if len(w) >= MIN_DEFINITION_WORD and w not in _STOP and not w.startswith(own)
    }
    return any(english & sense.lemmas or words & sense.words() for sense in senses)
