"""Every key of a screen, in words: for the help screen (``?``) and the command palette.

Both are made from the screen's own ``BINDINGS``, so a new key shows in the help and the palette
without a second list to keep in step. A binding's ``tooltip`` is its help line; bindings without
one are variants of a neighbour that has one (2, 3 and 4 are described with 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from textual.binding import Binding, BindingType

KEY_NAMES = {
    "down": "↓", "up": "↑", "left": "←", "right": "→", "space": "Space", "escape": "Esc",
    "enter": "Enter", "tab": "Tab", "shift+tab": "Shift+Tab", "pagedown": "PgDn",
    "pageup": "PgUp", "shift+pagedown": "Shift+PgDn", "shift+pageup": "Shift+PgUp",
    "home": "Home", "end": "End", "plus": "+", "equals_sign": "=", "minus": "-",
    "question_mark": "?", "slash": "/", "shift+space": "Shift+Space", "ctrl+p": "Ctrl+P",
    "right_square_bracket": "]", "left_square_bracket": "[",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class KeyHelp:
    keys: str  # as shown: "↓ Space j"
    help: str  # what it does, in words
    action: str  # the action it runs, for the command palette


def key_label(keys: str) -> str:
    """``"down,space,j"`` -> ``"↓ Space j"``."""
    return " ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in keys.split(","))


def key_help(bindings: Iterable[BindingType]) -> list[KeyHelp]:
    """One row per binding with a help line, in the order the screen lists them."""
    rows: list[KeyHelp] = []
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.tooltip:
            continue
        shown = binding.key_display if binding.key_display and "," not in binding.key else None
        rows.append(KeyHelp(shown or key_label(binding.key), binding.tooltip, binding.action))
    return rows
