"""Chapters of a plain-text book: "CHAPTER I" headings become chapters, not sentences.

A Project Gutenberg book opens on its title page and a contents list ("CHAPTER I", "CHAPTER II"...
387 lines of them in War and Peace), and each chapter starts with a heading line. Read as
sentences, a learner would step through the contents first and meet "CHAPTER XIV." as a sentence
to gloss. Here a heading is a paragraph of one short line shaped like one ("CHAPTER IV.",
"BOOK TWO: 1805", "I. A SCANDAL IN BOHEMIA", "SECOND EPILOGUE"); headings with no text between
them belong together (a book's heading, then its first chapter's); a group of headings followed by
text starts a chapter. A contents list is headings followed by more headings, so it never starts
one. Everything before the first chapter of a book (title page, contents, lists of illustrations)
is front matter, and is left out when the text is a Gutenberg book or plainly a book (a
contents list, or many chapters). A text with fewer than two chapters is left as it is.
"""

from __future__ import annotations

import re

from reader.text.markup import CHAPTER_MARK

MIN_CHAPTERS = 2
MANY_CHAPTERS = 10  # this many chapters make a text a book even without Gutenberg's markers
MAX_HEADING = 80
MAX_SUBTITLE_WORDS = 8  # a chapter's title on the line under its number

_NUMBER = r"(?:[IVXLCDM]+|\d+|[A-Z][a-z]+|[A-Z]+)"
_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^(?:BOOK|Book|PART|Part|VOLUME|Volume|VOL\.)\s+{_NUMBER}\b[^a-z]*$")),
    (1, re.compile(r"^(?:BOOK|Book|PART|Part|VOLUME|Volume)\s+(?:[IVXLCDM]+|\d+)\.(?:\s.*)?$")),
    (1, re.compile(r"^(?:[A-Z]+\s+)?(?:EPILOGUE|PROLOGUE|Epilogue|Prologue)\b[^a-z]*$")),
    (2, re.compile(rf"^(?:CHAPTER|Chapter|CHAP\.|LETTER|Letter|STAVE|Stave)\s+{_NUMBER}\b.*$")),
    (2, re.compile(r"^[IVXLCDM]+\.\s+[^a-z]+$")),  # "I. A SCANDAL IN BOHEMIA"
    (3, re.compile(r"^[IVXLCDM]+\.?$")),  # a bare section number within a chapter
]
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_TOC_LINE = re.compile(r"\S.*\s{3,}(?:\d+|[ivxlc]+)\s*$")  # "Heading to Chapter I.    1"
_ILLUSTRATION = re.compile(r"\[Illustration(?:[^\[\]]|\[[^\[\]]*\])*\]", re.S)


def heading_level(paragraph: str) -> int:
    """1 (a book or part), 2 (a chapter), 3 (a section), or 0 when not a heading.

    A heading is one line, or a chapter's number with its title on the next line
    ("CHAPTER I." then "Down the Rabbit-Hole")."""
    lines = [line.strip() for line in paragraph.strip().split("\n")]
    if len(lines) == 2 and _subtitle(lines[1]):
        level = _line_level(lines[0])
        return level if level == 2 else 0
    return _line_level(lines[0]) if len(lines) == 1 else 0


def _subtitle(line: str) -> bool:
    """A chapter's title, not its first sentence: short, capitalized, and not a sentence
    ("Down the Rabbit-Hole", "Loomings." but not "It was a dark and stormy night.")."""
    words = line.split()
    if not words or len(words) > MAX_SUBTITLE_WORDS or not line[0].isupper():
        return False
    return not (line[-1] in '.!?”"' and len(words) > 4) and line[-1] not in ",;:"


def _line_level(line: str) -> int:
    if not line or len(line) > MAX_HEADING:
        return 0
    for level, pattern in _LEVELS:
        if pattern.match(line):
            return level
    return 0


def _is_contents(paragraph: str) -> bool:
    lines = [line for line in paragraph.split("\n") if line.strip()]
    if not lines:
        return False
    if len(lines) == 1 and lines[0].strip().rstrip(".:").lower() in {"contents", "page"}:
        return True
    return all(_TOC_LINE.match(line) or heading_level(line) for line in lines)


def strip_illustrations(text: str) -> str:
    """Without Gutenberg's "[Illustration: ...]" captions, which are not the book's text; one
    that holds a chapter heading ("[Illustration: ·PRIDE AND PREJUDICE· Chapter I.]") leaves
    the heading."""

    def replace(match: re.Match[str]) -> str:
        for line in match.group(0)[1:-1].split("\n"):
            line = line.strip().removeprefix("Illustration:").strip()
            if heading_level(line):
                return f"\n\n{line}\n\n"
        return "\n\n"

    stripped = _ILLUSTRATION.sub(replace, text)
    return re.sub(r"\n{3,}", "\n\n", stripped).strip("\n ") + "\n"


def mark_chapters(text: str, *, book: bool) -> str:
    """``text`` with each chapter's headings replaced by one chapter mark (see
    :data:`reader.text.markup.CHAPTER_MARK`), and front matter left out where it is a book's.

    Args:
        book: The text is a Project Gutenberg book (its markers were found).
    """
    paragraphs = [p for p in _PARAGRAPH.split(text) if p.strip()]
    levels = [heading_level(p) for p in paragraphs]
    # a group of headings starts a chapter when text follows it
    starts: list[tuple[int, int]] = []  # (first heading, first text paragraph)
    i = 0
    while i < len(paragraphs):
        if not levels[i]:
            i += 1
            continue
        first = i
        while i < len(paragraphs) and levels[i]:
            i += 1
        if i < len(paragraphs) and not _is_contents(paragraphs[i]):
            starts.append((first, i))
    if len(starts) < MIN_CHAPTERS:
        return text
    front = paragraphs[: starts[0][0]]
    drop_front = (
        book
        or len(starts) >= MANY_CHAPTERS
        or any(heading_level(p) or _is_contents(p) for p in front)
    )
    out: list[str] = [] if drop_front else front
    path: dict[int, str] = {}
    begins = {first: body for first, body in starts}
    i = starts[0][0]
    while i < len(paragraphs):
        if i in begins:
            for j in range(i, begins[i]):
                level = levels[j]
                path = {k: v for k, v in path.items() if k < level}
                path[level] = " ".join(paragraphs[j].split())
            out.append(CHAPTER_MARK + " — ".join(path[k] for k in sorted(path)))
            i = begins[i]
            continue
        if not levels[i]:  # a heading with no text of its own (before a contents list) goes
            out.append(paragraphs[i])
        i += 1
    return "\n\n".join(p.strip("\n") for p in out) + "\n"
