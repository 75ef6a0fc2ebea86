"""Multi-word terms for a text's study list, counted once per text and kept.

The reader matches phrases when a sentence is shown (:class:`reader.learn.phrases.PhraseIndex`),
so a dictionary imported today finds its phrases in every text. Matching a whole novel takes
seconds, too slow for a list asked for many times, so a text's counts are kept in
``text_phrases`` with a short fingerprint of the phrase set they were counted against (the enabled
sources and their sizes, and the learner's own multi-word terms). Names ("North Korea": every
word capitalized, as the tagger does not always call them PROPN) are left out, as single names
are. A text is counted when it is imported and, when the fingerprint changed, by the reader's
background catch-up (:mod:`reader.learn.after_import`), so a study list seldom has to; one that
finds its text stale (read in a millisecond) counts it then, as a last resort.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import sqlite_utils

from reader.learn.phrases import PhraseIndex, third_language_sources
from reader.learn.texts import TokenRow
from reader.store.tokens import UPOS, decode_sentence

if TYPE_CHECKING:  # the text pipeline: a study list needs only the type
    from reader.text.pipeline import AnalyzedSentence

TAGS = frozenset(UPOS)

COUNTING = 5  # how phrases are counted: part of the fingerprint, so a change counts again


def phrase_set(db: sqlite_utils.Database, lang: str) -> str:
    """What identifies the phrases :meth:`PhraseIndex.from_db` would find, cheaply: the enabled
    sources, the learner's own phrases and, with a native language set, the sources left out as
    glossed in a third language (so setting or changing it counts the texts again when that
    changes which phrases are terms, and only then)."""
    sources = db.execute(
        "SELECT id, kind, entry_count FROM lex_sources WHERE enabled = 1 AND lang = ? ORDER BY id",
        (lang,),
    ).fetchall()
    mine = db.execute(
        "SELECT key FROM terms WHERE lang = ? AND key LIKE '% %' ORDER BY key", (lang,)
    ).fetchall()
    skipped = third_language_sources(db, lang)
    key = (COUNTING, sources, mine, skipped) if skipped else (COUNTING, sources, mine)
    return hashlib.sha1(repr(key).encode()).hexdigest()[:16]


def stale_texts(db: sqlite_utils.Database, lang: str) -> list[int]:
    """The texts of ``lang`` not counted against the phrase set as it is now (newest first: the
    one just imported is the likeliest to be studied)."""
    wanted = phrase_set(db, lang)
    return [
        int(i)
        for (i,) in db.execute(
            "SELECT t.id FROM texts t LEFT JOIN phrase_counts p ON p.text_id = t.id "
            "WHERE t.lang = ? AND (p.phrase_set IS NULL OR p.phrase_set != ?) ORDER BY t.id DESC",
            (lang, wanted),
        )
    ]


def count_texts(
    db: sqlite_utils.Database,
    text_ids: list[int],
    lang: str,
    progress: Callable[[int], None] | None = None,
    analysed: Sequence[AnalyzedSentence] | None = None,
) -> None:
    """Count the texts' phrases now (those not counted yet), before a study list asks; the
    phrase index is built once, and only if a text needs it. ``progress(done)`` after each.
    ``analysed``: the one text's analysis, just imported and still in memory (not read back)."""
    phrases: PhraseIndex | None = None
    wanted = phrase_set(db, lang)
    for n, text_id in enumerate(text_ids, start=1):
        row = db.execute(
            "SELECT phrase_set FROM phrase_counts WHERE text_id = ?", (text_id,)
        ).fetchone()
        if row is None or row[0] != wanted:
            phrases = phrases or PhraseIndex.from_db(db, lang)
            phrase_counts(db, text_id, lang, phrases, analysed if len(text_ids) == 1 else None)
        if progress is not None:
            progress(n)


