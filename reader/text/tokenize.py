"""Word tokens with character offsets.

Tokens follow the Universal Dependencies English conventions the tagger was trained on: clitics
("'s", "n't", "'ll", ...) are tokens of their own, while hyphenated compounds ("tug-of-war",
"Jong-un") stay whole so they can be glossed and tracked as one term.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_APOS = "'’"
_TOKEN = re.compile(
    r"""
    (?P<url>(?:https?://|www\.)[^\s<>"'’“”]+[^\s<>"'’“”.,;:!?)\]])
    |(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
    |(?P<abbr>(?:[^\W\d_]\.){2,}|(?:Mrs?|Ms|Dr|St|Jr|Sr|Prof|Gen|Col|Capt|Lt|Sgt|Rev|Gov|Sen
        |Rep|Mt|vs|etc|Inc|Ltd|Co|Corp|Fig|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)
    |(?P<ellipsis>\.{2,}|…)
    |(?P<number>\d+(?:[.,:/]\d+)*(?:st|nd|rd|th|s|%)?)
    |(?P<word>[^\W_](?:[^\W_]|[-'’](?=[^\W_]))*)
    |(?P<other>\S)
    """,
    re.VERBOSE,
)
# Labels and codes ("Q1", "A2", "MP3", "G20"): a few letters before a number are not a word to
# learn, and their lemma would be glossed as one ("Q1." as a noun).
_LABEL = re.compile(r"[^\W\d_]{1,3}\d+[^\W\d_]?")
# Clitics split off the end of a word, as UD English does ("Kim's" -> "Kim" + "'s").
_CLITIC = re.compile(r"(?i)(?:n['’]t|['’](?:s|re|ll|ve|d|m))$")


class Token(NamedTuple):
    """A token: its text, offsets in the text it came from, and whether it is a word.

    A named tuple rather than a dataclass: a book has close to a million tokens, and tuples are
    several times cheaper to create.
    """

    text: str
    start: int
    end: int
    is_word: bool


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Tokens of ``text``; offsets are shifted by ``offset`` so sentence tokens point into the
    whole document."""
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        start, end = match.span()
        piece = match.group()
        if kind == "abbr":
            tokens.append(Token(piece, offset + start, offset + end, True))
        elif kind == "word":
            clitic = _CLITIC.search(piece)
            if clitic and clitic.start() > 0:
                cut = clitic.start()
                tokens.append(Token(piece[:cut], offset + start, offset + start + cut, True))
                # A clitic is grammar, not vocabulary: nothing for the learner to track.
                tokens.append(Token(piece[cut:], offset + start + cut, offset + end, False))
                continue
            is_word = any(ch.isalpha() for ch in piece) and not _LABEL.fullmatch(piece)
            tokens.append(Token(piece, offset + start, offset + end, is_word))
        else:
            tokens.append(Token(piece, offset + start, offset + end, False))
    return tokens
