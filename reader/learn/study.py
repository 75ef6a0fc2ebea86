"""A text's study list: the words still new to the learner, the ones worth learning first on top.

VocabSieve's "cram list" and Lute's frequency-ranked unknown words: before reading a book, a
learner wants the few dozen words that would make the most of it readable. Knowing a word raises
the share of the text's running words the learner understands by its count over the running
words; among words that raise it about as much, the one more frequent in the language pays off
again in the next book. So the score is the share of the text it would add, times a weight from
its Zipf frequency in the language (wordfreq): 1 for a word of Zipf 6 and above ("the"), down
to 0.5 for one wordfreq has never seen. Names (PROPN) do not count, as in the unknown share.

It reads only the text's occurrence index (one row per lemma), so a novel takes a few tens of
milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlite_utils

from reader.learn.status import NEW, normalize_key, set_statuses
from reader.learn.texts import TextNotFound
from reader.lexicon.frequency import zipf
from reader.store.tokens import decode_varints

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
    db: sqlite_utils.Database, text_id: int, limit: int | None = DEFAULT_LIMIT
) -> list[StudyItem]:
    """The text's new words, best first (``limit=None``: all of them)."""
    row = db.execute("SELECT lang FROM texts WHERE id = ?", (text_id,)).fetchone()
    if row is None:
        raise TextNotFound(f"no text with id {text_id}")
    lang = str(row[0])
    rows = db.execute(
        """
        SELECT l.key, o.words, o.sentences, tm.status
        FROM occurrences o JOIN lemmas l ON l.id = o.lemma_id
        LEFT JOIN terms tm ON tm.lang = ? AND tm.key = l.key
        WHERE o.text_id = ? AND o.words > 0
        """,
        (lang, text_id),
    ).fetchall()
    # Lemmas sharing a key ("Well" and "well") are one word: counts add up, the first wins.
    words: dict[str, list[int]] = {}
    total = 0
    for key, count, postings, status in rows:
        total += int(count)
        if (status is not None and int(status) != NEW) or not str(key).strip():
            continue
        first = _first(bytes(postings))
        found = words.setdefault(str(key), [0, first])
        found[0] += int(count)
        found[1] = min(found[1], first)
    scored = []
    for key, (count, first) in words.items():
        frequency = zipf(key, lang)
        share = count / total
        scored.append((share * weight(frequency), key, count, share, frequency, first))
    scored.sort(key=lambda s: (-s[0], s[1]))
    chosen = scored if limit is None else scored[:limit]
    texts = _sentence_texts(db, text_id, {s[5] for s in chosen})
    return [
        StudyItem(rank, key, count, score, share, frequency, first, texts.get(first, ""))
        for rank, (score, key, count, share, frequency, first) in enumerate(chosen, start=1)
    ]


def _first(postings: bytes) -> int:
    """The first sentence index of a posting list (its first delta is the index itself)."""
    end = next((i for i, b in enumerate(postings) if b < 0x80), len(postings) - 1)
    return decode_varints(postings[: end + 1])[0]


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
