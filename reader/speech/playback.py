"""Playing audio files in-process with miniaudio: no external player, nothing on the UI thread.

The device is opened once (the slow part, tens of milliseconds on a real sound server) and then
started and stopped per sentence, so replaying a cached sentence starts within one device period.
Decoding is streamed inside miniaudio's audio thread, so :meth:`Player.play` only opens the file.

Speed is normally settled before a file gets here, at the same pitch: eSpeak NG speaks at the
requested rate, and gTTS's audio is re-timed by :mod:`reader.speech.stretch`. ``speed`` here is the
last resort (``SpeechResult.playback_speed``): the file is decoded at ``device_rate / speed`` and
played at the device rate, which is cheap but shifts the pitch.
"""

from __future__ import annotations

import contextlib
import queue
import threading
from collections.abc import Callable, Generator, Sequence
from pathlib import Path
from typing import Any

import miniaudio

from reader.speech.device import (
    BACKEND_ENV,
    AudioUnavailable,
    Device,
    backends_from_env,
    idle,
    one_line,
    open_device,
)
from reader.speech.quiet import silenced_stderr
from reader.speech.settings import MAX_SPEED, MIN_SPEED

SAMPLE_RATE = 44100
CHANNELS = 2
BUFFER_MS = 20

OnDone = Callable[[], None]
_LOST = -1  # watcher event: the device stopped by itself

__all__ = ["BACKEND_ENV", "AudioUnavailable", "Player", "backends_from_env"]


