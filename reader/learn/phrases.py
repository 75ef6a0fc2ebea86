"""Multi-word terms found in a sentence: collocations, phrasal verbs (even split ones), idioms.

Phrases come from every enabled gloss source (WordNet's collocations, the learner's dictionaries,
the shipped idiom list) and from the learner's own multi-word terms. They are matched when a
sentence is shown, not stored at import, so a dictionary imported today finds its phrases in
every text read before.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol

import sqlite_utils

from reader.learn.verb_particles import particle_is_there

# Particles of English phrasal verbs: a verb and one of these may be split by a short object
# ("took it over", "shoring the ties up").
PARTICLES = frozenset(
    (
        "about",
        "across",
        "ahead",
        "along",
        "apart",
        "around",
        "aside",
        "away",
        "back",
        "by",
        "down",
        "forth",
        "forward",
        "in",
        "into",
        "off",
        "on",
        "onto",
        "out",
        "over",
        "past",
        "round",
        "through",
        "together",
        "under",
        "up",
    )
)
PARTICLE_POS = frozenset({"ADP", "ADV", "PART"})
MAX_GAP = 3
# Words that can sit between a verb and its particle: pronouns, determiners and short noun groups.
GAP_POS = frozenset({"PRON", "DET", "NOUN", "PROPN", "ADJ", "NUM"})
GAP_POS_OR_ADV = GAP_POS | {"ADV"}
"""An adverb may sit there too: "delving deeper into", "looked closely at"."""
MAX_WORDS = 8
# After a split verb's particle, a word of these makes the "particle" a preposition with an
# object of its own ("get China on board"), so the phrasal verb is not there.
OBJECT_POS = frozenset({"NOUN", "PROPN", "DET", "PRON", "NUM"})


class TokenLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def lemma(self) -> str: ...
    @property
    def pos(self) -> str: ...
    @property
    def is_word(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class PhraseMatch:
    key: str
    token_idxs: tuple[int, ...]

    @property
    def split(self) -> bool:
        """A separated phrasal verb ("took it over")."""
        return self.token_idxs[-1] - self.token_idxs[0] + 1 != len(self.token_idxs)


class PhraseIndex:
    """Phrases by their first word, longest first, for one left-to-right pass per sentence."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        count = 0
        for phrase in phrases:
            words = tuple(phrase.lower().split())
            if 2 <= len(words) <= MAX_WORDS:
                self._by_first.setdefault(words[0], []).append(words)
                count += 1
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)
        self.size = count

    def with_phrase(self, phrase: str) -> PhraseIndex:
        """The index with ``phrase`` added, as a new index: this one never changes once made,
        so a worker reading it (the next sentence read ahead) never races the learner making a
        term of a span on the UI thread. Only the lists of the phrase's first word are copied."""
        words = tuple(phrase.lower().split())
        if not 2 <= len(words) <= MAX_WORDS or words in self._by_first.get(words[0], []):
            return self
        other = copy.copy(self)
        other._by_first = dict(self._by_first)
        candidates = [*self._by_first.get(words[0], []), words]
        candidates.sort(key=len, reverse=True)
        other._by_first[words[0]] = candidates
        other.size = self.size + 1
        return other

    @classmethod
    def from_db(
        cls, db: sqlite_utils.Database, lang: str = "en", native_lang: str | None = None
    ) -> PhraseIndex:
        """The multi-word headwords of the enabled sources and the learner's own terms, less
        WordNet's terms that only its words explain (see :func:`composed_terms`), and less the
        phrases only dictionaries into a third language list (see :func:`third_language_sources`:
        eng-fra's "absolute rule: autocratie" would be a term glossed in French for a German
        speaker). ``native_lang``: the learner's language, None for the configured one."""
        # lazy: the lexicon loads wordfreq's tables (~0.15 s)
        from reader.lexicon.senses.model import composed_terms

        skipped = third_language_sources(db, lang, native_lang)
        rows = db.execute(
            "SELECT e.headword, MAX(s.kind != 'wordnet') FROM lex_entries e JOIN lex_sources s "
            "ON s.id = e.source_id WHERE s.enabled = 1 AND s.lang = ? AND e.headword LIKE '% %' "
            "AND e.literal = 0 "  # "we have: wir haben" is two words, not a term
            f"AND s.id NOT IN ({', '.join('?' * len(skipped))}) GROUP BY e.headword",
            (lang, *skipped),
        ).fetchall()
        mine = db.execute(
            "SELECT key FROM terms WHERE lang = ? AND key LIKE '% %'", (lang,)
        ).fetchall()
        composed = composed_terms() if rows else frozenset()
        kept = [r[0] for r in rows if r[1] or r[0] not in composed]
        return cls(kept + [r[0] for r in mine])

    def match(self, tokens: Sequence[TokenLike]) -> list[PhraseMatch]:
        """Non-overlapping phrases, leftmost first and longest at each start."""
        found: list[PhraseMatch] = []
        taken: set[int] = set()
        # Each token's written form and lemma, lowercased once per sentence (not once per
        # phrase tried): what a phrase's word may be to fit it; () for punctuation.
        lowers = [t.text.lower() for t in tokens]
        lemmas = [t.lemma.lower() for t in tokens]
        forms = [
            (lo, le) if t.is_word else () for t, lo, le in zip(tokens, lowers, lemmas, strict=True)
        ]
        by_first = self._by_first
        for i, fits in enumerate(forms):
            if not fits or i in taken:
                continue
            lower, lemma = fits
            first = by_first.get(lemma, [])
            if lower != lemma:
                first = first + by_first.get(lower, [])
            if not first:
                continue
            # Only phrases whose second word is among the next few words can start here: a
            # cheap cut that keeps the order (a novel's 30,000 sentences in seconds, not minutes).
            near = set(lowers[i + 1 : i + MAX_GAP + 2])
            near.update(lemmas[i + 1 : i + MAX_GAP + 2])
            candidates = [w for w in first if w[1] in near]
            if not candidates:
                continue
            # A phrase written out whole is really there; a split one only maybe, so every
            # whole one is tried first: "took place in" is "take place", not "take (place) in".
            for split in (False, True):
                for words in candidates:
                    if split:
                        idxs = self._split_verb(tokens, forms, i, words)
                    else:
                        idxs = _contiguous(forms, i, words)
                    if (
                        idxs
                        and not taken.intersection(idxs)
                        and _plausible(tokens, idxs)
                        and particle_is_there(tokens, words, idxs)  # issue 18
                    ):
                        found.append(PhraseMatch(" ".join(words), idxs))
                        taken.update(idxs)
                        break
                else:
                    continue
                break
        return found

    def _split_verb(
        self,
        tokens: Sequence[TokenLike],
        forms: Sequence[tuple[str, ...]],
        start: int,
        words: tuple[str, ...],
    ) -> tuple[int, ...] | None:
        if len(words) != 2 or words[1] not in PARTICLES or tokens[start].pos != "VERB":
            return None
        for gap in range(1, MAX_GAP + 1):
            j = start + gap + 1
            if j >= len(tokens):
                return None
            between = tokens[start + 1 : j]
            if not all(t.is_word and t.pos in GAP_POS_OR_ADV for t in between):
                return None
            candidate = tokens[j]
            if candidate.pos in PARTICLE_POS and words[1] in forms[j]:
                after = tokens[j + 1] if j + 1 < len(tokens) else None
                # "get China on board": the verb's object between, so "on" takes "board" and
                # is no particle. "Delving deeper into China's": a comparative between, which
                # carries the verb's own action further, so "into" is the verb's preposition;
                # other adverbs ("looking straight into his eyes", "sitting here in the room")
                # leave a preposition of place, not a term
                if (
                    after is not None
                    and after.pos in OBJECT_POS
                    and not all(_comparative(t) for t in between)
                ):
                    return None
                if any(t.pos == "ADV" for t in between) and self._starts_phrase(
                    forms, range(start + 1, j + 1)
                ):
                    return None  # "standing close by", "walked slowly up and down"
                return (start, j)
        return None

    def _starts_phrase(self, forms: Sequence[tuple[str, ...]], positions: Iterable[int]) -> bool:
        """Whether a phrase of the index is written out whole from one of ``positions``: a
        phrase written out whole is really there, a split one only maybe, so the words' own
        phrase ("close by", "up and down") is read before a verb reaching over them."""
        for at in positions:
            for form in forms[at]:
                if any(_contiguous(forms, at, words) for words in self._by_first.get(form, ())):
                    return True
        return False


