"""Files that appear whole or not at all: written under a temporary name, then renamed.

An export (an Anki package) and an audio file are both written by code that opens its output
before it knows whether it will succeed. Writing to a temporary name in the same folder and
renaming on success means a failure halfway (a full disk, a network error, Ctrl-C) leaves the
previous file, if any, untouched and nothing partial behind, and a concurrent reader sees either
no file or the whole file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_output(target: Path, *, empty_is_failure: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; it replaces ``target`` only if the block
    succeeds.

    Args:
        empty_is_failure: an empty result is an error, not a file (an empty .mp3 in the audio
            cache would be "found" forever).
    """
    parent = target.parent if str(target.parent) else Path(".")
    parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name[:40]}.", suffix=".part", dir=parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if empty_is_failure and tmp.stat().st_size == 0:
            raise OSError(f"nothing was written for {target.name}")
        os.chmod(tmp, 0o644)  # as a file the learner saved themselves (mkstemp's is 0600)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