def phrase_counts(
    db: sqlite_utils.Database,
    text_id: int,
    lang: str,
    phrases: PhraseIndex | None = None,
    analysed: Sequence[AnalyzedSentence] | None = None,
) -> dict[str, tuple[int, int]]:
    """Each phrase met in the text: its key -> (count, first sentence index). ``phrases``: an
    index already built (the running reader's), else one is built when the text must be counted;
    ``analysed``: the text's analysis when it is still in memory (counted from it, not read)."""
    wanted = phrase_set(db, lang)
    row = db.execute(
        "SELECT phrase_set FROM phrase_counts WHERE text_id = ?", (text_id,)
    ).fetchone()
    if row is not None and row[0] == wanted:
        return {
            str(k): (int(c), int(f))
            for k, c, f in db.execute(
                "SELECT key, count, first_idx FROM text_phrases WHERE text_id = ?", (text_id,)
            )
        }
    index = phrases or PhraseIndex.from_db(db, lang)
    if analysed is not None:
        counts = count_in(_analysed_tokens(analysed), index)
    else:
        counts = count_phrases(db, text_id, index)
    with db.conn:
        db.execute("DELETE FROM text_phrases WHERE text_id = ?", (text_id,))
        db.conn.executemany(
            "INSERT INTO text_phrases (text_id, key, count, first_idx) VALUES (?, ?, ?, ?)",
            [(text_id, k, c, f) for k, (c, f) in counts.items()],
        )
        db.execute(
            "INSERT OR REPLACE INTO phrase_counts (text_id, phrase_set) VALUES (?, ?)",
            (text_id, wanted),
        )
    return counts


def count_phrases(
    db: sqlite_utils.Database, text_id: int, phrases: PhraseIndex
) -> dict[str, tuple[int, int]]:
    """Match every sentence of the text as the reader does (one lemma table read, not one per
    sentence)."""
    if not phrases.size:
        return {}
    return count_in(_stored_tokens(db, text_id), phrases)


def count_in(
    sentences: Iterable[tuple[int, list[TokenRow]]], phrases: PhraseIndex
) -> dict[str, tuple[int, int]]:
    """Each phrase's count and first sentence over ``(idx, tokens)`` in text order."""
    out: dict[str, tuple[int, int]] = {}
    if not phrases.size:
        return out
    for idx, tokens in sentences:
        for match in phrases.match(tokens):
            if all(tokens[i].text[:1].isupper() for i in match.token_idxs):
                continue  # a name ("North Korea", "Victory Day"), left out as single names are
            count, first = out.get(match.key, (0, idx))
            out[match.key] = (count + 1, first)
    return out


def _stored_tokens(db: sqlite_utils.Database, text_id: int) -> Iterator[tuple[int, list[TokenRow]]]:
    names = {
        int(i): (str(lemma), str(key))
        for i, lemma, key in db.execute(
            "SELECT l.id, l.lemma, l.key FROM lemmas l WHERE l.id IN "
            "(SELECT lemma_id FROM occurrences WHERE text_id = ?)",
            (text_id,),
        )
    }
    rows = db.execute(
        "SELECT s.idx, s.text, s.start, k.data FROM sentences s "
        "JOIN sentence_tokens k ON k.sentence_id = s.id WHERE s.text_id = ? ORDER BY s.idx",
        (text_id,),
    )
    for idx, text, start, data in rows:
        tokens = []
        for n, (a, b, lemma_id, tag, is_word) in enumerate(decode_sentence(bytes(data), start)):
            lemma, key = names.get(lemma_id, ("", ""))
            surface = text[a - start : b - start]
            tokens.append(TokenRow(n, surface, a, b, lemma, UPOS[tag], is_word, key or None))
        yield int(idx), tokens


def _analysed_tokens(
    sentences: Sequence[AnalyzedSentence],
) -> Iterator[tuple[int, list[TokenRow]]]:
    """The same tokens as :func:`_stored_tokens` gives once the text is stored: the surface
    cut from the sentence, a tag outside UPOS kept as X (as the storage keeps it)."""
    for idx, sentence in enumerate(sentences):
        text, start = sentence.text, sentence.start
        yield (
            idx,
            [
                TokenRow(n, text[a - start : b - start], a, b, lemma,
                         pos if pos in TAGS else "X", bool(is_word), lemma.lower() or None)
                for n, (_surface, a, b, lemma, pos, is_word) in enumerate(sentence.tokens)
            ],
        )  # fmt: skip
