"""Writing audio files so a reader never sees a half-written one.

Both engines open their output before they know whether synthesis will work (gTTS opens the file
before its first request; espeak-ng creates the WAV up front). Writing to a temporary name in the
same directory and renaming on success means a failure leaves nothing behind, and a concurrent
reader sees either no file or the whole file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place if the block succeeds.

    An empty result counts as a failure: an empty .mp3 in the cache would be "found" forever.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.stem[:16]}-", suffix=".part", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        if tmp.stat().st_size == 0:
            raise OSError(f"synthesis produced an empty file for {target.name}")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
