"""Which multi-word headwords of a bilingual dictionary are terms, and which are just their words.

FreeDict lists "we have: wir haben", "there is: es gibt", "the north: nordwärts" beside real
idioms ("take place", "key player"). Shown as terms, the former flood the glosses panel and hide
the words a learner needs glossed. The rule, stated once and tested on its own sentences:

    A multi-word headword of an imported dictionary is the sum of its words (not a term) when
    no built-in source lists it (WordNet, the shipped idioms) and every one of its words is
    either among the commonest English words (Zipf >= 5.5: about the 300 commonest forms, "we",
    "have", "the", "take") or translated literally (one of the word's own translations in the
    same dictionary shares its stem with a word of the phrase's translation: "the potential:
    das Potenzial", "in Ukraine: in der Ukraine").

"key player: Leistungsträger" stays a term ("key" is neither that common nor translated
literally), and so do "take place" and "rule out" (WordNet lists them).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import lru_cache

import sqlite_utils
import wordfreq

from reader.lexicon.base import Row
from reader.lexicon.frequency import zipf

COMMON_ZIPF = 5.5
STEM = 5
"""Letters two words must share at the start to count as one stem ("aktiv", "aktiver")."""

_BRACKETED = re.compile(r"\([^()]*\)|\[[^\]]*\]")
_SPLIT = re.compile(r"[,;/\s]+")  # runs at once: fewer empty pieces to strip and drop
_PUNCTUATION = ".!?\"'…"


def is_literal(
    headword: str,
    glosses: Iterable[str],
    word_glosses: Mapping[str, Iterable[str]],
    built_in: frozenset[str] | set[str],
    stems: Callable[[str], frozenset[str]] | None = None,
    is_common: Callable[[str], bool] | None = None,
) -> bool:
    """Is ``headword`` the sum of its words (see the module's rule)?

    Args:
        headword: the dictionary's headword, lower-cased ("we have").
        glosses: its translation groups' glosses in that dictionary.
        word_glosses: the same dictionary's glosses of single words, by headword.
        built_in: multi-word headwords the built-in sources (WordNet, idioms) list.
        stems: a word's translation stems, when the caller keeps them (an import asks for the
            same common words' stems thousands of times).
        is_common: whether a word is among the commonest, when the caller keeps that too.
    """
    words = headword.split()
    if len(words) < 2 or headword in built_in:
        return False
    common = is_common or (lambda word: zipf(word) >= COMMON_ZIPF)
    rare = [word for word in words if not common(word)]
    if not rare:
        return True
    own = stems or (lambda word: _stems(word_glosses.get(word, ())))
    theirs = [own(word) for word in rare]
    if not all(theirs):
        return False  # a rare word the dictionary does not translate on its own
    phrase = _stems(glosses)
    return all(stem & phrase for stem in theirs)


def _stems(glosses: Iterable[str]) -> frozenset[str]:
    """The stems of the words of ``glosses``' translations (their first lines), lower-cased,
    without genders and labels; words of three letters or fewer ("der", "in", "sich") say
    nothing about a stem. One loop, as an import asks it of a quarter of a million glosses."""
    stems: set[str] = set()
    add = stems.add
    for gloss in glosses:
        first = gloss.partition("\n")[0]
        if "(" in first or "[" in first:
            first = _BRACKETED.sub(" ", first)
        for word in _SPLIT.split(first.lower()):
            word = word.strip(_PUNCTUATION)
            if len(word) > 3:
                add(word[:STEM])
    return frozenset(stems)


_PLAIN = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _frequent() -> frozenset[str]:
    """The words wordfreq puts within 0.1 of :data:`COMMON_ZIPF` or above (about 400).

    A plain word (letters a-z: wordfreq reads it as one token, its own) outside this set is
    below COMMON_ZIPF, so an import need not ask wordfreq about each of the sixty thousand
    words of a dictionary's phrases. wordfreq's list is in buckets of a hundredth of a Zipf
    step, commonest first: bucket ``i`` is Zipf ``9 - i / 100``.
    """
    buckets = wordfreq.get_frequency_list("en")
    last = round((9 - COMMON_ZIPF + 0.1) * 100)
    return frozenset(word for bucket in buckets[: last + 1] for word in bucket)


def built_in_phrases(db: sqlite_utils.Database) -> frozenset[str]:
    """The multi-word headwords of the built-in sources (WordNet, the shipped idioms)."""
    return frozenset(
        r[0]
        for r in db.conn.execute(
            "SELECT DISTINCT e.headword FROM lex_entries e JOIN lex_sources s "
            "ON s.id = e.source_id WHERE s.kind IN ('wordnet', 'idioms') AND e.headword LIKE '% %'"
        )
    )


def literal_headwords(rows: Sequence[Row], built_in: frozenset[str]) -> set[str]:
    """The multi-word headwords of ``rows`` (one dictionary's) that are just their words, by
    :func:`is_literal`'s rule."""
    glosses = Glosses()
    glosses.add((row[0], row[3]) for row in rows)
    return glosses.literal(built_in)


class Glosses:
    """One dictionary's glosses by headword, gathered as its rows are read (in the child that
    parses an import's entries, or from the rows), and the literal rule over them."""

    def __init__(self) -> None:
        self.by_headword: dict[str, list[str]] = {}

    def add(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Gather (headword, gloss) pairs."""
        by_headword = self.by_headword
        for headword, gloss in pairs:
            glosses = by_headword.get(headword)
            if glosses is None:
                by_headword[headword] = [gloss]
            else:
                glosses.append(gloss)

    def literal(self, built_in: frozenset[str] = frozenset()) -> set[str]:
        """The multi-word headwords that are just their words, by :func:`is_literal`'s rule,
        except those of ``built_in``. Each word's frequency and translation stems are found
        once, however many phrases hold it, and the rule is one loop here, its lookups inlined:
        an import asks it of a quarter of a million phrases."""
        by_headword = self.by_headword
        frequent = _frequent()
        common: dict[str, bool] = {}
        known: dict[str, frozenset[str]] = {}
        found: set[str] = set()
        for headword, glosses in by_headword.items():
            if " " not in headword or headword in built_in:
                continue
            words = headword.split()
            if len(words) < 2:
                continue
            theirs: list[frozenset[str]] = []
            for word in words:
                is_common = common.get(word)
                if is_common is None:
                    is_common = common[word] = _common(word, frequent)
                if is_common:
                    continue
                stems = known.get(word)
                if stems is None:
                    stems = known[word] = _stems(by_headword.get(word, ()))
                if not stems:
                    break  # a rare word the dictionary does not translate on its own
                theirs.append(stems)
            else:
                if theirs:
                    phrase = _stems(glosses)
                    if not all(stem & phrase for stem in theirs):
                        continue
                found.add(headword)
        return found


def _common(word: str, frequent: frozenset[str]) -> bool:
    """Whether ``word`` is among the commonest (Zipf >= COMMON_ZIPF); a plain word outside
    :func:`_frequent` is not, and wordfreq need not be asked."""
    if word not in frequent and _PLAIN.fullmatch(word) is not None:
        return False
    return zipf(word) >= COMMON_ZIPF


def mark_literal(db: sqlite_utils.Database, rows: list[Row]) -> list[Row]:
    """``rows`` (one dictionary's) with ``literal`` set on the multi-word headwords that are
    just their words (see :func:`literal_headwords`)."""
    return with_literal(rows, literal_headwords(rows, built_in_phrases(db)))


def with_literal(rows: list[Row], headwords: set[str]) -> list[Row]:
    """``rows`` with ``literal`` set on those of ``headwords``."""
    if not headwords:
        return rows
    return [row._replace(literal=True) if row[0] in headwords else row for row in rows]
