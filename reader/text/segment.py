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
from functools import lru_cache

from reader.text import segment_rules as rules
from reader.text.punkt_params import ABBREVIATIONS, tokenizer, words

_FINAL = ".!?…"
# A line that ends this way continues on the next line whatever its length.
_CONTINUES = ",;:-—–&/(["
_LIST_ITEM = re.compile(r"(?:[•⁃·*-]\s|(?:Q\d{1,3}|\d{1,3}|[A-Za-z]|[IVXLC]{1,8})(?:\.\)|[.)])\s)")
_HEADING_WORDS = 8
_HEADING = re.compile(
    r"(?:Chapter|Section|Part|Book|Volume|Act|Scene|CHAPTER|SECTION|PART|BOOK|VOLUME|ACT|SCENE)"
    r"\s+(?:[IVXLC]+|\d+|[A-Z][A-Za-z]+)\.?"
)
# Above this line width, lines are paragraphs rather than hard-wrapped.
_WRAPPED_WIDTH = 100
# The usual wrap column, assumed when a short text has too few lines to show its own.
_MIN_WIDTH = 72
# A sentence end inside a line shows that the line is prose, not a heading.
_INNER_END = re.compile(r"[.?!…][\"'”’)\]]*\s")
# Words that leave a line unfinished, whatever follows.
_CONTINUING_WORDS = words(
    """a an the and or but nor of to in on at by for from with as that than
    his her its their my our your this these those is are was were be"""
)
# A possible sentence end: final punctuation, then closing quotes or brackets, then a space.
_END = re.compile(r"(?<![.?!…])([.?!…]++)[" + re.escape(rules.CLOSERS) + r"]*+(?=\s)")
_LAST_WORD = re.compile(r"\S*$")
# The next word without its punctuation, so that only the period in question is judged.
_NEXT_WORD = re.compile(r"\s+([\"'“‘«]?)[^\w\s]*(\w+)")
_OPENERS = "\"'“‘«([{_*-—–"


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
        for piece in _split_run(text, start, end):
            spans.extend(_bounded(text, *piece))
    return spans


MAX_SENTENCE = 2000  # characters; the longest sentence of the three books has 1,762
_CLAUSE_END = re.compile(r"[;:,\u2014\u2013)](?=\s)")


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A "sentence" longer than any a reader can take in (a list with no full stops, a
    megabyte without punctuation) is cut at clause ends, else at spaces: the screen shows
    one sentence at a time, and it must stay readable and quick to draw."""
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        half = start + MAX_SENTENCE // 2
        cut = None
        for match in _CLAUSE_END.finditer(text, half, limit):
            cut = match.end()
        if cut is None:
            space = max(text.rfind(" ", half, limit), text.rfind("\n", half, limit))
            cut = space if space > start else limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


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
    wrapped = doc_width <= _WRAPPED_WIDTH
    for block in blocks:
        width = max(doc_width, _MIN_WIDTH, max(line.width for line in block))
        start = block[0].start
        for i in range(len(block) - 1):
            if _ends_sentence(block[i], block[i + 1], width, wrapped):
                yield start, block[i].end
                start = block[i + 1].start
        yield start, block[-1].end


def _final(text: str) -> str:
    """The last character that is not a closing quote or bracket."""
    return text.rstrip(rules.CLOSERS)[-1:] or text[-1]


def _ends_sentence(line: _Line, nxt: _Line, width: int, wrapped: bool) -> bool:
    """Whether a single line break ends a sentence although no punctuation says so.

    In a hard-wrapped book a line is full (the next line's first word would not have fitted
    on it) unless it is a heading, a list item or a line of verse; since wrappers are not
    exact, only short lines that read like headings end there. In a text whose lines are
    paragraphs, a line without final punctuation before a capitalised line is a heading.
    """
    if _HEADING.fullmatch(line.text) is not None:
        return True
    last = _final(line.text)
    if last in _FINAL:
        return False  # Punkt decides.
    words = line.text.split()
    first_word = nxt.text.split(None, 1)[0]
    # The margin allows for wrappers that counted bytes or straight quotes.
    fits = line.width + 1 + len(first_word) <= width - width // 10
    if _LIST_ITEM.match(nxt.text) is not None and (fits or _LIST_ITEM.match(line.text)):
        return True
    if last in _CONTINUES or not rules.first_char(nxt.text).isupper():
        return False
    if words[-1].lower() in _CONTINUING_WORDS:
        return False
    if not wrapped:
        return True
    return fits and len(words) <= _HEADING_WORDS and _INNER_END.search(line.text) is None


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
    """Offsets after each sentence-final punctuation mark that Punkt takes for an end.

    Punkt weighs a period only when the word before it could be an abbreviation, an initial or
    a number; any other period, "?" or "!" before whitespace is an end for it. Asking Punkt
    about just those words gives its answers at a tenth of the cost of running it on the text.
    """
    breaks: list[int] = []
    for m in _END.finditer(run):
        # A quote or bracket closing right after the period ends the sentence inside it.
        if m.group(1) == "." and m.end() == m.end(1):
            before = _LAST_WORD.search(run, max(0, m.start() - 40), m.start())
            word = before.group().lstrip(_OPENERS) if before else ""
            if _needs_punkt(word) and not _punkt_says_end(run, word, m.end()):
                continue
        breaks.append(m.end())
    return breaks


def _needs_punkt(word: str) -> bool:
    if not word:
        return False
    if "." in word or len(word) == 1 or any(ch.isdigit() for ch in word):
        return True
    lower = word.lower()
    return lower in ABBREVIATIONS or lower.rsplit("-", 1)[-1] in ABBREVIATIONS


def _punkt_says_end(run: str, word: str, end: int) -> bool:
    following = _NEXT_WORD.search(run, end, end + 60)
    if following is None or following.group(1):
        return True  # A quotation opens: 'says I. "Christ be with you!"'
    return _punkt_break(word, following.group(2))


@lru_cache(maxsize=1 << 16)
def _punkt_break(word: str, next_word: str) -> bool:
    """Punkt's verdict; books repeat the same pairs ("Mr. Bennet") thousands of times."""
    return bool(tokenizer().text_contains_sentbreak(f"{word}. {next_word}"))
