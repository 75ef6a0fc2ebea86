"""Importing a text: analyze it once, store it whole.

The analysis (segmentation, tokens, tags, lemmas) runs before the write transaction opens, so the
database is locked only for the inserts, and a failure at any point leaves nothing half-imported.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from reader.store import table, transaction
from reader.store.migrations import now
from reader.store.tokens import delete_tokens, store_tokens
from reader.text.load import Loaded
from reader.text.pipeline import AnalyzedSentence, analyze_sentences

Progress = Callable[[str, int, int], None]


class ImportCancelled(Exception):
    """The learner left before the import finished: nothing was stored."""


@dataclass(frozen=True)
class ImportResult:
    text_id: int
    created: bool
    sentences: int
    words: int
    # The new text's analysis, still in memory, for work done on it right after (counting its
    # phrases: reader.learn.after_import) without reading it back; () for a text already there.
    analysed: tuple[AnalyzedSentence, ...] = field(default=(), repr=False, compare=False)


def content_hash(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8")).hexdigest()


def find_source(db: sqlite_utils.Database, source: str, lang: str = "en") -> int | None:
    """The id of the text imported from ``source`` (a URL), if any: the same page is found
    again without fetching it."""
    row = db.execute(
        "SELECT id FROM texts WHERE lang = ? AND source = ? ORDER BY id DESC LIMIT 1",
        (lang, source),
    ).fetchone()
    return int(row[0]) if row else None


def find_text(db: sqlite_utils.Database, content: str, lang: str = "en") -> int | None:
    """The id of an already imported text with exactly this content, if any."""
    row = db.execute(
        "SELECT id FROM texts WHERE lang = ? AND sha256 = ?", (lang, content_hash(content))
    ).fetchone()
    return int(row[0]) if row else None


def import_text(
    db: sqlite_utils.Database,
    loaded: Loaded,
    lang: str = "en",
    progress: Progress | None = None,
    workers: int = 0,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Import ``loaded`` unless the same content is already there; returns its id either way.

    Args:
        workers: Processes for analysing a book (0: one per core; 1 for none).
        cancelled: Asked during the analysis, and again under the write lock just before the
            transaction commits: once it says True, :class:`ImportCancelled` is raised and
            nothing is stored, so a screen the learner left never adds a text behind their back.
    """

    def check() -> None:
        if cancelled is not None and cancelled():
            raise ImportCancelled(f"the import of {loaded.title!r} was cancelled")

    existing = find_text(db, loaded.content, lang)
    if existing is not None:
        return _existing(db, existing)

    def analysing(done: int, total: int) -> None:
        check()
        if progress is not None:
            progress("analysing", done, total)

    sentences = analyze_sentences(loaded.content, lang, progress=analysing, workers=workers)
    check()
    if progress is not None:
        progress("saving", 0, 1)
    with transaction(db):
        # Another process may have imported the same text while this one was analysing it:
        # under the write lock, the check is final.
        existing = find_text(db, loaded.content, lang)
        if existing is None:
            text_id = _store(db, loaded, lang, sentences)
            check()  # raising here rolls the whole text back
    if existing is not None:
        return _existing(db, existing)
    if progress is not None:
        progress("saving", 1, 1)
    words = sum(1 for s in sentences for t in s.tokens if t[5])
    return ImportResult(text_id, True, len(sentences), words, tuple(sentences))


def _existing(db: sqlite_utils.Database, text_id: int) -> ImportResult:
    row = db.execute(
        "SELECT sentence_count, word_count FROM texts WHERE id = ?", (text_id,)
    ).fetchone()
    return ImportResult(text_id, False, int(row[0]), int(row[1]))


def _store(
    db: sqlite_utils.Database, loaded: Loaded, lang: str, sentences: list[AnalyzedSentence]
) -> int:
    conn = db.conn
    words = sum(1 for s in sentences for t in s.tokens if t[5])
    cursor = conn.execute(
        "INSERT INTO texts (title, lang, source, sha256, content, sentence_count, word_count, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            loaded.title,
            lang,
            loaded.source,
            content_hash(loaded.content),
            loaded.content,
            len(sentences),
            words,
            now(),
        ),
    )
    text_id = int(cursor.lastrowid or 0)
    store_analysis(db, text_id, sentences)
    store_sources(db, text_id, loaded, sentences)
    return text_id


