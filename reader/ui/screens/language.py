"""The first-run question: which language does the learner think in?

Asked once (the answer, or a skip, is recorded in ``questions_asked``): it makes glosses from
dictionaries into that language come first and turns on sentence translation into it. Skipping
is one key; ``sentences config set native_lang ko`` answers it later.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import sqlite_utils
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.config import load_config, save_config
from reader.languages import COMMON, name_of
from reader.store import transaction
from reader.store.migrations import now

if TYPE_CHECKING:
    from reader.ui.app import SentencesApp

QUESTION = "native_lang"
SKIP = "skip"


def already_asked(db: sqlite_utils.Database) -> bool:
    """Whether the question was answered or skipped in this data home (one indexed read)."""
    row = db.conn.execute("SELECT 1 FROM questions_asked WHERE name = ?", (QUESTION,)).fetchone()
    return row is not None


def record_answer(db: sqlite_utils.Database, answer: str | None) -> None:
    with transaction(db):
        db.conn.execute(
            "INSERT INTO questions_asked (name, answer, asked_at) VALUES (?, ?, ?) "
            "ON CONFLICT (name) DO UPDATE SET answer = excluded.answer, "
            "asked_at = excluded.asked_at",
            (QUESTION, answer, now()),
        )


class LanguageScreen(ModalScreen[str | None]):
    """Returns the chosen ISO 639-1 code, or None when the learner skips."""

    BINDINGS = [Binding("escape,s", "skip", "Skip")]

    def compose(self) -> ComposeResult:
        options = [Option("Skip: English glosses only", id=SKIP)]
        others = sorted((c for c in COMMON if c != "en"), key=lambda c: COMMON[c][0])
        options += [Option(name_of(code), id=code) for code in others]
        with Vertical(id="prompt"):
            yield Label(
                "Which language do you think in? Glosses in it come first, and sentences are "
                "translated into it. (Later: sentences config set native_lang CODE)",
                id="prompt-title",
                markup=False,
            )
            yield OptionList(*options, id="languages")
            yield Label("↑↓ Enter to choose · s or Escape to skip", id="prompt-help")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id
        self.dismiss(None if choice in (None, SKIP) else choice)

    def action_skip(self) -> None:
        self.dismiss(None)


def needs_asking(app: SentencesApp) -> bool:
    """The learner has no language set and was never asked (nor skipped the question)."""
    return not app.config.native_lang and not already_asked(app.db)


def ask_language(app: SentencesApp, then: Callable[[str | None], object] | None = None) -> None:
    """Ask the question (see :func:`needs_asking`); ``then(code)`` runs once it is answered."""

    def answered(code: str | None) -> None:
        if code:
            app.config.native_lang = code  # the reading screen uses it from now on
            app.notify(f"Your language: {name_of(code)}", timeout=3, markup=False)
        save_answer(app, code)
        if then is not None:
            then(code)

    app.push_screen(LanguageScreen(), answered)


def save_answer(app: SentencesApp, code: str | None) -> None:
    app.write(lambda db: record_answer(db, code), label="your language")
    if code:
        app.run_worker(
            lambda: _write_config(code), thread=True, group="language", exit_on_error=False
        )


def _write_config(code: str) -> None:

    load_config.cache_clear()
    config = load_config()
    config.native_lang = code
    save_config(config)
