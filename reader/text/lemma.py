"""Lemmas that follow UD English EWT conventions and are never invented.

A table learned from EWT (lowercased form + UPOS) decides first, because it
encodes the treebank's choices ("more" stays "more", "'s"/AUX is "be").  Forms
the table has not seen go to lemminflect, but its out-of-vocabulary rules produce
non-words ("Pakistani" -> "pakisty"), so a guess is only accepted when it is a
real English word; otherwise the surface form is the safest lemma for a learner.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import lru_cache

from reader.text.spelling import intended_word
from reader.text.tag_features import (
    fold_apostrophes,
    general_frequency,
    in_lexicon,
    lexicon_classes,
    listed_lemmas,
    sentence_mode,
)

OPEN_CLASSES = frozenset({"NOUN", "VERB", "ADJ", "ADV"})
_KEEP_FORM = frozenset({"PROPN", "PUNCT", "SYM"})
_GROUPED_NUMBER = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")
_PLAIN_WORD = re.compile(r"[a-z]+")
_ELONGATED = re.compile(r"([a-zA-Z])\1\1+")
_DEGREE = ("er", "est")
_MID_SENTENCE = frozenset({",", "&", "/", "'s", "'"})
_VERB_PREFIXES = frozenset(
    [
        "re",
        "co",
        "pre",
        "de",
        "un",
        "e",
        "mis",
        "over",
        "under",
        "out",
        "dis",
        "non",
        "post",
        "counter",
        "inter",
        "sub",
        "self",
    ]
)


@lru_cache(maxsize=32768)
def _in_lexicon(word: str) -> bool:
    """lemminflect's own dictionary, i.e. words it knows rather than guesses."""
    return in_lexicon(word.lower())


@lru_cache(maxsize=32768)
def is_real_word(word: str) -> bool:
    """A guessed lemma must be attested somewhere before a learner sees it."""
    # A direct look-up, not zipf_frequency(), which would tokenize "pic'" to "pic".
    return _in_lexicon(word) or general_frequency(word) > 0


def _guess(lower: str, upos: str) -> str:
    found = listed_lemmas(lower, upos)
    if not found:
        from lemminflect import getLemma

        try:
            found = getLemma(lower, upos)
        except Exception:  # unknown UPOS or odd characters: no guess
            return lower
    cand = str(found[0]) if found else lower
    if cand == lower or not _PLAIN_WORD.fullmatch(cand):
        return lower
    # Known to lemminflect in this word class, or at least a listed English word;
    # two-letter strings are too often abbreviations ("gps" -> "gp", "ans" -> "an").
    if upos in lexicon_classes(cand).split("|") or (len(cand) > 2 and is_real_word(cand)):
        return cand
    return lower


def lemma_rule(word: str, upos: str, guess: bool = True) -> str:
    """Fallback for forms the EWT table has never seen with this UPOS."""
    if not word:
        return word
    if upos in _KEEP_FORM:
        return word
    lower = word.lower()
    if upos == "NUM":
        if _GROUPED_NUMBER.fullmatch(word):
            return word.replace(",", "")
        return lower if word.isalpha() and not word.isupper() else word
    if upos not in OPEN_CLASSES:
        return lower
    if len(word) > 2 and "-" in word[1:-1]:
        # Hyphenated compound: its head is the last part in the usual case
        # ("five-year-olds"), and EWT lowercases such compounds.
        # Nouns inflect there; verbs only after a true prefix ("re-elected" ->
        # "re-elect"), so that "well-known" never becomes "well-know".
        head, _, last = lower.rpartition("-")
        inflects = upos == "NOUN" or (upos == "VERB" and head in _VERB_PREFIXES)
        if inflects and last.isalpha() and guess:
            return head + "-" + _guess(last, upos)
        return lower
    if upos == "NOUN" and lower.endswith("'s") and len(word) > 2:
        # "CD's", "video's" used as plurals: EWT lemmatizes to the bare noun.
        return lemma_rule(word[:-2], upos, guess)
    # Unknown capitalised adjectives are mostly demonyms ("Pakistani", "Sunni"),
    # which EWT keeps capitalised; single capitals are symbols ("C", "M").  Unseen
    # acronyms used as common nouns ("RFP", "IPO") are lowercased, as EWT mostly does.
    capital_kept = upos == "ADJ" or (upos == "NOUN" and len(word) == 1)
    if capital_kept and word[0].isupper() and not _in_lexicon(lower):
        return word
    if upos == "NOUN" and lower.endswith(("ing", "ings")) and len(lower) > 5:
        # Gerund nouns are their own lemma in EWT ("plumbing", "findings" -> "finding"),
        # where lemminflect would strip them to a verb stem.
        return lower[:-1] if lower.endswith("s") else lower
    if upos in ("ADJ", "ADV") and not lower.endswith(_DEGREE):
        # Only comparison changes an adjective's lemma; "worrying", "fledged" and
        # "dedicated" are adjectives in their own right in EWT.
        return lower
    return _guess(lower, upos) if guess else lower


def _decode(entry: str, form: str) -> str:
    if entry == "=":
        return form
    if entry == "_":
        return form.lower()
    return entry[1:]


def informative_capitals(words: list[str], mode: int | None = None) -> list[bool]:
    """Per word: is a leading capital a choice of the writer (mid-sentence, normal case)?

    ``mode`` is ``sentence_mode(words)`` when the caller has it already.
    """
    if sentence_mode(words) if mode is None else mode:
        return [False] * len(words)
    # after quotes, brackets, colons or dashes a capital may open a new sentence
    return [
        i > 0
        and w[:1].isupper()
        and not w.isupper()
        and (words[i - 1][:1].isalnum() or words[i - 1] in _MID_SENTENCE)
        for i, w in enumerate(words)
    ]


