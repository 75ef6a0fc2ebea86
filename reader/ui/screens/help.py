"""The help screen (``?``): every key of the screen it was opened from, in words."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from reader.ui.keys import KeyHelp


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,question_mark,q", "close", "Close")]

    def __init__(self, title: str, rows: list[KeyHelp]) -> None:
        super().__init__()
        self.help_title = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for row in self.rows:
            table.add_row(Text(row.keys), Text(row.help))
        with Vertical(id="help"):
            yield Label(self.help_title, id="help-title", markup=False)
            with VerticalScroll(id="help-keys", can_focus=False):
                yield Static(table)
            yield Label("Esc or ? closes · Ctrl+P finds any of these by name", id="help-footer")

    def action_close(self) -> None:
        self.dismiss(None)
