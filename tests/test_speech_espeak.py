"""eSpeak NG: the system program (required in CI) and the ctypes path through espeakng-loader."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from _require import require_program

from reader.speech import espeak_engine
from reader.speech.espeak_engine import synthesize_espeak, wpm_for
from reader.speech.settings import OfflineTTSError

SHORT = "Good morning."
SENTENCE = "The museum will stay open late on Friday, so families can visit after work."


def _duration(path: Path) -> float:
    with wave.open(str(path)) as wav:
        assert wav.getnchannels() == 1
        assert wav.getsampwidth() == 2
        return wav.getnframes() / wav.getframerate()


@pytest.fixture(params=["program", "library"])
def use_program(request: pytest.FixtureRequest) -> bool:
    if request.param == "program":
        require_program("espeak-ng")
        return True
    return False


def test_writes_a_wav_of_plausible_length(tmp_path: Path, use_program: bool) -> None:
    out = tmp_path / "s.wav"
    synthesize_espeak(SENTENCE, out, use_program=use_program)
    assert 1.5 < _duration(out) < 10.0


def test_duration_grows_with_the_text(tmp_path: Path, use_program: bool) -> None:
    short, long = tmp_path / "short.wav", tmp_path / "long.wav"
    synthesize_espeak(SHORT, short, use_program=use_program)
    synthesize_espeak(SENTENCE, long, use_program=use_program)
    assert 0.3 < _duration(short) < _duration(long) / 2


def test_slower_speed_gives_longer_audio(tmp_path: Path, use_program: bool) -> None:
    normal, slow = tmp_path / "n.wav", tmp_path / "s.wav"
    synthesize_espeak(SENTENCE, normal, use_program=use_program)
    synthesize_espeak(SENTENCE, slow, speed=0.6, use_program=use_program)
    assert _duration(slow) > _duration(normal) * 1.3


def test_text_that_looks_like_an_option_is_spoken(tmp_path: Path, use_program: bool) -> None:
    out = tmp_path / "dash.wav"
    synthesize_espeak("--help is what she typed, and -v too.", out, use_program=use_program)
    assert _duration(out) > 1.0


def test_unknown_voice_is_a_clear_error_and_leaves_no_file(
    tmp_path: Path, use_program: bool
) -> None:
    with pytest.raises(OfflineTTSError, match="voice"):
        synthesize_espeak(SHORT, tmp_path / "x.wav", voice="zzqx", use_program=use_program)
    assert list(tmp_path.iterdir()) == []


def test_library_is_used_when_the_program_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(espeak_engine, "program_path", lambda: None)

    def no_subprocess(*args: object, **kwargs: object) -> None:
        raise AssertionError("the program must not be run")

    monkeypatch.setattr(espeak_engine, "_run_program", no_subprocess)
    out = tmp_path / "lib.wav"
    synthesize_espeak(SENTENCE, out)
    assert 1.5 < _duration(out) < 10.0


def test_forcing_a_missing_program_fails_clearly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(espeak_engine, "program_path", lambda: None)
    with pytest.raises(OfflineTTSError, match="not installed"):
        synthesize_espeak(SHORT, tmp_path / "x.wav", use_program=True)
    assert list(tmp_path.iterdir()) == []


def test_speed_maps_to_words_per_minute() -> None:
    assert wpm_for(1.0) == 175
    assert wpm_for(0.5) < wpm_for(1.0) < wpm_for(2.0)
    assert wpm_for(10.0) == wpm_for(2.0)
