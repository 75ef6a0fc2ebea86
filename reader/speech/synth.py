"""Turning a sentence into a cached audio file, with the offline engine as a safety net.

These functions block (network, subprocesses, disk): call them from worker threads, never from
the UI's event loop. Each thread needs its own SQLite connection, so they accept either an open
``Database`` (used as is, on the calling thread) or a database path (opened here).
"""

from __future__ import annotations

import re
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils

from reader.paths import audio_dir as default_dir
from reader.speech import cache
from reader.speech.encode import wav_to_mp3
from reader.speech.espeak_engine import synthesize_espeak, wpm_for
from reader.speech.gtts_engine import DEFAULT_TIMEOUT, synthesize_gtts
from reader.speech.prune import touch
from reader.speech.settings import (
    OfflineTTSError,
    OnlineTTSError,
    SpeechError,
    SpeechResult,
    SpeechSettings,
)
from reader.speech.stretch import stretch_file
from reader.store.db import open_db

DbLike = sqlite_utils.Database | str | Path

#: After a network failure, go straight to the offline engine for this long: otherwise every
#: sentence of a prefetch would wait out the connect timeout again.
OFFLINE_RETRY_S = 60.0


class _OnlineState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.until = 0.0
        self.reason = ""

    def down(self) -> str | None:
        with self.lock:
            return self.reason if time.monotonic() < self.until else None

    def mark_down(self, reason: str) -> None:
        with self.lock:
            self.until = time.monotonic() + OFFLINE_RETRY_S
            self.reason = reason

    def reset(self) -> None:
        with self.lock:
            self.until = 0.0
            self.reason = ""


online = _OnlineState()


def normalize(text: str) -> str:
    """Whitespace differences must not make a second cache entry for the same sentence."""
    return re.sub(r"\s+", " ", text).strip()


def gtts_entry(text: str, settings: SpeechSettings) -> cache.CacheEntry:
    voice = settings.tld + (":slow" if settings.slow else "")
    return cache.CacheEntry("gtts", voice, settings.lang, text)


def tempo_entry(text: str, settings: SpeechSettings) -> cache.CacheEntry:
    """gTTS's audio re-timed to ``settings.speed`` at the same pitch (reader.speech.stretch)."""
    base = gtts_entry(text, settings)
    return cache.CacheEntry("gtts-tempo", f"{base.voice}@{settings.speed:g}x", base.lang, text)


def espeak_entry(text: str, settings: SpeechSettings) -> cache.CacheEntry:
    wpm = wpm_for(settings.speed)
    voice = settings.voice if wpm == wpm_for(1.0) else f"{settings.voice}@{wpm}wpm"
    return cache.CacheEntry("espeak", voice, settings.lang, text)


@contextmanager
def open_database(db: DbLike) -> Iterator[sqlite_utils.Database]:
    if isinstance(db, sqlite_utils.Database):
        yield db
        return

    opened = open_db(db)
    try:
        yield opened
    finally:
        opened.conn.close()


def _audio_dir(audio_dir: Path | str | None) -> Path:
    if audio_dir is None:
        return default_dir()
    return Path(audio_dir)


def synthesize(
    text: str,
    settings: SpeechSettings,
    db: DbLike,
    audio_dir: Path | str | None = None,
    *,
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
    use_program: bool | None = None,
    fallback: bool = True,
) -> SpeechResult:
    """The audio file for ``text``, from the cache or freshly made (blocking).

    With ``engine="gtts"`` a network or HTTP failure falls back to eSpeak NG and says so in the
    result; :class:`SpeechError` is raised only when no engine could speak. ``fallback=False``
    is for an engine the learner named for this one call (``speak --engine gtts``): the other
    voice is not what they asked for, so its failure is the answer. ``audio_dir=None`` uses
    :func:`reader.paths.audio_dir`. ``use_program`` is passed to the offline engine.
    """
    text = normalize(text)
    if not text:
        raise SpeechError("nothing to say")
    root = _audio_dir(audio_dir)
    with open_database(db) as conn:
        if settings.engine == "espeak":
            return _offline(text, settings, conn, root, use_program, reason="")
        entry = gtts_entry(text, settings)
        hit = _cached(conn, root, entry)
        if hit is not None:
            return _at_speed(conn, root, text, settings, hit, cached=True)
        reason = online.down()
        if reason is None:
            with cache.key_locks.hold(entry.key):
                hit = _cached(conn, root, entry)
                if hit is not None:
                    return _at_speed(conn, root, text, settings, hit, cached=True)
                path = root / entry.relpath
                try:
                    synthesize_gtts(
                        text,
                        path,
                        lang=settings.lang,
                        tld=settings.tld,
                        slow=settings.slow,
                        timeout=timeout,
                    )
                except OnlineTTSError as exc:
                    reason = str(exc)
                    if exc.network:
                        online.mark_down(reason)
                else:
                    cache.record(conn, root, entry)
                    return _at_speed(conn, root, text, settings, path, cached=False)
        if not fallback:
            raise SpeechError(f"gTTS could not speak: {' '.join(reason.split())}")
        return _offline(text, settings, conn, root, use_program, reason=reason)


