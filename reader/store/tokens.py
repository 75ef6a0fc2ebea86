"""How a text's analysed tokens are kept: one compact row per sentence, and an occurrence index.

A token row per token (with its surface, lemma and tag as text, and three indexes) made War and
Peace take 18 times its size on disk; a hundred novels would have carried about 6 GB. Now:

- ``lemmas`` interns every lemma once (its ``key`` is the term key a word counts towards, the
  lemma lowercased);
- ``sentence_tokens`` holds each sentence's tokens as one blob of unsigned varints, four per
  token: the gap since the previous token's end (zigzag, so a damaged order still encodes),
  the length, the lemma id, and the tag (UPOS index * 2 + is_word). The surface is the
  sentence's text between the offsets, so it is not stored again;
- ``occurrences`` is the index from a lemma to the sentences of a text that hold it as a word:
  one row per (text, lemma) with the count of running words it stands for (names left out,
  as the unknown share counts them) and the sentence indexes, delta-encoded. Texts are written
  once and never edited, so a packed posting list costs nothing to keep current.

Readers get back the same 8-tuples the old table gave
(``idx, surface, start, end, lemma, pos, is_word, term_key``), so callers only change the call.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

UPOS = (
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM",
    "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
)  # fmt: skip
_TAG = {pos: i for i, pos in enumerate(UPOS)}
_OTHER = _TAG["X"]
NAME_POS = "PROPN"

TokenTuple = tuple[str, int, int, str, str, bool]
"""(surface, start, end, lemma, pos, is_word), absolute offsets: the pipeline's token."""

StoredToken = tuple[int, str, int, int, str, str, bool, str | None]
"""(idx, surface, start, end, lemma, pos, is_word, term_key): a token as readers get it."""

_VARS = 500  # bound parameters per IN (...) query, well under SQLite's limit


class DamagedTokens(ValueError):
    """A sentence's token blob does not decode (a damaged page): ``doctor`` analyses again."""


def encode_varints(values: Iterable[int]) -> bytes:
    out = bytearray()
    append = out.append
    for v in values:
        while v > 0x7F:
            append((v & 0x7F) | 0x80)
            v >>= 7
        append(v)
    return bytes(out)


def decode_varints(data: bytes) -> list[int]:
    values: list[int] = []
    append = values.append
    value = shift = 0
    for byte in data:
        if byte < 0x80:
            append(value | (byte << shift))
            value = shift = 0
        else:
            value |= (byte & 0x7F) << shift
            shift += 7
    if shift:
        raise DamagedTokens("a token blob ends inside a number")
    return values


def encode_sentence(tokens: Sequence[TokenTuple], start: int, ids: dict[str, int]) -> bytes:
    """The blob of one sentence's tokens (offsets relative to the previous token's end)."""
    values: list[int] = []
    extend = values.extend
    previous = start
    for _surface, a, b, lemma, pos, is_word in tokens:
        gap = a - previous
        extend((gap << 1 if gap >= 0 else (-gap << 1) - 1, b - a, ids[lemma],
                (_TAG.get(pos, _OTHER) << 1) | bool(is_word)))  # fmt: skip
        previous = b
    return encode_varints(values)


def decode_sentence(data: bytes, start: int) -> list[tuple[int, int, int, int, bool]]:
    """(start, end, lemma id, UPOS index, is_word) of each token of a sentence starting at
    ``start``."""
    values = decode_varints(data)
    if len(values) % 4:
        raise DamagedTokens("a token blob holds a partial token")
    out = []
    previous = start
    for i in range(0, len(values), 4):
        gap, length, lemma_id, tag = values[i : i + 4]
        a = previous + (gap >> 1 if not gap & 1 else -((gap + 1) >> 1))
        previous = a + length
        if tag >> 1 >= len(UPOS):
            raise DamagedTokens("a token blob holds an unknown tag")
        out.append((a, previous, lemma_id, tag >> 1, bool(tag & 1)))
    return out