class Lemmatizer:
    """Table lookup with a per-(form, UPOS) memo, cheap enough for the hot path.

    ``cased`` holds EWT's choices for capitalised forms in the middle of normally
    cased sentences, where they differ from the lowercase table: EWT keeps the
    capital of adjectives in names ("Urban Development", "Superior Court").
    """

    def __init__(self, table: dict[str, str], cased: dict[str, str] | None = None) -> None:
        self._table = table
        self._cased = cased or {}
        self._memo: dict[tuple[str, str, bool], str] = {}

    def known(self, lower: str, upos: str) -> bool:
        """EWT's training data has this lowercase form with this UPOS."""
        return lower + "\t" + upos in self._table

    def __call__(self, word: str, upos: str, capital: bool = False) -> str:
        """capital: the word's leading capital is informative (see informative_capitals)."""
        key = (word, upos, capital)
        got = self._memo.get(key)
        if got is None:
            got = self._compute(word, upos, capital)
            if len(self._memo) < 200_000:
                self._memo[key] = got
        return got

    def _compute(self, word: str, upos: str, capital: bool = False) -> str:
        form = fold_apostrophes(word)
        if capital:
            entry = self._cased.get(form + "\t" + upos)
            if entry is not None:
                return _decode(entry, form)
            if upos == "ADJ" and form[:1].isupper():
                base = self._compute(word, upos)
                if base[:1].islower() and base[1:] == base[1:].lower():
                    return base[:1].upper() + base[1:]
                return base
        entry = self._table.get(form.lower() + "\t" + upos)
        if entry is None:
            plain = self._unelongated(form, upos)
            if plain:
                return self._compute(plain, upos, capital)
            meant = self._respelled(form, upos)
            if meant:
                return self._compute(meant, upos)
            return lemma_rule(form, upos)
        return _decode(entry, form)

    def _respelled(self, form: str, upos: str) -> str | None:
        """A typo's intended word ("diffrent" -> "different"); acronyms are left alone."""
        if upos not in OPEN_CLASSES or form.isupper():
            return None
        return intended_word(form.lower(), upos)

    def _unelongated(self, form: str, upos: str) -> str | None:
        """ "sooooo" is "so" and "prettty" is "pretty", if the shortened word is known."""
        if upos not in OPEN_CLASSES or not _ELONGATED.search(form) or _in_lexicon(form):
            return None
        cands = [_ELONGATED.sub(r"\1\1", form), _ELONGATED.sub(r"\1", form)]
        for cand in cands:
            if self.known(cand.lower(), upos):
                return cand
        for cand in cands:
            if _in_lexicon(cand.lower()):
                return cand
        return None


def _votes_winner(v: Counter[str]) -> str:
    prio = {"_": 2, "=": 1}
    best = max(v.items(), key=lambda kv: (kv[1], prio.get(kv[0], 0), kv[0]))[0]
    if best == "=":
        # Seen only capitalised: spell the lemma out, so that "german" and "GERMAN"
        # also get EWT's "German".
        for cand, n in v.items():
            lem = cand[1:]
            if n == v["="] and cand[0] == "!" and lem[:1].isupper() and not lem[1:].isupper():
                return cand
    return best


def _vote(v: Counter[str], form: str, lemma: str) -> None:
    f, lem = fold_apostrophes(form), fold_apostrophes(lemma)
    v["!" + lem] += 1
    if lem == f:
        v["="] += 1
    if lem == f.lower():
        v["_"] += 1


def build_cased_table(
    sents: Iterable[list[tuple[str, str, str]]], table: dict[str, str]
) -> dict[str, str]:
    """Exact-case entries for capitalised words where the capital is informative.

    Only open-class words, and only where EWT's vote differs from what the
    lowercase table (plus the capitalised-adjective default) would give.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for sent in sents:
        flags = informative_capitals([fold_apostrophes(f) for f, _, _ in sent])
        for (form, upos, lemma), flag in zip(sent, flags, strict=True):
            if flag and upos in OPEN_CLASSES:
                _vote(votes[fold_apostrophes(form) + "\t" + upos], form, lemma)
    plain = Lemmatizer(table)
    out: dict[str, str] = {}
    for key, v in votes.items():
        best = _votes_winner(v)
        form, upos = key.split("\t")
        if _decode(best, form) != plain(form, upos, True):
            out[key] = best
    return out


def build_table(tokens: Iterable[tuple[str, str, str]]) -> dict[str, str]:
    """Learn the lookup table from (form, UPOS, gold lemma) triples of a treebank.

    Keys are "lowercased form<TAB>UPOS"; values are "=" (keep the form), "_"
    (lowercase it) or "!" + an explicit lemma, chosen by vote, so that EWT's case
    conventions survive: "Pakistani"/ADJ stays capitalised while "The"/DET is
    lowercased.  Entries the closed-class fallback reproduces are left out.
    """
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for form, upos, lemma in tokens:
        _vote(votes[fold_apostrophes(form).lower() + "\t" + upos], form, lemma)
    table: dict[str, str] = {}
    for key, v in votes.items():
        best = _votes_winner(v)
        upos = key.split("\t")[1]
        if upos in _KEEP_FORM and best == "=":
            continue
        if best == "_" and upos not in OPEN_CLASSES | _KEEP_FORM | {"NUM", "X"}:
            continue
        table[key] = best
    return table
