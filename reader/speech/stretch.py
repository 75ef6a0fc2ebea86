"""Slower or faster speech at the same pitch, for the online voice.

gTTS has one speaking rate (and a "slow" one). Playing its audio faster by resampling raises the
voice like a tape run fast, which is tiring at 1.5x and comic at 2x; slowing it drops the voice
an octave at 0.5x. WSOLA (waveform-similarity overlap-add) changes the tempo and keeps the pitch:
short windows of the input are laid down at the new spacing, each shifted by up to a few
milliseconds to where it lines up best with the sound already laid down, so the voice's periods
join without clicks. It suits speech well, costs a few tens of milliseconds per sentence in numpy,
and no maintained Python library offers it without a native dependency.
"""

from __future__ import annotations

from pathlib import Path

import miniaudio
import numpy as np
import numpy.typing as npt

from reader.speech.encode import write_mp3

FRAME_S = 0.040  # analysis window: a few pitch periods of a speaking voice
SEEK_S = 0.008  # how far a window may shift to line up with the previous one

Samples = npt.NDArray[np.float32]


def time_stretch(samples: Samples, rate: int, speed: float) -> Samples:
    """``samples`` (mono) played ``speed`` times as fast, at the same pitch."""
    if speed == 1.0 or len(samples) == 0:
        return samples.astype(np.float32, copy=True)
    frame = max(2, int(FRAME_S * rate) // 2 * 2)
    hop_out = frame // 2
    hop_in = hop_out * speed
    seek = max(1, int(SEEK_S * rate))
    window = np.hanning(frame + 2)[1:-1].astype(np.float32)  # no zero weight at the edges
    n_out = int(len(samples) / speed)
    # padding: room to seek before the start, and a full frame (plus seek) past the end
    padded = np.concatenate(
        [np.zeros(seek, np.float32), samples.astype(np.float32), np.zeros(frame + 2 * seek)]
    )
    out = np.zeros(n_out + frame, np.float32)
    weight = np.zeros(n_out + frame, np.float32)
    previous = seek  # where the last window was taken from, in padded coordinates
    k = 0
    while k * hop_out < n_out:
        nominal = seek + int(round(k * hop_in))
        if k == 0:
            start = nominal
        else:
            # what would naturally follow the last window, against the candidates near here
            follow = padded[previous + hop_out : previous + hop_out + frame]
            region = padded[nominal - seek : nominal + seek + frame]
            if len(follow) < frame or len(region) < frame + 2 * seek:
                break
            start = nominal - seek + int(np.argmax(np.correlate(region, follow, mode="valid")))
        at = k * hop_out
        out[at : at + frame] += padded[start : start + frame] * window
        weight[at : at + frame] += window
        previous = start
        k += 1
    weight[weight == 0] = 1.0  # past the last window: silence, not a division by zero
    return (out / weight)[:n_out]


def stretch_file(source: Path, target: Path, speed: float) -> None:
    """Write ``source`` (MP3 or WAV) at ``speed`` as a mono MP3, atomically."""
    try:
        rate = miniaudio.get_file_info(str(source)).sample_rate
        decoded = miniaudio.decode_file(
            str(source),
            output_format=miniaudio.SampleFormat.SIGNED16,
            nchannels=1,
            sample_rate=rate,
        )
    except miniaudio.MiniaudioError as exc:
        raise ValueError(f"cannot decode {source.name}: {exc}") from exc
    samples = np.frombuffer(decoded.samples, dtype=np.int16).astype(np.float32) / 32768.0
    write_mp3(time_stretch(samples, rate, speed), rate, target)
