"""The sentence audio that goes into an export: from the cache, or synthesized first.

A flashcard's audio is the sentence at normal speed, in the learner's voice settings: the same
file the reader plays at 1x, so most of it is already cached. What is missing is synthesized here
(gTTS, falling back to the offline eSpeak NG voice as the reader does). This blocks: run it on a
worker thread, never on the UI's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from reader.export.errors import ExportCancelled, ExportError
from reader.export.selection import ExportItem
from reader.speech.settings import SpeechError, SpeechSettings
from reader.speech.synth import DbLike, cached_path, normalize, synthesize

Progress = Callable[[int, int], None]


@dataclass
class AudioReport:
    """What :func:`attach_audio` did: files newly made, and how many came from the offline
    voice because the online one failed (``reason`` says why, once)."""

    made: int = 0
    fell_back: int = 0
    reason: str = ""


def attach_audio(
    items: Sequence[ExportItem],
    settings: SpeechSettings,
    db: DbLike,
    audio_dir: Callable[[str | None], Path],
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
) -> AudioReport:
    """Set ``item.audio`` for every item with a sentence.

    ``audio_dir(source)`` is where a text's audio is cached (it depends on the text's file, see
    :func:`reader.paths.audio_dir`). ``progress(done, total)`` counts distinct sentences. Raises
    :class:`ExportError` when no engine can speak (the message says to use ``--no-audio``), and
    :class:`ExportCancelled` when ``cancel`` is set.
    """
    settings = replace(settings, speed=1.0, slow=False)
    wanted: dict[tuple[str, str | None], list[ExportItem]] = {}
    for item in items:
        if item.sentence is not None and normalize(item.sentence.text):
            said = normalize(item.sentence.text)
            wanted.setdefault((said, item.sentence.source), []).append(item)
    total = len(wanted)
    report = AudioReport()
    for done, ((text, source), group) in enumerate(wanted.items(), start=1):
        if cancel is not None and cancel.is_set():
            raise ExportCancelled("export cancelled")
        root = audio_dir(source)
        hit = cached_path(text, settings, root)
        if hit is not None:
            path = hit.path
        else:
            try:
                result = synthesize(text, settings, db, root)
            except SpeechError as exc:
                raise ExportError(
                    f"cannot make the sentence audio ({' '.join(str(exc).split())}); "
                    "export with --no-audio to leave it out"
                ) from exc
            path = result.path
            report.made += 0 if result.cached else 1
            if result.fell_back:
                report.fell_back += 1
                report.reason = report.reason or result.reason
        for item in group:
            item.audio = str(path)
        if progress is not None:
            progress(done, total)
    return report
