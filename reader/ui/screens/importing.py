"""Importing a text in a worker, with a progress bar, then opening it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Label, ProgressBar

from reader.logs import log_failure
from reader.text.load import Loaded
from reader.ui.base import worker_db
from reader.ui.messages import ImportFinished, Progress, WorkFailed

if TYPE_CHECKING:
    from reader.text.importer import ImportResult

STAGES = {
    "analysing": "Splitting, tagging and lemmatizing",
    "saving": "Saving",
    "phrases": "Counting its phrases for the study list",
}


class ImportScreen(Screen[None]):
    BINDINGS = [Binding("escape", "back", "Back")]

    def __init__(self, loaded: Loaded, db_path: Path, lang: str = "en") -> None:
        super().__init__()
        self.loaded = loaded
        self.db_path = db_path
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box"):
            yield Label(f"Importing “{self.loaded.title}”", id="import-title", markup=False)
            yield Label("Starting…", id="import-stage", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="import-bar")
        yield Footer()

    def on_mount(self) -> None:
        self.run_import()

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def run_import(self) -> None:
        from textual.worker import get_current_worker

        # lazy: the text pipeline loads nltk, scipy and scikit-learn (~1 s)
        from reader.text.importer import ImportCancelled, import_text

        worker = get_current_worker()

        def report(stage: str, done: int, total: int) -> None:
            self.post_message(Progress(stage, done, total))

        try:
            with worker_db(self.db_path) as db:
                result = import_text(
                    db,
                    self.loaded,
                    self.lang,
                    progress=report,
                    cancelled=lambda: worker.is_cancelled,
                )
                if result.created and not worker.is_cancelled:
                    self._after_import(db, result, report)
        except ImportCancelled:
            return  # the learner left: nothing stored, nothing to say
        except Exception as exc:
            self.post_message(WorkFailed(log_failure(exc, f"import {self.loaded.title!r}")))
            return
        self.post_message(ImportFinished(result.text_id))

    def _after_import(
        self, db: Any, result: ImportResult, report: Callable[[str, int, int], None]
    ) -> None:
        """Count the new text's phrases, so its first study list (L) opens at once. The text
        is stored either way: should this fail, the study list counts them when asked."""
        # lazy: the phrase index loads wordfreq's tables (~0.15 s)
        from reader.learn.after_import import after_import

        try:
            after_import(db, result.text_id, self.lang, progress=report, analysed=result.analysed)
        except Exception as exc:
            log_failure(exc, f"count the phrases of {self.loaded.title!r}")

    def on_progress(self, message: Progress) -> None:
        self.query_one("#import-stage", Label).update(STAGES.get(message.stage, message.stage))
        self.query_one("#import-bar", ProgressBar).update(
            total=message.total, progress=message.done
        )

    def on_import_finished(self, message: ImportFinished) -> None:
        # lazy: the reading screen loads wordfreq and the sense model (~0.3 s)
        from reader.ui.screens.reading import ReadingScreen

        self.app.switch_screen(ReadingScreen(message.text_id))

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#import-stage", Label).update(f"Import failed: {message.error}")
        self.notify(message.error, title="Import failed", severity="error", markup=False)

    def action_back(self) -> None:
        """Leave, and stop the import: it checks before it commits, so nothing is stored."""
        self.workers.cancel_group(self, "import")
        self.app.pop_screen()
