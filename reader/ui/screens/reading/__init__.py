"""The reading screen (:mod:`.screen`) and the parts it is made of, each with its own work and
messages: the translation line, the listener, the navigator, the marker, the page drawn ahead
and the lexicon builder."""

from reader.ui.screens.reading.screen import ReadingScreen

__all__ = ["ReadingScreen"]
