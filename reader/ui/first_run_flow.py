"""The first run's questions, asked one after the other over whatever screen opened.

The questions themselves (the learner's language, the head start, …) live in
:mod:`reader.ui.screens.first_run` and :mod:`reader.ui.screens.language`; this is the order they
come in and how their answers are saved. It is kept out of the app so the app stays the place
that wires screens, writer and workers together, and this flow can be read in one go.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from reader.errors import describe
from reader.ui.base import cancelled, worker_db
from reader.ui.messages import FirstRunApplied, FirstRunNeeded
from reader.ui.screens.first_run import STEPS
from reader.ui.screens.importing import ImportScreen
from reader.ui.screens.language import QUESTION, ask_language

if TYPE_CHECKING:
    from reader.ui.app import SentencesApp

FIRST_RUN_PATIENCE_S = 180.0
"""How long a first-run answer waits for the write lock (WordNet's compile takes ~10-60 s)."""


class FirstRunFlow:
    def __init__(self, app: SentencesApp) -> None:
        self.app = app

    def check(self, names: list[str], language: bool = False) -> None:
        """Find, on a worker, which of the questions this run may ask are still to be asked;
        ``language``: the learner's own language is asked first."""
        self.app.run_worker(
            lambda: self._check(names, language),
            thread=True, exclusive=True, group="first-run", exit_on_error=False,
        )  # fmt: skip

    def _check(self, names: list[str], language: bool) -> None:
        needed = [QUESTION] if language else []
        if names:
            with worker_db(self.app.db_path) as db:
                needed += [step.name for step in STEPS if step.name in names and step.needed(db)]
        if needed and not cancelled():
            self.app.post_message(FirstRunNeeded(needed))

    def needed(self, message: FirstRunNeeded) -> None:
        """Ask what the worker found still to be asked (on the UI thread)."""
        if isinstance(self.app.screen, ImportScreen):
            # the import replaces itself with the reading screen: ask once that is up
            self.app.set_timer(0.3, lambda: self.needed(message))
            return
        self.ask(list(message.steps))

    def ask(self, names: list[str]) -> None:
        """Ask the first question, then the rest, one after the other."""
        if not names:
            return
        if names[0] == QUESTION:

            def chosen(code: str | None) -> None:
                if code:
                    self._language_chosen()
                self.ask(names[1:])

            ask_language(self.app, then=chosen)
            return
        step = next(s for s in STEPS if s.name == names[0])

        def answered(answer: object) -> None:
            if step.on_answer is not None:
                step.on_answer(self.app, answer)
            if step.apply is not None:
                self.app.run_worker(
                    lambda: self._apply(step.name, answer),
                    thread=True, group="first-run-apply", exit_on_error=False,
                )  # fmt: skip
            self.ask(names[1:])

        self.app.push_screen(step.screen(), answered)

    def _apply(self, name: str, answer: object) -> None:
        """Save an answer (a worker). On a first run WordNet is being compiled at the same
        time, holding the write lock for longer than the busy timeout: wait for it rather than
        lose the answer."""
        step = next(s for s in STEPS if s.name == name)
        assert step.apply is not None
        deadline = time.monotonic() + FIRST_RUN_PATIENCE_S
        while True:
            try:
                with worker_db(self.app.db_path) as db:
                    note = step.apply(db, answer)
                break
            except Exception as exc:
                locked = "locked" in str(exc) or "busy" in str(exc)
                if locked and time.monotonic() < deadline:
                    time.sleep(1)
                    continue
                note = f"Not saved: {describe(exc)}"
                break
        self.app.post_message(FirstRunApplied(note))

    def applied(self, message: FirstRunApplied) -> None:
        if message.note:
            self.app.notify(message.note, timeout=4, markup=False)
        for screen in self.app.app_screens():
            screen.statuses_changed()

    def _language_chosen(self) -> None:
        """The text already open redraws with glosses in the learner's language first, and
        its translation line in that language."""
        for screen in self.app.app_screens():
            screen.statuses_changed()
            screen.refresh_all()
