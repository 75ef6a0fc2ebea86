"""What a new learner tripped over at the command line (issue 11, items 13-19), pinned."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile
from _cli import invoke, one_line_error
from _paths import SEED
from click.testing import CliRunner

from reader.speech import cache
from reader.store.db import open_db


@pytest.fixture
def run(home: Path) -> CliRunner:
    return CliRunner(mix_stderr=False)


# -- 13: term set keys a term as the reader does ---------------------------------------------


def test_term_set_stores_the_lemma_the_reader_uses(run: CliRunner) -> None:
    code, out, _ = invoke(run, "term", "set", "ran", "--status", "1")
    assert code == 0 and out.strip() == "ran → run: learning 1"
    code, out, _ = invoke(run, "term", "set", "Fault Lines", "--status", "known")
    assert code == 0 and out.strip() == "fault lines → fault line: known"
    db = open_db()
    keys = {r[0]: r[1] for r in db.execute("SELECT key, status FROM terms").fetchall()}
    assert keys == {"run": 1, "fault line": 99}


@pytest.mark.parametrize("text", ["!!!", "123", "  "])
def test_term_set_refuses_what_is_not_a_word(run: CliRunner, text: str) -> None:
    line = one_line_error(run, "term", "set", text, "--status", "1")
    assert "not a word" in line or "empty" in line
    assert not open_db().execute("SELECT COUNT(*) FROM terms").fetchone()[0]


# -- 14: gloss checks what it is given, and lemmatizes for the part of speech -----------------


def test_gloss_unknown_pos_lists_the_tags(run: CliRunner) -> None:
    line = one_line_error(run, "gloss", "run", "--pos", "FOO")
    assert "unknown part of speech 'FOO'" in line and "NOUN" in line and "VERB" in line


@pytest.mark.parametrize("word", ["!!!", "123"])
def test_gloss_refuses_what_is_not_a_word(run: CliRunner, word: str) -> None:
    assert f"'{word}' is not a word" in one_line_error(run, "gloss", word)


def test_gloss_with_pos_shows_the_readers_lemma(run: CliRunner, mini_wordnet: Path) -> None:
    code, out, _ = invoke(run, "gloss", "hardened", "--pos", "VERB", "--json")
    entry = json.loads(out)
    assert code == 0 and entry["lemma"] == "harden"
    assert entry["senses"][0]["gloss"] == "become hard or harder"
    assert {s["pos"] for s in entry["senses"] if s["source"] == "wordnet"} == {"VERB"}


# -- 15: --home isolates a shared audio folder ------------------------------------------------


def test_prune_leaves_another_homes_audio_alone(
    run: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shared = tmp_path / "shared-audio"  # like the checkout's audio/ for the seeds
    monkeypatch.setenv("SENTENCES_AUDIO_DIR", str(shared))
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    files = {}
    for home, text in ((mine, "my sentence"), (theirs, "their sentence")):
        db = open_db(home / "reader.db")
        entry = cache.CacheEntry("espeak", "en-us", "en", text)
        path = shared / entry.relpath
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"\xff" * 1000)
        cache.record(db, shared, entry)
        db.close()
        files[home] = path
    code, out, _ = invoke(run, "--home", str(mine), "audio", "--prune", "0")
    assert code == 0 and out.startswith("removed 1 audio files")
    assert not files[mine].exists() and files[theirs].exists()


# -- 16: removing or disabling WordNet lasts --------------------------------------------------


def _wordnet_entries(home: Path) -> tuple[int, int]:
    db = sqlite3.connect(home / "reader.db")
    row = db.execute("SELECT enabled, entry_count FROM lex_sources WHERE name = 'wordnet'")
    return tuple(row.fetchone())  # type: ignore[return-value]


def test_removed_wordnet_stays_removed_until_enabled(
    run: CliRunner, home: Path, mini_wordnet: Path
) -> None:
    invoke(run, "setup")
    code, out, _ = invoke(run, "dict", "remove", "wordnet")
    assert code == 0 and "dict enable wordnet" in out
    _, out, _ = invoke(run, "gloss", "harden", "--json")
    assert [s for s in json.loads(out)["senses"] if s["source"] == "wordnet"] == []
    assert _wordnet_entries(home) == (0, 0)  # not compiled again behind the learner's back
    invoke(run, "dict", "enable", "wordnet")
    enabled, entries = _wordnet_entries(home)
    assert enabled == 1 and entries > 0
    _, out, _ = invoke(run, "gloss", "harden", "--json")
    assert json.loads(out)["senses"][0]["source"] == "wordnet"


def test_setup_brings_removed_wordnet_back(run: CliRunner, home: Path, mini_wordnet: Path) -> None:
    invoke(run, "setup")
    invoke(run, "dict", "remove", "wordnet")
    code, out, _ = invoke(run, "setup")
    assert code == 0 and "WordNet: compiled" in out
    assert _wordnet_entries(home)[1] > 0


def test_disabled_wordnet_stays_disabled(run: CliRunner, home: Path, mini_wordnet: Path) -> None:
    invoke(run, "setup")
    invoke(run, "dict", "disable", "wordnet")
    invoke(run, "gloss", "harden")
    assert _wordnet_entries(home)[0] == 0


# -- 17: usage errors in one line, naming the command and the fix; a closed pipe is quiet ------


@pytest.mark.parametrize(
    ("args", "command", "message"),
    [
        (["dict", "import", "/missing.tsv"], "sentences dict import", "does not exist"),
        (["config", "--jsn"], "sentences config", "No such option: --jsn"),
        (["texts", "--bogus"], "sentences texts", "No such option: --bogus"),
        (["nope"], "sentences", "No such command 'nope'"),
        (["remove"], "sentences remove", "Missing argument"),
    ],
)
def test_usage_errors_are_one_line(
    run: CliRunner, args: list[str], command: str, message: str
) -> None:
    line = one_line_error(run, *args)
    assert line.startswith(f"{command}: ") and message in line
    assert line.endswith(f"(see `{command} --help`)")


def test_config_json_and_a_negative_value(run: CliRunner) -> None:
    code, out, _ = invoke(run, "config", "--json")
    assert code == 0 and json.loads(out)["context_sentences"] == 2
    line = one_line_error(run, "config", "set", "context_sentences", "-1")
    assert line == "sentences: context_sentences is between 0 and 5, not -1"


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    env = {**os.environ, "SENTENCES_HOME": str(tmp_path / "h")}
    proc = subprocess.Popen(
        [sys.executable, "-c", "from reader.cli import run; run()", "split"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
    proc.stdin.write(b"A short sentence here. " * 40_000)
    proc.stdin.close()
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`
    proc.wait(timeout=120)
    assert proc.stderr.read() == b""


# -- 18: config set checks values --------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("lang", "xx", "not a language the reader supports: en (English)"),
        ("speech_voice", "zz-zz", "espeak-ng has no voice 'zz-zz'"),
        ("speech_tld", "nowhere", "gTTS has no accent 'nowhere'"),
        ("context_sentences", "100", "context_sentences is between 0 and 5"),
        ("gloss_rarer_than", "-5", "gloss_rarer_than is between 0 and 50000"),
        ("speech_speed", "3", "speech_speed is between 0.5 and 2"),
    ],
)
def test_config_set_refuses_bad_values(
    run: CliRunner, home: Path, key: str, value: str, message: str
) -> None:
    assert message in one_line_error(run, "config", "set", key, value)
    assert not (home / "config.toml").exists()


@pytest.mark.parametrize(
    ("key", "value"), [("speech_voice", "en-gb"), ("speech_tld", "co.uk"), ("lang", "en")]
)
def test_config_set_accepts_good_values(run: CliRunner, key: str, value: str) -> None:
    code, out, _ = invoke(run, "config", "set", key, value)
    assert code == 0 and out.strip() == f'{key} = "{value}"'


# -- 19: the small ones ------------------------------------------------------------------------


def test_remove_the_same_id_twice_removes_it_once(run: CliRunner) -> None:
    invoke(run, "import", str(SEED))
    code, out, err = invoke(run, "remove", "1", "1")
    assert code == 0 and err == "" and len(out.splitlines()) == 1


def test_text_ids_are_never_reused(run: CliRunner) -> None:
    invoke(run, "import", "-", "--title", "A", input="One. Two.\n")
    invoke(run, "import", "-", "--title", "B", input="Three. Four.\n")
    invoke(run, "remove", "2")
    code, out, _ = invoke(run, "import", "-", "--title", "C", input="Five. Six.\n")
    assert out.strip() == 'imported "C" as text 3 (2 sentences)'


def test_the_ids_migration_keeps_every_row(tmp_path: Path) -> None:
    """A database from before 0007, with texts, sentences, tokens (their rows and occurrence
    index), positions and events."""
    from reader.store import migrations
    from reader.text.importer import import_text
    from reader.text.load import load_string

    path = tmp_path / "old.db"
    db = open_db(path)  # the full schema, to import with; then rewind texts to a rowid table
    import_text(db, load_string("First text. It has two sentences.\n", "A"))
    import_text(db, load_string("Second text here.\n", "B"))
    from reader.learn.progress import set_position

    set_position(db, 2, 0)
    tables = ("sentences", "sentence_tokens", "occurrences", "positions", "events")
    before = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}
    db.conn.execute("PRAGMA foreign_keys = OFF")
    db.conn.executescript(
        "BEGIN; CREATE TABLE t_old AS SELECT * FROM texts; DROP TABLE texts;"
        "CREATE TABLE texts (id INTEGER PRIMARY KEY, title TEXT NOT NULL, lang TEXT NOT NULL"
        " DEFAULT 'en', source TEXT, sha256 TEXT NOT NULL, content TEXT NOT NULL,"
        " sentence_count INTEGER NOT NULL DEFAULT 0, word_count INTEGER NOT NULL DEFAULT 0,"
        " created_at TEXT NOT NULL, last_read_at TEXT);"
        "INSERT INTO texts SELECT * FROM t_old; DROP TABLE t_old;"
        "DELETE FROM _migrations WHERE number = 7; COMMIT;"
    )
    db.close()
    db = open_db(path)  # 0007 runs again, on data
    assert 7 in migrations.applied_numbers(db)
    after = {t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before and before["sentence_tokens"] > 0 and before["occurrences"] > 0
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    db.execute("DELETE FROM texts WHERE id = 2")
    db.conn.commit()
    assert import_text(db, load_string("Third.\n", "C")).text_id == 3


def test_import_says_what_it_imported(run: CliRunner) -> None:
    code, out, _ = invoke(run, "import", str(SEED))
    assert code == 0 and out.startswith('imported "[Weekly Focus] How Kim Jong-un')
    assert out.rstrip().endswith("as text 1 (58 sentences)")
    code, out, _ = invoke(run, "import", str(SEED), "--json")
    (record,) = json.loads(out)
    assert record["id"] == 1 and record["created"] is False and record["sentences"] == 58


def test_texts_on_an_empty_library_says_so(run: CliRunner) -> None:
    code, out, _ = invoke(run, "texts")
    assert code == 0 and out.startswith("No texts yet")
    _, out, _ = invoke(run, "texts", "--json")
    assert json.loads(out) == []


def test_speak_out_writes_the_format_the_name_asks_for(tmp_path: Path) -> None:
    from reader.speech.encode import export_audio, write_mp3

    tone = (0.3 * np.sin(np.linspace(0, 440 * 2 * np.pi, 22050))).astype(np.float32)
    mp3 = tmp_path / "cached.mp3"
    write_mp3(tone, 22050, mp3)
    for suffix, fmt in ((".wav", "WAV"), (".flac", "FLAC"), (".ogg", "OGG")):
        target = tmp_path / f"a{suffix}"
        export_audio(mp3, target)
        assert soundfile.info(str(target)).format == fmt
    with pytest.raises(ValueError, match="cannot write .aiff"):
        export_audio(mp3, tmp_path / "a.aiff")


def test_speak_out_refuses_an_unknown_suffix_before_speaking(run: CliRunner) -> None:
    line = one_line_error(run, "speak", "Hello.", "--out", "a.aiff")
    assert line == "sentences: cannot write .aiff: name --out *.mp3, .wav, .flac or .ogg"
