"""What the second new learner tripped over at the command line (issue 22, items 12-19), pinned."""

from __future__ import annotations

from pathlib import Path

import pytest
from _cli import invoke, one_line_error
from click.testing import CliRunner

from reader.store.db import open_db


@pytest.fixture
def run(home: Path) -> CliRunner:
    return CliRunner(mix_stderr=False)


# -- 13: every setting checked against its kind ------------------------------------------------


@pytest.fixture
def voices(monkeypatch: pytest.MonkeyPatch) -> None:
    """espeak-ng's voices as it lists them, Klingon included (it does have one)."""
    import reader.voices as voices

    table = {
        "en-us": "en-us",
        "english_(america)": "en-us",
        "en-gb": "en-gb",
        "piqd": "piqd",
        "klingon": "piqd",
        "de": "de",
        "german": "de",
    }
    monkeypatch.setattr(voices, "espeak_voice_languages", lambda: table)
    monkeypatch.setattr(voices, "espeak_voices", lambda: frozenset(table))


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("known_on_next", "maybe", "known_on_next is true or false, not 'maybe'"),
        ("speech_voice", "klingon", "speech_voice 'klingon' speaks 'piqd', not English (en)"),
        ("speech_voice", "german", "speaks 'de', not English"),
        ("libretranslate_url", "notaurl", "libretranslate_url is a server's address"),
        ("libretranslate_url", "ftp://example.org", "not 'ftp://example.org'"),
    ],
)
def test_config_set_refuses_a_value_of_the_wrong_kind(
    run: CliRunner, home: Path, voices: None, key: str, value: str, message: str
) -> None:
    assert message in one_line_error(run, "config", "set", key, value)
    assert not (home / "config.toml").exists()


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("known_on_next", "yes", "known_on_next = true"),
        ("known_on_next", "off", "known_on_next = false"),
        ("speech_voice", "English_(America)", 'speech_voice = "English_(America)"'),
        ("speech_voice", "en-gb+f3", 'speech_voice = "en-gb+f3"'),
        ("libretranslate_url", "http://localhost:5000", "http://localhost:5000"),
        ("libretranslate_url", "", 'libretranslate_url = ""'),
    ],
)
def test_config_set_accepts_a_value_of_the_right_kind(
    run: CliRunner, voices: None, key: str, value: str, shown: str
) -> None:
    code, out, _ = invoke(run, "config", "set", key, value)
    assert code == 0 and shown in out


def test_dict_lang_refuses_to_call_wordnet_another_language(run: CliRunner, home: Path) -> None:
    db = open_db()
    db.conn.execute(
        "INSERT INTO lex_sources (name, kind, lang, target_lang, imported_at) "
        "VALUES ('wordnet', 'wordnet', 'en', 'en', '2026-01-01'), "
        "('mine', 'tsv', 'en', NULL, '2026-01-01')"
    )
    db.conn.commit()
    line = one_line_error(run, "dict", "lang", "wordnet", "en-ko")
    assert "wordnet is built in and explains English in English (en-en)" in line
    code, out, _ = invoke(run, "dict", "lang", "mine", "en-ko")
    assert code == 0 and out.strip() == "mine: English headwords, Korean (한국어) glosses (en-ko)"
    langs = dict(db.conn.execute("SELECT name, target_lang FROM lex_sources").fetchall())
    assert langs == {"wordnet": "en", "mine": "ko"}


# -- 14: config prints TOML --------------------------------------------------------------------


def test_config_prints_toml_that_reads_back_as_the_settings(run: CliRunner) -> None:
    import json
    import tomllib

    invoke(run, "config", "set", "known_on_next", "true")
    _, out, _ = invoke(run, "config")
    assert "known_on_next = true" in out and 'lang = "en"' in out and "False" not in out
    _, as_json, _ = invoke(run, "config", "--json")
    assert tomllib.loads(out) == json.loads(as_json)


# -- 12: import --title of a text already there names the stored title ------------------------


def test_import_of_a_known_text_names_its_stored_title(run: CliRunner) -> None:
    invoke(run, "import", "-", "--title", "The Envoy", input="One. Two.\n")
    code, out, _ = invoke(run, "import", "-", "--title", "Other title", input="One. Two.\n")
    assert code == 0 and out.strip() == (
        '"The Envoy" is already text 1 (2 sentences); the same content, so it keeps its title '
        '(not "Other title")'
    )
    code, out, _ = invoke(run, "import", "-", "--json", "--title", "Other", input="One. Two.\n")
    assert '"title": "The Envoy"' in out
    _, out, _ = invoke(run, "import", "-", input="One. Two.\n")
    assert out.strip().startswith('"The Envoy" is already text 1 (2 sentences)')


# -- 18: --home says when it makes a new data home, and refuses a missing parent ---------------


def test_home_says_it_made_a_new_data_home(run: CliRunner, tmp_path: Path) -> None:
    new = tmp_path / "words"
    code, out, err = invoke(run, "--home", str(new), "texts")
    assert code == 0 and err == f"sentences: created a new data home at {new}\n"
    assert new.is_dir() and out.startswith("No texts yet")
    code, _, err = invoke(run, "texts", "--home", str(new))
    assert code == 0 and err == ""  # it is there now: nothing to say


def test_home_in_a_folder_that_does_not_exist_is_refused(run: CliRunner, tmp_path: Path) -> None:
    typo = tmp_path / "hom" / "me"
    line = one_line_error(run, "--home", str(typo), "texts")
    assert f"{typo}: the folder {typo.parent} does not exist, so no data home was made" in line
    assert not typo.parent.exists()
    line = one_line_error(run, "import", "-", "--home", str(typo))
    assert "does not exist" in line and not typo.parent.exists()


# -- 15: a term no dictionary knows is said at once, not found blank in Anki ------------------


def test_term_set_says_when_a_term_has_no_meaning(run: CliRunner, mini_wordnet: Path) -> None:
    from reader.lexicon.builtin import ensure_lexicon

    ensure_lexicon(open_db())
    code, out, err = invoke(run, "term", "set", "xyzzyqq", "--status", "1")
    assert code == 0 and out.strip() == "xyzzyqq: learning 1"
    assert err.strip() == (
        "sentences: xyzzyqq is in no dictionary: its cards have no meaning, and it is left out "
        'of exports until you give one (`sentences term set xyzzyqq --gloss "…"`)'
    )
    code, _, err = invoke(run, "term", "set", "alliance", "--status", "1")
    assert code == 0 and err == ""
    code, _, err = invoke(run, "term", "set", "xyzzyqq", "--gloss", "a made-up word")
    assert code == 0 and err == ""
