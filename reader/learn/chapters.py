"""A text's chapters and its stored sentences with the chapter each is in.

Chapters are kept beside the sentences (table ``chapters``: a title and the sentence where it
starts), so "which chapter is sentence 4,210 in" is a search in a short sorted list, not a
column on every sentence. Used by ``sentences show`` and by the reader's chapter jumps.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from reader.learn.texts import get_text


@dataclass(frozen=True, slots=True)
class ChapterInfo:
    idx: int
    title: str
    first_sentence: int


def chapters_of(db: sqlite_utils.Database, text_id: int) -> list[ChapterInfo]:
    """The text's chapters in order; empty for a text without any."""
    return [
        ChapterInfo(int(idx), str(title), int(first))
        for idx, title, first in db.execute(
            "SELECT idx, title, first_sentence FROM chapters WHERE text_id = ? ORDER BY idx",
            (text_id,),
        ).fetchall()
    ]


def chapter_at(chapters: list[ChapterInfo], sentence_idx: int) -> ChapterInfo | None:
    """The chapter sentence ``sentence_idx`` is in (None before the first chapter)."""
    position = bisect_right([c.first_sentence for c in chapters], sentence_idx) - 1
    return chapters[position] if position >= 0 else None


def find_chapter(chapters: list[ChapterInfo], name: str) -> ChapterInfo | None:
    """The chapter a learner means by ``name``: its number (1-based), its exact title, or the
    first title that contains the words ("chapter iv", "book two chapter 3" does not guess)."""
    wanted = " ".join(name.lower().split())
    if not wanted:
        return None
    if wanted.isdigit():
        number = int(wanted)
        return chapters[number - 1] if 1 <= number <= len(chapters) else None
    for chapter in chapters:
        if " ".join(chapter.title.lower().split()).rstrip(".") == wanted.rstrip("."):
            return chapter
    words = wanted.rstrip(".").split()
    for chapter in chapters:
        title = chapter.title.lower().replace(".", " ").replace(":", " ").split()
        if all(word in title for word in words):
            return chapter
    return None


def stored_sentences(db: sqlite_utils.Database, text_id: int) -> list[dict[str, Any]]:
    """The text's sentences as ``{idx, text, chapter}`` (the chapter's title or None), with
    ``start`` and ``end`` in seconds for sentences from subtitles."""
    get_text(db, text_id, figures=False)  # a clear error for an unknown id
    chapters = chapters_of(db, text_id)
    rows = db.execute(
        "SELECT idx, text, start_ms, end_ms FROM sentences WHERE text_id = ? ORDER BY idx",
        (text_id,),
    ).fetchall()
    out: list[dict[str, Any]] = []
    for idx, text, start_ms, end_ms in rows:
        chapter = chapter_at(chapters, int(idx))
        record: dict[str, Any] = {
            "idx": int(idx),
            "text": " ".join(str(text).split()),
            "chapter": chapter.title if chapter else None,
        }
        if start_ms is not None:
            record["start"] = int(start_ms) / 1000
            record["end"] = int(end_ms if end_ms is not None else start_ms) / 1000
        out.append(record)
    return out
