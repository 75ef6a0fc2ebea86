"""Words no dictionary lists, explained through their parts: "counter- + message",
"de- + nuclear + -ization".

News and essays coin words freely ("multipolar", "counter-message", "heir-in-training"), and
WordNet lacks them. Glossing such a word by its first part ("counter: a table over which business
is transacted") teaches a wrong word, and "(no gloss)" teaches nothing; a learner who knows what
"multi-" and "polar" mean can read "multipolar". The affixes and their meanings are a small list
of our own (``data/affixes_en.tsv``); the stems must be words the lexicon knows, so a split is
only offered when every part is explained.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

AFFIXES_PATH = Path(__file__).resolve().parent / "data" / "affixes_en.tsv"
MIN_STEM = 3  # "re" + "do" is not a derivation worth explaining; "de" + "nuclear" is
MAX_AFFIXES = 3
# Words that join the parts of a compound ("heir-in-training") and need no gloss of their own.
GLUE = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})
_VOWELS = frozenset("aeiou")

Known = Callable[[str], bool]
"""Does the lexicon have a gloss for this (lowercase) word?"""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a word: an affix with its meaning, a word the lexicon knows, or glue."""

    text: str  # as shown: "counter-", "message", "-ization", "in"
    kind: str  # "prefix", "suffix", "word" or "glue"
    meaning: str | None = None  # an affix's meaning; words get theirs from the lexicon

    @property
    def is_affix(self) -> bool:
        return self.kind in ("prefix", "suffix")


@lru_cache(maxsize=1)
def affixes() -> tuple[dict[str, str], dict[str, str]]:
    """(prefixes, suffixes) from the shipped list, each affix without its hyphen -> meaning."""
    prefixes: dict[str, str] = {}
    suffixes: dict[str, str] = {}
    for line in AFFIXES_PATH.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("affix\t"):
            continue
        affix, _, meaning = line.partition("\t")
        if affix.endswith("-"):
            prefixes[affix[:-1]] = meaning.strip()
        elif affix.startswith("-"):
            suffixes[affix[1:]] = meaning.strip()
    return prefixes, suffixes


def split_word(word: str, known: Known) -> list[Part] | None:
    """The shortest analysis of ``word`` as prefixes + a known word + suffixes, or None.

    ``word`` itself is assumed unknown (the caller asks only then). Among analyses with the
    fewest parts, the one with the longest stem wins ("de- + nuclear + -ization" over anything
    built on "clear").
    """
    word = word.lower()
    memo: dict[tuple[str, int], list[Part] | None] = {}
    found = _analyse(word, known, MAX_AFFIXES, memo, top=True)
    return found if found and len(found) > 1 else None


def split_compound(compound: str, known: Known) -> list[Part] | None:
    """A hyphenated compound's parts: a leading prefix ("counter-", "anti-", "ex-"), glue words,
    and words, each word known or itself split; None unless every part is explained."""
    prefixes, _ = affixes()
    pieces = [p for p in compound.lower().split("-") if p]
    if len(pieces) < 2:
        return None
    parts: list[Part] = []
    for number, piece in enumerate(pieces):
        if number == 0 and piece in prefixes:
            parts.append(Part(piece + "-", "prefix", prefixes[piece]))
        elif piece in GLUE:
            parts.append(Part(piece, "glue"))
        elif known(piece):
            parts.append(Part(piece, "word"))
        else:
            parts.extend(split_word(piece, known) or [Part(piece, "word")])
    if any(p.kind == "word" and not known(p.text) for p in parts):
        return None  # "Jong-un" is a name, not "jong" + "UN"
    return parts


def _analyse(
    word: str,
    known: Known,
    budget: int,
    memo: dict[tuple[str, int], list[Part] | None],
    top: bool = False,
) -> list[Part] | None:
    if (word, budget) in memo:
        return memo[(word, budget)]
    memo[(word, budget)] = None  # no cycles through the same state
    if not top and len(word) >= MIN_STEM and known(word):
        memo[(word, budget)] = [Part(word, "word")]
        return memo[(word, budget)]
    if budget == 0:
        return None
    prefixes, suffixes = affixes()
    options: list[list[Part]] = []
    for prefix, meaning in prefixes.items():
        rest = word[len(prefix) :].lstrip("-")
        if word.startswith(prefix) and len(rest) >= MIN_STEM:
            tail = _analyse(rest, known, budget - 1, memo)
            if tail:
                options.append([Part(prefix + "-", "prefix", meaning), *tail])
    for suffix, meaning in suffixes.items():
        base = word[: -len(suffix)]
        if word.endswith(suffix) and len(base) >= MIN_STEM:
            for stem in _stems(base):
                head = _analyse(stem, known, budget - 1, memo)
                if head:
                    options.append([*head, Part("-" + suffix, "suffix", meaning)])
                    break
    best = min(options, key=_cost, default=None)
    memo[(word, budget)] = best
    return best


def _cost(parts: list[Part]) -> tuple[int, int]:
    stem = max((len(p.text) for p in parts if p.kind == "word"), default=0)
    return len(parts), -stem


def _stems(base: str) -> list[str]:
    """Spellings a stem may have had before its suffix: "declar" (declare), "happi" (happy),
    "bigg" (big)."""
    out = [base]
    if base[-1] not in _VOWELS:
        out.append(base + "e")
    if base.endswith("i"):
        out.append(base[:-1] + "y")
    if len(base) > 3 and base[-1] == base[-2] and base[-1] not in _VOWELS:
        out.append(base[:-1])
    return out
