"""Sentence spans for the reader: Punkt with the project's parameters, plus layout rules.

Punkt sees a stream of words and knows nothing of layout, yet a learner's texts are books with
hard-wrapped lines, chapter headings, tables of contents and web articles whose headings carry no
final punctuation. So the text is first cut into runs that no sentence can cross (paragraphs,
and lines that end headings or list items), Punkt splits each run, and the rules in
`segment_rules` correct what Punkt gets wrong. Offsets always refer to the original text, so the
reader can show it exactly as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.text import segment_rules as rules
from reader.text.punkt_params import tokenizer

_FINAL = ".!?…"
# A line that ends this way continues on the next line whatever its length.
_CONTINUES = ",;:-—–&/(["
_LIST_ITEM = re.compile(r"(?:[•⁃·*-]\s|(?:Q\d{1,3}|\d{1,3}|[A-Za-z]|[IVXLC]{1,8})(?:\.\)|[.)])\s)")
_HEADING_WORDS = 4


class _Line:
    """One non-blank line: where its content starts and ends, and its width as laid out."""

    __slots__ = ("end", "start", "text", "width")

    def __init__(self, text: str, start: int, raw: str) -> None:
        stripped = raw.strip()
        self.text = stripped
        self.start = start + raw.index(stripped[0])
        self.end = self.start + len(stripped)
        self.width = self.end - start


def split_spans(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """(start, end) character offsets of each sentence in `text`.

    Spans are in order and never overlap; each is stripped of surrounding whitespace, and every
    non-whitespace character of `text` lies in exactly one span. `lang` is accepted for the
    per-language registry; only English rules exist so far, and they are used for every language.
    """
    spans: list[tuple[int, int]] = []
    for start, end in _runs(text):
        spans.extend(_split_run(text, start, end))
    return spans


def _blocks(text: str) -> Iterator[list[_Line]]:
    """Paragraphs: runs of non-blank lines."""
    block: list[_Line] = []
    pos = 0
    for raw in text.split("\n"):
        if raw and not raw.isspace():
            block.append(_Line(text, pos, raw))
        elif block:
            yield block
            block = []
        pos += len(raw) + 1
    if block:
        yield block


def _wrap_width(blocks: list[list[_Line]]) -> int:
    """A width most lines stay within: the column a hard-wrapped text was wrapped at."""
    widths = sorted(line.width for block in blocks for line in block)
    return widths[int(len(widths) * 0.9)] if widths else 0


def _runs(text: str) -> Iterator[tuple[int, int]]:
    """Stretches of text that no sentence crosses."""
    blocks = list(_blocks(text))
    doc_width = _wrap_width(blocks)
    for block in blocks:
        width = max(doc_width, max(line.width for line in block))
        start = block[0].start
        for i in range(len(block) - 1):
            if _ends_sentence(block[i], block[i + 1], width, i + 2 == len(block)):
                yield start, block[i].end
                start = block[i + 1].start
        yield start, block[-1].end


def _ends_sentence(line: _Line, nxt: _Line, width: int, nxt_is_last: bool) -> bool:
    """Whether a single line break ends a sentence although no punctuation says so.

    A hard-wrapped line is full: the next line's first word would not have fitted on it. A
    line that stops short, with no final punctuation, before a capitalised line is a heading
    or a list item. So is a short last line of a paragraph ("Sentences Mode").
    """
    last = line.text.rstrip(rules.CLOSERS)[-1:] or line.text[-1]
    if last in _FINAL:
        return False  # Punkt decides.
    first_word = nxt.text.split(None, 1)[0]
    fits = line.width + 1 + len(first_word) <= width
    if _LIST_ITEM.match(nxt.text) is not None and (fits or _LIST_ITEM.match(line.text)):
        return True
    if last in _CONTINUES or not rules.first_char(nxt.text).isupper():
        return False
    if fits:
        return True
    return nxt_is_last and len(nxt.text.split()) <= _HEADING_WORDS and nxt.text[-1] not in _FINAL


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int]]:
    run = text[start:end]
    breaks = _punkt_breaks(run)
    breaks = rules.realign(run, breaks)
    breaks = rules.merge(run, breaks)
    breaks = rules.ellipses(run, breaks)
    breaks = rules.lists(run, breaks)
    breaks = rules.times(run, breaks)
    spans: list[tuple[int, int]] = []
    last = 0
    for b in [*breaks, len(run)]:
        piece = run[last:b]
        stripped = piece.strip()
        if stripped:
            s = start + last + (len(piece) - len(piece.lstrip()))
            spans.append((s, s + len(stripped)))
        last = b
    return spans


def _punkt_breaks(run: str) -> list[int]:
    if not any(ch in run for ch in ".?!"):
        return []
    return [e for _s, e in tokenizer().span_tokenize(run)][:-1]
