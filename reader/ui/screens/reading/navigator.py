"""Moving around a text by more than a sentence: go to a sentence, a percentage or a chapter
(``g``), the next chapter or this one's start (``]``, ``[``), search (``/``, ``n`` for the next
match); and the next or previous word that needs attention (Tab, Shift+Tab).

Searching reads the whole text, so it runs in a worker with its own connection and posts the
sentence it found to the :class:`Navigator`, which posts :class:`Navigator.GoTo` up to the
screen: the screen only moves the focus.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import work
from textual.message import Message

from reader.learn.chapters import ChapterInfo, find_chapter
from reader.learn.session import ReadingSession
from reader.learn.texts import find_sentence
from reader.ui.base import AppWidget, cancelled, worker_db
from reader.ui.messages import SearchFound
from reader.ui.screens.prompt import PromptScreen

_TARGET = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")


def parse_target(text: str, count: int) -> int | None:
    """``"26"`` -> sentence index 25; ``"40%"`` -> the sentence 40% of the way in; else None."""
    match = _TARGET.match(text)
    if match is None or count <= 0:
        return None
    number = float(match[1])
    if match[2]:
        if number > 100:
            return None
        return min(count - 1, int(count * number / 100))
    if number != int(number) or not 1 <= number <= count:
        return None
    return int(number) - 1


_CHAPTER_NUMBER = re.compile(r"^\s*c\s*(\d+)\s*$", re.I)


def chapter_target(text: str, chapters: list[ChapterInfo]) -> int | None:
    """The first sentence of the chapter ``text`` names: "c12" (its number) or its title, whole
    or in part ("chapter iv", "epilogue")."""
    number = _CHAPTER_NUMBER.match(text)
    found = find_chapter(chapters, number[1] if number else text)
    return found.first_sentence if found else None


def chapter_progress(session: ReadingSession, chapter: ChapterInfo, narrow: bool) -> str:
    """ "BOOK ONE: 1805 — CHAPTER III 12/80": the chapter and the place in it; at narrow widths
    only its last part ("CHAPTER III 12/80")."""
    first, size = session.place.chapter_span(chapter)
    title = chapter.title.split(" — ")[-1] if narrow else chapter.title
    limit = 24 if narrow else 48
    if len(title) > limit:
        title = title[: limit - 1].rstrip() + "…"
    return f"{title} {session.index - first + 1}/{size}"


class Navigator(AppWidget):
    """Asks where to go, or what to find, and tells the screen which sentence that is."""

    @dataclass
    class GoTo(Message):
        """Focus sentence ``index``."""

        index: int

    class CursorMoved(Message):
        """The cursor moved to another word of the sentence."""

    def __init__(self) -> None:
        super().__init__()
        self.session: ReadingSession | None = None  # the screen's, once loaded
        self.last_search = ""

    def ask_target(self) -> None:
        """Key ``g``: a sentence number, a percentage, or a chapter's name or number."""
        session = self.session
        if session is None or not session.count:
            return
        chapters = session.chapters

        def chosen(value: str | None) -> None:
            if value is None or not value.strip() or self.session is None:
                return
            index = parse_target(value, self.session.count)
            if index is None and chapters:
                index = chapter_target(value, chapters)
            if index is None:
                also = ", or a chapter (its name, or c and its number)" if chapters else ""
                self.notify(
                    f"Give a sentence number from 1 to {self.session.count:,}, or a "
                    f"percentage like 40%{also}",
                    severity="warning",
                    timeout=4,
                    markup=False,
                )
                return
            self.post_message(self.GoTo(index))

        prompt = f"Go to sentence (1 to {session.count:,}), or a percentage like 40%"
        if chapters:
            prompt += f", or a chapter: its name, or c1 to c{len(chapters)}"
        self.app.push_screen(
            PromptScreen(
                prompt,
                "",
                "26, 40%, c3 or chapter iv" if chapters else "26 or 40%",
                keys_help="Enter to go there · Escape to stay",
            ),
            chosen,
        )

    def chapter_place(self, *, narrow: bool) -> list[str]:
        """For the position line: the chapter the focus is in and the place in it, if any."""
        session = self.session
        chapter = session.chapter() if session is not None else None
        if session is None or chapter is None:
            return []
        return [chapter_progress(session, chapter, narrow)]

    def step_chapter(self, delta: int) -> None:
        """Keys ``]`` and ``[``: the next chapter's first sentence, or back to this chapter's
        start (then the one before)."""
        session = self.session
        if session is None:
            return
        if not session.chapters:
            self.notify("This text has no chapters", timeout=2)
            return
        target = session.chapter_step(delta)
        if target is None:
            last = "This is the last chapter" if delta > 0 else "This is the first chapter"
            self.notify(last, timeout=2)
            return
        self.post_message(self.GoTo(target))

    def ask_search(self) -> None:
        """Key ``/``: what to find in the text."""
        if self.session is None:
            return

        def chosen(value: str | None) -> None:
            if value and value.strip():
                self.last_search = " ".join(value.split())
                self.find_next()

        self.app.push_screen(
            PromptScreen(
                "Search this text",
                "",
                f"a word or words (n: “{self.last_search}” again)"
                if self.last_search
                else "a word or words",
                keys_help="Enter to find · n finds the next one · Escape to cancel",
            ),
            chosen,
        )

    def search_next(self) -> None:
        """Key ``n``: the next sentence holding it."""
        if not self.last_search:
            self.notify("Press / to search first", timeout=2)
            return
        self.find_next()

    def find_next(self) -> None:
        if self.session is not None:
            self.search_text(self.session.text_id, self.session.index, self.last_search)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_text(self, text_id: int, after: int, query: str) -> None:

        with worker_db(self.sentences_app.db_path) as db:
            found = find_sentence(db, text_id, query, after)
        if not cancelled():
            self.post_message(SearchFound(query, found))

    def on_search_found(self, message: SearchFound) -> None:
        message.stop()
        session = self.session
        if session is None:
            return
        if message.index is None:
            self.notify(f"“{message.query}” is not in this text", timeout=3, markup=False)
            return
        if message.index <= session.index:
            self.notify("Search went on from the start of the text", timeout=2)
        self.post_message(self.GoTo(message.index))

    def attention(self, delta: int) -> None:
        """Tab / Shift+Tab: the next or previous word still new or being learned."""
        if self.session is None:
            return
        if self.session.move_to_attention(delta):
            self.post_message(self.CursorMoved())
        else:
            where = "after" if delta > 0 else "before"
            self.notify(f"No new or learning word {where} this one in the sentence", timeout=2)