def store_sources(
    db: sqlite_utils.Database, text_id: int, loaded: Loaded, sentences: list[AnalyzedSentence]
) -> None:
    """What the source knew beside the text: its chapters, and when subtitles say each
    sentence (a sentence is said from its first cue's start to its last cue's end)."""
    starts = [s.start for s in sentences]
    chapters: dict[int, str] = {}
    for chapter in loaded.chapters:
        first = bisect_left(starts, chapter.start)
        if first < len(sentences):
            chapters[first] = chapter.title  # an empty chapter gives way to the next
    table(db, "chapters").insert_all(
        {"text_id": text_id, "idx": i, "title": title, "first_sentence": first}
        for i, (first, title) in enumerate(sorted(chapters.items()))
    )
    if not loaded.timed:
        return
    cue_starts = [cue.start for cue in loaded.timed]
    times = []
    for idx, sentence in enumerate(sentences):
        first = max(0, bisect_right(cue_starts, sentence.start) - 1)
        last = max(first, bisect_left(cue_starts, sentence.end) - 1)
        cues = loaded.timed[first : last + 1]
        times.append((min(c.start_ms for c in cues), max(c.end_ms for c in cues), text_id, idx))
    db.conn.executemany(
        "UPDATE sentences SET start_ms = ?, end_ms = ? WHERE text_id = ? AND idx = ?", times
    )


def store_analysis(
    db: sqlite_utils.Database, text_id: int, sentences: list[AnalyzedSentence]
) -> int:
    """Insert a text's sentences (with consecutive ids), their tokens and the text's occurrence
    index (:mod:`reader.store.tokens`); returns the first id."""
    conn = db.conn
    first_id = int(conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM sentences").fetchone()[0])
    conn.executemany(
        'INSERT INTO sentences (id, text_id, idx, paragraph, start, "end", text) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            (first_id + i, text_id, i, s.paragraph, s.start, s.end, s.text)
            for i, s in enumerate(sentences)
        ),
    )
    store_tokens(
        conn,
        text_id,
        [(first_id + i, i, s.start, s.tokens) for i, s in enumerate(sentences)],
    )
    return first_id


def rebuild_text(db: sqlite_utils.Database, text_id: int, lang: str, content: str) -> None:
    """Analyse a stored text again and replace its sentences and tokens (``sentences doctor``,
    when a damaged page took some of them). A mark or event keeps its sentence, and a subtitle
    sentence its times, when a sentence with the same start offset is there again."""
    sentences = analyze_sentences(content, lang, workers=1)
    conn = db.conn
    old = {
        int(start): int(sid)
        for sid, start in conn.execute(
            "SELECT id, start FROM sentences WHERE text_id = ?", (text_id,)
        ).fetchall()
    }
    with transaction(db):
        delete_tokens(conn, text_id)
        # Token rows whose sentence a damaged page took (the rescue copies them regardless).
        conn.execute(
            "DELETE FROM sentence_tokens WHERE sentence_id NOT IN (SELECT id FROM sentences)"
        )
        # Out of the way first: the new rows reuse no id of the old ones.
        conn.execute("UPDATE sentences SET idx = -1 - idx WHERE text_id = ?", (text_id,))
        first_id = store_analysis(db, text_id, sentences)
        for i, sentence in enumerate(sentences):
            previous = old.get(sentence.start)
            if previous is not None:
                for marked in ("sentence_marks", "events"):
                    conn.execute(
                        f"UPDATE {marked} SET sentence_id = ? WHERE sentence_id = ?",
                        (first_id + i, previous),
                    )
        # A subtitle sentence found again keeps when it is said.
        conn.execute(
            "UPDATE sentences AS new SET (start_ms, end_ms) = (SELECT old.start_ms, old.end_ms "
            "FROM sentences AS old WHERE old.text_id = new.text_id AND old.idx < 0 "
            "AND old.start = new.start) WHERE new.text_id = ? AND new.idx >= 0",
            (text_id,),
        )
        conn.execute("DELETE FROM sentences WHERE text_id = ? AND idx < 0", (text_id,))
        words = sum(1 for s in sentences for t in s.tokens if t[5])
        conn.execute(
            "UPDATE texts SET sentence_count = ?, word_count = ? WHERE id = ?",
            (len(sentences), words, text_id),
        )
