"""The miniaudio output device, and turning "no sound card" into one clear error.

Kept apart from the player so the backend choice (including ``SENTENCES_AUDIO_BACKEND=null`` for
tests) and miniaudio's callback quirks live in one place.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator, Sequence
from typing import Any

import miniaudio

from reader.speech.quiet import silenced_stderr

BACKEND_ENV = "SENTENCES_AUDIO_BACKEND"


class AudioUnavailable(Exception):
    """No usable audio output; the message is one line for the status bar."""


def backends_from_env() -> list[Any] | None:
    """``SENTENCES_AUDIO_BACKEND=null`` (or ``pulseaudio,alsa`` ...) chooses miniaudio backends."""
    value = os.environ.get(BACKEND_ENV, "").strip()
    if not value:
        return None
    chosen = []
    for name in value.replace(" ", "").split(","):
        try:
            chosen.append(miniaudio.Backend[name.upper()])
        except KeyError:
            message = f"no audio device: unknown backend {name!r} in ${BACKEND_ENV}"
            raise AudioUnavailable(message) from None
    return chosen


def real_backends() -> list[Any]:
    # Without an explicit list miniaudio quietly falls back to its NULL backend, which "plays"
    # into nothing; asking for real backends only turns that into a clear error instead.
    fake = {miniaudio.Backend.NULL, miniaudio.Backend.CUSTOM}
    return sorted(miniaudio.get_enabled_backends() - fake, key=lambda b: b.value)


class Device(miniaudio.PlaybackDevice):  # type: ignore[misc]
    """A playback device that pulls samples from a plain function.

    miniaudio's own callback reads ``callback_generator`` twice and lets exceptions escape into
    cffi, which prints them to stderr; here the source is read once and errors become silence.
    """

    source: Callable[[int], bytes] | None = None
    on_stopped: Callable[[], None] | None = None

    def _data_callback(self, device: Any, output: Any, input: Any, framecount: int) -> None:
        source = self.source
        if source is None:
            return
        try:
            data = source(framecount)
        except Exception:
            return
        if data:
            limit = framecount * self.sample_width * self.nchannels
            miniaudio.ffi.memmove(output, data, min(len(data), limit))

    def _stop_callback(self, device: Any) -> None:
        # Also called for our own stop(); the player tells the two apart.
        self.running = False
        self.callback_generator = None  # else start() refuses: "already started"
        callback = self.on_stopped
        if callback is not None:
            with contextlib.suppress(Exception):
                callback()


def idle() -> Generator[bytes, int, None]:
    while True:
        yield b""


def open_device(
    backends: Sequence[Any] | None, *, sample_rate: int, channels: int, buffer_ms: int
) -> Device:
    """A 16-bit playback device on the given backends (None: any real one), ALSA's noise muted."""
    chosen = list(backends) if backends is not None else real_backends()
    try:
        with silenced_stderr():
            return Device(
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=channels,
                sample_rate=sample_rate,
                buffersize_msec=buffer_ms,
                backends=chosen,
                app_name="Sentences",
            )
    except (miniaudio.MiniaudioError, OSError) as exc:
        tried = ", ".join(b.name.lower() for b in chosen)
        raise AudioUnavailable(
            f"no audio device: {one_line(exc)}; tried {tried or 'nothing'}"
        ) from exc


def one_line(exc: BaseException) -> str:
    args = exc.args
    if len(args) == 2 and isinstance(args[0], str) and isinstance(args[1], int):
        return f"{args[0]} (miniaudio error {args[1]})"  # MiniaudioError's (message, code)
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
