"""Corrections applied to Punkt's sentence breaks inside one run of text.

Punkt decides each period on its own; it does not know that a lower-case word cannot start an
English sentence, that "Mr." never ends one, how editors space ellipses, or that "1) ... 2) ..."
is a list. Each rule here takes and returns break offsets (the end of one sentence; the next
starts at the following non-space character), so rules compose and can be tested one by one.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from reader.text.punkt_params import NUMBER_ABBREVIATIONS, TITLES

# Characters that close a quotation, bracket or emphasis and so belong to the sentence before.
CLOSERS = "\"'”’»)]}_*"
# Characters that may open a sentence before its first letter.
_OPENERS = "\"'“‘«([{_*-—–"

_LAST_WORD = re.compile(r"(?<![\w.°])([\w.°]+)\.\W*$")
# How far back a rule looks into the sentence before a break.
_WINDOW = 200
_NO_WORD = re.compile(r"[\W\d_]*")
_POSTNOMINAL = re.compile(r"\s*(?:Esq|Jr|Sr)\.")
_QUOTE_END = re.compile(r"[?!][\"'”’]+\s*$")
_SPEECH_TAG = re.compile(
    r"\s*(?:I|[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+){0,2})"
    r"(?:\s+(?:suddenly|again|then|softly|quietly|at\s+last|once\s+more))?\s+"
    r"(?:said|says|asked|asks|cried|answered|replied|exclaimed|remarked|shouted|whispered"
    r"|murmured|observed|continued|added|inquired|returned|ejaculated|muttered|repeated"
    r"|concluded|stammered|screamed|yelled|sighed|panted|gasped|groaned|sobbed|laughed"
    r"|interrupted|retorted|called|urged|explained|protested|insisted|demanded|declared"
    r"|echoed|ventured|thought|shrieked|hissed|faltered|resumed|began|went\s+on)\b"
)
_LABEL = re.compile(
    r"(?:[•⁃·*-]|(?:Chapter|CHAPTER|Section|SECTION|Part|PART|Book|BOOK|Article|Act|Scene)\s)?"
    r"\s*(?:Q\d{1,3}|\d{1,3}(?:\.\w{1,3})*|[A-Za-z]|[IVXLCivxlc]{1,8})(?:\.\)|[.)])"
)
_ELLIPSIS = re.compile(
    r"(?P<attached>(?<=[^\s.])\.(?:[ \t]\.){3})"
    r"|(?P<spaced4>(?<![^\s])\.(?:[ \t]\.){3})"
    r"|(?P<spaced3>\.(?:[ \t]\.){2})"
    r"|(?P<compact>[?!]*(?:\.{2,}|…+)[.?!]*)"
)
_PAUSE = frozenset((",", "[", "("))
_LIST_LABEL = re.compile(
    r"(?<!\S)(?:(?P<bullet>[•⁃])\s*)?(?:(?P<num>\d{1,3})|(?P<letter>[a-z]))(?:\.\)|[.)])"
    r"(?=\s+[\"“(]?[A-Z])"
)
_BULLET = re.compile(r"(?<!\S)[•⁃](?=\s*[\"“(]?[A-Z])")
_AM_PM = re.compile(r"\b[AaPp]\.[Mm]\.")
_TIME_PHRASE = re.compile(
    r"\W*(?:At|By|Until|Till|Before|After|From|Around|About|Since)\s+(?:about\s+)?[\d:.]+\s*$"
)


def first_char(text: str, start: int = 0) -> str:
    """The first character of `text[start:]` past whitespace and opening punctuation."""
    for ch in text[start : start + 40]:
        if not ch.isspace() and ch not in _OPENERS:
            return ch
    return ""


def _after_closers(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in CLOSERS:
        pos += 1
    return pos


def realign(text: str, breaks: Iterable[int]) -> list[int]:
    """Moves breaks past closing quotes and brackets; drops breaks that fall inside a word."""
    out: set[int] = set()
    for b in breaks:
        pos = _after_closers(text, b)
        if 0 < pos < len(text) and text[pos].isspace():
            out.add(pos)
    return sorted(out)


def _is_label(piece: str) -> bool:
    return _LABEL.fullmatch(piece.strip()) is not None


def _keeps(prev: str, nxt: str) -> bool:
    """Whether a break between `prev` and `nxt` survives the rules Punkt lacks."""
    if first_char(nxt).islower():
        return False  # "Yahoo! in ...", "'This is great.' she said."
    if _is_label(prev):
        return False  # "Q1. This was ...", "1.) The first item"
    if _NO_WORD.fullmatch(nxt) is not None or _POSTNOMINAL.match(nxt) is not None:
        return False  # "Kent, _15th October_. */", "Doran. Esq., of San Francisco"
    if _QUOTE_END.search(prev) is not None and _SPEECH_TAG.match(nxt) is not None:
        return False  # "'What then?' I asked.", "'Come in!' Holmes cried."
    word = _LAST_WORD.search(prev)
    if word is not None:
        w = word.group(1).lower()
        if w in TITLES:
            return False
        if w in NUMBER_ABBREVIATIONS and nxt.lstrip()[:1].isdigit():
            return False  # "N°. 1026"
    return True


def merge(text: str, breaks: list[int]) -> list[int]:
    """Drops breaks before lower-case words, after titles and after bare list labels."""
    kept: list[int] = []
    last = 0
    for i, b in enumerate(breaks):
        nxt_end = breaks[i + 1] if i + 1 < len(breaks) else len(text)
        # Only the end of the sentence so far matters; a bounded window keeps this linear.
        if _keeps(text[max(last, b - _WINDOW) : b], text[b:nxt_end]):
            kept.append(b)
            last = b
    return kept


def _starts_upper(text: str, pos: int) -> bool:
    return pos < len(text) and text[pos].isspace() and first_char(text, pos).isupper()


def ellipses(text: str, breaks: list[int]) -> list[int]:
    """Decides breaks at ellipses the way pySBD and style guides do.

    ". . ." spaced out is an omission inside a sentence; four dots or a compact "..." before a
    capital end it; "word. . . . Next" ends after "word." and the next sentence starts with the
    ellipsis. ",.." is a pause and "[...]" an omission, never an end.
    """
    if ".." not in text and ". ." not in text and "…" not in text:
        return breaks
    result = set(breaks)
    for m in _ELLIPSIS.finditer(text):
        end = _after_closers(text, m.end())
        result.difference_update(range(m.start() + 1, end + 1))
        kind = m.lastgroup
        if kind == "attached":
            if _starts_upper(text, end):
                result.add(m.start() + 1)
            continue
        ends = kind == "spaced4" or text[m.start() - 1 : m.start()] not in _PAUSE
        if kind != "spaced3" and ends and _starts_upper(text, end):
            result.add(end)
    return sorted(result)


def lists(text: str, breaks: list[int]) -> list[int]:
    """Starts a sentence at each label of an inline numbered, lettered or bulleted list.

    Only labels that count on from the one before ("1." then "2.", "a." then "b.") followed by a
    capital count, so that "reasons: 1) cost and 2) time" and stray numbers stay untouched.
    """
    labels = [(m.start(), m.end(), _label_value(m)) for m in _LIST_LABEL.finditer(text)]
    starts: set[int] = set()
    chain: list[tuple[int, int, int]] = []
    for label in [*labels, (0, 0, -5000)]:
        if chain and label[2] == chain[-1][2] + 1:
            chain.append(label)
            continue
        if len(chain) >= 2 and (chain[0][2] >= 0 or chain[0][2] == -1000):
            starts.update(s for s, _, _ in chain)
        chain = [label]
    bullets = [m.start() for m in _BULLET.finditer(text)]
    if len(bullets) >= 2:
        starts.update(bullets)
    if not starts:
        return breaks
    inside_labels = {pos for s, e, _ in labels if s in starts for pos in range(s, e + 1)}
    result = {b for b in breaks if b not in inside_labels}
    result.update(_whitespace_before(text, s) for s in starts if s > 0)
    return sorted(b for b in result if b > 0)


def _label_value(m: re.Match[str]) -> int:
    if m.group("num") is not None:
        return int(m.group("num"))
    # Letters count from "a" only; -1000 marks "a" so that "b" after it is a sequence.
    return -1000 + ord(m.group("letter")) - ord("a")


def _whitespace_before(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1].isspace():
        pos -= 1
    return pos


def times(text: str, breaks: list[int]) -> list[int]:
    """Ends a sentence after "a.m."/"p.m." before a capital, unless it opens the sentence.

    A time is rarely followed by a name inside a sentence ("He left at 6 P.M. John then..."),
    except when the time opens the sentence: "At 5 a.m. Mr. Smith went to the bank."
    """
    if "." not in text:
        return breaks
    result = sorted(breaks)
    for m in _AM_PM.finditer(text):
        end = _after_closers(text, m.end())
        if not _starts_upper(text, end):
            continue
        i = bisect.bisect_left(result, m.start())
        last = result[i - 1] if i else 0
        opens = _TIME_PHRASE.fullmatch(text[max(last, m.start() - _WINDOW) : m.start()])
        j = bisect.bisect_left(result, end)
        present = j < len(result) and result[j] == end
        if opens is None and not present:
            result.insert(j, end)
        elif opens is not None and present:
            del result[j]
    return result
