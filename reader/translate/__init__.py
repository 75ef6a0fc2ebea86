"""Machine translation of sentences and words into the learner's language, cached in SQLite.

Services sit behind one interface (:mod:`reader.translate.engines`); :func:`translate` is the one
call the reading screen and the command line make. Nothing here imports the UI.
"""

from reader.translate.errors import TranslationError
from reader.translate.service import (
    LABEL,
    MachineTranslation,
    availability,
    cached_translation,
    translate,
)

__all__ = [
    "LABEL",
    "MachineTranslation",
    "TranslationError",
    "availability",
    "cached_translation",
    "translate",
]
