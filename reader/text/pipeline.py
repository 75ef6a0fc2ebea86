"""From raw text to sentences with tagged, lemmatized tokens.

This is the one place where segmentation, tokenization and tagging meet, so the CLI (``split``,
``analyze``), the importer and the reader all see the same analysis of the same text.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from reader.text.segment import split_spans
from reader.text.tagger import tag_sentences
from reader.text.tokenize import tokenize

TokenTuple = tuple[str, int, int, str, str, bool]
"""(text, start, end, lemma, pos, is_word): plain tuples, because a book has close to a million
tokens and they cross process boundaries, where named tuples cost several times more."""

TOKEN_FIELDS = ("text", "start", "end", "lemma", "pos", "is_word")


def term_key(token: TokenTuple) -> str | None:
    """The key of the term a token counts towards; ``None`` for punctuation and numbers."""
    return token[3].lower() if token[5] else None


@dataclass(frozen=True, slots=True)
class AnalyzedSentence:
    text: str
    start: int
    end: int
    paragraph: int
    tokens: list[TokenTuple]

    def as_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "tokens": [dict(zip(TOKEN_FIELDS, t, strict=True)) for t in self.tokens],
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


PARALLEL_MIN_SENTENCES = 5000
CHUNKS_PER_WORKER = 4


def analyze_sentences(
    text: str,
    lang: str = "en",
    progress: Callable[[int, int], None] | None = None,
    batch: int = 500,
    workers: int = 1,
) -> list[AnalyzedSentence]:
    """Full analysis; ``progress(done, total)`` is called as sentences are done.

    With ``workers`` > 1 (0: one per core) a book is analysed in several processes: tagging is
    pure Python, so only processes make it faster, and a book is where import time is felt.
    Processes need the caller's main module to be import-safe, so the library default is one.
    """
    spans = split_spans(text, lang)
    paragraphs = list(paragraphs_of(text, spans))
    total = len(spans)
    workers = workers or min(4, os.cpu_count() or 1)
    if workers > 1 and total >= PARALLEL_MIN_SENTENCES:
        try:
            return _analyze_in_processes(text, spans, paragraphs, workers, progress)
        except (OSError, RuntimeError, BrokenProcessPool):
            pass  # no processes to be had here: the same work, in this process
    result: list[AnalyzedSentence] = []
    for first in range(0, total, batch):
        last = first + batch
        result += analyze_spans(text, spans[first:last], paragraphs[first:last])
        if progress is not None:
            progress(min(last, total), total)
    return result


def analyze_spans(
    piece: str, spans: list[tuple[int, int]], paragraphs: list[int], base: int = 0
) -> list[AnalyzedSentence]:
    """Tokens, tags and lemmas of the sentences at ``spans`` (offsets into the whole text;
    ``piece`` is the text from offset ``base`` on)."""
    token_lists = [tokenize(piece[s - base : e - base], offset=s) for s, e in spans]
    tags = tag_sentences([[t.text for t in tokens] for tokens in token_lists])
    return [
        AnalyzedSentence(
            text=piece[start - base : end - base],
            start=start,
            end=end,
            paragraph=paragraph,
            tokens=[
                (t.text, t.start, t.end, lemma or t.text, pos, t.is_word)
                for t, (pos, lemma) in zip(tokens, tagged, strict=True)
            ],
        )
        for (start, end), tokens, tagged, paragraph in zip(
            spans, token_lists, tags, paragraphs, strict=True
        )
    ]


def _analyze_in_processes(
    text: str,
    spans: list[tuple[int, int]],
    paragraphs: list[int],
    workers: int,
    progress: Callable[[int, int], None] | None,
) -> list[AnalyzedSentence]:
    # forkserver, not fork: the importer may run in a thread of the TUI, and forking a threaded
    # process can deadlock the child.
    context = multiprocessing.get_context("forkserver")
    with _stderr_with_descriptor():
        from multiprocessing import forkserver

        forkserver.ensure_running()  # and, with it, multiprocessing's resource tracker
    size = -(-len(spans) // (workers * CHUNKS_PER_WORKER))
    jobs = []
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_silence_output
    ) as pool:
        for first in range(0, len(spans), size):
            chunk = spans[first : first + size]
            base, stop = chunk[0][0], chunk[-1][1]
            jobs.append(
                pool.submit(
                    analyze_spans, text[base:stop], chunk, paragraphs[first : first + size], base
                )
            )
        done = 0
        result: list[AnalyzedSentence] = []
        for job in jobs:
            part = job.result()
            result += part
            done += len(part)
            if progress is not None:
                progress(done, len(spans))
    return result


@contextmanager
def _stderr_with_descriptor() -> Iterator[None]:
    """multiprocessing hands ``sys.stderr``'s descriptor to its resource tracker; a TUI's
    stand-in has none (Textual's ``fileno()`` returns -1, and the start fails), so lend it
    /dev/null for the moment the helper processes start."""
    try:
        usable = sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    with open(os.devnull, "w") as devnull:
        sys.stderr = devnull
        try:
            yield
        finally:
            sys.stderr = saved


def _silence_output() -> None:
    """Workers inherit the terminal, where stray output would corrupt a TUI's screen; their
    errors travel back to the parent through the pool instead."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
