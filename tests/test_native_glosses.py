"""The learner's language first: native dictionaries before the others, own gloss first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _dictd import ENG_DEU, write_dictd
from click.testing import CliRunner

from reader.cli import main
from reader.config import Config, load_config, save_config, set_value
from reader.learn.glossing import gloss_entry
from reader.learn.status import set_gloss
from reader.lexicon import import_dictionary


@pytest.fixture
def two_dicts(db, tmp_path: Path):
    """An English-English list imported first (so it shows first), then English-German."""
    english = tmp_path / "plain.tsv"
    english.write_text("coalition\ta union of parties\n", encoding="utf-8")
    import_dictionary(db, english, lang_pair=("en", "en"))
    import_dictionary(db, write_dictd(tmp_path, "freedict-eng-deu", ENG_DEU))
    return db


def sources(entry) -> list[str]:
    return [s.source for s in entry.senses]


def test_without_native_lang_the_dictionary_order_holds(two_dicts) -> None:
    entry = gloss_entry(two_dicts, "coalition", native_lang="")
    assert sources(entry)[:2] == ["plain", "freedict-eng-deu"]


def test_native_dictionary_comes_first(two_dicts) -> None:
    entry = gloss_entry(two_dicts, "coalition", native_lang="de")
    assert [s.gloss for s in entry.senses][:3] == [
        "Koalition (f) [pol.]",
        "Vereinigung (f)",
        "a union of parties",
    ]
    assert entry.short() == "Koalition (f) [pol.]"


def test_learner_gloss_still_first_of_all(two_dicts) -> None:
    set_gloss(two_dicts, "coalition", "Bündnis (meins)")
    entry = gloss_entry(two_dicts, "coalition", native_lang="de")
    assert [s.gloss for s in entry.senses][:2] == ["Bündnis (meins)", "Koalition (f) [pol.]"]


def test_a_disabled_native_dictionary_does_not_count(two_dicts) -> None:
    from reader.lexicon import set_enabled

    set_enabled(two_dicts, "freedict-eng-deu", False)
    assert sources(gloss_entry(two_dicts, "coalition", native_lang="de")) == ["plain"]


def test_configured_language_is_used_by_default(two_dicts, home: Path) -> None:
    config = load_config()
    set_value(config, "native_lang", "deu")
    assert config.native_lang == "de"
    save_config(config)
    assert sources(gloss_entry(two_dicts, "coalition"))[0] == "freedict-eng-deu"


def test_native_lang_setting_is_checked() -> None:
    config = Config()
    with pytest.raises(ValueError, match="two-letter ISO 639-1"):
        set_value(config, "native_lang", "klingon")
    set_value(config, "native_lang", "KO")
    assert config.native_lang == "ko"
    set_value(config, "native_lang", "none")
    assert config.native_lang == ""
    with pytest.raises(ValueError, match="google, libretranslate or none"):
        set_value(config, "translate_engine", "bing")


def test_gloss_json_puts_german_first(db, tmp_path: Path) -> None:
    run = CliRunner(mix_stderr=False)
    english = tmp_path / "plain.tsv"
    english.write_text("coalition\ta union of parties\n", encoding="utf-8")
    assert run.invoke(main, ["dict", "import", str(english), "--lang-pair", "en-en"]).exit_code == 0
    index = write_dictd(tmp_path, "freedict-eng-deu", ENG_DEU, dz=True)
    assert run.invoke(main, ["dict", "import", str(index)]).exit_code == 0
    assert run.invoke(main, ["config", "set", "native_lang", "de"]).exit_code == 0
    result = run.invoke(main, ["gloss", "coalition", "--json"])
    assert result.exit_code == 0, result.stderr
    first = json.loads(result.stdout)["senses"][0]
    assert (first["source"], first["gloss"]) == ("freedict-eng-deu", "Koalition (f) [pol.]")
    assert first["pronunciation"] == "kˌəʊəlˈɪʃən"
    assert first["see_also"] == ["coalitions", "grand coalition"]
    bad = run.invoke(main, ["config", "set", "native_lang", "xx"])
    assert bad.exit_code == 1 and "ISO 639-1" in bad.stderr


def test_cached_machine_translation_comes_after_native_dictionaries(two_dicts) -> None:
    from reader.translate.cache import store

    store(two_dicts, "google", "en", "de", "coalition", "Koalition (MT)")
    store(two_dicts, "google", "en", "ko", "coalition", "연합")
    german = gloss_entry(two_dicts, "coalition", native_lang="de")
    assert [(s.source, s.gloss) for s in german.senses][:4] == [
        ("freedict-eng-deu", "Koalition (f) [pol.]"),
        ("freedict-eng-deu", "Vereinigung (f)"),
        ("machine translation", "Koalition (MT)"),
        ("plain", "a union of parties"),
    ]
    korean = gloss_entry(two_dicts, "coalition", native_lang="ko")
    assert (korean.senses[0].source, korean.short()) == ("machine translation", "연합")
    assert "machine translation" not in sources(gloss_entry(two_dicts, "coalition", native_lang=""))


def test_analyze_glosses_puts_german_first(tmp_path: Path, mini_wordnet: Path) -> None:
    run = CliRunner(mix_stderr=False)
    index = write_dictd(tmp_path, "freedict-eng-deu", ENG_DEU, dz=True)
    assert run.invoke(main, ["dict", "import", str(index)]).exit_code == 0
    assert run.invoke(main, ["config", "set", "native_lang", "de"]).exit_code == 0
    text = "The coalition won the election. The coalition held."
    result = run.invoke(main, ["analyze", "--glosses", "--json"], input=text)
    assert result.exit_code == 0, result.stderr
    political, plain = ([t for t in s["tokens"] if t["text"] == "coalition"][0]["gloss"]
                        for s in json.loads(result.stdout))  # fmt: skip
    assert (political["source"], political["text"]) == ("freedict-eng-deu", "Koalition (f) [pol.]")
    # a group labelled with a domain waits for a sentence with that domain's words
    assert (plain["source"], plain["text"]) == ("freedict-eng-deu", "Vereinigung (f)")


def test_a_language_wordfreq_cannot_count_keeps_the_dictionary_order() -> None:
    from reader.learn.native import by_meant_sense
    from reader.lexicon.lookup import Gloss

    senses = [Gloss("en-xx", "dictd", "summit", "NOUN", 1, "aaa"),
              Gloss("en-xx", "dictd", "summit", "NOUN", 2, "bbb")]  # fmt: skip
    # wordfreq has no list for "xx" (nor, without MeCab, for Japanese): no error, same order
    assert by_meant_sense(None, senses, None, None, "xx") == senses  # type: ignore[arg-type]


def test_a_verb_with_an_object_is_translated_by_a_verb_that_takes_one() -> None:
    from reader.learn.native import by_meant_sense, takes_object
    from reader.lexicon.lookup import Gloss
    from reader.lexicon.senses import SenseContext
    from reader.text import analyze

    def context(sentence: str, word: str) -> SenseContext:
        (analyzed,) = analyze(sentence)
        tokens = analyzed["tokens"]
        at = next(i for i, t in enumerate(tokens) if t["text"] == word)
        return SenseContext.of_analyzed(tokens, [at])

    senses = [Gloss("freedict-eng-deu", "dictd", "harden", "VERB", 1, "hart werden"),
              Gloss("freedict-eng-deu", "dictd", "harden", "VERB", 2, "sich versteifen"),
              Gloss("freedict-eng-deu", "dictd", "harden", "VERB", 3, "etw. härten")]  # fmt: skip
    lines = context("The show of force hardened present-day fault lines.", "hardened")
    wax = context("The wax hardened slowly.", "hardened")
    steel = context("The steel was hardened in oil.", "hardened")
    assert (takes_object(lines), takes_object(wax), takes_object(steel)) == (True, False, True)
    # "hardened fault lines" made them hard: not "became hard" nor "stiffened itself"
    assert by_meant_sense(None, senses, None, lines, "de")[0].gloss == "etw. härten"  # type: ignore[arg-type]
    assert by_meant_sense(None, senses, None, wax, "de")[0].gloss != "etw. härten"  # type: ignore[arg-type]
    assert by_meant_sense(None, senses, None, steel, "de")[0].gloss == "etw. härten"  # type: ignore[arg-type]
