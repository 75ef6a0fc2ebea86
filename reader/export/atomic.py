"""Export files appear whole or not at all: written under a temporary name, then renamed.

A failure halfway (a full disk, a missing audio file, Ctrl-C) leaves the previous file, if any,
untouched and no partial file behind, so Anki is never handed a truncated package.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
    """Yield a temporary path beside ``out``; it replaces ``out`` only if the block succeeds."""
    check_writable(out)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        fd, name = tempfile.mkstemp(prefix=f".{out.name[:40]}.", suffix=".part", dir=parent)
    except OSError as exc:
        raise ExportError(f"cannot write {out}: {exc.strerror or exc}") from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)
