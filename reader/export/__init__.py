"""Flashcards out of the reader: Anki packages (genanki) and TSV/CSV files.

Its own layer beside ``learn``: it reads the learner's terms, texts and cards, may use ``text``,
``lexicon``, ``speech``, ``learn`` and ``store``, and only ``cli`` and ``ui`` import it (the
import-linter contract in pyproject.toml).
"""

from reader.export.errors import ExportCancelled, ExportError, NothingNew
from reader.export.run import KINDS, ExportRequest, ExportResult, default_path, export

__all__ = [
    "KINDS",
    "ExportCancelled",
    "ExportError",
    "ExportRequest",
    "ExportResult",
    "NothingNew",
    "default_path",
    "export",
]
