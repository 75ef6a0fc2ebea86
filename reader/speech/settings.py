"""What to say things with, and the errors speech can raise.

Kept apart from the engines so the config module and the UI can import the settings without
pulling in gTTS, requests or ctypes.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Engine = Literal["gtts", "espeak"]

MIN_SPEED = 0.5
MAX_SPEED = 2.0


@dataclass(frozen=True)
class SpeechSettings:
    """The learner's speech preferences.

    ``tld`` picks gTTS's accent (``com``, ``co.uk``, ``com.au`` ...); ``voice`` is eSpeak NG's
    voice, used by the offline engine and by the fallback. ``speed`` is the listening speed:
    eSpeak bakes it into the synthesis (natural pitch); for gTTS the player resamples (pitch
    shifts).
    ``slow`` asks Google for its own slowed-down reading.
    """

    engine: Engine = "gtts"
    lang: str = "en"
    tld: str = "com"
    voice: str = "en-us"
    speed: float = 1.0
    slow: bool = False

    def __post_init__(self) -> None:
        if self.engine not in ("gtts", "espeak"):
            raise ValueError(f"unknown speech engine {self.engine!r} (use 'gtts' or 'espeak')")
        if not MIN_SPEED <= self.speed <= MAX_SPEED:
            raise ValueError(f"speed {self.speed} is outside {MIN_SPEED}-{MAX_SPEED}")


@dataclass(frozen=True)
class SpeechResult:
    """Where the audio for one sentence is, and how it came to be.

    ``fell_back`` is True when gTTS was asked for but the offline engine answered; ``reason`` then
    says why in one line, so the UI can tell the learner once. ``playback_speed`` is the speed to
    hand to :meth:`reader.speech.playback.Player.play`: 1.0 when the engine already spoke at the
    requested speed.
    """

    path: Path
    cached: bool
    engine_used: Engine
    fell_back: bool = False
    reason: str = ""
    playback_speed: float = 1.0


class SpeechError(Exception):
    """Speech could not be produced at all; the message is one line for the status bar."""


class OnlineTTSError(SpeechError):
    """The online engine failed. ``network`` is True for failures worth not retrying at once."""

    def __init__(self, message: str, *, network: bool = True) -> None:
        super().__init__(message)
        self.network = network


class OfflineTTSError(SpeechError):
    """The offline engine (eSpeak NG) failed or is missing."""