def lemma_ids(conn: sqlite3.Connection, lemmas: Iterable[str]) -> dict[str, int]:
    """The id of every lemma, interning new ones (inside the caller's write transaction)."""
    wanted = list(set(lemmas))
    ids: dict[str, int] = {}
    for first in range(0, len(wanted), _VARS):
        chunk = wanted[first : first + _VARS]
        marks = ",".join("?" * len(chunk))
        ids.update(
            (str(lemma), int(i))
            for i, lemma in conn.execute(
                f"SELECT id, lemma FROM lemmas WHERE lemma IN ({marks})", chunk
            )
        )
    new = [lemma for lemma in wanted if lemma not in ids]
    if new:
        next_id = int(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM lemmas").fetchone()[0])
        rows = [(next_id + i, lemma, lemma.lower()) for i, lemma in enumerate(new)]
        conn.executemany("INSERT INTO lemmas (id, lemma, key) VALUES (?, ?, ?)", rows)
        ids.update((lemma, i) for i, lemma, _ in rows)
    return ids


def store_tokens(
    conn: sqlite3.Connection,
    text_id: int,
    sentences: Sequence[tuple[int, int, int, Sequence[TokenTuple]]],
) -> None:
    """Write the tokens of a text's sentences ``(sentence id, idx, start, tokens)``, in text
    order, and the text's occurrence index."""
    ids = lemma_ids(conn, (t[3] for *_, tokens in sentences for t in tokens))
    postings: dict[int, list[int]] = {}  # lemma id -> [running words, idx, idx, ...]
    blobs = []
    for sentence_id, idx, start, tokens in sentences:
        blobs.append((sentence_id, encode_sentence(tokens, start, ids)))
        for token in tokens:
            if not token[5]:
                continue
            lemma_id = ids[token[3]]
            found = postings.get(lemma_id)
            if found is None:
                postings[lemma_id] = found = [0, idx]
            elif found[-1] != idx:
                found.append(idx)
            if token[4] != NAME_POS:
                found[0] += 1
    conn.executemany("INSERT INTO sentence_tokens (sentence_id, data) VALUES (?, ?)", blobs)
    conn.executemany(
        "INSERT INTO occurrences (text_id, lemma_id, words, sentences) VALUES (?, ?, ?, ?)",
        (
            (text_id, lemma_id, found[0], encode_varints(_deltas(found[1:])))
            for lemma_id, found in postings.items()
        ),
    )


def _deltas(indexes: list[int]) -> list[int]:
    return [b - a for a, b in zip([0, *indexes], indexes, strict=False)]


def first_index(data: bytes) -> int:
    """The first sentence index of a posting list: its first delta, counted from 0."""
    end = 0
    while data[end] & 0x80:
        end += 1
    return decode_varints(data[: end + 1])[0]


def sentence_indexes(data: bytes) -> list[int]:
    """The sentence indexes of a posting list, in order."""
    out: list[int] = []
    total = 0
    for delta in decode_varints(data):
        total += delta
        out.append(total)
    return out


def delete_tokens(conn: sqlite3.Connection, text_id: int) -> None:
    """Remove a text's tokens, occurrence index and counted phrases (its sentences are removed
    by the caller)."""
    conn.execute(
        "DELETE FROM sentence_tokens WHERE sentence_id IN "
        "(SELECT id FROM sentences WHERE text_id = ?)",
        (text_id,),
    )
    conn.execute("DELETE FROM occurrences WHERE text_id = ?", (text_id,))
    conn.execute("DELETE FROM text_phrases WHERE text_id = ?", (text_id,))
    conn.execute("DELETE FROM phrase_counts WHERE text_id = ?", (text_id,))


def lemma_names(conn: sqlite3.Connection, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """``{id: (lemma, key)}`` for the given lemma ids."""
    wanted = list(set(ids))
    out: dict[int, tuple[str, str]] = {}
    for first in range(0, len(wanted), _VARS):
        chunk = wanted[first : first + _VARS]
        marks = ",".join("?" * len(chunk))
        out.update(
            (int(i), (str(lemma), str(key)))
            for i, lemma, key in conn.execute(
                f"SELECT id, lemma, key FROM lemmas WHERE id IN ({marks})", chunk
            )
        )
    return out


def tokens_from(conn: sqlite3.Connection, data: bytes, text: str, start: int) -> list[StoredToken]:
    """Decode one sentence's blob against its text (starting at offset ``start``)."""
    decoded = decode_sentence(data, start)
    names = lemma_names(conn, (t[2] for t in decoded))
    out: list[StoredToken] = []
    for idx, (a, b, lemma_id, tag, is_word) in enumerate(decoded):
        lemma, key = names.get(lemma_id, ("", ""))
        out.append(
            (idx, text[a - start : b - start], a, b, lemma, UPOS[tag], is_word,
             key if is_word else None)
        )  # fmt: skip
    return out


def sentence_tokens(conn: sqlite3.Connection, sentence_id: int) -> list[StoredToken]:
    """A sentence's tokens in order; empty when it has none stored."""
    row = conn.execute(
        "SELECT k.data, s.text, s.start FROM sentence_tokens k JOIN sentences s "
        "ON s.id = k.sentence_id WHERE k.sentence_id = ?",
        (sentence_id,),
    ).fetchone()
    if row is None:
        return []
    return tokens_from(conn, bytes(row[0]), str(row[1]), int(row[2]))


def key_lemma_ids(conn: sqlite3.Connection, key: str) -> list[int]:
    """The ids of the lemmas counting towards term ``key`` ("Paris" and "paris")."""
    return [int(r[0]) for r in conn.execute("SELECT id FROM lemmas WHERE key = ?", (key,))]


def sentences_with(
    conn: sqlite3.Connection,
    key: str,
    text_id: int | None = None,
    lang: str | None = None,
    limit: int | None = None,
) -> list[tuple[int, int]]:
    """``(text_id, idx)`` of the sentences holding a word of term ``key``, in library order
    (texts by id, then sentences); the first ``limit`` of them."""
    out: list[tuple[int, int]] = []
    for tid, blobs in _postings(conn, key, text_id, lang):
        if limit is not None and len(out) >= limit:
            break
        if len(blobs) == 1:
            indexes = sentence_indexes(blobs[0])
        else:  # "Well" and "well": one word, both lemmas' sentences
            indexes = sorted({i for blob in blobs for i in sentence_indexes(blob)})
        out += [(tid, i) for i in indexes]
    return out if limit is None else out[:limit]


_LOW = bytes(range(0x80))


def count_sentences_with(
    conn: sqlite3.Connection, key: str, text_id: int | None = None, lang: str | None = None
) -> int:
    """How many sentences hold a word of term ``key`` (a varint ends on each byte < 0x80, so a
    posting list is counted without decoding it)."""
    return sum(sentences_by_text(conn, key, text_id, lang).values())


def sentences_by_text(
    conn: sqlite3.Connection, key: str, text_id: int | None = None, lang: str | None = None
) -> dict[int, int]:
    """How many sentences of each text hold a word of term ``key`` (see
    :func:`count_sentences_with`); texts without it are left out."""
    out: dict[int, int] = {}
    for tid, blobs in _postings(conn, key, text_id, lang):
        if len(blobs) == 1:
            out[tid] = len(blobs[0]) - len(blobs[0].translate(None, _LOW))
        else:
            out[tid] = len({i for blob in blobs for i in sentence_indexes(blob)})
    return {tid: n for tid, n in out.items() if n}


def _postings(
    conn: sqlite3.Connection, key: str, text_id: int | None, lang: str | None
) -> list[tuple[int, list[bytes]]]:
    """The posting lists of a term's lemmas, by text, texts in id order."""
    ids = key_lemma_ids(conn, key)
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    sql = f"SELECT o.text_id, o.sentences FROM occurrences o WHERE o.lemma_id IN ({marks})"
    params: list[object] = list(ids)
    if text_id is not None:
        sql += " AND o.text_id = ?"
        params.append(text_id)
    if lang is not None:
        sql += " AND o.text_id IN (SELECT id FROM texts WHERE lang = ?)"
        params.append(lang)
    by_text: dict[int, list[bytes]] = {}
    for tid, data in conn.execute(sql + " ORDER BY o.text_id", params):
        by_text.setdefault(int(tid), []).append(bytes(data))
    return sorted(by_text.items())


def sentence_ids(conn: sqlite3.Connection, places: Sequence[tuple[int, int]]) -> list[int]:
    """The sentence ids of ``(text_id, idx)`` places, in the same order (missing ones left out)."""
    out: list[int] = []
    by_text: dict[int, list[int]] = {}
    for tid, idx in places:
        by_text.setdefault(tid, []).append(idx)
    found: dict[tuple[int, int], int] = {}
    for tid, indexes in by_text.items():
        for first in range(0, len(indexes), _VARS):
            chunk = indexes[first : first + _VARS]
            marks = ",".join("?" * len(chunk))
            found.update(
                ((tid, int(idx)), int(sid))
                for sid, idx in conn.execute(
                    f"SELECT id, idx FROM sentences WHERE text_id = ? AND idx IN ({marks})",
                    [tid, *chunk],
                )
            )
    out = [found[p] for p in places if p in found]
    return out


def text_keys(conn: sqlite3.Connection, text_id: int) -> set[str]:
    """The term keys of every word in a text."""
    return {
        str(r[0])
        for r in conn.execute(
            "SELECT DISTINCT l.key FROM occurrences o JOIN lemmas l ON l.id = o.lemma_id "
            "WHERE o.text_id = ?",
            (text_id,),
        )
    }


def rebuild_occurrences(conn: sqlite3.Connection, text_id: int) -> None:
    """A text's occurrence index again, from its sentences' token rows (``doctor --rescue``: the
    index is derived data, so it is rebuilt rather than copied). Blobs that do not decode are
    left out: such a text is analysed again anyway."""
    conn.execute("DELETE FROM occurrences WHERE text_id = ?", (text_id,))
    rows = conn.execute(
        "SELECT s.idx, s.start, k.data FROM sentences s JOIN sentence_tokens k "
        "ON k.sentence_id = s.id WHERE s.text_id = ? ORDER BY s.idx",
        (text_id,),
    )
    postings: dict[int, list[int]] = {}
    name = _TAG[NAME_POS]
    for idx, start, data in rows:
        try:
            decoded = decode_sentence(bytes(data), int(start))
        except DamagedTokens:
            continue
        for _a, _b, lemma_id, tag, is_word in decoded:
            if not is_word:
                continue
            found = postings.get(lemma_id)
            if found is None:
                postings[lemma_id] = found = [0, int(idx)]
            elif found[-1] != idx:
                found.append(int(idx))
            if tag != name:
                found[0] += 1
    conn.executemany(
        "INSERT INTO occurrences (text_id, lemma_id, words, sentences) VALUES (?, ?, ?, ?)",
        (
            (text_id, lemma_id, found[0], encode_varints(_deltas(found[1:])))
            for lemma_id, found in postings.items()
        ),
    )
