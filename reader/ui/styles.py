"""Status colours, in the spirit of LWT and Lute, so a page shows at a glance what is still new."""

from __future__ import annotations

from rich.style import Style

from reader.learn.status import IGNORED, KNOWN, NEW

STATUS_STYLES: dict[int, Style] = {
    NEW: Style(color="black", bgcolor="#addfff"),
    1: Style(color="black", bgcolor="#f5b8a9"),
    2: Style(color="black", bgcolor="#f5cca9"),
    3: Style(color="black", bgcolor="#f5e1a9"),
    4: Style(color="black", bgcolor="#f5f3a9"),
    KNOWN: Style(),
    IGNORED: Style(dim=True),
}
NAME_STYLE = Style(italic=True)
CURSOR_STYLE = Style(bold=True, underline=True, reverse=True)
PHRASE_STYLE = Style(underline=True)
SELECTION_STYLE = Style(color="black", bgcolor="#c8a2f0")
