"""From raw text to sentences with tagged, lemmatized tokens.

This is the one place where segmentation, tokenization and tagging meet, so the CLI (``split``,
``analyze``), the importer and the reader all see the same analysis of the same text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from reader.text.segment import split_spans
from reader.text.tagger import tag_sentences
from reader.text.tokenize import Token, tokenize


@dataclass(frozen=True, slots=True)
class AnalyzedToken:
    text: str
    start: int
    end: int
    lemma: str
    pos: str
    is_word: bool

    @property
    def term_key(self) -> str | None:
        """The key of the term this token counts towards; ``None`` for punctuation and numbers."""
        return self.lemma.lower() if self.is_word else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "lemma": self.lemma,
            "pos": self.pos,
            "is_word": self.is_word,
        }


@dataclass(frozen=True, slots=True)
class AnalyzedSentence:
    text: str
    start: int
    end: int
    paragraph: int
    tokens: list[AnalyzedToken]

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "tokens": [t.as_dict() for t in self.tokens],
        }


def split(text: str, lang: str = "en") -> list[dict[str, Any]]:
    """Sentences of ``text`` as ``{"text", "start", "end"}`` dicts (the ``split --json`` shape)."""
    return [{"text": text[s:e], "start": s, "end": e} for s, e in split_spans(text, lang)]


def analyze(text: str, lang: str = "en") -> list[dict[str, Any]]:
    """Sentences with tokens, lemmas and UPOS tags (the ``analyze --json`` shape)."""
    return [s.as_dict() for s in analyze_sentences(text, lang)]


def paragraphs_of(text: str, spans: list[tuple[int, int]]) -> Iterator[int]:
    """The paragraph number of each span: a blank line between two sentences starts a new one."""
    paragraph = 0
    previous_end = 0
    for start, _ in spans:
        if "\n\n" in text[previous_end:start]:
            paragraph += 1
        yield paragraph
        previous_end = start


def analyze_sentences(
    text: str,
    lang: str = "en",
    progress: Callable[[int, int], None] | None = None,
    batch: int = 500,
) -> list[AnalyzedSentence]:
    """Full analysis; ``progress(done, total)`` is called every ``batch`` sentences."""
    spans = split_spans(text, lang)
    result: list[AnalyzedSentence] = []
    paragraphs = list(paragraphs_of(text, spans))
    total = len(spans)
    for first in range(0, total, batch):
        chunk = spans[first : first + batch]
        token_lists = [tokenize(text[s:e], offset=s) for s, e in chunk]
        tags = tag_sentences([[t.text for t in tokens] for tokens in token_lists])
        for (start, end), tokens, tagged, paragraph in zip(
            chunk, token_lists, tags, paragraphs[first : first + batch], strict=True
        ):
            result.append(
                AnalyzedSentence(
                    text=text[start:end],
                    start=start,
                    end=end,
                    paragraph=paragraph,
                    tokens=[
                        _merge(t, pos, lemma)
                        for t, (pos, lemma) in zip(tokens, tagged, strict=True)
                    ],
                )
            )
        if progress is not None:
            progress(min(first + batch, total), total)
    return result


def _merge(token: Token, pos: str, lemma: str) -> AnalyzedToken:
    return AnalyzedToken(
        text=token.text,
        start=token.start,
        end=token.end,
        lemma=lemma or token.text,
        pos=pos,
        is_word=token.is_word,
    )
