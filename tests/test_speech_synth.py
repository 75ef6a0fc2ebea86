"""synthesize/prerender: the cache, the index rows and the fallback to the offline engine."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import miniaudio
import pytest
import requests
import responses
import sqlite_utils
from _speech_fakes import GTTS_URL, add_gtts_ok, mp3_bytes

from reader.speech import SpeechError, SpeechSettings, prerender, synth, synthesize
from reader.speech.settings import OfflineTTSError
from reader.store.db import open_db

GTTS = SpeechSettings(engine="gtts")
ESPEAK = SpeechSettings(engine="espeak")
SENTENCE = "The bridge reopened this morning after two years of repairs."


@pytest.fixture(autouse=True)
def _online_again() -> Iterator[None]:
    synth.online.reset()
    yield
    synth.online.reset()


@pytest.fixture
def db() -> sqlite_utils.Database:
    return open_db(":memory:")


def _rows(db: sqlite_utils.Database) -> list[dict[str, object]]:
    return list(db["audio"].rows)


@responses.activate
def test_gtts_result_is_cached_and_indexed(tmp_path: Path, db: sqlite_utils.Database) -> None:
    add_gtts_ok(responses.mock)
    first = synthesize(SENTENCE, GTTS, db, tmp_path)
    assert (first.cached, first.engine_used, first.fell_back) == (False, "gtts", False)
    assert first.path.suffix == ".mp3"
    assert first.path.read_bytes() == mp3_bytes()
    key = first.path.stem
    assert first.path.parent.name == key[:2]
    [row] = _rows(db)
    assert row["key"] == key
    assert row["path"] == f"{key[:2]}/{key}.mp3"
    assert (row["engine"], row["voice"], row["lang"], row["text"]) == (
        "gtts",
        "com",
        "en",
        SENTENCE,
    )
    assert row["bytes"] == len(mp3_bytes())

    again = synthesize(
        "  The bridge reopened this morning\nafter two years of repairs. ", GTTS, db, tmp_path
    )
    assert again.cached and again.path == first.path
    assert len(responses.calls) == 1  # the hit made no request


def test_cache_hit_does_not_run_the_engine(
    tmp_path: Path, db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = synthesize(SENTENCE, ESPEAK, db, tmp_path, use_program=False)
    assert not first.cached

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("engine invoked on a cache hit")

    monkeypatch.setattr(synth, "synthesize_espeak", boom)
    second = synthesize(SENTENCE, ESPEAK, db, tmp_path)
    assert second.cached and second.path == first.path and second.engine_used == "espeak"


def test_vanished_file_is_synthesized_again(tmp_path: Path, db: sqlite_utils.Database) -> None:
    first = synthesize(SENTENCE, ESPEAK, db, tmp_path, use_program=False)
    first.path.unlink()
    second = synthesize(SENTENCE, ESPEAK, db, tmp_path, use_program=False)
    assert not second.cached and second.path.stat().st_size > 0
    assert len(_rows(db)) == 1


def test_file_without_row_gets_its_row(tmp_path: Path, db: sqlite_utils.Database) -> None:
    first = synthesize(SENTENCE, ESPEAK, db, tmp_path, use_program=False)
    db.execute("DELETE FROM audio")
    assert synthesize(SENTENCE, ESPEAK, db, tmp_path).cached
    assert len(_rows(db)) == 1 and _rows(db)[0]["path"].endswith(first.path.name)  # type: ignore[union-attr]


def test_voice_speed_and_accent_make_different_files(
    tmp_path: Path, db: sqlite_utils.Database
) -> None:
    a = synthesize(SENTENCE, ESPEAK, db, tmp_path, use_program=False)
    b = synthesize(
        SENTENCE, SpeechSettings(engine="espeak", speed=0.75), db, tmp_path, use_program=False
    )
    c = synthesize(
        SENTENCE, SpeechSettings(engine="espeak", voice="en-gb"), db, tmp_path, use_program=False
    )
    assert len({a.path, b.path, c.path}) == 3
    assert b.playback_speed == 1.0  # eSpeak already spoke slowly
    assert {r["voice"] for r in _rows(db)} == {"en-us", "en-us@131wpm", "en-gb"}


@responses.activate
def test_gtts_speed_is_re_timed_once(tmp_path: Path, db: sqlite_utils.Database) -> None:
    """Not resampled by the player (which would lower the voice): a WAV at 0.75x, cached."""
    from reader.speech import cached_path

    add_gtts_ok(responses.mock)
    slow = SpeechSettings(speed=0.75)
    result = synthesize(SENTENCE, slow, db, tmp_path)
    assert result.path.suffix == ".mp3" and result.playback_speed == 1.0
    seconds = miniaudio.get_file_info(str(result.path)).duration
    assert seconds == pytest.approx(1.008 / 0.75, abs=0.08)  # silence.mp3 lasts 1.008 s
    assert {(r["engine"], r["voice"]) for r in _rows(db)} == {
        ("gtts", "com"),
        ("gtts-tempo", "com@0.75x"),
    }
    again = synthesize(SENTENCE, slow, db, tmp_path)
    assert again.cached and again.path == result.path and len(responses.calls) == 1
    assert cached_path(SENTENCE, slow, tmp_path) == again
    normal = synthesize(SENTENCE, GTTS, db, tmp_path)
    assert normal.path.suffix == ".mp3" and len(responses.calls) == 1


@pytest.mark.parametrize(
    ("failure", "reason"),
    [
        (requests.exceptions.ConnectionError("no route"), "no network"),
        (requests.exceptions.ConnectTimeout(), "timed out"),
        (requests.exceptions.ReadTimeout(), "timed out"),
    ],
)
@responses.activate
def test_no_network_falls_back_to_espeak(
    tmp_path: Path, db: sqlite_utils.Database, failure: Exception, reason: str
) -> None:
    responses.add(responses.POST, GTTS_URL, body=failure)
    result = synthesize(SENTENCE, GTTS, db, tmp_path, use_program=False)
    assert result.fell_back and result.engine_used == "espeak"
    assert reason in result.reason
    assert result.path.suffix == ".mp3" and result.path.stat().st_size > 1000
    assert miniaudio.get_file_info(str(result.path)).duration > 1.0  # a real, decodable MP3
    assert [p.name for p in tmp_path.rglob("*.*")] == [result.path.name]  # no .wav or .part left
    assert [r["engine"] for r in _rows(db)] == ["espeak"]


@responses.activate
def test_http_error_falls_back_and_offline_state_is_remembered(
    tmp_path: Path, db: sqlite_utils.Database
) -> None:
    responses.add(responses.POST, GTTS_URL, status=500)
    first = synthesize(SENTENCE, GTTS, db, tmp_path, use_program=False)
    assert first.fell_back and "HTTP 500" in first.reason
    second = synthesize("Another sentence entirely.", GTTS, db, tmp_path, use_program=False)
    assert second.fell_back and "HTTP 500" in second.reason
    assert len(responses.calls) == 1  # no second wait for a server that is down

    synth.online.reset()
    responses.replace(responses.POST, GTTS_URL, body=add_gtts_body())
    third = synthesize(SENTENCE, GTTS, db, tmp_path)
    assert third.engine_used == "gtts" and not third.fell_back


def add_gtts_body() -> str:
    from _speech_fakes import gtts_body

    return gtts_body(mp3_bytes())


@responses.activate
def test_both_engines_failing_is_one_speech_error(
    tmp_path: Path, db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    responses.add(responses.POST, GTTS_URL, body=requests.exceptions.ConnectionError())

    def broken(*args: object, **kwargs: object) -> None:
        raise OfflineTTSError("espeak-ng is not installed")

    monkeypatch.setattr(synth, "synthesize_espeak", broken)
    with pytest.raises(SpeechError, match="no network.*offline voice failed too") as info:
        synthesize(SENTENCE, GTTS, db, tmp_path)
    assert "\n" not in str(info.value)


def test_accepts_a_database_path(tmp_path: Path) -> None:
    path = tmp_path / "reader.db"
    result = synthesize(SENTENCE, ESPEAK, path, tmp_path / "audio", use_program=False)
    assert not result.cached
    assert synthesize(SENTENCE, ESPEAK, str(path), tmp_path / "audio").cached
    assert open_db(path)["audio"].count == 1


def test_default_audio_dir_comes_from_paths(
    tmp_path: Path, db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENTENCES_AUDIO_DIR", str(tmp_path / "env-audio"))
    result = synthesize(SENTENCE, ESPEAK, db, use_program=False)
    assert result.path.is_relative_to(tmp_path / "env-audio")


def test_same_sentence_from_two_threads_is_synthesized_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_path = tmp_path / "reader.db"
    open_db(db_path).conn.close()
    calls: list[str] = []
    entered = threading.Event()
    release = threading.Event()
    real = synth.synthesize_espeak

    def slow_engine(text: str, out: Path, **kwargs: object) -> None:
        calls.append(text)
        entered.set()
        release.wait(10)
        real(text, out, voice="en-us", use_program=False)

    monkeypatch.setattr(synth, "synthesize_espeak", slow_engine)
    results: list[bool] = []

    def worker() -> None:
        results.append(synthesize(SENTENCE, ESPEAK, db_path, tmp_path).cached)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    threads[0].start()
    assert entered.wait(10)
    threads[1].start()
    release.set()
    for t in threads:
        t.join(20)
    assert calls == [SENTENCE]
    assert sorted(results) == [False, True]


def test_prerender_reports_progress_and_counts(tmp_path: Path, db: sqlite_utils.Database) -> None:
    sentences = ["One small step.", "A second sentence.", "One small step.", "  ", "Third."]
    seen: list[tuple[int, int]] = []
    report = prerender(
        sentences, ESPEAK, db, tmp_path, lambda d, t: seen.append((d, t)), use_program=False
    )
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert (report.total, report.synthesized, report.cached, report.errors) == (3, 3, 0, [])
    again = prerender(sentences, ESPEAK, db, tmp_path)
    assert (again.synthesized, again.cached) == (0, 3)


@responses.activate
def test_prerender_falls_back_once_and_says_why(tmp_path: Path, db: sqlite_utils.Database) -> None:
    responses.add(responses.POST, GTTS_URL, body=requests.exceptions.ConnectionError())
    report = prerender(["First one.", "Second one."], GTTS, db, tmp_path, use_program=False)
    assert report.fell_back == 2 and "no network" in report.reason
    assert len(responses.calls) == 1


def test_prerender_stops_when_cancelled(tmp_path: Path, db: sqlite_utils.Database) -> None:
    cancel = threading.Event()
    report = prerender(
        ["One.", "Two.", "Three."],
        ESPEAK,
        db,
        tmp_path,
        lambda done, total: cancel.set(),
        cancel=cancel,
        use_program=False,
    )
    assert report.cancelled and report.synthesized == 1


def test_prerender_keeps_going_after_a_failure(
    tmp_path: Path, db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = synth.synthesize_espeak

    def flaky(text: str, out: Path, **kwargs: object) -> None:
        if text.startswith("Bad"):
            raise OfflineTTSError("espeak-ng failed: boom")
        real(text, out, use_program=False)

    monkeypatch.setattr(synth, "synthesize_espeak", flaky)
    report = prerender(["Good one.", "Bad one.", "Good two."], ESPEAK, db, tmp_path)
    assert report.synthesized == 2 and len(report.errors) == 1 and "boom" in report.errors[0]


def test_settings_reject_nonsense() -> None:
    with pytest.raises(ValueError):
        SpeechSettings(engine="festival")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        SpeechSettings(speed=3.0)


@responses.activate
def test_cached_path_finds_audio_without_a_database(
    tmp_path: Path, db: sqlite_utils.Database
) -> None:
    from reader.speech import cached_path

    assert cached_path(SENTENCE, GTTS, tmp_path) is None
    add_gtts_ok(responses.mock)
    made = synthesize(SENTENCE, GTTS, db, tmp_path)
    found = cached_path(SENTENCE + " ", GTTS, tmp_path)
    assert found is not None and found.path == made.path and found.engine_used == "gtts"

    offline = synthesize("Only offline.", ESPEAK, db, tmp_path, use_program=False)
    fallback = cached_path("Only offline.", GTTS, tmp_path)
    assert fallback is not None and fallback.path == offline.path and fallback.fell_back
