"""Text processing: loading, sentence segmentation, tokens, lemmas and tags.

The public functions here are the library contract of DESIGN.md: they return the same
JSON-compatible structures as ``sentences split --json`` and ``sentences analyze --json``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def split(text: str, lang: str = "en") -> list[dict[str, Any]]:
    """Sentences of ``text``: a list of ``{"text", "start", "end"}``."""
    # lazy: the text pipeline loads nltk, scipy and scikit-learn (~1 s)
    from reader.text.pipeline import split as _split

    return _split(text, lang)


def analyze(text: str, lang: str = "en") -> list[dict[str, Any]]:
    """Sentences with tokens: ``{"text","start","end","tokens":[{"text","start","end","lemma",
    "pos","is_word"}]}``."""
    # lazy: the text pipeline loads nltk, scipy and scikit-learn (~1 s)
    from reader.text.pipeline import analyze as _analyze

    return _analyze(text, lang)


def tag_words(words: Sequence[str], lang: str = "en") -> list[tuple[str, str]]:
    """One ``(pos, lemma)`` pair per word of an already tokenized sentence."""
    from reader.text.tagger import tag_words as _tag_words  # lazy: numpy (~0.1 s)

    return _tag_words(words, lang)


__all__ = ["analyze", "split", "tag_words"]
