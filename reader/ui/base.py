"""What every screen and every part of a screen reaches the app through, typed.

A screen, or a widget that owns its work (a worker and the messages it posts), needs the app's
settings, its database path and its writer: :class:`reader.ui.app.SentencesApp`, not Textual's
plain ``App``. One property, here, in place of a copy in each screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from reader.ui.app import SentencesApp

ResultType = TypeVar("ResultType")


def sentences_app(node: DOMNode) -> SentencesApp:
    """The running app, as the Sentences app it is (the only app that shows these screens;
    the app imports the screens, so they name it for the type checker only)."""
    return cast("SentencesApp", node.app)


class AppScreen(Screen[ResultType]):
    """A screen of the Sentences app."""

    @property
    def sentences_app(self) -> SentencesApp:
        return sentences_app(self)


class AppWidget(Widget):
    """A part of a screen with work of its own, and nothing to draw: its workers run and its
    messages land here, and what the screen must know is posted up to it."""

    DEFAULT_CSS = """
    AppWidget {
        display: none;
    }
    """

    @property
    def sentences_app(self) -> SentencesApp:
        return sentences_app(self)
