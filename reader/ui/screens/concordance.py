"""The concordance of a word: every sentence of the library that holds it, in any of its forms.

Opened from the reader on the word under the cursor (key f): seeing a word used in other
sentences is how a learner settles its meaning. Enter goes to the sentence, in this text or
another one. The sentences are looked up in a worker (:mod:`reader.learn.concordance`).
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from reader.learn.concordance import Concordance, find
from reader.logs import log_failure
from reader.ui.base import AppScreen, cancelled, worker_db
from reader.ui.messages import WorkFailed
from reader.wording import counted

LIMIT = 500


class Found(Message):
    def __init__(self, found: Concordance) -> None:
        super().__init__()
        self.found = found


class ConcordanceScreen(AppScreen[tuple[int, int] | None]):
    """Dismissed with the (text id, sentence index) to go to, or None."""

    BINDINGS = [
        Binding("enter", "go", "Go there", tooltip="Read on from this sentence"),
        Binding("escape", "back", "Back", tooltip="Back to the sentence you were reading"),
    ]
    DEFAULT_CSS = """
    ConcordanceScreen #hits {
        height: 1fr;
    }
    ConcordanceScreen #concordance-note, ConcordanceScreen #concordance-sentence {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, key: str, lang: str = "en") -> None:
        super().__init__()
        self.key = key
        self.lang = lang
        self.places: list[tuple[int, int]] = []
        self.sentences: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(f"Looking for “{self.key}” in your library…", id="concordance-note",
                     markup=False)  # fmt: skip
        yield DataTable(id="hits", cursor_type="row", zebra_stripes=True)
        yield Static("", id="concordance-sentence", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Sentences"
        self.sub_title = f"Elsewhere: {self.key}"
        table = self.query_one(DataTable)
        table.add_column("Text", width=18)
        table.add_column("#", width=6)
        table.add_column("Sentence")
        self.load()

    @work(thread=True, exclusive=True, group="concordance", exit_on_error=False)
    def load(self) -> None:
        try:
            with worker_db(self.sentences_app.db_path) as db:
                found = find(db, self.key, self.lang, LIMIT)
        except Exception as exc:
            self.post_message(WorkFailed(f"Cannot look it up: {log_failure(exc, 'find')}"))
            return
        if not cancelled():
            self.post_message(Found(found))

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#concordance-note", Static).update(message.error)

    def on_found(self, message: Found) -> None:
        found = message.found
        table = self.query_one(DataTable)
        width = max(20, (self.size.width or 80) - 34)
        for hit in found.hits:
            line = " ".join(hit.sentence.split())
            title = hit.title if len(hit.title) <= 18 else hit.title[:17] + "…"
            table.add_row(title, str(hit.idx + 1), line if len(line) <= width else
                          line[: width - 1] + "…")  # fmt: skip
            self.places.append((hit.text_id, hit.idx))
            self.sentences.append(line)
        shown = "" if len(found.hits) == found.total else f", the first {len(found.hits)} shown"
        forms = "" if found.keys == (self.key,) else f" ({' '.join(found.keys)})"
        self.query_one("#concordance-note", Static).update(
            f"“{self.key}”{forms}: {counted(found.total, 'sentence')} in your library{shown}. "
            "Enter goes there."
            if found.total
            else f"“{self.key}” is in no other sentence of your library."
        )
        if found.hits:
            table.focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        row = event.cursor_row
        text = self.sentences[row] if 0 <= row < len(self.sentences) else ""
        self.query_one("#concordance-sentence", Static).update(text)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_go()

    def action_go(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.places):
            self.dismiss(self.places[row])

    def action_back(self) -> None:
        self.dismiss(None)
