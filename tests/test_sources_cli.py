"""Issue 20, items 5-7 at the command line: subtitles keep their times, `sentences show --json`
lists a text's sentences with their chapters, and languages the reader cannot analyse are
refused in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import main
from reader.text.load import LoadError, load_path

DATA = Path(__file__).resolve().parent / "data" / "sources"


@pytest.fixture
def run(home: Path) -> CliRunner:
    return CliRunner(mix_stderr=False)


def _show(run: CliRunner, path: Path) -> list[dict[str, object]]:
    imported = run.invoke(main, ["import", str(path), "--json"], catch_exceptions=False)
    assert imported.exit_code == 0, imported.stderr
    (record,) = json.loads(imported.stdout)
    shown = run.invoke(main, ["show", str(record["id"]), "--json"], catch_exceptions=False)
    assert shown.exit_code == 0, shown.stderr
    result: list[dict[str, object]] = json.loads(shown.stdout)
    return result


@pytest.mark.parametrize("name", ["talk.srt", "talk.vtt"])
def test_subtitle_cues_become_sentences_with_times(run: CliRunner, name: str) -> None:
    sentences = _show(run, DATA / name)
    expected = [
        {
            "idx": 0,
            "text": "Tonight we look at how the summit in Beijing changed the balance of power "
            "in the region.",
            "chapter": None,
            "start": 1.0,
            "end": 6.2,
        },
        {"idx": 1, "text": "Good evening.", "chapter": None, "start": 6.8, "end": 8.0},
        {"idx": 2, "text": "I'm Anna Park.", "chapter": None, "start": 6.8, "end": 8.0},
    ]
    if name == "talk.srt":  # its last cue: a sound and two speakers
        expected += [
            {"idx": 3, "text": "Was it a success?", "chapter": None, "start": 15.0, "end": 18.4},
            {"idx": 4, "text": "For now, yes.", "chapter": None, "start": 15.0, "end": 18.4},
        ]
    assert sentences == expected


def test_subtitles_without_cues_are_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.srt"
    bad.write_text("this is not\n\na subtitle file\n")
    with pytest.raises(LoadError, match="not a valid SRT subtitle file"):
        load_path(bad)


def test_show_lists_a_books_chapters(run: CliRunner) -> None:
    sentences = _show(run, DATA / "gutenberg_small.txt")
    assert sentences[0] == {
        "idx": 0,
        "text": "The snow was going at last, and the river ran high and brown under the bridge.",
        "chapter": "BOOK ONE: SPRING — CHAPTER I",
    }
    chapters = [s["chapter"] for s in sentences]
    assert list(dict.fromkeys(chapters)) == [
        "BOOK ONE: SPRING — CHAPTER I",
        "BOOK ONE: SPRING — CHAPTER II",
        "BOOK TWO: SUMMER — CHAPTER I",
    ]
    assert not any(str(s["text"]).startswith(("CHAPTER", "BOOK", "THE END")) for s in sentences)
    plain = run.invoke(main, ["show", "1"], catch_exceptions=False).stdout.splitlines()
    assert plain[0] == "## BOOK ONE: SPRING — CHAPTER I"


def test_show_an_unknown_text_is_one_line(run: CliRunner) -> None:
    result = run.invoke(main, ["show", "42"])
    assert result.exit_code == 1 and result.stderr.strip() == "sentences: no text with id 42"


@pytest.mark.parametrize(
    ("lang", "message"),
    [
        ("fr", "texts in French (fr) cannot be analysed yet; texts can be read in: English (en)"),
        ("xx", "'xx' is not a language code; texts can be read in: English (en)"),
    ],
)
def test_a_language_the_reader_cannot_analyse_is_refused(
    run: CliRunner, lang: str, message: str
) -> None:
    result = run.invoke(main, ["import", str(DATA / "dialogue.txt"), "--lang", lang])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"sentences: {message}"
    texts = run.invoke(main, ["texts", "--json"], catch_exceptions=False)
    assert json.loads(texts.stdout) == []


def test_english_by_any_of_its_codes_is_english(run: CliRunner) -> None:
    result = run.invoke(main, ["import", str(DATA / "dialogue.txt"), "--lang", "eng", "--json"])
    assert result.exit_code == 0, result.stderr
    texts = json.loads(run.invoke(main, ["texts", "--json"]).stdout)
    assert [t["lang"] for t in texts] == ["en"]


def test_a_language_the_translator_lacks_is_one_short_line() -> None:
    """deep-translator's message lists every language Google knows (2,400 characters), which
    ended up whole in a toast."""
    from reader.translate import TranslationError
    from reader.translate.engines import GoogleEngine

    with pytest.raises(TranslationError) as caught:
        GoogleEngine().translate("Hello.", "en", "xq")  # refused before any request
    message = str(caught.value)
    assert "does not translate en to xq" in message
    assert "\n" not in message and len(message) < 100


def test_subtitles_with_a_bom_crlf_styles_and_entities() -> None:
    loaded = load_path(DATA / "crlf_bom.srt")
    assert loaded.content == "Hello & welcome, everyone. Who are you? A friend.\n"
    assert [(t.start_ms, t.end_ms) for t in loaded.timed] == [(1000, 2500), (3000, 5000)]


def test_a_rebuilt_subtitle_text_keeps_its_times(db: object) -> None:
    """`sentences doctor` analyses a damaged text again: its sentences keep their times."""
    import sqlite_utils

    from reader.text.importer import import_text, rebuild_text

    assert isinstance(db, sqlite_utils.Database)
    loaded = load_path(DATA / "talk.srt")
    text_id = import_text(db, loaded).text_id
    query = "SELECT idx, start_ms, end_ms FROM sentences WHERE text_id = ? ORDER BY idx"
    before = db.execute(query, (text_id,)).fetchall()
    assert before[0] == (0, 1000, 6200)
    rebuild_text(db, text_id, "en", loaded.content)
    assert db.execute(query, (text_id,)).fetchall() == before


@pytest.mark.parametrize("command", ["split", "analyze"])
def test_split_and_analyze_refuse_a_language_too(run: CliRunner, command: str) -> None:
    result = run.invoke(main, [command, "--lang", "de"], input="Guten Tag. Wie geht's?\n")
    assert result.exit_code == 1 and "texts in German (de) cannot be analysed" in result.stderr
