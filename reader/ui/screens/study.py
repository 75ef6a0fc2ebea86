"""A text's study list: its new words, those that would make most of it readable first.

A learner about to read a book looks down the list, ticks the words they already know and the
ones they want to learn (space), and marks them all at once: ``k`` known, ``1`` learning (they
get review cards). The list is read and the marks are written in workers.
"""

from __future__ import annotations

import time

import sqlite_utils
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.coordinate import Coordinate
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from reader.learn.status import KNOWN
from reader.learn.study import StudyItem, mark_words, study_list
from reader.learn.study_phrases import stale_texts
from reader.learn.texts import get_text
from reader.logs import log_failure
from reader.ui.base import AppScreen, cancelled, worker_db
from reader.ui.messages import WorkFailed
from reader.wording import counted

LIMIT = 300
TICK = "✓"


class StudyLoaded(Message):
    def __init__(self, items: list[StudyItem], title: str) -> None:
        super().__init__()
        self.items = items
        self.title = title


class WordsMarked(Message):
    def __init__(self, count: int, status: int) -> None:
        super().__init__()
        self.count = count
        self.status = status


class StudyScreen(AppScreen[bool]):
    BINDINGS = [
        Binding("space", "tick", "Tick", tooltip="Tick the word (or untick it)"),
        Binding("k", f"mark({KNOWN})", "Known", tooltip="Mark the ticked words known"),
        Binding("1", "mark(1)", "Learn", tooltip="Mark the ticked words learning (cards)"),
        Binding("a", "tick_above", "Tick above", show=False,
                tooltip="Tick every word down to the cursor"),
        Binding("escape", "back", "Back", tooltip="Back where you were"),
    ]  # fmt: skip

    DEFAULT_CSS = """
    StudyScreen #study {
        height: 1fr;
    }
    StudyScreen #study-note, StudyScreen #study-sentence {
        height: auto;
        padding: 0 1;
    }
    StudyScreen #study-sentence {
        color: $text-muted;
    }
    """

    def __init__(self, text_id: int) -> None:
        super().__init__()
        self.text_id = text_id
        self.items: list[StudyItem] = []
        self.ticked: set[str] = set()
        self.marked = False  # words were marked here: the reader below redraws
        self.loaded = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Ranking the text's new words…", id="study-note", markup=False)
        yield DataTable(id="study", cursor_type="row", zebra_stripes=True)
        yield Static("", id="study-sentence", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Sentences"
        self.sub_title = "Study list"
        table = self.query_one(DataTable)
        for label, width in (("", 1), ("#", 4), ("Word", 22), ("Count", 6), ("Of text", 7)):
            table.add_column(label, width=width)
        self.catching_up_changed()
        self.load()

    @work(thread=True, exclusive=True, group="study", exit_on_error=False)
    def load(self) -> None:
        """Rank the text's words. When the background catch-up is counting this text's
        phrases, wait for it rather than count them a second time alongside."""
        app = self.sentences_app
        try:
            with worker_db(app.db_path) as db:
                info = get_text(db, self.text_id, figures=False)
                title, lang = info.title, info.lang
                while (
                    app.catching_up_now()
                    and not cancelled()
                    and self.text_id in stale_texts(db, lang)
                ):
                    time.sleep(0.2)
                items = study_list(db, self.text_id, LIMIT, app.phrases)
        except Exception as exc:
            self.post_message(WorkFailed(f"Cannot rank the words: {log_failure(exc, 'study')}"))
            return
        if not cancelled():
            self.post_message(StudyLoaded(items, title))

    def catching_up_changed(self) -> None:
        """While the list is still loading, say what the background count is at (this text
        may be among those it counts)."""
        if self.loaded:
            return
        behind = self.sentences_app.catching_up
        note = "Ranking the text's new words…"
        if behind is not None:
            note += f" (counting phrases in the background: {behind.done} of {behind.total} texts)"
        self.query_one("#study-note", Static).update(note)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#study-note", Static).update(message.error)

    def on_study_loaded(self, message: StudyLoaded) -> None:
        self.loaded = True
        self.items = message.items
        self.ticked &= {i.lemma for i in self.items}
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for item in self.items:
            table.add_row(TICK if item.lemma in self.ticked else "", str(item.rank), item.lemma,
                          f"{item.count:,}", f"{item.share:.2%}", key=item.lemma)  # fmt: skip
        phrases = sum(" " in item.lemma for item in self.items)
        found = counted(len(self.items) - phrases, "new word")
        if phrases:
            found += f" and {counted(phrases, 'new phrase')}"
        note = (
            f"{message.title}: {found}, those that make most "
            "of it readable first. Space ticks, k marks the ticked known, 1 learning."
            if self.items
            else f"{message.title}: no new words left: you have marked them all."
        )
        self.query_one("#study-note", Static).update(note)
        if self.items:
            table.move_cursor(row=min(row, len(self.items) - 1))
            table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        item = self._item(event.cursor_row)
        text = f"First met: {item.first_sentence}" if item else ""
        self.query_one("#study-sentence", Static).update(" ".join(text.split()))

    def _item(self, row: int) -> StudyItem | None:
        return self.items[row] if 0 <= row < len(self.items) else None

    def _set_tick(self, row: int, on: bool) -> None:
        item = self._item(row)
        if item is None:
            return
        (self.ticked.add if on else self.ticked.discard)(item.lemma)
        table = self.query_one(DataTable)
        table.update_cell_at(Coordinate(row, 0), TICK if on else "")

    def action_tick(self) -> None:
        table = self.query_one(DataTable)
        item = self._item(table.cursor_row)
        if item is not None:
            self._set_tick(table.cursor_row, item.lemma not in self.ticked)
            table.move_cursor(row=table.cursor_row + 1)

    def action_tick_above(self) -> None:
        for row in range(self.query_one(DataTable).cursor_row + 1):
            self._set_tick(row, True)

    def action_mark(self, status: int) -> None:
        if not self.ticked:
            self.notify("Tick words first (space).", timeout=3)
            return
        self.mark(sorted(self.ticked), status)

    def mark(self, keys: list[str], status: int) -> None:
        """Through the app's writer, as every mark the learner makes; the list is read again
        once it has landed."""
        text_id = self.text_id

        def write(db: sqlite_utils.Database) -> int:
            row = db.execute("SELECT lang FROM texts WHERE id = ?", (text_id,)).fetchone()
            return mark_words(db, keys, status, str(row[0]) if row else "en")

        self.sentences_app.writer.submit(
            write,
            label=f"{counted(len(keys), 'word')} marked",
            on_done=lambda count: self.post_message(WordsMarked(int(count), status)),
        )

    def action_back(self) -> None:
        self.dismiss(self.marked)

    def on_words_marked(self, message: WordsMarked) -> None:
        self.marked = True
        what = "known" if message.status == KNOWN else "learning"
        self.notify(f"{counted(message.count, 'word')} marked {what}.", timeout=3)
        self.ticked.clear()
        self.load()
