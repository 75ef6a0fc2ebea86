"""Content-addressed audio: the same sentence in the same voice is synthesized once.

A file's name is the sha256 of what determines its sound (engine, voice, language, text), so the
cache needs no invalidation: change the voice and the key changes. The ``audio`` table indexes the
files (for size accounting and export); the file on disk is the truth, so a row whose file vanished
is treated as a miss and re-synthesized.
"""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils
from sqlite_utils.db import Table

from reader.speech.prune import touch
from reader.store.migrations import now

# every engine's audio is cached as MP3 (see encode); "gtts-tempo" is gTTS re-timed (stretch)
EXTENSIONS = {"gtts": ".mp3", "espeak": ".mp3", "gtts-tempo": ".mp3"}


@dataclass(frozen=True)
class CacheEntry:
    """One cacheable rendering: ``voice`` is the accent/voice descriptor stored in the index."""

    engine: str
    voice: str
    lang: str
    text: str

    @property
    def key(self) -> str:
        # NUL separators: no field holds one, so ("a b", "c") never collides with ("a", "b c").
        material = "\0".join((self.engine, self.voice, self.lang, self.text))
        return hashlib.sha256(material.encode("utf-8")).hexdigest()

    @property
    def relpath(self) -> str:
        key = self.key
        return f"{key[:2]}/{key}{EXTENSIONS[self.engine]}"


def find(db: sqlite_utils.Database, audio_dir: Path, entry: CacheEntry) -> Path | None:
    """The cached file for ``entry`` if it exists and is non-empty, else None."""
    path = audio_dir / entry.relpath
    try:
        if path.stat().st_size > 0:
            touch(path)  # recently used: the last to be pruned
            return path
    except OSError:
        pass
    return None


def record(db: sqlite_utils.Database, audio_dir: Path, entry: CacheEntry) -> None:
    """Index the freshly written file; a failure to index never loses the audio itself."""
    path = audio_dir / entry.relpath
    row = {
        "key": entry.key,
        "engine": entry.engine,
        "voice": entry.voice,
        "lang": entry.lang,
        "text": entry.text,
        "path": entry.relpath,
        "bytes": path.stat().st_size,
        "created_at": now(),
    }
    # Not upsert(): sqlite-utils 3.38 upserts by inserting the key alone first, which the NOT NULL
    # columns silently reject. Locked beyond the busy timeout: the file is there, and the row
    # will be written on the next hit.
    with contextlib.suppress(sqlite3.OperationalError):
        Table(db, "audio").insert(row, pk="key", replace=True)


def has_row(db: sqlite_utils.Database, entry: CacheEntry) -> bool:
    return db.execute("SELECT 1 FROM audio WHERE key = ?", [entry.key]).fetchone() is not None


class KeyLocks:
    """One lock per cache key, so a prefetch worker and the UI never synthesize the same file twice.

    Locks are dropped when no one holds or waits for them, so the table stays small.
    """

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[threading.Lock, int]] = {}

    @contextmanager
    def hold(self, key: str) -> Iterator[None]:
        with self._guard:
            lock, users = self._locks.get(key, (threading.Lock(), 0))
            self._locks[key] = (lock, users + 1)
        try:
            with lock:
                yield
        finally:
            with self._guard:
                lock, users = self._locks[key]
                if users <= 1:
                    del self._locks[key]
                else:
                    self._locks[key] = (lock, users - 1)


key_locks = KeyLocks()
