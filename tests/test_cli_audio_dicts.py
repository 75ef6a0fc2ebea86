"""The command line for audio (speak, audio) and for dictionaries (dict ...)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import requests
import responses
from _paths import SEED
from _require import require_program
from _speech_fakes import GTTS_URL, add_gtts_ok, mp3_bytes
from click.testing import CliRunner

from reader.cli import main


@pytest.fixture
def run(home: Path) -> CliRunner:
    return CliRunner(mix_stderr=False)


@pytest.fixture(autouse=True)
def fresh_online_state() -> None:
    from reader.speech import synth

    synth.online.reset()


def test_speak_gtts_prints_the_cached_path(run: CliRunner, home: Path) -> None:
    with responses.RequestsMock() as rsps:
        add_gtts_ok(rsps)
        first = run.invoke(main, ["speak", "Hello there.", "--engine", "gtts"])
        assert first.exit_code == 0, first.stderr
        path = Path(first.stdout.strip())
        assert path.read_bytes() == mp3_bytes() and path.suffix == ".mp3"
        assert len(rsps.calls) == 1
        again = run.invoke(main, ["speak", "Hello there.", "--engine", "gtts"])
        assert again.stdout.strip() == str(path)
        assert len(rsps.calls) == 1  # the cache answered


def test_speak_falls_back_offline_without_network(run: CliRunner, tmp_path: Path) -> None:
    require_program("espeak-ng")
    out = tmp_path / "hello.mp3"
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, GTTS_URL, body=requests.exceptions.ConnectionError("no route"))
        result = run.invoke(main, ["speak", "Hello there.", "--out", str(out)])
    assert result.exit_code == 0
    assert "offline voice" in result.stderr
    assert result.stdout.strip() == str(out)
    assert out.read_bytes()[:3] == b"ID3" or out.read_bytes()[0] == 0xFF  # an MP3
    wav = run.invoke(main, ["speak", "Hello there.", "--out", str(tmp_path / "hello.wav")])
    assert wav.exit_code == 0 and (tmp_path / "hello.wav").read_bytes()[:4] == b"RIFF"


def test_speak_with_gtts_named_fails_offline_in_one_line(run: CliRunner, home: Path) -> None:
    """Issue 22, item 19: the fallback belongs to the configured default; `--engine gtts` asked
    for gTTS, and the offline voice is not an answer to that."""
    with responses.RequestsMock() as rsps:
        rsps.add(responses.POST, GTTS_URL, body=requests.exceptions.ConnectionError("no route"))
        result = run.invoke(main, ["speak", "Hello there.", "--engine", "gtts"])
    assert result.exit_code == 1 and result.stdout == "" and "Traceback" not in result.output
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("sentences: gTTS could not speak: ")
    assert not list((home / "audio").rglob("*.mp3"))  # no espeak file was made either


def test_speak_empty_text_is_an_error(run: CliRunner) -> None:
    result = run.invoke(main, ["speak", "   "])
    assert result.exit_code == 1 and "empty" in result.stderr


def test_audio_prerenders_a_text(run: CliRunner) -> None:
    require_program("espeak-ng")
    run.invoke(main, ["import", str(SEED)])
    result = run.invoke(main, ["audio", "--text", "1", "--engine", "espeak"])
    assert result.exit_code == 0, result.stderr
    assert "synthesized" in result.stdout
    again = run.invoke(main, ["audio", "--text", "1", "--engine", "espeak"])
    assert " 0 synthesized" in again.stdout


def test_dictionaries_import_list_order_disable(
    run: CliRunner, tmp_path: Path, mini_wordnet: Path
) -> None:
    tsv = tmp_path / "mine.tsv"
    tsv.write_text("signal\tSignal (my TSV)\nheir-in-training\tfuture successor\n")
    result = run.invoke(main, ["dict", "import", str(tsv), "--name", "mine"])
    assert result.exit_code == 0 and "mine: 2 entries" in result.stdout
    entry = json.loads(run.invoke(main, ["gloss", "signal", "--json"]).stdout)
    assert [s["source"] for s in entry["senses"]][:2] == ["mine", "wordnet"]
    run.invoke(main, ["dict", "order", "wordnet", "mine"])
    listed = json.loads(run.invoke(main, ["dict", "list", "--json"]).stdout)
    assert [s["name"] for s in listed] == ["wordnet", "mine", "idioms"]
    run.invoke(main, ["dict", "disable", "wordnet"])
    entry = json.loads(run.invoke(main, ["gloss", "signal", "--json"]).stdout)
    assert {s["source"] for s in entry["senses"]} == {"mine"}
    compound = json.loads(run.invoke(main, ["gloss", "heir-in-training", "--json"]).stdout)
    assert compound["senses"][0]["gloss"] == "future successor"


def test_broken_dictionary_is_one_line(run: CliRunner, tmp_path: Path) -> None:
    ifo = tmp_path / "broken.ifo"
    ifo.write_text("not a stardict file")
    result = run.invoke(main, ["dict", "import", str(ifo)])
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