def _at_speed(
    db: sqlite_utils.Database,
    root: Path,
    text: str,
    settings: SpeechSettings,
    normal: Path,
    *,
    cached: bool,
) -> SpeechResult:
    """gTTS's file at the listening speed, re-timed once and cached; if it cannot be decoded,
    the original, for the player to resample (faster, but higher)."""
    if settings.speed == 1.0:
        return SpeechResult(normal, cached, "gtts")
    entry = tempo_entry(text, settings)
    with cache.key_locks.hold(entry.key):
        hit = _cached(db, root, entry)
        if hit is not None:
            return SpeechResult(hit, cached, "gtts")
        try:
            stretch_file(normal, root / entry.relpath, settings.speed)
        except (ValueError, OSError):
            return SpeechResult(normal, cached, "gtts", playback_speed=settings.speed)
        cache.record(db, root, entry)
        return SpeechResult(root / entry.relpath, cached, "gtts")


def cached_path(
    text: str, settings: SpeechSettings, audio_dir: Path | str | None = None
) -> SpeechResult | None:
    """The audio already on disk for ``text``, without a database or any engine: safe to call
    on the UI thread, so replaying a known sentence never waits for a worker.

    With gTTS settings an earlier offline fallback counts (``fell_back`` is then True).
    """
    text = normalize(text)
    if not text:
        return None
    root = _audio_dir(audio_dir)
    if settings.engine == "gtts":
        entry = gtts_entry(text, settings) if settings.speed == 1.0 else tempo_entry(text, settings)
        path = root / entry.relpath
        if _nonempty(path):
            return SpeechResult(path, True, "gtts")
    path = root / espeak_entry(text, settings).relpath
    if _nonempty(path):
        return SpeechResult(path, True, "espeak", fell_back=settings.engine != "espeak")
    return None


def _nonempty(path: Path) -> bool:
    try:
        found = path.stat().st_size > 0
    except OSError:
        return False
    if found:
        touch(path)  # a replay counts as a use: see reader.speech.prune
    return found


def _cached(db: sqlite_utils.Database, root: Path, entry: cache.CacheEntry) -> Path | None:
    hit = cache.find(db, root, entry)
    if hit is not None and not cache.has_row(db, entry):
        cache.record(db, root, entry)  # written by a run whose index write was lost
    return hit


def _offline(
    text: str,
    settings: SpeechSettings,
    db: sqlite_utils.Database,
    root: Path,
    use_program: bool | None,
    *,
    reason: str,
) -> SpeechResult:
    fell_back = settings.engine != "espeak"
    entry = espeak_entry(text, settings)
    with cache.key_locks.hold(entry.key):
        hit = _cached(db, root, entry)
        if hit is not None:
            return SpeechResult(hit, True, "espeak", fell_back, reason)
        path = root / entry.relpath
        try:
            _espeak_to_mp3(text, path, settings, use_program)
        except OfflineTTSError as exc:
            if fell_back:
                raise SpeechError(f"{reason}; the offline voice failed too: {exc}") from exc
            raise
        cache.record(db, root, entry)
    return SpeechResult(path, False, "espeak", fell_back, reason)


def _espeak_to_mp3(
    text: str, path: Path, settings: SpeechSettings, use_program: bool | None
) -> None:
    """eSpeak NG speaks into a WAV beside the cache entry, which is kept as MP3 (see encode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".espeak-") as scratch:
        wav = Path(scratch) / "said.wav"
        synthesize_espeak(
            text, wav, voice=settings.voice, speed=settings.speed, use_program=use_program
        )
        try:
            wav_to_mp3(wav, path)
        except OSError as exc:
            raise OfflineTTSError(str(exc)) from exc
