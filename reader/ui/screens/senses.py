"""Choosing a sense: the word's senses, numbered as in its entry; the learner picks the one meant.

Opened with ``c`` on the reading screen. A digit picks that sense at once; ↑ ↓ and Enter pick the
highlighted one; Escape leaves things as they were. The screen only returns the choice: the
reading screen stores it in a worker.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.learn.glossing import GlossEntry
from reader.lexicon.lookup import LEARNER_SOURCE, Gloss

MAX_NUMBERED = 9  # one key each; further senses are reached with the arrows


def sense_label(number: int, sense: Gloss, chosen: bool, show_source: bool = False) -> Text:
    """One option: its number, part of speech, the definition (and its source, when the senses
    come from several), its example."""
    out = Text()
    out.append(f"{number}. ", style="bold")
    if chosen:
        out.append("✓ ", style="bold green")
    if sense.pos and sense.source != LEARNER_SOURCE:
        out.append(f"({sense.pos.lower()}) ", style="dim")
    out.append(sense.gloss)
    if show_source:
        source = "your gloss" if sense.source == LEARNER_SOURCE else sense.source
        out.append(f"  · {source}", style="dim")
    if sense.example:
        out.append(f'\n   "{sense.example}"', style="italic dim")
    return out


class SenseChoiceScreen(ModalScreen[int | None]):
    """Returns the index of the sense picked in ``entry.senses``, or None (Escape)."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        *(Binding(str(n), f"pick({n - 1})", str(n), show=False) for n in range(1, 10)),
    ]

    def __init__(self, entry: GlossEntry, surface: str = "") -> None:
        super().__init__()
        self.entry = entry
        self.surface = surface

    def compose(self) -> ComposeResult:
        word = self.entry.lemma
        mixed = len({s.source for s in self.entry.senses}) > 1
        with Vertical(id="senses"):
            yield Label(f"Which meaning of “{word}” is this?", id="senses-title", markup=False)
            yield OptionList(
                *(
                    Option(sense_label(n, s, self.entry.chosen and n == 1, mixed), id=str(n - 1))
                    for n, s in enumerate(self.entry.senses, start=1)
                ),
                id="senses-list",
            )
            help_text = "1-9 or ↑↓ Enter: choose · Escape: cancel"
            if self.entry.chosen:
                help_text += " · choosing ✓ again goes back to the dictionary's order"
            yield Label(help_text, id="senses-help")

    def on_mount(self) -> None:
        self.query_one(OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)

    def action_pick(self, index: int) -> None:
        if index < len(self.entry.senses):
            self.dismiss(index)

    def action_cancel(self) -> None:
        self.dismiss(None)
