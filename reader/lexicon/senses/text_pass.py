"""The one pass over a whole text that :mod:`reader.lexicon.senses.discourse` needs: every
content word ranked on its own sentence, its vote kept. ``analyze --glosses`` runs it inline over
its document, the reader per text in the background (:mod:`reader.learn.text_senses`)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlite_utils

from reader.lexicon.lookup import glosses
from reader.lexicon.senses.context import SenseContext
from reader.lexicon.senses.discourse import RANKED_POS, TextEvidence, vote
from reader.lexicon.senses.model import load_model

Sentence = tuple[Sequence[str], Sequence[str], Sequence[str]]
"""One sentence as the ranker reads it: its lemmas (lowercased), UPOS tags and forms."""


def text_evidence(db: sqlite_utils.Database, sentences: Sequence[Sentence]) -> TextEvidence:
    """Rank every content word of a text on its own sentence, and keep each word's votes.
    One pass over the text; a word's senses are looked up once."""
    model = load_model()
    if model is None:
        return TextEvidence()
    senses_of: dict[tuple[str, str], list[str | None]] = {}
    votes: dict[tuple[str, str], dict[str, float]] = {}
    for lemmas, tags, forms in sentences:
        base = SenseContext(tuple(lemmas), tuple(tags), (), tuple(forms))
        for i, (lemma, pos) in enumerate(zip(lemmas, tags, strict=False)):
            if pos not in RANKED_POS or not lemma:
                continue
            context = base.retarget((i,))
            keys = senses_of.get((lemma, pos))
            if keys is None:
                found = [g for g in glosses(db, lemma, pos) if g.kind == "wordnet"]
                keys = senses_of[lemma, pos] = [g.sense_key for g in found if not g.proper]
            if len(keys) < 2:
                continue
            scored = model.scores(keys, context)
            chosen = vote(scored) if scored is not None else None
            if chosen is not None and keys[chosen[0]]:
                mine = votes.setdefault((lemma, pos), {})
                key = str(keys[chosen[0]])
                mine[key] = mine.get(key, 0.0) + chosen[1]
    return TextEvidence(votes)
