"""What the sense model sees of a sentence: its content words, and the words right beside the
glossed one. Training (``scripts/train_senses.py``) and the reader share this code, so the model
meets at run time exactly the features it was trained on."""

from __future__ import annotations

import re
from collections.abc import Sequence

WINDOW = 2
"""Collocations: the lemmas up to this many words left and right of the glossed word."""

_WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$")
STOPWORDS = frozenset(
    {
        "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any",
        "are", "as", "at", "be", "been", "before", "being", "below", "between", "both", "but", "by",
        "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
        "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
        "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
        "just", "me", "might", "more", "most", "must", "my", "myself", "no", "nor", "not", "now",
        "of", "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over",
        "own", "same", "shall", "she", "should", "so", "some", "such", "than", "that", "the",
        "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
        "through", "to", "too", "under", "until", "up", "upon", "very", "was", "we", "were", "what",
        "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
        "your", "yours", "yourself", "yourselves", "'s", "n't", "one", "two", "say", "make", "go",
        "get",
    }
)  # fmt: skip


def content_word(lemma: str) -> bool:
    """A lemma that counts as a content word: no stopword, number or punctuation."""
    return lemma not in STOPWORDS and bool(_WORD.match(lemma))


def bag(lemmas: Sequence[str], target: Sequence[int]) -> list[str]:
    """The sentence's content lemmas other than the glossed word's, each once, in order."""
    skip = set(target)
    seen: dict[str, None] = {}
    for i, lemma in enumerate(lemmas):
        if i not in skip and lemma not in STOPWORDS and _WORD.match(lemma):
            seen.setdefault(lemma, None)
    return list(seen)


def collocations(lemmas: Sequence[str], target: Sequence[int]) -> list[str]:
    """The words beside the glossed word, by position: ``L1=the``, ``R1=of``, ``L2=at``...,
    and the pairs around it (``L1R1=a|of``, ``L2L1=at|the``, ``R1R2=of|the``).

    Function words and punctuation count here: "a key player" and "the key to" differ by them.
    """
    if not target:
        return []
    first, last = min(target), max(target)
    left = [lemmas[first - s] if first - s >= 0 else "<s>" for s in range(1, WINDOW + 1)]
    right = [lemmas[last + s] if last + s < len(lemmas) else "</s>" for s in range(1, WINDOW + 1)]
    found: list[str] = []
    for step in range(WINDOW):
        found += [f"L{step + 1}={left[step]}", f"R{step + 1}={right[step]}"]
    found += [
        f"L1R1={left[0]}|{right[0]}",
        f"L2L1={left[1]}|{left[0]}",
        f"R1R2={right[0]}|{right[1]}",
    ]
    return found


def features(lemmas: Sequence[str], target: Sequence[int], forms: Sequence[str] = ()) -> list[str]:
    """Every feature of the glossed word's context; ``lemmas`` lowercased, one per token.

    With the words as written, the glossed word's own form is one too: "ties" (plural) is
    rarely neckwear, "hopes" rarely a single wish.
    """
    found = bag(lemmas, target) + collocations(lemmas, target)
    if forms and target and max(target) < len(forms):
        found.append("W=" + " ".join(forms[i] for i in sorted(target)).lower())
    return found


POS_WINDOW = 3
"""IMS's part-of-speech features: the tags of the words up to this far left and right."""
COLLOCATIONS = ((-1, -1), (1, 1), (-2, -2), (2, 2), (-2, -1), (-1, 1), (1, 2), (-3, -1), (-2, 1),
                (-1, 2), (1, 3))  # fmt: skip
"""IMS's 11 local collocations: the words from offset i to j around the glossed word (which
itself is left out), as one string: C-1,1 is "a _ of" in "a key player of"."""


def ims_features(
    words: Sequence[str], tags: Sequence[str], target: Sequence[int], lemmas: Sequence[str]
) -> list[str]:
    """The features of IMS (Zhong and Ng, 2010), the best-known linear word-sense classifier:
    the part-of-speech tags at -3..+3 (``P-1=DET``), the sentence's content lemmas (as
    :func:`bag`), and the 11 local collocations of lowercased words (``C-1,1=a|of``).
    ``words`` are the tokens as written, ``tags`` UPOS, one per token. AUX counts as VERB:
    SemCor's Penn tags, which the classifiers learn from, have no such tag for "be" or "have"."""
    if not target:
        return []
    first, last = min(target), max(target)
    n = len(words)

    def at(offset: int) -> int:
        return first + offset if offset < 0 else last + offset

    def word(offset: int) -> str:
        i = at(offset)
        return words[i].lower() if 0 <= i < n else ("<s>" if i < 0 else "</s>")

    def tag(i: int) -> str:
        return "_" if not 0 <= i < n else "VERB" if tags[i] == "AUX" else tags[i]

    found = [f"P0={tag(first)}"]
    for step in range(1, POS_WINDOW + 1):
        for offset in (-step, step):
            found.append(f"P{offset:+d}={tag(at(offset))}")
    for i, j in COLLOCATIONS:
        found.append(f"C{i},{j}=" + "|".join(word(o) for o in range(i, j + 1) if o != 0))
    return found + bag(lemmas, target)
