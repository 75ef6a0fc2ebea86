"""A concordance: every sentence of the library that holds a term, in any of its forms.

A learner who meets "reluctant" wants to see it used elsewhere; one who looks for "went" means
"go" in all its forms. The occurrence index (:mod:`reader.store.tokens`) gives the sentences
holding a lemma without reading any text; a multi-word term ("take over") is looked for in the
sentences holding all of its words, then checked in order, with the reader's gap for split
phrasal verbs ("took it over").
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from reader.learn.status import normalize_key
from reader.store.tokens import (
    StoredToken,
    count_sentences_with,
    key_lemma_ids,
    sentence_tokens,
    sentences_with,
)
from reader.text import analyze

DEFAULT_LIMIT = 100
PHRASE_GAP = 3  # other tokens allowed between two words of a phrase, as in the reader
PHRASE_CANDIDATES = 5000  # sentences checked for a phrase made of very common words


@dataclass(frozen=True, slots=True)
class Hit:
    text_id: int
    idx: int
    sentence: str
    title: str
    spans: tuple[tuple[int, int], ...]  # of the term's words, offsets into ``sentence``

    def as_dict(self) -> dict[str, object]:
        return {
            "text_id": self.text_id,
            "idx": self.idx,
            "sentence": self.sentence,
            "title": self.title,
            "spans": [list(s) for s in self.spans],
        }


@dataclass(frozen=True, slots=True)
class Concordance:
    term: str
    keys: tuple[str, ...]  # the lemmas looked for ("go" for "went")
    total: int  # sentences found, of which ``hits`` holds the first ``limit``
    hits: list[Hit]


def lemma_keys(db: sqlite_utils.Database, term: str, lang: str = "en") -> tuple[str, ...]:
    """The term's words as lemma keys: as written when the library has such a lemma, else
    as the tagger lemmatizes them ("went" -> "go")."""
    key = normalize_key(term)
    if not key:
        return ()
    if " " not in key and key_lemma_ids(db.conn, key):
        return (key,)

    words = [t for s in analyze(key, lang) for t in s["tokens"] if t["is_word"]]
    return tuple(str(t["lemma"]).lower() for t in words) or (key,)


def find(
    db: sqlite_utils.Database, term: str, lang: str = "en", limit: int = DEFAULT_LIMIT
) -> Concordance:
    """The sentences holding ``term``, library order (texts by id), the first ``limit`` of
    them with the term's place; ``total`` counts them all."""
    keys = lemma_keys(db, term, lang)
    if not keys:
        return Concordance(term, keys, 0, [])
    if len(keys) == 1:  # every sentence the index gives holds the word
        places = sentences_with(db.conn, keys[0], lang=lang, limit=limit)
        hits = [h for h in _hits(db, places, keys) if h is not None]
        return Concordance(term, keys, count_sentences_with(db.conn, keys[0], lang=lang), hits)
    places = sentences_with(db.conn, keys[0], lang=lang)
    for key in keys[1:]:
        places = sorted(set(places) & set(sentences_with(db.conn, key, lang=lang)))
    found = [h for h in _hits(db, places[:PHRASE_CANDIDATES], keys) if h is not None]
    return Concordance(term, keys, len(found), found[:limit])


def _hits(
    db: sqlite_utils.Database, places: list[tuple[int, int]], keys: tuple[str, ...]
) -> list[Hit | None]:
    """A hit for each place (None where a phrase's words are not in order), a text's
    sentences read in one query."""
    by_text: dict[int, list[int]] = {}
    for text_id, idx in places:
        by_text.setdefault(text_id, []).append(idx)
    rows: dict[tuple[int, int], tuple[int, str, int]] = {}
    titles: dict[int, str] = {}
    for text_id, indexes in by_text.items():
        titles[text_id] = str(
            db.execute("SELECT title FROM texts WHERE id = ?", (text_id,)).fetchone()[0]
        )
        for first in range(0, len(indexes), 500):
            chunk = indexes[first : first + 500]
            marks = ",".join("?" * len(chunk))
            for sid, idx, text, start in db.execute(
                f"SELECT id, idx, text, start FROM sentences WHERE text_id = ? "
                f"AND idx IN ({marks})",
                [text_id, *chunk],
            ):
                rows[(text_id, int(idx))] = (int(sid), str(text), int(start))
    out: list[Hit | None] = []
    for place in places:
        if place not in rows:
            continue
        sid, text, start = rows[place]
        spans = _spans(sentence_tokens(db.conn, sid), keys, start)
        out.append(Hit(place[0], place[1], text, titles[place[0]], spans) if spans else None)
    return out


def _spans(
    tokens: list[StoredToken], keys: tuple[str, ...], start: int
) -> tuple[tuple[int, int], ...] | None:
    """Where the term's words are in the sentence (offsets into its text), or None."""
    for i, token in enumerate(tokens):
        if token[7] != keys[0]:
            continue
        chosen = [i]
        for key in keys[1:]:
            last = chosen[-1]
            nxt = next(
                (j for j in range(last + 1, min(len(tokens), last + 2 + PHRASE_GAP))
                 if tokens[j][7] == key),
                None,
            )  # fmt: skip
            if nxt is None:
                break
            chosen.append(nxt)
        if len(chosen) == len(keys):
            return tuple((tokens[j][2] - start, tokens[j][3] - start) for j in chosen)
    return None
