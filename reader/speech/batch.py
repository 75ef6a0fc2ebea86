"""Speaking a whole text ahead of time, for ``sentences audio --text ID`` and prefetch workers."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.speech.gtts_engine import DEFAULT_TIMEOUT
from reader.speech.settings import SpeechError, SpeechSettings
from reader.speech.synth import DbLike, normalize, open_database, synthesize


@dataclass
class PrerenderReport:
    """What a pre-render did; ``errors`` holds one line per sentence that could not be spoken."""

    total: int = 0
    synthesized: int = 0
    cached: int = 0
    fell_back: int = 0
    reason: str = ""
    errors: list[str] = field(default_factory=list)
    cancelled: bool = False


def prerender(
    sentences: Iterable[str],
    settings: SpeechSettings,
    db: DbLike,
    audio_dir: Path | str | None = None,
    progress: Callable[[int, int], None] | None = None,
    *,
    cancel: threading.Event | None = None,
    timeout: float | tuple[float, float] = DEFAULT_TIMEOUT,
    use_program: bool | None = None,
) -> PrerenderReport:
    """Make sure every sentence has audio (blocking; for ``sentences audio`` and prefetch workers).

    A sentence that fails is recorded in the report and skipped, so one bad line does not stop
    a long text. ``progress(done, total)`` is called after each sentence; setting ``cancel``
    stops after the current one.
    """
    unique = list(dict.fromkeys(t for t in (normalize(s) for s in sentences) if t))
    report = PrerenderReport(total=len(unique))
    with open_database(db) as conn:
        for done, text in enumerate(unique, start=1):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            try:
                result = synthesize(
                    text, settings, conn, audio_dir, timeout=timeout, use_program=use_program
                )
            except SpeechError as exc:
                report.errors.append(f"{text[:40]}: {exc}")
            else:
                if result.cached:
                    report.cached += 1
                else:
                    report.synthesized += 1
                if result.fell_back:
                    report.fell_back += 1
                    report.reason = report.reason or result.reason
            if progress is not None:
                progress(done, report.total)
    return report
