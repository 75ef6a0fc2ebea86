"""The ``sentences`` command: thin commands over the layers, one-line errors, ``--json`` output.

The one click group is in :mod:`reader.cli.base`; each module adds its commands to it, and the
group imports a module only when one of its commands runs (the table in
:mod:`reader.cli.commands` names them).
"""

from reader.cli.base import main, run

__all__ = ["main", "run"]
