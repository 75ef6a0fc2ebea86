"""Words and terms typed at the command line, keyed the way the reader keys them in a text.

The reader tracks a word under its lemma as the tagger gives it in a sentence ("ran" under
"run", "Fault Lines" under "fault line"). A term typed at the command line goes through the same
tokenizer, tagger and lemmatizer, so ``term set ran`` changes the status the reader shows for
"ran", and ``gloss hardened --pos VERB`` looks up what the reader looks up for a verb.
"""

from __future__ import annotations

from reader.learn.status import normalize_key
from reader.text import tag_words
from reader.text.tokenize import tokenize

#: Universal Dependencies part-of-speech tags: what ``--pos`` accepts.
UPOS_TAGS = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
)  # fmt: skip


class NotAWord(ValueError):
    """Typed text with no word in it ("!!!", "123"): nothing a learner can learn."""


def check_pos(pos: str) -> str:
    """``pos`` uppercased, if it is a UPOS tag; else a one-line error listing the tags."""
    tag = pos.strip().upper()
    if tag not in UPOS_TAGS:
        raise ValueError(f"unknown part of speech {pos!r}: use one of {', '.join(UPOS_TAGS)}")
    return tag


def typed_key(text: str, lang: str = "en", pos: str | None = None) -> str:
    """The term key the reader would use for ``text``: its words' lemmas, lowercased.

    ``pos`` (a UPOS tag) decides the lemma of a single word, as the tagger would in a sentence
    where the word has that part of speech.
    """
    tokens = tokenize(text)
    words = [t for t in tokens if t.is_word]
    if not words:
        shown = " ".join(text.split())
        raise NotAWord(f"{shown!r} is not a word: give a word or a phrase" if shown else
                       "the term is empty: give a word or a phrase")  # fmt: skip
    if pos is not None and len(words) == 1:
        from reader.text.tagger import lemma_of  # lazy: numpy (~0.1 s)

        return normalize_key(lemma_of(words[0].text, pos))
    tags = tag_words([t.text for t in tokens], lang)
    lemmas = [lemma for t, (_, lemma) in zip(tokens, tags, strict=True) if t.is_word]
    return normalize_key(" ".join(lemmas))
