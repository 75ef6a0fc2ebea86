"""The first run: questions a new learner is asked once, before the first page.

Each question is a :class:`FirstRunStep`: whether it is needed (read in a worker, with its own
connection), the screen that asks it, and what to do with the answer (also in a worker). The app
asks the needed ones in the order of :data:`STEPS`; a later question (the learner's own language,
say) is one more step appended there.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from reader.learn.first_run import HEAD_START_SIZES, give_head_start, wants_head_start

if TYPE_CHECKING:
    from reader.ui.app import SentencesApp


FIRST_RUN_ENV = "SENTENCES_FIRST_RUN"
"""``0`` skips the head-start offer (scripted sessions, and tests of other things)."""


def _always(app: SentencesApp) -> bool:
    return True


@dataclass(frozen=True)
class FirstRunStep:
    name: str
    needed: Callable[[sqlite_utils.Database], bool]
    """Whether to ask (on a worker thread, with that thread's connection)."""
    screen: Callable[[], Screen[Any]]
    """The screen that asks; it is dismissed with the answer."""
    apply: Callable[[sqlite_utils.Database, Any], str] | None = None
    """Acts on the answer on a worker thread; returns a line to tell the learner, or ""."""
    on_answer: Callable[[SentencesApp, Any], None] | None = None
    """Acts on the answer on the UI thread (quick: hand writes to the app's writer)."""
    enabled: Callable[[SentencesApp], bool] = _always
    """Whether this run may ask it at all (on the UI thread, before anything is read)."""


class HeadStartScreen(ModalScreen[int]):
    """Mark the 1,000 / 3,000 / 5,000 most frequent words known? Dismissed with N, or 0."""

    BINDINGS = [
        Binding("1", "answer(1000)", "1,000", show=False),
        Binding("3", "answer(3000)", "3,000", show=False),
        Binding("5", "answer(5000)", "5,000", show=False),
        Binding("n,escape", "answer(0)", "No thanks", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="first-run"):
            yield Label("Welcome to Sentences", id="first-run-title")
            yield Static(
                "Every word starts as new (blue) and is glossed. If you already know some "
                "English, mark the most frequent words known now, so the page shows only "
                "what you still need. You can change any word later (k known, 1-4 learning).",
                id="first-run-text",
            )
            yield OptionList(
                *[
                    Option(f"{n // 1000}  Mark the {n:,} most frequent words known", id=str(n))
                    for n in HEAD_START_SIZES
                ],
                Option("n  No thanks: every word starts new", id="0"),
                id="first-run-options",
            )
            yield Label("↑↓ and Enter, or press 1, 3, 5 or n", id="first-run-help")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 1  # 3,000: a common intermediate start

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id or 0))

    def action_answer(self, top: int) -> None:
        self.dismiss(top)


def _apply_head_start(db: sqlite_utils.Database, answer: Any) -> str:
    top = int(answer or 0)
    count = give_head_start(db, top)
    return f"{count:,} frequent words marked known" if top else ""


def _head_start_enabled(app: SentencesApp) -> bool:
    return os.environ.get(FIRST_RUN_ENV, "1") != "0"


# The learner's own language is asked by reader.ui.screens.language before the text opens; a
# question to ask over the first page is one more step here.
STEPS: list[FirstRunStep] = [
    FirstRunStep(
        "head_start",
        wants_head_start,
        HeadStartScreen,
        apply=_apply_head_start,
        enabled=_head_start_enabled,
    ),
]
