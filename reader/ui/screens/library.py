"""The library: every text with its length, progress and share of unknown words."""

from __future__ import annotations

import sqlite3

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from reader.learn.cards import ensure_all_cards
from reader.learn.schedule import due_count, now_utc
from reader.learn.texts import TextInfo, list_texts, remove_text
from reader.logs import log_failure
from reader.ui.base import AppScreen, cancelled, worker_db
from reader.ui.commands import ScreenKeys
from reader.ui.keys import key_help
from reader.ui.messages import CardsDue, TextsLoaded, WorkFailed
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.prompt import ConfirmScreen, PromptScreen
from reader.wording import counted

WATCH_EVERY_S = 1.0
"""How often the library looks for changes made by another program (one pragma)."""

COLUMNS = (("Title", 60), ("Sentences", 9), ("Words", 9), ("Read", 5), ("Unknown", 7),
           ("Last read", 10))  # fmt: skip


class LibraryScreen(AppScreen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open", show=True, tooltip="Open the text where you left it"),
        Binding("a", "add", "Add a file", tooltip="Add a text from a file, and open it"),
        Binding("d", "remove", "Remove",
                tooltip="Remove the text (after asking); what you know about words stays"),
        Binding("g", "refresh", "Refresh", show=False, tooltip="Read the list again"),
        Binding("R", "review", "Review", tooltip="Review the cards that are due"),
        Binding("S", "app.stats", "Stats",
                tooltip="Your progress: known words over time, reading, reviews, streak"),
        Binding("L", "study", "Study list", show=False,
                tooltip="The text's new words, most useful first: tick several, mark them"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys"),
        Binding("q", "app.quit", "Quit", tooltip="Quit"),
    ]  # fmt: skip
    COMMANDS = {ScreenKeys}

    titles: dict[int, str]  # full titles by id: the table cuts them at 60 characters
    cards_due: int | None = None  # review cards due now, once counted
    texts_note = ""
    _watch: sqlite3.Connection | None = None  # the watcher's own connection (data_version)
    _version: int | None = None
    _focus_on: int | None = None  # the text to put the cursor on once the list is read

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading your texts…", id="library-note", markup=False)
        yield DataTable(id="texts", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.titles = {}
        self.title = "Sentences"
        self.sub_title = "Library"
        self._add_columns(self.size.width or 120)
        self.set_interval(WATCH_EVERY_S, self._check_for_changes)

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.close()

    def _check_for_changes(self) -> None:
        if self.is_current:
            self.watch_database()

    @work(thread=True, exclusive=True, group="library-watch", exit_on_error=False)
    def watch_database(self) -> None:
        """Read the list again when another program changed the database (``sentences import``
        in another terminal): SQLite's data_version moves on every commit by any other
        connection. A one-row pragma on a connection kept for it; never on the UI thread."""
        try:
            if self._watch is None:
                self._watch = sqlite3.connect(self.sentences_app.db_path, check_same_thread=False)
            version = int(self._watch.execute("PRAGMA data_version").fetchone()[0])
        except sqlite3.Error:
            return  # a courtesy: g reads the list again all the same
        if self._version is not None and version != self._version:
            self.app.call_from_thread(self.load_texts)
        self._version = version

    def _title_width(self, screen_width: int) -> int:
        """The title takes what the other columns leave: every column shows at 80 columns."""
        others = sum(width + 2 for _, width in COLUMNS[1:])  # DataTable pads each cell by 1
        return max(16, min(60, screen_width - 4 - 2 - others - 2))

    def _add_columns(self, screen_width: int) -> None:
        table = self.query_one(DataTable)
        table.clear(columns=True)
        for number, (label, width) in enumerate(COLUMNS):
            table.add_column(label, width=self._title_width(screen_width) if number == 0 else width)

    def on_resize(self, event: events.Resize) -> None:
        table = self.query_one(DataTable)
        if table.columns and list(table.columns.values())[0].width != self._title_width(
            event.size.width
        ):
            self._add_columns(event.size.width)
            self.load_texts()

    def on_screen_resume(self) -> None:
        """Also runs when the screen is first shown: figures change while reading."""
        self._focus_on = self.sentences_app.last_text_id
        self.load_texts()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_texts(self) -> None:

        try:
            with worker_db(self.sentences_app.db_path) as db:
                texts: list[object] = list(list_texts(db))
        except Exception as exc:
            self.post_message(WorkFailed(f"Cannot list texts: {log_failure(exc, 'list texts')}"))
            return
        if cancelled():  # a newer listing is on its way
            return
        self.post_message(TextsLoaded(texts))
        self.count_due()

    def count_due(self) -> None:
        """Cards due for review (on the library's worker thread): the review screen's own queue,
        cards for terms set from the command line made first, as the review screen makes them."""

        try:
            with worker_db(self.sentences_app.db_path) as db:
                ensure_all_cards(db)
                count = due_count(db, now_utc(), self.sentences_app.config.new_cards_per_day)
        except Exception:  # the count is a courtesy; the review screen reports real failures
            return
        self.post_message(CardsDue(count))

    def on_cards_due(self, message: CardsDue) -> None:
        self.cards_due = message.count
        self._update_note()

    def _update_note(self) -> None:
        due = self.cards_due
        cards = ""
        if due:
            cards = f" {counted(due, 'card')} due for review: R reviews."
        self.query_one("#library-note", Static).update(self.texts_note + cards)

    def action_review(self) -> None:
        self.sentences_app.open_review()

    def on_texts_loaded(self, message: TextsLoaded) -> None:
        table = self.query_one(DataTable)
        # The cursor stays on a text, not a row number: the list is in the order last read, so
        # the text just left moves to the top (and a text imported elsewhere shifts the rest).
        left, self._focus_on = self._focus_on, None
        selected = left if left is not None else self._selected_id()
        table.clear()
        texts = [t for t in message.texts if isinstance(t, TextInfo)]
        self.titles = {t.id: t.title for t in texts}
        width = self._title_width(self.size.width or 120)
        for t in texts:
            title = t.title if len(t.title) <= width else t.title[: width - 1] + "…"
            table.add_row(
                title,
                f"{t.sentences:,}",
                f"{t.words:,}",
                f"{t.progress:.0%}",
                f"{t.unknown_share:.0%}",
                (t.last_read_at or "never")[:10],
                key=str(t.id),
            )
        if texts:
            self.texts_note = f"{counted(len(texts), 'text')}. Enter opens one."
            rows = [t.id for t in texts]
            table.move_cursor(row=rows.index(selected) if selected in rows else 0)
            table.focus()
        else:
            self.texts_note = "No texts yet. Press a to add a file, or run: sentences read FILE"
        self._update_note()

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#library-note", Static).update(message.error)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.sentences_app.open_text(int(event.row_key.value))

    def _selected_id(self) -> int | None:
        table = self.query_one(DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return int(row_key.value) if row_key.value is not None else None

    def action_open(self) -> None:
        text_id = self._selected_id()
        if text_id is not None:
            self.sentences_app.open_text(text_id)

    def action_study(self) -> None:
        text_id = self._selected_id()
        if text_id is not None:
            self.sentences_app.open_study(text_id)

    def action_remove(self) -> None:
        text_id = self._selected_id()
        if text_id is None:
            return
        title = self.titles.get(text_id, "this text")

        def answered(yes: bool | None) -> None:
            if yes:
                self.remove_text(text_id)

        question = f"Remove “{title}” from the library? Your word statuses and glosses stay."
        self.app.push_screen(ConfirmScreen(question), answered)

    @work(thread=True, group="library-remove", exit_on_error=False)
    def remove_text(self, text_id: int) -> None:
        """A book's tokens are hundreds of thousands of rows: not on the UI thread."""

        try:
            with worker_db(self.sentences_app.db_path) as db:
                remove_text(db, text_id)
        except Exception as exc:
            message = log_failure(exc, f"remove text {text_id}")
            self.post_message(WorkFailed(f"Cannot remove the text: {message}"))
            return
        self.app.call_from_thread(self.load_texts)

    def action_refresh(self) -> None:
        self.load_texts()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("Keys in the library", key_help(self.BINDINGS)))

    def action_add(self) -> None:
        def chosen(path: str | None) -> None:
            if path and path.strip():
                self.sentences_app.open_path(path.strip())

        self.app.push_screen(
            PromptScreen(
                "Add a text: path to a .txt, .md, .html or .epub file",
                "",
                "path",
                keys_help="Enter to import and open it · Escape to cancel",
            ),
            chosen,
        )
