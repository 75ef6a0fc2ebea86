"""Gloss text a learner can read: WordNet's typewriter conventions turned into plain prose.

WordNet writes mentioned words in backquotes (``(`sure' is used informally)``), uses ``--`` for
a dash, and some of its definitions end in a stranded "e.g." whose example was split off, or hold
their first example inside the definition (``; e.g. "frozen prices"``). Every place that shows a
gloss (the reading screen, ``sentences gloss``, ``analyze --glosses``, cards and exports) reads it
through :func:`readable`, so the cleaning rules live here once and are tested once.

A definition is *circular* when it explains a word by its own family ("significance: the quality
of being significant"); :func:`circular_word` finds the word it leans on, so the caller can
explain that one too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from reader.lexicon.lookup import LEARNER_SOURCE, Gloss

# `word' and `two words'; an apostrophe inside (`Achilles' heel') stays, as the quote closes at
# the last apostrophe before the next backquote that no letter follows ("isn't" is no quote).
_BACKQUOTED = re.compile(r"`([^`]*[^`\s])'(?![A-Za-z])")
_DASH = re.compile(r"\s*--\s*")
# A definition whose example was split off after "e.g.": "keep in a certain state; e.g."
_STRANDED_EG = re.compile(r"[\s;:,(]*\be\.\s?g\.?[,:]?\)?\s*$", re.IGNORECASE)
# "...undone; e.g. "frozen prices"" with the examples still inside the definition
_QUOTED_EG = re.compile(r'[\s;:,]*\(?\be\.\s?g\.?,?\s*"([^"]+)".*$', re.IGNORECASE | re.DOTALL)
_EG_COMMA = re.compile(r"\be\.\s?g\.,", re.IGNORECASE)
_SPACES = re.compile(r"[ \t]{2,}")
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")
MIN_STEM = 5  # shorter words' definitions rarely lean on their family ("run": "running")
MAX_CIRCULAR_WORDS = 6  # a longer definition says enough besides ("in a close relation or …")


def clean_text(text: str) -> str:
    """Backquoted words in typographic quotes, ``--`` as a dash, single spaces."""
    if "`" in text:
        text = _BACKQUOTED.sub(r"“\1”", text)
    if "--" in text:
        text = _DASH.sub(" — ", text)
    return _SPACES.sub(" ", text).strip()


def clean_sense(definition: str, example: str | None = None) -> tuple[str, str | None]:
    """A definition and its example as a learner should see them.

    A stranded "e.g." at the end of the definition is dropped (its example is already apart);
    an example quoted inside the definition after "e.g." becomes the example.
    """
    lowered = definition.lower()
    if "e.g" in lowered or "e. g" in lowered:
        quoted = _QUOTED_EG.search(definition)
        if quoted and quoted.start() > 0:
            example = quoted.group(1)
            definition = definition[: quoted.start()]
        definition = _STRANDED_EG.sub("", definition)
        definition = _EG_COMMA.sub("e.g.", definition)
        definition = definition.rstrip(" ;:,")
    cleaned_example = clean_text(example).strip(" ;:") if example else None
    return clean_text(definition), cleaned_example or None


@lru_cache(maxsize=65536)
def readable(sense: Gloss) -> Gloss:
    """``sense`` with its definition and example cleaned; the learner's own words stay as typed.

    Cached: the reading screen asks again for every sense of every word on each key."""
    if sense.source == LEARNER_SOURCE:
        return sense
    definition, example = clean_sense(sense.gloss, sense.example)
    if definition == sense.gloss and example == sense.example:
        return sense
    return replace(sense, gloss=definition or sense.gloss, example=example)


@lru_cache(maxsize=1)
def _stemmer() -> object:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Porter's stem ("significance" and "significant" both give "signific")."""
    stemmer = _stemmer()
    return str(stemmer.stem(word.lower()))  # type: ignore[attr-defined]


def describing(definition: str, word: str) -> bool:
    """Is ``word`` used as an adjective in ``definition`` ("being significant", "in a calm
    manner")? Then its adjective sense is the one to explain it by."""
    pattern = (
        rf"\b(?:being|be|become|becoming|made|make|more|most)\s+{re.escape(word)}\b"
        rf"|\b{re.escape(word)}\s+(?:manner|way|fashion)\b"
    )
    return re.search(pattern, definition, re.IGNORECASE) is not None


@lru_cache(maxsize=65536)
def circular_word(headword: str, definition: str) -> str | None:
    """The word of ``definition`` that is of ``headword``'s own family, if the definition is
    short and leans on it ("the quality of being significant" for "significance"), else None."""
    if not headword.isalpha() or len(headword) < MIN_STEM:
        return None  # a phrase or compound ("present-day") is explained by its words
    words = _WORD.findall(definition)
    if len(words) > MAX_CIRCULAR_WORDS:
        return None
    own = {stem(headword)}
    if headword.endswith("ly"):  # Porter keeps "calmli" apart from "calm"
        own |= {stem(headword[:-2]), stem(headword[:-3] + "y")}
    for word in words:
        lower = str(word).lower()
        if lower == headword or len(lower) < 3:
            continue
        if stem(lower) in own:
            return lower
    return None


SEE_ALSO_WIDTH = 40
"""Characters of cross-references the word's entry shows: one line of the panel at 120 columns
(FreeDict lists dozens)."""


def see_also_line(see_also: str, width: int = SEE_ALSO_WIDTH) -> str:
    """A ", "-separated cross-reference list cut to one line, saying how many more there are
    (``sentences gloss WORD --json`` keeps them all): "taking place, happening … +14"."""
    items = [item for item in see_also.split(", ") if item]
    shown: list[str] = []
    used = 0
    for item in items:
        cost = len(item) + (2 if shown else 0)
        if shown and used + cost > width:
            break
        shown.append(item)
        used += cost
    rest = len(items) - len(shown)
    return ", ".join(shown) + (f" … +{rest}" if rest else "")
