"""Project Gutenberg's plain-text books: the book without the project's header and licence, and
the title its header gives.

A Gutenberg file opens with the project's notice and a header ("Title: Pride and Prejudice",
"Author: ...") and closes with the licence; none of it is the book. The title line is the best
title there is: the book's own first line is often a caption ("[Illustration:") or a title page
in capitals.
"""

from __future__ import annotations

import re

_START = re.compile(
    r"^\*{3} ?START OF (?:THE|THIS) PROJECT GUTENBERG E(?:BOOK|TEXT)[^\n]*\n", re.I | re.M
)
_END = re.compile(r"^\*{3} ?END OF (?:THE|THIS) PROJECT GUTENBERG E(?:BOOK|TEXT)", re.I | re.M)
_TITLE_LINE = re.compile(r"^Title:[ \t]*(.+(?:\n[ \t]+\S.*)*)", re.M)
_EBOOK_OF = re.compile(r"Project Gutenberg e[Bb]ook of (.+?)(?:, by .*)?\r?\n")
HEADER_SPAN = 5000


def strip_gutenberg(text: str) -> str:
    """The book without Project Gutenberg's header and licence: a reader starts at the book.

    Only when both markers are there, so a text that merely mentions them is left whole (and
    the very same string is returned).
    """
    start = _START.search(text)
    end = _END.search(text, start.end()) if start else None
    if start is None or end is None or not text[start.end() : end.start()].strip():
        return text
    return text[start.end() : end.start()].strip("\n ") + "\n"


def gutenberg_title(text: str) -> str:
    """The title in a Gutenberg header ("Title: War and Peace"; a long title continues on
    indented lines), or from its first line ("The Project Gutenberg eBook of X, by Y");
    "" for other texts."""
    head = text[:HEADER_SPAN]
    start = _START.search(head)
    header = head[: start.start()] if start else head
    line = _TITLE_LINE.search(header)
    if line and (start or _EBOOK_OF.search(header)):
        first, *more = (" ".join(part.split()) for part in line.group(1).split("\n"))
        return ": ".join([first, *more]) if more else first
    ebook = _EBOOK_OF.search(header)
    return ebook.group(1).strip() if ebook else ""
