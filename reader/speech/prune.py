"""Keeping the audio cache to a size: the least recently used files go first.

The cache never needs invalidating (its names are content hashes), but it grows with every
sentence heard, and a pre-rendered book is about a gigabyte. A cache hit refreshes its file's
modification time (see :func:`touch`), so the oldest times belong to what was not heard for the
longest; those files and their index rows are removed until the rest fits.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from reader.store import transaction

# the cache's own names only: "ab/<sha256>.mp3" (and .wav from before the cache kept MP3)
_CACHED_NAME = re.compile(r"[0-9a-f]{64}\.(?:mp3|wav)")


@dataclass(frozen=True)
class PruneReport:
    removed: int  # files
    freed: int  # bytes
    kept: int  # bytes left in the cache


def touch(path: Path) -> None:
    """Mark a cached file as just used; a read-only cache is simply not reordered."""
    with contextlib.suppress(OSError):
        os.utime(path)


def prune(
    db: sqlite_utils.Database,
    roots: Iterable[Path],
    max_bytes: int,
    shared: Iterable[Path] = (),
) -> PruneReport:
    """Remove the least recently used audio under ``roots`` until at most ``max_bytes`` remain.

    ``roots`` are this data home's own audio folders: every cached file there counts. Under
    ``shared`` folders (the checkout's ``audio/`` for the sample articles, a folder given by
    ``SENTENCES_AUDIO_DIR``) other data homes keep audio too, so only the files this database's
    ``audio`` index names are this home's to remove.
    """
    owned = {str(row[0]) for row in db.execute("SELECT key FROM audio").fetchall()}
    candidates = [(root, False) for root in roots] + [(root, True) for root in shared]
    files: list[tuple[float, int, Path]] = []
    seen: set[Path] = set()
    for root, indexed_only in candidates:
        for path in root.glob("??/*"):
            if path in seen or (indexed_only and path.stem not in owned):
                continue
            seen.add(path)
            if _CACHED_NAME.fullmatch(path.name):
                with contextlib.suppress(OSError):
                    stat = path.stat()
                    files.append((stat.st_mtime, stat.st_size, path))
    files.sort(key=lambda f: f[0], reverse=True)  # most recently used first
    kept = freed = 0
    removed: list[Path] = []
    for _, size, path in files:
        if kept + size <= max_bytes:
            kept += size
            continue
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError:
            kept += size  # cannot be removed: it still takes the space
            continue
        removed.append(path)
        freed += size
    with transaction(db):
        db.conn.executemany("DELETE FROM audio WHERE key = ?", [(p.stem,) for p in removed])
    for folder in {p.parent for p in removed}:
        with contextlib.suppress(OSError):
            folder.rmdir()  # only if empty
    return PruneReport(len(removed), freed, kept)
