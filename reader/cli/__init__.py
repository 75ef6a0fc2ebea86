"""The ``sentences`` command: thin commands over the layers, one-line errors, ``--json`` output.

Each module adds its commands to the one click group in :mod:`reader.cli.base`.
"""

from reader.cli import (  # noqa: F401  (registers)
    audio,
    dicts,
    export,
    insight,
    library,
    maintenance,
    review,
    settings,
    text,
    translating,
    words,
)
from reader.cli.base import main, run

__all__ = ["main", "run"]
