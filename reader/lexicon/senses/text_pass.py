"""The one pass over a whole text that :mod:`reader.lexicon.senses.discourse` and
:mod:`reader.lexicon.senses.chains` need: every content word ranked on its own sentence, its
vote kept; and the text's words summed where WordNet's links reach them. ``analyze --glosses``
runs it inline over its document, the reader per text in the background
(:mod:`reader.learn.text_senses`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import sqlite_utils

from reader.lexicon.lookup import glosses
from reader.lexicon.senses.chains import WINDOWS_KEPT, ChainWindows, load_chains, windows
from reader.lexicon.senses.context import SenseContext
from reader.lexicon.senses.discourse import RANKED_POS, SAMPLE, TextEvidence, vote
from reader.lexicon.senses.model import load_model

Sentence = tuple[Sequence[str], Sequence[str], Sequence[str]]
"""One sentence as the ranker reads it: its lemmas (lowercased), UPOS tags and forms."""


def text_evidence(
    db: sqlite_utils.Database,
    sentences: Sequence[Sentence],
    pause: Callable[[], None] | None = None,
) -> TextEvidence:
    """Rank the content words of a text on their own sentences, and keep each word's votes.
    One pass over the text; a word's senses are looked up once; a word met once has no other
    occurrence to pull and is skipped, and of a frequent word at most ``SAMPLE`` occurrences,
    spread out, are ranked. ``pause`` is called after each sentence (a worker's way of letting
    the screen's thread run)."""
    model = load_model()
    if model is None:
        return TextEvidence()
    counts = Counter(
        (lemma, pos)
        for lemmas, tags, _ in sentences
        for lemma, pos in zip(lemmas, tags, strict=False)
        if pos in RANKED_POS and lemma
    )
    seen: Counter[tuple[str, str]] = Counter()
    senses_of: dict[tuple[str, str], list[str | None]] = {}
    votes: dict[tuple[str, str], dict[str, float]] = {}
    for lemmas, tags, forms in sentences:
        base = SenseContext(tuple(lemmas), tuple(tags), (), tuple(forms))
        for i, (lemma, pos) in enumerate(zip(lemmas, tags, strict=False)):
            if pos not in RANKED_POS or not lemma or counts[lemma, pos] < 2:
                continue
            seen[lemma, pos] += 1
            if (seen[lemma, pos] - 1) % -(-counts[lemma, pos] // SAMPLE):
                continue  # every k-th occurrence of a word met more than SAMPLE times
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
        if pause is not None:
            pause()
    return TextEvidence(votes, chained(sentences))


def chained(sentences: Sequence[Sentence]) -> ChainWindows | None:
    """The text's words in blocks for the lexical chains; None without the shipped links."""
    table = load_chains()
    if table is None:
        return None
    found = windows(sentences, table)
    if len(found.blocks) <= WINDOWS_KEPT:  # an article: every window now, none on a lookup
        for block in range(len(found.blocks)):
            found.window(block)
    return found
