"""A word's other parts of speech, when the tagger nearly chose one of them.

The tagger says "referred to research" is a verb, with the noun just behind; every verb sense of
"research" is then wrong, however well the ranker orders them. So when another of NOUN, VERB
and ADJ scored close to the tag given, that part of speech's senses compete too: each side's
best sense by the model's score, the rival's lowered by how far the tagger put it behind.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

import sqlite_utils

from reader.lexicon.lookup import Gloss, glosses
from reader.lexicon.senses.context import SenseContext

WORDNET_KIND = "wordnet"
RIVAL_POS = ("NOUN", "VERB", "ADJ")
"""Parts of speech whose senses may compete: the tagger confuses these with each other."""
SCALE = 1000.0
"""Tagger score units per unit of the sense model's score (its priors are natural logs)."""
PENALTY = 0.3
"""How much a rival part of speech's senses lose per ``SCALE`` the tagger put it behind (chosen
on SemEval-2007 as shown: 0.1 to 1.0 tried, 0.3 best, +0.4 points; see ``bench/senses.py``)."""
REACH = 12_000.0
"""Rivals further behind than this (in tagger units) are not looked up at all."""
ENABLED = True
"""Off only to measure what the rule gains (``bench/senses.py --without pos-rivals``)."""
INFINITIVE_VERB = True
"""Off only to measure what the rule gains (``bench/senses.py --without infinitive-verb``)."""
BARE_INFINITIVE = True
"""Off only to measure what the rule gains (``bench/senses.py --without bare-infinitive``)."""
PERCEIVING = frozenset(
    ("see", "watch", "hear", "feel", "notice", "observe", "make", "let", "help", "bid", "have")
)
"""Verbs of perceiving and causing, which take an object and a bare infinitive: "saw him stir",
"made him sweat", "let it go"."""
OBJECT_PRONOUNS = frozenset(
    [
        "him",
        "them",
        "us",
        "me",
        "it",
        "anything",
        "something",
        "nothing",
        "everything",
        "anyone",
        "someone",
        "everyone",
        "nobody",
        "anybody",
        "somebody",
        "everybody",
    ]
)
"""Pronouns that cannot be a determiner, so a noun right after one is not its head ("her" can)."""


Margins = Callable[[Sequence[str]], list[dict[str, float]]]
Lemma = Callable[[str, str], str]
_tagger: tuple[Margins, Lemma] | None = None


def use_tagger(margins: Margins, lemma: Lemma) -> None:
    """Give the ranker the tagger's scores and lemmas (``reader.text.tagger.tag_margins`` and
    ``lemma_of``). The lexicon may not import the text layer, so the layer above that uses
    both (``reader.learn.glossing``) hands them down; without them no rival competes."""
    global _tagger
    _tagger = (margins, lemma)
    _margins.cache_clear()
    _lemma.cache_clear()


@functools.lru_cache(maxsize=256)
def _margins(forms: tuple[str, ...]) -> tuple[dict[str, float], ...]:
    return tuple(_tagger[0](list(forms))) if _tagger else ()


@functools.lru_cache(maxsize=4096)
def _lemma(form: str, pos: str) -> str:
    return _tagger[1](form, pos).lower() if _tagger else form.lower()


def rivals(
    db: sqlite_utils.Database, context: SenseContext, tag: str | None
) -> list[tuple[float, list[Gloss]]]:
    """The WordNet senses of the glossed word's close rival parts of speech, each with how far
    behind the tagger put it (in the sense model's units, so ≤ 0)."""
    if not ENABLED or _tagger is None or tag not in RIVAL_POS or len(context.target) != 1:
        return []
    i = context.target[0]
    if len(context.forms) != len(context.lemmas) or not context.forms[i]:
        return []
    margins = dict(_margins(tuple(context.forms))[i])
    if tag == "NOUN" and (_after_infinitive_to(context, i) or _bare_infinitive(context, i)):
        margins["VERB"] = 0.0
    found: list[tuple[float, list[Gloss]]] = []
    for other in RIVAL_POS:
        behind = margins.get(other, -REACH)
        if other == tag or behind <= -REACH:
            continue
        lemma = _lemma(context.forms[i], other)
        senses = [g for g in glosses(db, lemma, other) if g.kind == WORDNET_KIND and g.pos == other]
        if senses:
            found.append((PENALTY * behind / SCALE, senses))
    return found


def _after_infinitive_to(context: SenseContext, i: int) -> bool:
    """A singular noun tag right after a verb's "to" that the tagger itself read as the
    infinitive's ("might want to end ..."): the tagger contradicts itself, and the verb's senses
    compete at par. On SemCor such words are verbs 14 times in 18."""
    if not INFINITIVE_VERB or i < 2 or context.lemmas[i - 1] != "to":
        return False
    if context.pos[i - 1] != "PART" or context.pos[i - 2] not in ("VERB", "AUX"):
        return False
    following = context.pos[i + 1] if i + 1 < len(context.pos) else None
    return following not in ("NOUN", "PROPN") and not context.forms[i].lower().endswith("s")


def _bare_infinitive(context: SenseContext, i: int) -> bool:
    """A noun tag right after a verb of perceiving or causing and its object pronoun ("no wish
    to see anything change"): the pronoun cannot start a noun phrase of its own, and such verbs
    take a bare infinitive there, so the verb's senses compete at par. On SemCor, words the
    tagger reads so are verbs 8 times in 11 ("made him sweat", "watched them sprout"; nouns in
    "making them partners", "let them cops")."""
    if not BARE_INFINITIVE or i < 2 or context.forms[i - 1].lower() not in OBJECT_PRONOUNS:
        return False
    return context.pos[i - 2] in ("VERB", "AUX") and context.lemmas[i - 2] in PERCEIVING


def best_of(
    own: Sequence[float], rival_scores: Sequence[tuple[float, Sequence[float]]]
) -> int | None:
    """Which rival (its index) beats the word's own best sense, if any: the one whose best
    sense, less its tagger penalty, scores highest above it."""
    top = max(own) if own else float("-inf")
    winner: int | None = None
    for n, (penalty, scores) in enumerate(rival_scores):
        if scores and max(scores) + penalty > top:
            top, winner = max(scores) + penalty, n
    return winner
