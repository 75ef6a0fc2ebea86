"""Changing the tempo of speech without changing its pitch (reader.speech.stretch)."""

from __future__ import annotations

import numpy as np
import pytest

from reader.speech.stretch import time_stretch

RATE = 24_000  # gTTS's MP3s are 24 kHz mono


def _voice_like(seconds: float) -> np.ndarray:
    """A 220 Hz "voice" with a harmonic at 660 Hz."""
    t = np.arange(int(seconds * RATE)) / RATE
    return (0.5 * np.sin(2 * np.pi * 220 * t) + 0.2 * np.sin(2 * np.pi * 660 * t)).astype(
        np.float32
    )


def _spectrum(samples: np.ndarray) -> np.ndarray:
    """Magnitudes of one second from the middle, one bin per hertz."""
    middle = len(samples) // 2 - RATE // 2
    return np.abs(np.fft.rfft(samples[middle : middle + RATE] * np.hanning(RATE)))


@pytest.mark.parametrize("speed", [0.5, 0.75, 1.5, 2.0])
def test_tempo_changes_and_pitch_stays(speed: float) -> None:
    voice = _voice_like(3.0)
    out = time_stretch(voice, RATE, speed)
    assert len(out) == int(len(voice) / speed)
    spectrum = _spectrum(out)
    assert int(np.argmax(spectrum)) == 220  # resampling would have moved it to 220 * speed
    original = _spectrum(voice)
    assert spectrum[660] == pytest.approx(original[660], rel=0.1)  # the harmonic survives
    # windows join where the waveform lines up: no clicks larger than the signal's own steps
    assert np.abs(np.diff(out)).max() <= 1.2 * np.abs(np.diff(voice)).max()


def test_normal_speed_and_empty_input_are_copies() -> None:
    voice = _voice_like(0.5)
    same = time_stretch(voice, RATE, 1.0)
    assert np.array_equal(same, voice) and same is not voice
    assert len(time_stretch(np.zeros(0, np.float32), RATE, 1.5)) == 0
