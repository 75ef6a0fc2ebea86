"""What the reading screen shows for a sentence, made in one place: on the UI thread after a
mark or a cursor move, or ahead of the key, in the worker that reads the next sentence ahead
(:mod:`reader.learn.read_ahead`), so that the key only hands it to the widgets.

Either way it is :func:`draw_page` that makes it, from a session (the live one, or a
:meth:`~reader.learn.session.ReadingSession.preview` of the next sentence), so the two cannot
differ. Text is turned into Textual's :class:`~textual.content.Content` here, as
``Static.update`` would do it, and the glosses table is drawn ahead for the panel's widths.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rich.console import Console, ConsoleOptions, RenderableType
from rich.text import Text
from textual.content import Content

from reader.learn.met_counts import PENDING, Met
from reader.learn.session import ReadingSession
from reader.learn.texts import SentenceRow
from reader.text.display import display_line
from reader.ui.widgets.glosses import RenderedOnce, render_detail, render_glosses
from reader.ui.widgets.sentence import render_sentence


@dataclass(frozen=True)
class PageSettings:
    """How the screen is laid out when the page is drawn (read on the UI thread)."""

    note: str
    """The lexicon's state ("Building the lexicon from WordNet…"), over the glosses."""
    narrow: bool
    """An 80-column screen: the glosses leave out the part of speech."""
    around: int
    """How many sentences show dimmed above and below the focus."""
    console: Console
    glosses_options: tuple[ConsoleOptions, ...] = ()
    """The glosses panel's widths (with a scroll bar and without), to draw the table for."""
    met: Callable[[str], Met | None] | None = field(default=None, compare=False)
    """How often the library has a term (:class:`reader.learn.met_counts.MetCounts.get`)."""


@dataclass(frozen=True)
class Page:
    focus: Content
    glosses: Content | RenderedOnce
    detail: Content
    detail_title: str
    before: Content | None = None
    after: Content | None = None
    cursor_key: str | None = None


def draw_page(session: ReadingSession, settings: PageSettings, context: bool = True) -> Page:
    """The sentence, its glosses and the word under the cursor (and, with ``context``, the
    dimmed sentences around it) as the widgets take them."""
    console = settings.console
    unit = session.current_unit
    glosses = render_glosses(
        session.gloss_rows(), unit.key if unit else None, settings.note, narrow=settings.narrow
    )
    if isinstance(glosses, RenderedOnce):
        for options in settings.glosses_options:
            glosses.prime(console, options)
    entry = session.known_entry(unit) if unit is not None else None
    met_line = None
    if unit is not None and settings.met is not None:
        found = settings.met(unit.key)
        met_line = found.line() if found is not None else PENDING
    before = after = None
    if context:
        above, below = session.context(settings.around, settings.around)
        before, after = (
            _content(_context_text(above), console),
            _content(_context_text(below), console),
        )
    return Page(
        focus=_content(render_sentence(session), console),
        glosses=glosses if isinstance(glosses, RenderedOnce) else _content(glosses, console),
        detail=_content(
            render_detail(
                entry,
                unit.surface if unit is not None else "",
                looking=unit is not None,
                met=met_line,
            ),
            console,
        ),
        detail_title="Phrase" if unit is not None and unit.is_phrase else "Word",
        before=before,
        after=after,
        cursor_key=unit.key if unit is not None else None,
    )


def _content(renderable: RenderableType, console: Console) -> Content:
    assert isinstance(renderable, Text)
    return Content.from_rich_text(renderable, console=console)


def _context_text(rows: list[SentenceRow]) -> Text:
    return Text("\n".join(display_line(r.text) for r in rows))
