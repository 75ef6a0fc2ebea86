"""Speech: sentences spoken by gTTS (online) or eSpeak NG (offline), cached, played in-process.

``synthesize`` and ``prerender`` block and belong on worker threads; ``Player.play`` returns at
once. Importing this package loads neither gTTS nor miniaudio: the submodules are imported on
first use, so the reader starts fast and works where audio libraries are missing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.speech.settings import (
    OfflineTTSError,
    OnlineTTSError,
    SpeechError,
    SpeechResult,
    SpeechSettings,
)

if TYPE_CHECKING:
    from reader.speech.batch import PrerenderReport, prerender
    from reader.speech.playback import AudioUnavailable, Player
    from reader.speech.synth import cached_path, synthesize

__all__ = [
    "AudioUnavailable",
    "OfflineTTSError",
    "OnlineTTSError",
    "Player",
    "PrerenderReport",
    "SpeechError",
    "SpeechResult",
    "SpeechSettings",
    "cached_path",
    "prerender",
    "synthesize",
]

_LAZY = {
    "AudioUnavailable": "reader.speech.playback",
    "Player": "reader.speech.playback",
    "PrerenderReport": "reader.speech.batch",
    "cached_path": "reader.speech.synth",
    "prerender": "reader.speech.batch",
    "synthesize": "reader.speech.synth",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'reader.speech' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
