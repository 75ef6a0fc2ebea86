"""What a multi-word verb can take after it, by WordNet's sentence frames.

WordNet gives each verb sense the frames it fits ("Somebody ----s", "Somebody ----s something",
"Somebody ----s to INFINITIVE"). For a phrasal verb that says whether a noun phrase may follow
it: "fall through" (fail) never takes an object, so "fallen through cracks" is "fall" and a
prepositional phrase. The table is derived from WordNet once
(``scripts/make_verb_frames.py``, ``data/verb_frames_en.tsv``, 45 KB) and read on first use.

Beside it, :func:`read_apart` says which phrasal verbs SemCor's annotators read as the verb
alone nearly every time ("looked at my watch" is "look", perceive with attention; WordNet's
"look at" is "take into consideration for exemplifying purposes" first), from
``data/terms_apart_en.tsv`` (``scripts/make_terms_apart.py``).
"""

from __future__ import annotations

import functools
from pathlib import Path

FRAMES_PATH = Path(__file__).resolve().parent / "data" / "verb_frames_en.tsv"
APART_PATH = Path(__file__).resolve().parent / "data" / "terms_apart_en.tsv"
OBJECT_FRAMES = frozenset({5, 8, 9, 10, 11, 14, 15, 16, 17, 18, 19, 20, 21, 24, 25, 30, 31})
"""Frames with a noun phrase right after the verb ("Somebody ----s something", "... somebody
PP"); the rest have none, or a preposition, a clause or an adjective first (frames.vrb)."""
INFINITIVE_FRAMES = frozenset({24, 25, 28, 32, 35})
"""Frames with an infinitive after the verb or its object ("Somebody ----s INFINITIVE")."""


@functools.cache
def _frames() -> dict[str, frozenset[int]]:
    found: dict[str, frozenset[int]] = {}
    for line in FRAMES_PATH.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            verb, _, numbers = line.partition("\t")
            found[verb] = frozenset(int(n) for n in numbers.split())
    return found


def takes_object(verb: str) -> bool | None:
    """Can some sense of the multi-word ``verb`` take a noun phrase right after it? None when
    WordNet has no such verb."""
    frames = _frames().get(verb.lower())
    return None if frames is None else bool(frames & OBJECT_FRAMES)


def takes_infinitive(verb: str) -> bool | None:
    """Can some sense of the multi-word ``verb`` take an infinitive ("get to go")? None when
    WordNet has no such verb."""
    frames = _frames().get(verb.lower())
    return None if frames is None else bool(frames & INFINITIVE_FRAMES)


@functools.cache
def _apart() -> frozenset[str]:
    lines = APART_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.partition("\t")[0] for line in lines if line and not line.startswith("#"))


def read_apart(term: str) -> bool:
    """Did SemCor's annotators read the phrasal verb ``term`` as its verb alone at least 3
    times in 4 where the reader finds it before a possible object (and at least 3 times)?"""
    return term.lower() in _apart()
