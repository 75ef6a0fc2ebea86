"""Glosses for analyzed text, exactly as the reader shows them: ``analyze --glosses`` and
``gloss WORD --in SENTENCE``.

Both go through the reading session's own functions (:func:`~reader.learn.session.units_of`,
:func:`~reader.learn.session.glossable`, :func:`~reader.learn.session.unit_entry`), so a script
sees the gloss the learner would see for each word of each sentence: the same multi-word terms,
the same senses ranked by the same sentence, the learner's own gloss or chosen sense first.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

import sqlite_utils

from reader.learn.glossing import PARTS_KIND, PARTS_SOURCE, GlossEntry
from reader.learn.phrases import PhraseIndex
from reader.learn.session import Unit, glossable, unit_entry, units_of
from reader.learn.status import normalize_key
from reader.learn.text_senses import evidence_of
from reader.learn.texts import TokenRow
from reader.lexicon.lookup import Gloss
from reader.lexicon.readable import readable
from reader.lexicon.senses.discourse import TextEvidence


class NotInSentence(ValueError):
    """The word asked about is not in the sentence given."""


def token_rows(tokens: Sequence[Mapping[str, Any]]) -> list[TokenRow]:
    """``analyze`` tokens as the reader's token rows (a word counts towards its lemma's term)."""
    return [
        TokenRow(
            i,
            str(t["text"]),
            int(t["start"]),
            int(t["end"]),
            str(t["lemma"]),
            str(t["pos"]),
            bool(t["is_word"]),
            str(t["lemma"]).lower() if t["is_word"] else None,
        )
        for i, t in enumerate(tokens)
    ]


def first_gloss(entry: GlossEntry, unit: Unit) -> dict[str, Any] | None:
    """The contract's ``gloss`` object: the first gloss shown, or None when there is none."""
    if not entry.senses:
        return None
    first = entry.senses[0]
    return {
        "text": first.gloss,
        "source": first.source,
        "sense": first.sense_key,
        "term": unit.key if unit.is_phrase else None,
    }


def add_glosses(
    db: sqlite_utils.Database,
    sentences: list[dict[str, Any]],
    lang: str = "en",
    phrases: PhraseIndex | None = None,
    native_lang: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[dict[str, Any]]:
    """``analyze`` output with a ``gloss`` on every word token (changed in place, returned).

    A token inside a multi-word term carries the term's gloss. Names, numbers and punctuation
    have none, as in the reader; the learner's statuses do not matter here (a known word still
    gets the gloss its entry would show).
    """
    evidence = document_evidence(db, sentences)
    for number, sentence in enumerate(sentences, start=1):
        tokens = token_rows(sentence["tokens"])
        found: dict[int, dict[str, Any] | None] = {}
        for unit in units_of(tokens, phrases):
            gloss = None
            if glossable(tokens, unit):
                entry = unit_entry(db, tokens, unit, lang, native_lang, evidence=evidence)
                gloss = first_gloss(entry, unit)
            found.update(dict.fromkeys(unit.token_idxs, gloss))
        for i, token in enumerate(sentence["tokens"]):
            if token["is_word"]:
                token["gloss"] = found.get(i)
        if progress is not None and number % 200 == 0:
            progress(number, len(sentences))
    return sentences


def document_evidence(
    db: sqlite_utils.Database, sentences: Sequence[Mapping[str, Any]]
) -> TextEvidence:
    """What the whole document tells the ranker, built as the reader builds it per text."""
    return evidence_of(db, [token_rows(s["tokens"]) for s in sentences])


def gloss_in_sentence(
    db: sqlite_utils.Database,
    word: str,
    sentence: Mapping[str, Any],
    lang: str = "en",
    pos: str | None = None,
    native_lang: str | None = None,
    phrases: PhraseIndex | None = None,
) -> GlossEntry:
    """WORD's entry as the reader shows it when WORD is read in ``sentence`` (one ``analyze``
    sentence): its senses ranked by that sentence.

    WORD may be a form ("signaled"), a lemma ("signal") or a multi-word term the reader finds
    there ("shoring up"); the first occurrence counts. ``pos`` overrides the tagger's.

    Raises:
        NotInSentence: WORD does not occur in the sentence.
    """
    tokens = token_rows(sentence["tokens"])
    wanted = normalize_key(word)
    unit = _find(tokens, wanted, phrases)
    if unit is None:
        raise NotInSentence(f"“{word.strip()}” is not in the sentence")
    if pos and not unit.is_phrase:
        unit = Unit(unit.key, unit.token_idxs, pos, False, unit.surface)
    entry = unit_entry(db, tokens, unit, lang, native_lang)
    if unit.is_phrase and not entry.senses:
        return replace(entry, senses=_each_word(db, tokens, unit, lang, native_lang))
    return entry


def _each_word(
    db: sqlite_utils.Database,
    tokens: list[TokenRow],
    unit: Unit,
    lang: str,
    native_lang: str | None,
) -> list[Gloss]:
    """Words asked about together that no source lists as a term ("key player"): each word
    by the first gloss the reader shows for it in the sentence, marked as word parts ("key
    (serving as an essential component) + player (…)"); none if no word has a gloss."""
    found: list[str] = []
    for i in unit.token_idxs:
        token = tokens[i]
        word = Unit(token.term_key or token.text.lower(), (i,), token.pos, False, token.text)
        senses = unit_entry(db, tokens, word, lang, native_lang).senses
        short = readable(senses[0]).gloss.split("; ", 1)[0] if senses else ""
        found.append(f"{token.text} ({short})" if short else token.text)
    if all("(" not in part for part in found):
        return []
    return [Gloss(PARTS_SOURCE, PARTS_KIND, unit.key, None, 1, " + ".join(found))]


def _find(tokens: list[TokenRow], wanted: str, phrases: PhraseIndex | None) -> Unit | None:
    """The unit for ``wanted``: a multi-word term the reader finds there (by its key or as
    written), else a single word by its form or lemma."""
    if " " in wanted:
        for unit in units_of(tokens, phrases):
            if unit.is_phrase and wanted in (unit.key, normalize_key(unit.surface)):
                return unit
        return _words_in_a_row(tokens, wanted.split())
    for token in tokens:
        if token.is_word and token.term_key and wanted in (token.text.lower(), token.term_key):
            return Unit(token.term_key, (token.idx,), token.pos, False, token.text)
    return None


def _words_in_a_row(tokens: list[TokenRow], words: list[str]) -> Unit | None:
    """Words asked about together that no source lists as a term ("key player"): their tokens
    in a row, each by its form or lemma, as one unit; its entry explains each word by its sense
    in the sentence ("key (serving as an essential component) + player (…)")."""
    found = [t for t in tokens if t.is_word]
    for start in range(len(found) - len(words) + 1):
        run = found[start : start + len(words)]
        if run[-1].idx - run[0].idx != len(words) - 1:
            continue
        if all(w in (t.text.lower(), t.term_key) for t, w in zip(run, words, strict=True)):
            key = " ".join(t.term_key or t.text.lower() for t in run)
            surface = " ".join(t.text for t in run)
            return Unit(key, tuple(t.idx for t in run), run[0].pos, True, surface)
    return None
