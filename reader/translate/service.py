"""Machine translation with a cache: what the reading screen and ``sentences translate`` call.

A text is translated once per engine and language pair; after that it comes from SQLite. When a
service cannot be reached, the next calls for a while answer from the cache or fail at once
(without waiting out another timeout), so a reader going offline is told once, not per sentence.
"""

from __future__ import annotations

import threading
import time
from dataclasses import asdict, dataclass
from typing import Any

import sqlite_utils

from reader.config import Config, load_config
from reader.translate import cache
from reader.translate.engines import DEFAULT_TIMEOUT_S, Engine, make_engine
from reader.translate.errors import NOT_SET, OFFLINE, TranslationError

#: After a network failure, answer from the cache only for this long before trying again.
RETRY_AFTER_S = 60.0
LABEL = "machine translation"


@dataclass(frozen=True)
class MachineTranslation:
    """A translation by a service, always shown labelled as such."""

    text: str
    translation: str
    engine: str
    source_lang: str
    target_lang: str
    cached: bool

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "label": LABEL}


class _Availability:
    """Whether the services were reachable lately (shared by every thread of the process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._until = 0.0
        self._reason = ""

    def down(self) -> str | None:
        with self._lock:
            return self._reason if time.monotonic() < self._until else None

    def mark_down(self, reason: str) -> None:
        with self._lock:
            self._until = time.monotonic() + RETRY_AFTER_S
            self._reason = reason

    def reset(self) -> None:
        with self._lock:
            self._until, self._reason = 0.0, ""


availability = _Availability()


def normalize(text: str) -> str:
    """Line breaks and runs of spaces do not change a translation, so they do not change the key."""
    return " ".join(text.split())


def engine_from_config(config: Config, timeout: float = DEFAULT_TIMEOUT_S) -> Engine:
    return make_engine(
        config.translate_engine, config.libretranslate_url, config.libretranslate_key, timeout
    )


def cached_translation(
    db: sqlite_utils.Database, text: str, target: str, source: str = "en", engine: str = ""
) -> MachineTranslation | None:
    """From the cache only (``engine`` empty: any engine's); never touches the network."""
    text = normalize(text)
    found = (
        cache.cached(db, engine, source, target, text)
        if engine
        else cache.any_cached(db, source, target, text)
    )
    if found is None:
        return None
    return MachineTranslation(text, found, engine or "cache", source, target, cached=True)


def translate(
    db: sqlite_utils.Database,
    text: str,
    target: str,
    source: str = "en",
    engine: Engine | None = None,
    config: Config | None = None,
) -> MachineTranslation:
    """``text`` in ``target``: from the cache when there, else from the engine (then cached).

    Raises :class:`TranslationError` with a one-line message when there is no translation to
    give: no language set, translation off, offline, a timeout, a rate limit, a bad answer.
    """
    text = normalize(text)
    if not text:
        raise TranslationError(NOT_SET, "nothing to translate")
    if not target:
        raise TranslationError(
            NOT_SET, "no language to translate into: sentences config set native_lang ko"
        )
    if target == source:
        raise TranslationError(NOT_SET, f"the text is already in {target}")
    if engine is None:
        engine = engine_from_config(config or _config())
    hit = cached_translation(db, text, target, source, engine.name)
    if hit is not None:
        return hit
    reason = availability.down()
    if reason is not None:
        old = cached_translation(db, text, target, source)
        if old is not None:
            return old
        raise TranslationError(OFFLINE, reason)
    try:
        translation = engine.translate(text, source, target)
    except TranslationError as exc:
        if exc.network:
            availability.mark_down(str(exc))
            old = cached_translation(db, text, target, source)
            if old is not None:
                return old
        raise
    cache.store(db, engine.name, source, target, text, translation)
    return MachineTranslation(text, translation, engine.name, source, target, cached=False)


def _config() -> Config:

    return load_config()
