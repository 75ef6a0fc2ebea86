"""A note's sentence as HTML: the term in bold, or blanked as Anki's cloze.

Anki fields are HTML, so everything taken from the learner's texts is escaped first (a sentence
about ``<tags>`` must not turn into markup), and a sentence's line breaks and runs of spaces from
the source file become single spaces, with the term's character spans moved to match.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

Span = tuple[int, int]

_SPACE = re.compile(r"\s+")
_Marker = Callable[[str, bool], str]


def tidy(text: str, spans: Sequence[Span]) -> tuple[str, tuple[Span, ...]]:
    """``text`` with whitespace runs made one space and the ends stripped; spans follow along."""
    out: list[str] = []
    where: list[int] = []  # where[i]: the index in the output of input character i
    pos = 0
    for match in _SPACE.finditer(text):
        for ch in text[pos : match.start()]:
            where.append(len(out))
            out.append(ch)
        for _ in range(match.start(), match.end()):
            where.append(len(out))
        out.append(" ")
        pos = match.end()
    for ch in text[pos:]:
        where.append(len(out))
        out.append(ch)
    where.append(len(out))
    joined = "".join(out)
    lead = len(joined) - len(joined.lstrip())
    stripped = joined.strip()

    def move(i: int) -> int:
        return max(0, min(len(stripped), where[i] - lead))

    moved = tuple(
        (move(a), move(b)) for a, b in spans if 0 <= a < b <= len(text)
    )  # fmt: skip
    return stripped, tuple((a, b) for a, b in moved if a < b)


def bold_html(text: str, spans: Sequence[Span]) -> str:
    """The sentence, escaped, with the term's words in ``<b>``."""
    return _wrap(text, spans, lambda part, _first: f"<b>{_escape(part)}</b>")


def cloze_html(text: str, spans: Sequence[Span], hint: str = "") -> str:
    """The sentence as the text of a cloze note: the term's words are cloze 1.

    Every part of a split phrase ("took it over") is its own ``c1`` deletion, so the card blanks
    both at once; the hint (the meaning) is shown in the first blank only.
    """
    clean_hint = _cloze_safe(" ".join(hint.split()))

    def deletion(part: str, first: bool) -> str:
        body = _cloze_safe(_escape(part))
        return (
            f"{{{{c1::{body}::{clean_hint}}}}}" if first and clean_hint else f"{{{{c1::{body}}}}}"
        )

    return _wrap(text, spans, deletion)


def _cloze_safe(text: str) -> str:
    # "::" and "}}" end a cloze deletion early; a zero-width space between the pair keeps them
    # as text without changing what the learner sees.
    return text.replace("::", ":\u200b:").replace("}}", "}\u200b}")


def _wrap(text: str, spans: Sequence[Span], mark: _Marker) -> str:
    pieces: list[str] = []
    pos = 0
    for i, (a, b) in enumerate(sorted(spans)):
        if a < pos:
            continue
        pieces.append(_escape(text[pos:a]))
        pieces.append(mark(text[a:b], i == 0))
        pos = b
    pieces.append(_escape(text[pos:]))
    return "".join(pieces)


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def text_html(text: str | None) -> str:
    """Plain text (a gloss, a title, a translation) as an HTML field: escaped, lines kept."""
    if not text:
        return ""
    return "<br>".join(_escape(line) for line in text.splitlines())
