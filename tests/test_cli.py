"""The command line: the DESIGN.md contract, --home, and one-line errors."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from _cli import invoke
from _paths import SEED
from click.testing import CliRunner

from reader.cli import main


@pytest.fixture
def run(home: Path) -> CliRunner:
    return CliRunner(mix_stderr=False)


def test_import_then_texts_json(run: CliRunner) -> None:
    code, out, _ = invoke(run, "import", str(SEED))
    assert code == 0 and out.strip().endswith("as text 1 (58 sentences)")
    code, out, _ = invoke(run, "texts", "--json")
    (text,) = json.loads(out)
    assert {"id", "title", "lang", "sentences", "words", "progress", "unknown_share"} <= set(text)
    assert text["sentences"] > 50 and text["progress"] == 0 and text["unknown_share"] == 1


def test_import_from_stdin_with_title(run: CliRunner) -> None:
    code, out, _ = invoke(run, "import", "-", "--title", "Piped", input="One. Two.\n")
    assert code == 0
    _, out, _ = invoke(run, "texts", "--json")
    assert json.loads(out)[0]["title"] == "Piped"


def test_home_option_chooses_the_data_home(run: CliRunner, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    invoke(run, "import", str(SEED), "--home", str(other))
    assert (other / "reader.db").exists()
    _, out, _ = invoke(run, "texts", "--json", "--home", str(other))
    assert len(json.loads(out)) == 1


def test_split_lines_and_json(run: CliRunner) -> None:
    text = "Mr. Smith went to Washington. He arrived at 5 p.m. on Friday.\n"
    code, out, _ = invoke(run, "split", input=text)
    assert code == 0
    assert out.splitlines() == ["Mr. Smith went to Washington.", "He arrived at 5 p.m. on Friday."]
    _, out, _ = invoke(run, "split", "--json", input=text)
    data = json.loads(out)
    assert data[1] == {"text": "He arrived at 5 p.m. on Friday.", "start": 30, "end": 61}


def test_analyze_json(run: CliRunner) -> None:
    code, out, _ = invoke(run, "analyze", "--json", input="Dogs barked.")
    (sentence,) = json.loads(out)
    assert [(t["text"], t["lemma"], t["pos"]) for t in sentence["tokens"]] == [
        ("Dogs", "dog", "NOUN"), ("barked", "bark", "VERB"), (".", ".", "PUNCT"),
    ]  # fmt: skip


def test_term_set_and_gloss(run: CliRunner, mini_wordnet: Path) -> None:
    code, out, _ = invoke(run, "term", "set", "signal", "--status", "2", "--gloss", "a sign")
    assert code == 0 and out.strip() == "signal: learning 2 — a sign"
    code, out, _ = invoke(run, "gloss", "signals", "--json")
    entry = json.loads(out)
    assert entry["lemma"] == "signal" and entry["status"] == "2"
    assert entry["senses"][0] == {
        "source": "learner", "pos": None, "gloss": "a sign", "sense_key": None, "example": None,
        "synonyms": [], "pronunciation": None, "see_also": [],
    }  # fmt: skip
    assert entry["senses"][1]["source"] == "wordnet"


def test_gloss_pos_filter(run: CliRunner, mini_wordnet: Path) -> None:
    _, out, _ = invoke(run, "gloss", "signal", "--pos", "verb", "--json")
    assert {s["pos"] for s in json.loads(out)["senses"]} == {"VERB"}


@pytest.mark.parametrize(
    ("typed", "lemma"),
    [("took over", "take over"), ("visted", "visit"), ("visits", "visit")],
)
def test_gloss_finds_the_lemma_of_what_was_typed(
    run: CliRunner, mini_wordnet: Path, typed: str, lemma: str
) -> None:
    """No sentence to tag on the command line: inflected phrases and typos still find a gloss."""
    _, out, _ = invoke(run, "gloss", typed, "--json")
    entry = json.loads(out)
    assert entry["lemma"] == lemma and entry["senses"]


def test_setup_reports_what_it_found(run: CliRunner, mini_wordnet: Path) -> None:
    code, out, _ = invoke(run, "setup")
    assert code == 0 and "WordNet: compiled from" in out and "mini_wordnet" in out
    code, out, _ = invoke(run, "setup")
    assert "already compiled" in out


def test_setup_without_wordnet_says_how_to_get_it(run: CliRunner, no_wordnet: None) -> None:
    code, _, err = invoke(run, "setup")
    assert code == 1 and "wordnet-base" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["import"], None, "no such file"),
        (["import"], b"", "empty"),
        (["import"], b"\x00\xff\x00\x01" * 100, "binary"),
        (["read"], None, "no such file"),
        (["read", "42"], None, "no text with id 42"),
        (["term", "set", "x", "--status", "7"], None, "unknown status"),
        (["term", "set", " ", "--status", "2"], None, "the term is empty"),
        (["gloss", ""], None, "nothing to look up"),
        (["config", "set", "gloss_rarer_than", "many"], None, "needs a whole number"),
    ],
)
def test_errors_are_one_line(
    run: CliRunner, tmp_path: Path, args: list[str], content: bytes | None, message: str
) -> None:
    if args in (["import"], ["read"]):
        path = tmp_path / "input.txt"
        if content is not None:
            path.write_bytes(content)
        args = [*args, str(path)]
    result = run.invoke(main, args)
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_corrupt_database_is_one_line_and_untouched(run: CliRunner, home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    db = home / "reader.db"
    db.write_bytes(b"garbage" * 100)
    result = run.invoke(main, ["texts"])
    assert result.exit_code == 1 and "damaged" in result.stderr
    assert db.read_bytes() == b"garbage" * 100


def test_bad_import_keeps_what_was_saved(run: CliRunner, tmp_path: Path) -> None:
    invoke(run, "import", str(SEED))
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00" * 10)
    result = run.invoke(main, ["import", str(bad)])
    assert result.exit_code == 1
    _, out, _ = invoke(run, "texts", "--json")
    assert len(json.loads(out)) == 1


def test_config_set_and_show(run: CliRunner) -> None:
    code, out, _ = invoke(run, "config", "set", "gloss_rarer_than", "3000")
    assert code == 0 and "3000" in out
    from reader.config import load_config

    load_config.cache_clear()
    assert load_config().gloss_rarer_than == 3000
    _, out, _ = invoke(run, "config")
    assert "gloss_rarer_than = 3000" in out
    bad = run.invoke(main, ["config", "set", "speech_engine", "robot"])
    assert bad.exit_code == 1 and "gtts or espeak" in bad.stderr


def test_known_bootstrap_leaves_marked_terms_alone(run: CliRunner) -> None:
    invoke(run, "term", "set", "house", "--status", "2")
    code, out, _ = invoke(run, "known", "--top", "500")
    assert code == 0 and "marked known" in out
    _, out, _ = invoke(run, "gloss", "house", "--json")
    assert json.loads(out)["status"] == "2"
    _, out, _ = invoke(run, "gloss", "people", "--json")
    assert json.loads(out)["status"] == "known"


def test_split_offsets_point_into_crlf_input(run: CliRunner) -> None:
    text = "First line.\r\nSecond one.\r\n"
    _, out, _ = invoke(run, "split", "--json", input=text)
    for sentence in json.loads(out):
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_remove_a_text_keeps_the_word_statuses(run: CliRunner, home: Path) -> None:
    invoke(run, "import", str(SEED))
    invoke(run, "term", "set", "coalition", "--status", "2")
    code, out, _ = invoke(run, "remove", "1")
    assert code == 0 and out.startswith("removed 1: [Weekly Focus]")
    _, out, _ = invoke(run, "texts", "--json")
    assert json.loads(out) == []
    db = sqlite3.connect(home / "reader.db")
    assert db.execute("SELECT COUNT(*) FROM sentence_tokens").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM sentences").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM occurrences").fetchone()[0] == 0
    assert db.execute("SELECT status FROM terms WHERE key = 'coalition'").fetchone() == (2,)
    code, _, err = invoke(run, "remove", "1")
    assert code != 0 and err.strip() == "sentences: no text with id 1"
