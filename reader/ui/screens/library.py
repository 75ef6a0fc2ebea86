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
from reader.ui.screens.prompt import PromptScreen

if TYPE_CHECKING:
    from reader.ui.app import SentencesApp

COLUMNS = (("Title", 60), ("Sentences", 9), ("Words", 9), ("Read", 5), ("Unknown", 7),
           ("Last read", 10))  # fmt: skip


class LibraryScreen(Screen[None]):
    BINDINGS = [
        Binding("enter", "open", "Open", show=True),
        Binding("a", "add", "Add a file"),
        Binding("g", "refresh", "Refresh"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Loading your texts…", id="library-note")
        yield DataTable(id="texts", cursor_type="row", zebra_stripes=True)
        yield Footer()

    @property
    def sentences_app(self) -> SentencesApp:
        from reader.ui.app import SentencesApp

        assert isinstance(self.app, SentencesApp)
        return self.app

    def on_mount(self) -> None:
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
        from reader.errors import describe
        from reader.learn.texts import list_texts
        from reader.store import open_db

        try:
            db = open_db(self.sentences_app.db_path)
            try:
                texts: list[object] = list(list_texts(db))
            finally:
                db.close()
        except Exception as exc:
            self.post_message(WorkFailed(describe(exc)))
            return
        self.post_message(TextsLoaded(texts))

    def on_texts_loaded(self, message: TextsLoaded) -> None:
        table = self.query_one(DataTable)
        selected = table.cursor_row
        table.clear()
        texts = [t for t in message.texts if isinstance(t, TextInfo)]
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
        self.query_one("#library-note", Static).update(f"Cannot list texts: {message.error}")

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.sentences_app.open_text(int(event.row_key.value))

    def action_open(self) -> None:
        table = self.query_one(DataTable)
        if table.row_count:
            row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
            if row_key.value is not None:
                self.sentences_app.open_text(int(row_key.value))

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
