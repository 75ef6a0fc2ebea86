"""Changing the tempo of speech without changing its pitch (reader.speech.stretch)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile

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


def _median_f0(samples: np.ndarray, rate: int) -> float:
    """The voice's pitch: autocorrelation peak between 70 and 400 Hz, voiced 40 ms frames."""
    size = int(0.04 * rate)
    found = []
    for i in range(0, len(samples) - size, size):
        frame = samples[i : i + size]
        if np.sqrt(np.mean(frame**2)) < 0.02:
            continue
        ac = np.correlate(frame, frame, "full")[size - 1 :]
        low, high = rate // 400, rate // 70
        found.append(rate / (low + int(np.argmax(ac[low:high]))))
    return float(np.median(found))


@pytest.mark.parametrize("speed", [0.75, 1.5])
def test_real_speech_keeps_its_voice(tmp_path: Path, speed: float) -> None:
    from _require import require_program

    from reader.speech.espeak_engine import synthesize_espeak
    from reader.speech.stretch import stretch_file

    require_program("espeak-ng")
    source, target = tmp_path / "said.wav", tmp_path / "retimed.mp3"
    synthesize_espeak("The leaders sent a strong signal across the region.", source)
    stretch_file(source, target, speed)
    (before, rate), (after, rate_after) = _read(source), _read(target)
    assert rate_after == rate
    assert len(after) / len(before) == pytest.approx(1 / speed, abs=0.03)  # MP3 pads a little
    # resampling would move the pitch by the speed factor (25 % or 50 %)
    assert _median_f0(after, rate) == pytest.approx(_median_f0(before, rate), rel=0.05)


def _read(path: Path) -> tuple[np.ndarray, int]:
    samples, rate = soundfile.read(str(path), dtype="float32")
    return samples, rate