class Player:
    """Plays one file at a time; a new :meth:`play` replaces whatever was playing.

    ``on_done`` callbacks run on the player's own thread (a Textual app should hop back with
    ``call_from_thread``). They fire only when a sound plays to its end, not on :meth:`stop`.
    """

    def __init__(self, backends: Sequence[Any] | None = None) -> None:
        self._backends = list(backends) if backends is not None else backends_from_env()
        self._lock = threading.RLock()
        self._device: Device | None = None
        self._stream: Generator[Any, int, None] | None = None
        self._token = 0
        self._paused = False
        self._tail = 0  # frames of silence still to play after the stream ends
        self._on_done: OnDone | None = None
        self._finished = threading.Event()
        self._finished.set()
        self._events: queue.SimpleQueue[int | None] = queue.SimpleQueue()
        self._watcher: threading.Thread | None = None
        self._stopping = False  # True while we stop the device ourselves
        self.backend = ""
        self.last_error = ""  # set when the device stopped on its own (unplugged, server gone)
        self.frames_pulled = 0  # for benchmarks: frames handed to the device since play()
        self.first_pull = threading.Event()

    # -- device -------------------------------------------------------------------------------

    def open(self) -> None:
        """Open the device now (else the first :meth:`play` does); raises AudioUnavailable.

        Connecting to a sound server can take a noticeable moment, so an app should call this
        once from a worker thread at startup rather than let the first play() pay for it.
        """
        with self._lock:
            if self._device is not None:
                return
            device = open_device(
                self._backends, sample_rate=SAMPLE_RATE, channels=CHANNELS, buffer_ms=BUFFER_MS
            )
            device.source = self._pull
            device.on_stopped = self._device_stopped
            self._device = device
            self.backend = str(device.backend)
            self._watcher = threading.Thread(target=self._watch, name="player", daemon=True)
            self._watcher.start()

    def close(self) -> None:
        """Release the device; the player can be opened again later."""
        with self._lock:
            self._halt()
            device, self._device = self._device, None
        if device is not None:
            device.source = None
            device.on_stopped = None
            with silenced_stderr():
                device.close()
            self._events.put(None)

    # -- control ------------------------------------------------------------------------------

    def play(self, path: Path | str, speed: float = 1.0, on_done: OnDone | None = None) -> None:
        """Start playing ``path`` (MP3 or WAV) and return at once.

        Raises AudioUnavailable when there is no device and ValueError for an unreadable file.
        """
        speed = min(max(speed, MIN_SPEED), MAX_SPEED)
        self.open()
        try:
            stream = miniaudio.stream_file(
                str(path),
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=CHANNELS,
                sample_rate=round(SAMPLE_RATE / speed),
            )
        except (miniaudio.MiniaudioError, OSError) as exc:
            raise ValueError(f"cannot play {Path(path).name}: {one_line(exc)}") from exc
        with self._lock:
            self._halt()
            self._token += 1
            self._stream = stream
            self._paused = False
            self._tail = SAMPLE_RATE * BUFFER_MS * 3 // 1000
            self._on_done = on_done
            self._finished.clear()
            self.frames_pulled = 0
            self.first_pull.clear()
            self.last_error = ""
            self._start_device()

    def stop(self) -> None:
        """Stop playback; ``on_done`` is not called."""
        with self._lock:
            self._halt()

    def pause(self) -> None:
        with self._lock:
            if self._stream is not None and not self._paused:
                self._paused = True
                self._stop_device()

    def resume(self) -> None:
        with self._lock:
            if self._stream is not None and self._paused:
                self._paused = False
                self._start_device()

    @property
    def is_playing(self) -> bool:
        """True from :meth:`play` until the sound ends or is stopped (also while paused)."""
        return not self._finished.is_set()

    @property
    def is_paused(self) -> bool:
        return self._paused and self.is_playing

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the current sound ends or is stopped; False on timeout."""
        return self._finished.wait(timeout)

    # -- internals ----------------------------------------------------------------------------

    def _start_device(self) -> None:
        assert self._device is not None
        if not self._device.running:
            try:
                with silenced_stderr():
                    self._device.start(idle())
            except miniaudio.MiniaudioError as exc:
                self._stream = None
                self._finished.set()
                raise AudioUnavailable(f"no audio device: {one_line(exc)}") from exc

    def _stop_device(self) -> None:
        if self._device is not None and self._device.running:
            self._stopping = True
            try:
                with silenced_stderr(), contextlib.suppress(miniaudio.MiniaudioError):
                    self._device.stop()
            finally:
                self._stopping = False

    def _halt(self) -> None:
        """Stop whatever plays (caller holds the lock)."""
        self._stop_device()
        stream, self._stream = self._stream, None
        self._on_done = None
        self._paused = False
        if stream is not None:
            stream.close()
        self._finished.set()

    def _pull(self, frames: int) -> bytes:
        """Audio thread: the next ``frames`` frames, or silence while draining the device.

        Never blocks: a control call holding the lock may be waiting inside ``ma_device_stop``
        for this very callback to return, so waiting here would deadlock. Silence instead.
        """
        if not self._lock.acquire(blocking=False):
            return b""
        try:
            stream = self._stream
            if stream is None or self._paused:
                return b""
            try:
                samples = stream.send(frames)
            except StopIteration:
                samples = None
            if samples:
                self.frames_pulled += len(samples) // CHANNELS
                self.first_pull.set()
                return bytes(samples)
            # Decoder exhausted: let the device play out what it holds before reporting the end.
            self._tail -= frames
            if self._tail <= 0:
                self._stream = None
                self._events.put(self._token)
            return b""
        finally:
            self._lock.release()

    def _device_stopped(self) -> None:
        """Audio thread: the device stopped. Unless we stopped it, the sound will never end."""
        if not self._stopping:
            self._events.put(_LOST)

    def _watch(self) -> None:
        """Stop the device and run on_done here: neither may happen on the audio thread."""
        while True:
            token = self._events.get()
            if token is None:
                return
            with self._lock:
                if token == _LOST:
                    if self._stream is None or self._paused or self._finished.is_set():
                        continue
                    # Finish as if the sound ended, so listen mode moves on and its next
                    # play() reports AudioUnavailable if the device is really gone.
                    self.last_error = "the audio device stopped"
                    stream, self._stream = self._stream, None
                    stream.close()
                elif token != self._token or self._finished.is_set():
                    continue
                self._stop_device()
                callback, self._on_done = self._on_done, None
                self._finished.set()
            if callback is not None:
                with contextlib.suppress(Exception):  # a UI bug must not kill this thread
                    callback()
