"""The library: every text with its length, progress and share of unknown words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from reader.learn.texts import TextInfo
from reader.ui.messages import TextsLoaded, WorkFailed
from reader.ui.screens.prompt import ConfirmScreen, PromptScreen

if TYPE_CHECKING:
    from reader.ui.app import SentencesApp

COLUMNS = (("Title", 60), ("Sentences", 9), ("Words", 9), ("Read", 5), ("Unknown", 7),
           ("Last read", 10))  # fmt: skip


class LibraryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open", show=True),
        Binding("a", "add", "Add a file"),
        Binding("d", "remove", "Remove"),
        Binding("g", "refresh", "Refresh"),
        Binding("q", "app.quit", "Quit"),
    ]

    titles: dict[int, str]  # full titles by id: the table cuts them at 60 characters

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading your texts…", id="library-note", markup=False)
        yield DataTable(id="texts", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @property
    def sentences_app(self) -> SentencesApp:
        from reader.ui.app import SentencesApp

        assert isinstance(self.app, SentencesApp)
        return self.app

    def on_mount(self) -> None:
        self.titles = {}
        self.title = "Sentences"
        self.sub_title = "Library"
        table = self.query_one(DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)

    def on_screen_resume(self) -> None:
        """Also runs when the screen is first shown: figures change while reading."""
        self.load_texts()

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_texts(self) -> None:
        from reader.learn.texts import list_texts
        from reader.logs import log_failure
        from reader.store import open_db

        try:
            db = open_db(self.sentences_app.db_path)
            try:
                texts: list[object] = list(list_texts(db))
            finally:
                db.close()
        except Exception as exc:
            self.post_message(WorkFailed(f"Cannot list texts: {log_failure(exc, 'list texts')}"))
            return
        self.post_message(TextsLoaded(texts))

    def on_texts_loaded(self, message: TextsLoaded) -> None:
        table = self.query_one(DataTable)
        selected = table.cursor_row
        table.clear()
        texts = [t for t in message.texts if isinstance(t, TextInfo)]
        self.titles = {t.id: t.title for t in texts}
        for t in texts:
            table.add_row(
                t.title[:60],
                f"{t.sentences:,}",
                f"{t.words:,}",
                f"{t.progress:.0%}",
                f"{t.unknown_share:.0%}",
                (t.last_read_at or "never")[:10],
                key=str(t.id),
            )
        note = self.query_one("#library-note", Static)
        if texts:
            note.update(f"{len(texts)} text{'s' if len(texts) != 1 else ''}. Enter opens one.")
            table.move_cursor(row=min(selected, len(texts) - 1))
            table.focus()
        else:
            note.update("No texts yet. Press a to add a file, or run: sentences read FILE")

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
        from reader.learn.texts import remove_text
        from reader.logs import log_failure
        from reader.store import open_db

        try:
            db = open_db(self.sentences_app.db_path)
            try:
                remove_text(db, text_id)
            finally:
                db.close()
        except Exception as exc:
            message = log_failure(exc, f"remove text {text_id}")
            self.post_message(WorkFailed(f"Cannot remove the text: {message}"))
            return
        self.app.call_from_thread(self.load_texts)

    def action_refresh(self) -> None:
        self.load_texts()

    def action_add(self) -> None:
        def chosen(path: str | None) -> None:
            if path and path.strip():
                self.sentences_app.open_path(path.strip())

        self.app.push_screen(
            PromptScreen("Add a text: path to a .txt, .md, .html or .epub file", "", "path"),
            chosen,
        )
