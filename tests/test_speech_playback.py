"""The player on miniaudio's NULL backend (real timing, no sound card), and its failure modes."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import miniaudio
import pytest
from _speech_fakes import SILENCE_MP3

from reader.speech import device, playback
from reader.speech.espeak_engine import synthesize_espeak
from reader.speech.playback import AudioUnavailable, Player, backends_from_env
from reader.speech.quiet import silenced_stderr

WAIT = 20.0  # generous upper bound for a ~1 s clip on a loaded CI machine; not a timing assertion


@pytest.fixture
def player() -> Iterator[Player]:
    p = Player(backends=[miniaudio.Backend.NULL])
    yield p
    p.close()


def test_plays_an_mp3_to_the_end_and_calls_on_done(player: Player) -> None:
    done = threading.Event()
    player.play(SILENCE_MP3, on_done=done.set)
    assert player.is_playing
    assert done.wait(WAIT)
    assert player.wait(WAIT) and not player.is_playing
    info = miniaudio.get_file_info(str(SILENCE_MP3))
    assert player.frames_pulled == pytest.approx(info.duration * playback.SAMPLE_RATE, rel=0.05)


def test_plays_a_wav_from_espeak(player: Player, tmp_path: Path) -> None:
    wav = tmp_path / "s.wav"
    synthesize_espeak("Hello.", wav, use_program=False)
    done = threading.Event()
    player.play(wav, on_done=done.set)
    assert done.wait(WAIT)


def test_double_speed_pulls_half_the_frames(player: Player) -> None:
    player.play(SILENCE_MP3)
    assert player.wait(WAIT)
    normal = player.frames_pulled
    player.play(SILENCE_MP3, speed=2.0)
    assert player.wait(WAIT)
    assert player.frames_pulled == pytest.approx(normal / 2, rel=0.05)


def test_stop_ends_playback_without_on_done(player: Player) -> None:
    called: list[int] = []
    player.play(SILENCE_MP3, on_done=lambda: called.append(1))
    assert player.first_pull.wait(WAIT)
    player.stop()
    assert not player.is_playing
    player.play(SILENCE_MP3)  # the device is reusable after a stop
    assert player.wait(WAIT)
    assert called == []


def test_new_play_replaces_the_current_one(player: Player) -> None:
    first: list[int] = []
    second = threading.Event()
    player.play(SILENCE_MP3, on_done=lambda: first.append(1))
    player.play(SILENCE_MP3, on_done=second.set)
    assert second.wait(WAIT)
    assert first == []


def test_pause_holds_the_position_and_resume_finishes(player: Player) -> None:
    done = threading.Event()
    player.play(SILENCE_MP3, on_done=done.set)
    assert player.first_pull.wait(WAIT)
    player.pause()
    assert player.is_paused and player.is_playing
    pulled = player.frames_pulled
    assert not done.wait(0.3)  # paused: it must not finish
    assert player.frames_pulled == pulled
    player.resume()
    assert not player.is_paused
    assert done.wait(WAIT)


def test_on_done_can_start_the_next_sentence(player: Player) -> None:
    """Listen mode: the callback plays the next file from the player's own thread."""
    finished: list[int] = []
    all_done = threading.Event()

    def next_one() -> None:
        finished.append(1)
        if len(finished) < 3:
            player.play(SILENCE_MP3, speed=2.0, on_done=next_one)
        else:
            all_done.set()

    player.play(SILENCE_MP3, speed=2.0, on_done=next_one)
    assert all_done.wait(WAIT)
    assert finished == [1, 1, 1]


def test_failing_on_done_does_not_kill_the_player(player: Player) -> None:
    def broken() -> None:
        raise RuntimeError("UI bug")

    player.play(SILENCE_MP3, speed=2.0, on_done=broken)
    assert player.wait(WAIT)
    done = threading.Event()
    player.play(SILENCE_MP3, speed=2.0, on_done=done.set)
    assert done.wait(WAIT)


def test_unreadable_file_is_a_value_error(player: Player, tmp_path: Path) -> None:
    bad = tmp_path / "bad.mp3"
    bad.write_bytes(b"not audio at all")
    with pytest.raises(ValueError, match="cannot play bad.mp3"):
        player.play(bad)
    assert not player.is_playing


def test_no_device_is_audio_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    class NoDevice:
        def __init__(self, **kwargs: object) -> None:
            raise miniaudio.MiniaudioError("failed to init device", -401)

    monkeypatch.setattr(device, "Device", NoDevice)
    with pytest.raises(AudioUnavailable) as info:
        Player().play(SILENCE_MP3)
    message = str(info.value)
    assert message.startswith("no audio device: failed to init device")
    assert "\n" not in message


def test_missing_device_is_not_silently_replaced_by_null(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(playback.BACKEND_ENV, raising=False)
    assert miniaudio.Backend.NULL not in device.real_backends()


def test_backend_env_var(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(playback.BACKEND_ENV, "null")
    assert backends_from_env() == [miniaudio.Backend.NULL]
    monkeypatch.setenv(playback.BACKEND_ENV, "pulseaudio, alsa")
    assert backends_from_env() == [miniaudio.Backend.PULSEAUDIO, miniaudio.Backend.ALSA]
    monkeypatch.setenv(playback.BACKEND_ENV, "nonsense")
    with pytest.raises(AudioUnavailable, match="unknown backend 'nonsense'"):
        backends_from_env()
    monkeypatch.delenv(playback.BACKEND_ENV)
    assert backends_from_env() is None


def test_env_var_selects_the_null_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(playback.BACKEND_ENV, "null")
    p = Player()
    try:
        p.open()
        assert p.backend.lower() == "null"
    finally:
        p.close()


def test_silenced_stderr_hides_fd2_and_restores_it(tmp_path: Path) -> None:
    log = tmp_path / "err.txt"
    saved = os.dup(2)
    try:
        with log.open("wb") as fh:
            os.dup2(fh.fileno(), 2)
            os.write(2, b"before\n")
            with silenced_stderr():
                os.write(2, b"hidden\n")
                with silenced_stderr():  # nested use keeps it silent
                    os.write(2, b"hidden too\n")
                os.write(2, b"still hidden\n")
            os.write(2, b"after\n")
            sys.stderr.flush()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
    assert log.read_text() == "before\nafter\n"


def test_device_stopping_by_itself_finishes_the_sound(player: Player) -> None:
    """An unplugged headset must not leave listen mode waiting forever for on_done."""
    done = threading.Event()
    player.play(SILENCE_MP3, on_done=done.set)
    assert player.first_pull.wait(WAIT)
    dev = player._device
    assert dev is not None
    miniaudio.lib.ma_device_stop(dev._device)  # as the backend would, behind our back
    assert done.wait(WAIT)
    assert not player.is_playing and player.last_error == "the audio device stopped"
    again = threading.Event()
    player.play(SILENCE_MP3, speed=2.0, on_done=again.set)  # and the player still works
    assert again.wait(WAIT) and player.last_error == ""
