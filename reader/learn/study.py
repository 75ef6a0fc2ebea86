"""A text's study list: the words still new to the learner, the ones worth learning first on top.

VocabSieve's "cram list" and Lute's frequency-ranked unknown words: before reading a book, a
learner wants the few dozen words that would make the most of it readable. Knowing a word raises
the share of the text's running words the learner understands by its count over the running
words; among words that raise it about as much, the one more frequent in the language pays off
again in the next book. So the score is the share of the text it would add, times a weight from
its Zipf frequency in the language (wordfreq): 1 for a word of Zipf 6 and above ("the"), down
to 0.5 for one wordfreq has never seen. Names (PROPN) do not count, as in the unknown share.

It reads only the text's occurrence index (one row per lemma) and its counted multi-word terms
(:mod:`reader.learn.study_phrases`), so a novel takes a few tens of milliseconds once its
phrases are counted (at import, or in the background after the set of phrases changed).
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import sqlite_utils

from reader.learn.phrases import PhraseIndex
from reader.learn.status import NEW, normalize_key, set_statuses
from reader.learn.study_phrases import phrase_counts
from reader.learn.texts import TextNotFound
from reader.lexicon.frequency import zipf
from reader.store.tokens import first_index

DEFAULT_LIMIT = 100


@dataclass(frozen=True, slots=True)
class StudyItem:
    rank: int
    lemma: str
    count: int
    score: float
    share: float  # of the text's running words this word is
    zipf: float
    first_idx: int
    first_sentence: str

    def as_dict(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "lemma": self.lemma,
            "count": self.count,
            "score": round(self.score, 6),
            "share": round(self.share, 6),
            "zipf": round(self.zipf, 2),
            "first_idx": self.first_idx,
            "first_sentence": " ".join(self.first_sentence.split()),
        }


def weight(frequency: float) -> float:
    """0.5 for a word wordfreq never saw, rising to 1.0 at Zipf 6 (see the module docstring)."""
    return 0.5 + 0.5 * min(max(frequency, 0.0), 6.0) / 6.0


def study_list(
    db: sqlite_utils.Database,
    text_id: int,
    limit: int | None = DEFAULT_LIMIT,
    phrases: PhraseIndex | None = None,
) -> list[StudyItem]:
    """The text's new words and multi-word terms, best first (``limit=None``: all of them).
    ``phrases``: the running reader's phrase index, used when the text's phrases must be counted
    again (:mod:`reader.learn.study_phrases`)."""
    row = db.execute("SELECT lang FROM texts WHERE id = ?", (text_id,)).fetchone()
    if row is None:
        raise TextNotFound(f"no text with id {text_id}")
    lang = str(row[0])
    total = int(
        db.execute(
            "SELECT COALESCE(SUM(words), 0) FROM occurrences WHERE text_id = ?", (text_id,)
        ).fetchone()[0]
    )
    # Lemmas sharing a key ("Well" and "well") are one word: counts add up, the first wins.
    rows = db.execute(
        """
        SELECT l.key, SUM(o.words) AS n
        FROM occurrences o JOIN lemmas l ON l.id = o.lemma_id
        LEFT JOIN terms tm ON tm.lang = ? AND tm.key = l.key
        WHERE o.text_id = ? AND o.words > 0 AND COALESCE(tm.status, ?) = ?
        GROUP BY l.key ORDER BY n DESC
        """,
        (lang, text_id, NEW, NEW),
    ).fetchall()
    if not total:
        return []
    # Multi-word terms ("take over", "at once") compete on the same score: a phrase met as
    # often as a word raises the share understood as much.
    counted = phrase_counts(db, text_id, lang, phrases)
    decided = {
        str(k)
        for (k,) in db.execute(
            "SELECT key FROM terms WHERE lang = ? AND key LIKE '% %' AND status != ?", (lang, NEW)
        )
    }
    firsts_of_phrases = {k: f for k, (_, f) in counted.items()}
    rows = sorted(
        [*rows, *((k, c) for k, (c, _) in counted.items() if k not in decided)],
        key=lambda r: -int(r[1]),
    )
    # Most frequent in the text first: a word's score is at most its share (weight <= 1), so
    # once the share falls below the last kept score, no word further down can enter the list.
    best: list[tuple[float, str, int, float, float, int]] = []
    floor: list[float] = []  # the ``limit`` best scores so far, smallest first (a heap)
    for key, count in rows:
        share = int(count) / total
        if limit is not None and len(floor) >= limit and share < floor[0]:
            break
        if not str(key).strip():
            continue
        frequency = zipf(str(key), lang)
        score = share * weight(frequency)
        best.append((score, str(key), int(count), share, frequency, 0))
        if limit is not None:
            if len(floor) < limit:
                heapq.heappush(floor, score)
            elif score > floor[0]:
                heapq.heapreplace(floor, score)
    best.sort(key=lambda s: (-s[0], s[1]))
    chosen = best if limit is None else best[:limit]
    firsts = _firsts(db, text_id, [s[1] for s in chosen if s[1] not in firsts_of_phrases])
    firsts.update(firsts_of_phrases)
    chosen = [(*s[:5], firsts.get(s[1], 0)) for s in chosen]
    texts = _sentence_texts(db, text_id, {s[5] for s in chosen})
    return [
        StudyItem(rank, key, count, score, share, frequency, first, texts.get(first, ""))
        for rank, (score, key, count, share, frequency, first) in enumerate(chosen, start=1)
    ]


def _firsts(db: sqlite_utils.Database, text_id: int, keys: list[str]) -> dict[str, int]:
    """The first sentence of each word in the text, from its posting lists (only the words
    listed: the list's words, not the whole text's)."""
    out: dict[str, int] = {}
    for start in range(0, len(keys), 500):
        chunk = keys[start : start + 500]
        marks = ",".join("?" * len(chunk))
        for key, data in db.execute(
            f"SELECT l.key, o.sentences FROM occurrences o JOIN lemmas l ON l.id = o.lemma_id "
            f"WHERE o.text_id = ? AND o.words > 0 AND l.key IN ({marks})",
            [text_id, *chunk],
        ):
            first = first_index(bytes(data))
            out[str(key)] = min(first, out.get(str(key), first))
    return out


def _sentence_texts(db: sqlite_utils.Database, text_id: int, indexes: set[int]) -> dict[int, str]:
    wanted = sorted(indexes)
    out: dict[int, str] = {}
    for first in range(0, len(wanted), 500):
        chunk = wanted[first : first + 500]
        marks = ",".join("?" * len(chunk))
        out.update(
            (int(i), str(t))
            for i, t in db.execute(
                f"SELECT idx, text FROM sentences WHERE text_id = ? AND idx IN ({marks})",
                [text_id, *chunk],
            )
        )
    return out


def mark_words(db: sqlite_utils.Database, keys: list[str], status: int, lang: str = "en") -> int:
    """Set several words of a study list at once (known, or learning: they get cards)."""
    return set_statuses(db, [normalize_key(k) for k in keys], status, lang, source="study")