def third_language_sources(
    db: sqlite_utils.Database, lang: str, native_lang: str | None = None
) -> list[int]:
    """The enabled sources of ``lang`` whose glosses are in a third language (known, neither the
    learner's ``native_lang`` nor ``lang``): their phrases are no terms for this learner unless
    another source lists them too. None without a native language (every source counts), and
    ``native_lang`` None means the configured one."""
    if native_lang is None:
        from reader.config import load_config

        native_lang = load_config().native_lang
    if not native_lang:
        return []
    return [
        int(i)
        for (i,) in db.execute(
            "SELECT id FROM lex_sources WHERE enabled = 1 AND lang = ? AND target_lang IS NOT NULL "
            "AND target_lang NOT IN (?, ?) ORDER BY id",
            (lang, native_lang, lang),
        )
    ]


def _comparative(token: TokenLike) -> bool:
    """An adverb of degree in the comparative: "deeper", "further", "closer" (its lemma is
    another word: "never", "rather" are their own), or "more"."""
    if token.pos != "ADV":
        return False
    text = token.text.lower()
    return text in ("more", "further", "farther") or (
        text.endswith("er") and token.lemma.lower() != text
    )


def _contiguous(
    forms: Sequence[tuple[str, ...]], start: int, words: tuple[str, ...]
) -> tuple[int, ...] | None:
    """The phrase written out whole from ``start``: each of its words fits its token."""
    end = start + len(words)
    if end > len(forms):
        return None
    for k, word in enumerate(words):
        if word not in forms[start + k]:
            return None
    return tuple(range(start, end))


def _plausible(tokens: Sequence[TokenLike], idxs: tuple[int, ...]) -> bool:
    """Cheap guards against homographs of phrases: "in that" + noun ("in that dialogue") is not
    the conjunction, "did in 2018" is not the verb "do in", and "a bit of French style" is the
    noun "bit" with its article, not the adverb "a bit" (somewhat)."""
    last = tokens[idxs[-1]]
    if last.pos == "DET" and last.lemma.lower() != "all":  # "after all", "once and for all"
        return False
    after = idxs[-1] + 1
    if (
        tokens[idxs[0]].text.lower() == "a"
        and after < len(tokens)
        and tokens[after].text.lower() == "of"
    ):
        return False  # "a lot of", "a little of": an article, a noun and its "of"
    return not (
        tokens[idxs[0]].pos in ("VERB", "AUX")
        and last.pos in PARTICLE_POS
        and after < len(tokens)
        and tokens[after].pos == "NUM"
    )
