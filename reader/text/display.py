"""How a sentence's original text is shown: what a screen is not meant to reproduce literally.

The stored text and every offset stay exactly as imported; only the drawing changes.

- Hard-wrapped lines: Project Gutenberg books break lines at about 70 columns, so most of a
  book's sentences hold line breaks that belong to the printed page, not the sentence. A line
  break inside a sentence (paragraphs end sentences, so one never holds a blank line) is shown
  as a space.
- Emphasis: Gutenberg marks italics as ``_word_``; the underscores are markers, not text. They
  are hidden and the words between them shown in italics.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

EMPHASIS = "_"
_MARKED = re.compile(r"(?<![\w_])_+(?=[^\s_])|(?<=[^\s_])_+(?![\w_])")


class Spanned(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def display_gap(gap: str) -> str:
    """The space between two tokens as shown: a line break in it becomes one space."""
    return " " if "\n" in gap else gap


def display_line(text: str) -> str:
    """A whole sentence as one plain line (the dimmed sentences around the focus)."""
    return " ".join(_MARKED.sub("", text).split())


def emphasis(tokens: Sequence[Spanned]) -> tuple[set[int], set[int]]:
    """``(markers, emphasised)``: indexes of the ``_`` tokens to hide, and of the tokens
    between an opening and a closing one, to show in italics.

    A marker opens when it touches the token after it and closes when it touches the one
    before it; one with no partner is shown as it is.
    """
    markers: set[int] = set()
    emphasised: set[int] = set()
    opened: int | None = None
    for i, token in enumerate(tokens):
        if set(token.text) != {EMPHASIS}:
            continue
        before = i > 0 and tokens[i - 1].end == token.start
        after = i + 1 < len(tokens) and tokens[i + 1].start == token.end
        if opened is not None and before:
            markers |= {opened, i}
            emphasised |= set(range(opened + 1, i))
            opened = None
        elif after and not before:
            opened = i
    return markers, emphasised
