"""Exporting flashcards from a screen: the same export as ``sentences export``, in a worker.

The reading and review screens bind ``x`` (and offer the command palette's "Export flashcards"
commands) to :func:`start_export`. The export runs on a worker thread with its own database
connection, after the writer has saved what the learner just did; this modal shows its progress
(the sentence audio is the slow part) and Escape cancels it, leaving no file behind.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, ProgressBar
from textual.worker import WorkerState

from reader.errors import describe
from reader.paths import audio_dir, data_home
from reader.speech import SpeechSettings
from reader.ui.base import sentences_app, worker_db
from reader.ui.messages import ExportFinished, Progress, WorkFailed

STAGES = {
    "lexicon": "Building the lexicon from WordNet",
    "selecting": "Choosing the words you are learning",
    "audio": "Speaking the sentences",
    "writing": "Writing the file",
}
KIND_NAMES = {"anki": "Anki package", "tsv": "TSV for Anki", "csv": "CSV"}


def exports_dir() -> Path:
    """Where the screens' exports go: ``exports/`` in the data home (the path is shown)."""

    folder = data_home() / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def start_export(app: App[object], kind: str = "anki") -> None:
    """Export the learner's flashcards with the command line's defaults (statuses 1-4, deck
    "Sentences", sentence audio) to ``exports/sentences-DATE.apkg`` in the data home."""
    app.push_screen(ExportScreen(kind))


class ExportScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, kind: str = "anki") -> None:
        super().__init__()
        self.kind = kind
        self.cancel = threading.Event()

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(f"Exporting flashcards ({KIND_NAMES[self.kind]})", id="export-title")
            yield Label("Starting…", id="export-stage", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="export-bar")
            yield Label("Escape cancels", id="export-hint")

    def on_mount(self) -> None:
        self.run_export()

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def run_export(self) -> None:
        # lazy: exports load genanki, gTTS and wordfreq (~0.5 s)
        from reader.export import ExportCancelled, ExportRequest, default_path, export

        app = sentences_app(self)

        def report(stage: str, done: int, total: int) -> None:
            self.post_message(Progress(stage, done, total))

        # The reading screen may be compiling WordNet right now, holding the write lock for
        # longer than SQLite's busy timeout: wait for it (the meanings need it) rather than fail.
        while self._lexicon_building() and not self.cancel.is_set():
            report("lexicon", 0, 0)
            time.sleep(0.25)
        app.writer.flush(timeout=10)  # what the learner just marked goes into the export
        config = app.config
        speech = SpeechSettings(
            engine="espeak" if config.speech_engine == "espeak" else "gtts",
            lang=config.lang,
            tld=config.speech_tld,
            voice=config.speech_voice,
        )

        try:
            if self.cancel.is_set():
                raise ExportCancelled("export cancelled")
            with worker_db(app.db_path) as db:
                request = ExportRequest(
                    kind=self.kind,
                    out=default_path(self.kind, exports_dir()),
                    lang=config.lang,
                    native_lang=config.native_lang,
                )
                result = export(db, request, speech, audio_dir, report, self.cancel)
        except ExportCancelled:
            self.post_message(WorkFailed(""))
            return
        except Exception as exc:
            self.post_message(WorkFailed(describe(exc)))
            return
        self.post_message(ExportFinished(str(result.out), result.summary(), result.warnings))

    def _lexicon_building(self) -> bool:
        return any(
            w.group == "lexicon" and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
            for w in list(self.app.workers)
        )

    def on_progress(self, message: Progress) -> None:
        self.query_one("#export-stage", Label).update(STAGES.get(message.stage, message.stage))
        bar = self.query_one("#export-bar", ProgressBar)
        if message.stage == "audio":
            bar.update(total=message.total, progress=message.done)
        else:
            bar.update(total=None)

    def on_export_finished(self, message: ExportFinished) -> None:
        self.dismiss(None)
        for warning in message.warnings:
            self.app.notify(warning, severity="warning", timeout=8, markup=False)
        self.app.notify(message.summary, title="Flashcards exported", timeout=12, markup=False)

    def on_work_failed(self, message: WorkFailed) -> None:
        self.dismiss(None)
        if message.error:
            self.app.notify(
                message.error, title="Not exported", severity="error", timeout=10, markup=False
            )
        else:
            self.app.notify("Export cancelled; nothing was written.", timeout=4)

    def action_cancel(self) -> None:
        self.cancel.set()
        self.query_one("#export-stage", Label).update("Cancelling…")


class ExportCommands(Provider):
    """The command palette's export commands, on the screens that list them in ``COMMANDS``."""

    def _commands(self) -> Iterable[tuple[str, str, str]]:
        for kind, name in KIND_NAMES.items():
            yield (
                f"Export flashcards: {name}",
                f"The words you are learning, with their sentences, to a {name} file",
                kind,
            )

    async def discover(self) -> Hits:
        for title, help_text, kind in self._commands():
            yield DiscoveryHit(title, self._runner(kind), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, kind in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), self._runner(kind), help=help_text)

    def _runner(self, kind: str) -> Callable[[], None]:
        def run() -> None:
            start_export(self.app, kind)

        return run
