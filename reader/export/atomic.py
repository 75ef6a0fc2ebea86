"""Export files appear whole or not at all (:mod:`reader.atomic`), so Anki is never handed a
truncated package; and a file that cannot be written is said before any slow work."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from reader.atomic import atomic_output
from reader.export.errors import ExportError


def check_writable(out: Path) -> None:
    """Fail before any slow work (synthesizing audio) when ``out`` cannot be written."""
    parent = out.parent if str(out.parent) else Path(".")
    if out.is_dir():
        raise ExportError(f"{out} is a folder; give a file name")
    if not parent.is_dir():
        raise ExportError(f"cannot write {out}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"cannot write {out}: the folder {parent} is not writable")
    if out.exists() and not os.access(out, os.W_OK):
        raise ExportError(f"cannot write {out}: the file is read-only")


@contextmanager
def atomic_file(out: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``out``; it replaces ``out`` only if the block succeeds
    (:func:`reader.atomic.atomic_output`), after :func:`check_writable` said it can."""
    check_writable(out)
    with ExitStack() as stack:
        try:
            tmp = stack.enter_context(atomic_output(out, empty_is_failure=False))
        except OSError as exc:
            raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
        yield tmp
