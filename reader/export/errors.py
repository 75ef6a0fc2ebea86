"""What can stop an export; the messages are one line, fit for the terminal and the screen."""

from __future__ import annotations


class ExportError(Exception):
    """The export cannot be written (nothing selected, no audio engine, unwritable path)."""


class ExportCancelled(ExportError):
    """The learner stopped the export; nothing was written."""


class NothingNew(ExportError):
    """``--since-last`` found nothing changed since the last export: not a failure (the learner's
    deck is up to date), so the command line says so and exits 0."""
