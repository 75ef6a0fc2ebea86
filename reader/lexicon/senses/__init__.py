"""Which sense of a word the reader shows first: WordNet's senses ranked by the sentence.

:func:`rank_senses` is the one entry point. It reorders the WordNet senses of a lookup (every
other source's glosses stay where they are), after leaving out those that cannot fit (see
:mod:`reader.lexicon.senses.fit`). The order comes from the trained model in
:mod:`reader.lexicon.senses.model` when there is a sentence, else from WordNet's own sense
frequencies.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

import sqlite_utils

from reader.lexicon.lookup import Gloss
from reader.lexicon.senses.context import SenseContext
from reader.lexicon.senses.fit import NAME_POS, domain_fits, drop_proper
from reader.lexicon.senses.rivals import best_of
from reader.lexicon.senses.rivals import rivals as pos_rivals

WORDNET_KIND = "wordnet"

__all__ = ["SenseContext", "rank_senses", "top_gap"]


def rank_senses(
    db: sqlite_utils.Database,
    senses: list[Gloss],
    context: SenseContext | None,
    pos: str | None,
) -> list[Gloss]:
    """``senses`` with the WordNet ones reordered (and some left out) for ``context``.

    ``pos`` is the glossed word's tag when there is no context (the command line's ``--pos``).
    With no context the frequency order stays, minus the senses that cannot fit: proper-name
    senses go (see :func:`~reader.lexicon.senses.fit.drop_proper`), and domain senses move after
    the others (the word's entry still lists them, so the learner can pick one).
    """
    wordnet = [g for g in senses if g.kind == WORDNET_KIND]
    if not wordnet:
        return list(senses)
    candidates = drop_proper(_common_names_of(wordnet, context, pos), context, pos)
    ordered, own = _by_fit(candidates, context)
    close = list(ordered[:2]) if own is not None and own[0] - own[1] < MARGIN else None
    if context is not None and own is not None:
        ordered = _rival_first(db, ordered, own, context) + ordered
    ordered = _term_meant_first(ordered, context)
    fits = [domain_fits(db, g, context) for g in ordered]
    ranked = [g for g, ok in zip(ordered, fits, strict=True) if ok]
    ranked += [g for g, ok in zip(ordered, fits, strict=True) if not ok]
    if close is not None and ranked[:2] == close:
        ranked[1] = replace(ranked[1], close=True)
    return _restatements_keyed(_put_back(senses, ranked))


MARGIN = 0.5
"""The top two senses closer than this (the model's log units) are both shown, short: on
SemEval-2007 that is 54 of 430 ranked words with the model trained on WordNet's examples and
IMS, and where the first is wrong the second is right in 19 of 37 (``bench/senses.py
--margins``; 1.0 would show two for 104 words, the second right in 37 of 70). The old model
showed two for 71 words at 0.5: the new one's scores spread wider, and 0.5 was kept rather than
tuned again on SemEval."""


def top_gap(ordered: Sequence[Gloss], context: SenseContext | None) -> float | None:
    """How far the second sense scored behind the first; None when the model scored neither."""
    if context is None or len(ordered) < 2:
        return None
    from reader.lexicon.senses.model import scores  # lazy: numpy (~0.1 s)

    found = scores(ordered[:2], context)
    return None if found is None else found[0] - found[1]


def _common_names_of(
    senses: list[Gloss], context: SenseContext | None, pos: str | None
) -> list[Gloss]:
    """For a word tagged as a name that WordNet lists as a capitalized common word ("Sunday",
    "Korean"), those senses only: not the instances its spelling may also name."""
    tag = context.target_pos if context is not None else pos
    if tag != NAME_POS:
        return senses
    from reader.lexicon.senses.model import common_names  # lazy: numpy (~0.1 s)

    keys = set(common_names().get(senses[0].headword.lower(), ()))
    return [g for g in senses if g.sense_key in keys] or senses


def _by_fit(
    senses: Sequence[Gloss], context: SenseContext | None
) -> tuple[list[Gloss], list[float] | None]:
    """The senses best first, and their scores in that order (None: no model scores); stable,
    so ties keep WordNet's frequency order."""
    if context is None or len(senses) < 2:
        return list(senses), None
    from reader.lexicon.senses.model import scores  # lazy: numpy (~0.1 s)

    found = scores(senses, context)
    if found is None:
        return list(senses), None
    order = sorted(range(len(senses)), key=lambda i: -found[i])
    return [senses[i] for i in order], [found[i] for i in order]


def _rival_first(
    db: sqlite_utils.Database, ordered: list[Gloss], own: list[float], context: SenseContext
) -> list[Gloss]:
    """The senses of another part of speech the tagger nearly chose, ranked, when its best
    beats the word's own best (:mod:`reader.lexicon.senses.rivals`); else none."""
    found = pos_rivals(db, context, context.target_pos)
    if not found:
        return []
    ranked = [_by_fit(drop_proper(senses, context, None), context) for _, senses in found]
    winner = best_of(own, [(p, s or []) for (p, _), (_, s) in zip(found, ranked, strict=True)])
    return [] if winner is None else ranked[winner][0]


TERM_WORDS = 4
"""The longest WordNet term looked for around a word whose sense it tells."""


def _term_meant_first(senses: list[Gloss], context: SenseContext | None) -> list[Gloss]:
    """The senses the glossed word has in a WordNet term around it that only its words explain
    (:func:`~reader.lexicon.senses.model.composed_terms`) first, as the term orders them.

    The reader glosses "business executive" word by word; the term still says which sense
    "executive" has there (the business one), and "belong to" which "belong" has.
    """
    if context is None or len(context.target) != 1 or len(senses) < 2:
        return senses
    from reader.lexicon.senses.model import composed_terms  # lazy: numpy (~0.1 s)

    terms = composed_terms()
    i, lemmas = context.target[0], context.lemmas
    keys = {g.sense_key for g in senses}
    for size in range(TERM_WORDS, 1, -1):
        for start in range(max(0, i - size + 1), min(i, len(lemmas) - size) + 1):
            meant = [k for k in terms.get(" ".join(lemmas[start : start + size]), ()) if k in keys]
            if meant:
                rank = {k: n for n, k in enumerate(meant)}
                return sorted(senses, key=lambda g: rank.get(g.sense_key or "", len(rank)))
    return senses


def _restatements_keyed(senses: list[Gloss]) -> list[Gloss]:
    """Another source's gloss of a term that only restates one of WordNet's senses of it
    carries that sense's key: the idiom list's "take place: happen" is WordNet's "come to pass"
    (happen, occur...), so the sense the learner sees first is known, and a translation or a
    choice can follow it. Every content word of the gloss must be among the sense's synonyms
    and definition words, for one sense only; the gloss's text and place stay as they are."""
    from reader.lexicon.senses.features import content_word  # lazy: the stopword list

    wordnet = [g for g in senses if g.kind == WORDNET_KIND and g.sense_key]
    if not wordnet:
        return senses
    said = {g.sense_key: _words(g.gloss) | _words(g.synonyms or "") for g in wordnet}
    out: list[Gloss] = []
    for gloss in senses:
        words = {w for w in _words(gloss.gloss) if content_word(w)}
        if gloss.kind != WORDNET_KIND and gloss.sense_key is None and words:
            meant = [key for key, have in said.items() if words <= have]
            if len(meant) == 1:
                gloss = replace(gloss, sense_key=meant[0])
        out.append(gloss)
    return out


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z][a-z'-]*", text.lower()))


def _put_back(senses: Sequence[Gloss], ranked: Sequence[Gloss]) -> list[Gloss]:
    """The ranked WordNet senses in the slots WordNet's senses had; other sources untouched."""
    queue = iter(ranked)
    out: list[Gloss] = []
    last = max(i for i, g in enumerate(senses) if g.kind == WORDNET_KIND)
    for i, gloss in enumerate(senses):
        if gloss.kind != WORDNET_KIND:
            out.append(gloss)
        elif (nxt := next(queue, None)) is not None:
            out.append(nxt)
        if i == last:
            out += list(queue)  # another part of speech's senses, after the word's own
    return out
