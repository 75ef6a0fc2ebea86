"""A term's meaning for cards and exports: the learner's own, else the reader's first gloss.

Review cards and flashcard exports carry one meaning per term. It must be the one the learner
settled on: their own gloss (``e``) or the sense they chose in the word's entry (``c``); only
when they did neither is it the first gloss the reader would show, and the reader ranks senses
by the sentence: given the card's sentence (``context``), it is the gloss the reading screen
shows for the term in that sentence ("ties" with China: a relationship, not neckwear).
"""

from __future__ import annotations

from typing import NamedTuple

import sqlite_utils

from reader.learn.glossing import gloss_entry
from reader.lexicon.lookup import LEARNER_SOURCE
from reader.lexicon.senses import SenseContext


class Meaning(NamedTuple):
    text: str
    source: str  # "learner", "wordnet", a dictionary's name, "word parts"
    sense_key: str | None  # WordNet 3.0 sense key, when the meaning is a WordNet sense


def meaning_of(
    db: sqlite_utils.Database,
    lang: str,
    key: str,
    pos: str | None = None,
    context: SenseContext | None = None,
) -> Meaning | None:
    """The learner's gloss or chosen sense of ``key``, else its first gloss; None if it has none.

    Args:
        db: the learner's database, with the lexicon.
        lang: the term's language.
        key: the term's key (a lemma, or lemmas joined by spaces).
        pos: the part of speech the term was met as, when known (narrows the first gloss).
        context: the sentence the term is read in: senses are ranked by it, as the reader does.
    """
    entry = gloss_entry(db, key, pos=pos, lang=lang, context=context)
    if entry.learner_gloss:
        return Meaning(entry.learner_gloss, LEARNER_SOURCE, None)
    if not entry.senses:
        return None
    first = entry.senses[0]
    return Meaning(first.gloss, first.source, first.sense_key)
