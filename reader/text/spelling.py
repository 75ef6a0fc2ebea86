"""The word a writer most likely meant, when what they typed is no word at all.

Web text, which learners read too (reviews, comments, forums), is full of "diffrent",
"reciept" and "hlep".  Left alone, such a token gets no gloss, or a made-up lemma
from lemminflect's suffix rules ("visted" -> "vist").  One edit away there is
usually a common word of the same class, and that is what a learner needs to see.

A correction is only made when the evidence is lopsided, because a wrong one is
worse than none: the typed form must be unknown to lemminflect's dictionary and
rare in wordfreq's list (which records common misspellings as "words", so it
cannot be absent), while the correction must be a common word of the tagged class
and far more frequent.  The first letter is never edited: writers rarely get it
wrong, and allowing it turns real rare words into common ones ("loach" -> "coach").

Whether a rare form is a real word is decided by symspellpy's English dictionary
(SCOWL words seen in Google Books), which knows the "repine", "mien" and
"schemer" of older books that lemminflect and wordfreq cannot tell from typos.
Its SymSpell index is not used: building it costs 0.6 s, and for one edit with
our constraints (same first letter, same word class) a direct search is as good.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from string import ascii_lowercase

from reader.text.tag_features import (
    frequency_table,
    general_frequency,
    in_lexicon,
    lexicon_classes,
)

MIN_LENGTH = 4
RARE_FORM = 3e-7  # wordfreq frequency (Zipf 2.5) above which a form is a real word
COMMON_FIX = 1e-6  # Zipf 3: the correction must be an everyday word
MIN_RATIO = 100  # ... and this many times more frequent than the typed form


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """symspellpy's word list: "word count" lines, all lowercase."""
    path = resources.files("symspellpy") / "frequency_dictionary_en_82_765.txt"
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.split(" ", 1)[0] for line in lines)


def _one_edit(word: str) -> set[str]:
    """Deletions, transpositions, substitutions and insertions after the first letter."""
    splits = [(word[:i], word[i:]) for i in range(1, len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out.update(a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1)
    out.update(a + c + b[1:] for a, b in splits if b for c in ascii_lowercase)
    out.update(a + c + b for a, b in splits for c in ascii_lowercase)
    out.discard(word)
    return out


_SUFFIXES = (
    ("s", ""),
    ("es", ""),
    ("ed", ""),
    ("ed", "e"),
    ("ing", ""),
    ("ing", "e"),
    ("er", ""),
    ("er", "e"),
    ("ers", ""),
    ("ers", "e"),
    ("est", ""),
    ("ly", ""),
    ("ness", ""),
    ("ies", "y"),
    ("y", ""),
)
_PREFIXES = ("un", "re", "dis", "mis", "non", "over", "under", "out")
MIN_PART = 4  # shorter "words" in the list are mostly abbreviations
FOREIGN = 1e-6  # wordfreq frequency in French or German that marks a quotation ("votre")
FOREIGN_LANGS = ("fr", "de")


def real_word(lower: str) -> bool:
    """Listed as it is, as a regular derivation ("coiners", "untilled"), or as two words."""
    words = _dictionary()
    if lower in words or in_lexicon(lower):
        return True
    for suffix, restore in _SUFFIXES:
        base = lower[: -len(suffix)] + restore
        if lower.endswith(suffix) and len(base) >= MIN_PART - 1 and base in words:
            return True
    for prefix in _PREFIXES:
        rest = lower[len(prefix) :]
        if lower.startswith(prefix) and len(rest) >= MIN_PART and real_word(rest):
            return True
    # compound parts must be content words lemminflect knows: the big list's
    # abbreviations would make "diffrent" into "diff" + "rent"
    splits = range(MIN_PART, len(lower) - MIN_PART + 1)
    return any(in_lexicon(lower[:i]) and in_lexicon(lower[i:]) for i in splits)


@lru_cache(maxsize=1)
def _foreign_words() -> frozenset[str]:
    """Shipped by scripts/make_foreign_words.py: wordfreq's own lists cost 100 MB."""
    path = resources.files("reader.text") / "models" / "foreign_words.txt"
    with path.open(encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if not line.startswith("#"))


def load_word_lists() -> None:
    """Read both lists now, at model load, rather than at the first typo mid-text."""
    _dictionary()
    _foreign_words()


@lru_cache(maxsize=8192)
def intended_word(lower: str, upos: str) -> str | None:
    """The common word of class ``upos`` one edit from ``lower``, if it is clearly meant."""
    if len(lower) < MIN_LENGTH or not lower.isalpha() or not lower.isascii():
        return None
    freq = general_frequency(lower)
    if freq >= RARE_FORM or real_word(lower):
        return None
    best, best_freq = None, 0.0
    frequency = frequency_table().get
    for cand in _one_edit(lower):
        cand_freq = frequency(cand, 0.0)
        if cand_freq > best_freq and upos in lexicon_classes(cand).split("|"):
            best, best_freq = cand, cand_freq
    if best is None or best_freq < max(COMMON_FIX, MIN_RATIO * freq) or lower in _foreign_words():
        return None
    return best
