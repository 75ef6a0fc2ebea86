"""Checking typed answers: production and cloze (a term), listening (a whole sentence).

Checking forgives what does not show what the learner knows: case, accents, curly apostrophes
and the spaces around and between words. A term is right in any inflected form of its lemma
("went" for "go", "took over" for "take over"); one edit away from a right form is a near miss.
A sentence is scored word by word, and the differences are kept for the screen.

The result suggests a rating: wrong is Again, a near miss Hard, right Good.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

RIGHT, NEAR, WRONG = "right", "near", "wrong"
SUGGESTED = {RIGHT: 3, NEAR: 2, WRONG: 1}  # Good, Hard, Again

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def normalize(text: str) -> str:
    """Lowercase, without accents, apostrophes made straight, spaces collapsed and trimmed."""
    # upper() before casefold(): a few lowercase letters (dotless ı, final ς) fold only through
    # it; decomposing on both sides catches letters that fold into composed ones and back.
    folded = unicodedata.normalize("NFKD", text).upper().casefold()
    decomposed = unicodedata.normalize("NFKD", folded).translate(_APOSTROPHES)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.split())


def words(text: str) -> list[str]:
    """The words of ``text`` for scoring, normalized, punctuation left out."""
    return _WORD.findall(normalize(text))


def within_one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap of two
    neighbouring letters (Damerau)."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=4096)
def _forms(word: str) -> frozenset[str]:
    """Every inflected form of ``word`` as a lemma, with the word itself (lemminflect)."""
    from lemminflect import getAllInflections, getAllInflectionsOOV

    found = {word}
    for forms in getAllInflections(word).values():
        found.update(f.lower() for f in forms)
    if len(found) == 1:  # a word lemminflect does not know: regular forms
        for upos in ("NOUN", "VERB"):
            for forms in getAllInflectionsOOV(word, upos).values():
                found.update(f.lower() for f in forms)
    return frozenset(found)


def _lemmas(word: str) -> frozenset[str]:
    from lemminflect import getAllLemmas

    found = {word}
    for lemmas in getAllLemmas(word).values():
        found.update(lemma.lower() for lemma in lemmas)
    return frozenset(found)


def accepted_forms(lemma: str, written: str | None = None) -> frozenset[str]:
    """What counts as right for a term: its forms as written in the sentence and every
    inflection of its lemma (for a phrase, of its first word: "take over" -> "took over")."""
    key = normalize(lemma)
    forms = {key}
    if written:
        forms.add(normalize(written))
    parts = key.split()
    if parts:
        rest = " ".join(parts[1:])
        for form in _forms(parts[0]):
            forms.add(f"{form} {rest}".strip())
    return frozenset(f for f in forms if f)


@dataclass(frozen=True, slots=True)
class TermCheck:
    """The verdict on a typed term."""

    result: str  # right, near or wrong
    answer: str
    expected: str  # the form the sentence has, shown after the answer
    closest: str | None = None  # for a near miss: the right form it is one edit from

    @property
    def suggested_rating(self) -> int:
        return SUGGESTED[self.result]


def check_term(answer: str, lemma: str, written: str | None = None) -> TermCheck:
    """Check a typed term against the term's lemma and the form the sentence has."""
    typed = normalize(answer)
    expected = written or lemma
    if not typed:
        return TermCheck(WRONG, answer, expected)
    forms = accepted_forms(lemma, written)
    if typed in forms:
        return TermCheck(RIGHT, answer, expected)
    typed_parts = typed.split()
    key_parts = normalize(lemma).split()
    if (
        len(typed_parts) == len(key_parts)
        and typed_parts[1:] == key_parts[1:]
        and key_parts[0] in _lemmas(typed_parts[0])
    ):
        return TermCheck(RIGHT, answer, expected)  # a form lemminflect lemmatizes to the term
    for form in sorted(forms):
        if within_one_edit(typed, form):
            return TermCheck(NEAR, answer, expected, form)
    return TermCheck(WRONG, answer, expected)


# -- listening ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class WordDiff:
    """One step of the word-by-word comparison: ``kind`` is right, near, wrong (``typed``
    instead of ``expected``), missing (``expected`` not typed) or extra (``typed`` not said)."""

    kind: str
    expected: str | None
    typed: str | None


@dataclass(frozen=True, slots=True)
class SentenceCheck:
    diffs: tuple[WordDiff, ...]
    expected_words: int

    @property
    def right(self) -> int:
        return sum(1 for d in self.diffs if d.kind == RIGHT)

    @property
    def score(self) -> float:
        """Share of the sentence's words heard right, as the card shows it ("3 of 17 words,
        18%"): words typed that the sentence does not have take nothing away from it."""
        if not self.expected_words:
            return 1.0
        return self.right / self.expected_words

    @property
    def result(self) -> str:
        """right, near (a near miss counting half a word, an extra word typed half a word
        against, at least 80% of the sentence) or wrong: the rating suggested."""
        if all(d.kind == RIGHT for d in self.diffs):
            return RIGHT
        if not self.expected_words:
            return WRONG  # nothing was said, and something was typed
        near = sum(1 for d in self.diffs if d.kind == NEAR)
        extra = sum(1 for d in self.diffs if d.kind == "extra")
        credit = (self.right + 0.5 * near - 0.5 * extra) / self.expected_words
        return NEAR if credit >= 0.8 else WRONG

    @property
    def suggested_rating(self) -> int:
        return SUGGESTED[self.result]


def check_sentence(answer: str, sentence: str) -> SentenceCheck:
    """Score what was typed against the sentence, word by word (an alignment, so one missed
    word does not make every later word wrong)."""
    said, typed = words(sentence), words(answer)
    diffs: list[WordDiff] = []
    matcher = difflib.SequenceMatcher(a=said, b=typed, autojunk=False)
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            diffs.extend(WordDiff(RIGHT, w, w) for w in said[a0:a1])
        elif op == "delete":
            diffs.extend(WordDiff("missing", w, None) for w in said[a0:a1])
        elif op == "insert":
            diffs.extend(WordDiff("extra", None, w) for w in typed[b0:b1])
        else:
            pairs = list(zip(said[a0:a1], typed[b0:b1], strict=False))
            for expected, got in pairs:
                kind = NEAR if within_one_edit(expected, got) else WRONG
                diffs.append(WordDiff(kind, expected, got))
            diffs.extend(WordDiff("missing", w, None) for w in said[a0 + len(pairs) : a1])
            diffs.extend(WordDiff("extra", None, w) for w in typed[b0 + len(pairs) : b1])
    return SentenceCheck(tuple(diffs), len(said))
