"""dictd dictionaries: the index, dictzip random access, entries, language pairs, the import."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from _dictd import ENG_DEU, dictzip, write_dictd
from click.testing import CliRunner

from reader.cli import main
from reader.lexicon import LexiconError, import_dictionary, list_dictionaries
from reader.lexicon.dictd import locate, read_dictd, read_info
from reader.lexicon.dictd_entry import parse_entry
from reader.lexicon.dictionaries import detect_format
from reader.lexicon.dictzip import DictzipReader
from reader.store.db import open_db


@pytest.fixture
def db():
    return open_db(":memory:")


def test_dictzip_reads_any_range_through_its_header(tmp_path: Path) -> None:
    text = ("".join(f"line {n}: ünïcode\n" for n in range(200))).encode("utf-8")
    path = tmp_path / "t.dict.dz"
    path.write_bytes(dictzip(text, chunk_length=100))
    assert gzip.decompress(path.read_bytes()) == text  # still valid gzip
    reader = DictzipReader(path)
    assert reader.random_access and reader.chunk_length == 100
    for offset, length in [(0, 10), (95, 10), (250, 700), (len(text) - 5, 50), (1234, 1)]:
        assert reader.read(offset, length) == text[offset : offset + length]


def test_plain_gzip_without_the_header_is_inflated_whole(tmp_path: Path) -> None:
    path = tmp_path / "t.dict.dz"
    path.write_bytes(gzip.compress(b"hello dictd world"))
    reader = DictzipReader(path)
    assert not reader.random_access
    assert reader.read(6, 5) == b"dictd"


def test_entry_keeps_examples_and_cross_references_apart_from_the_gloss() -> None:
    record = parse_entry("coalition", ENG_DEU[2][1])
    assert record is not None
    assert record.headword == "coalition"
    assert record.pronunciation == "kˌəʊəlˈɪʃən"
    assert record.gloss == "Koalition (f) [pol.]"
    assert record.pos == "NOUN"  # from the gender mark
    assert record.example == "grand coalition — große Koalition"
    assert record.see_also == "coalitions, grand coalition"


def test_entry_part_of_speech_synonyms_and_notes() -> None:
    record = parse_entry("run", ENG_DEU[4][1])
    assert record is not None
    assert (record.pos, record.gloss, record.synonyms) == ("VERB", "laufen", "race")
    noted = parse_entry("run", ENG_DEU[6][1])
    assert noted is not None and noted.gloss == "Lauf (m)\n(Sport)"


def test_entry_of_another_headword_under_a_variant_is_not_this_words() -> None:
    body = "all square /ˈɔːl skwˈeə/ (a/s /ɐ ˈɛs/)\nGleichstand <masc> [sport]\n"
    assert parse_entry("as", body) is None
    assert parse_entry("all square", body) is not None


def test_entry_without_a_headword_line_is_all_gloss() -> None:
    record = parse_entry("gnu", "An African antelope.\nSee also: {wildebeest}\n")
    assert record is not None
    assert (record.headword, record.gloss, record.see_also) == (
        "gnu",
        "An African antelope.",
        "wildebeest",
    )


@pytest.mark.parametrize("dz", [False, True])
def test_read_all_entries_in_order_leaving_out_metadata_and_past_forms(
    tmp_path: Path, dz: bool
) -> None:
    index = write_dictd(tmp_path, "freedict-eng-deu", ENG_DEU, dz=dz)
    records = list(read_dictd(locate(index)))
    assert [(r.headword, r.gloss.split("\n")[0]) for r in records] == [
        ("coalition", "Koalition (f) [pol.]"),
        ("coalition", "Vereinigung (f)"),
        ("run", "laufen"),
        ("run", "Lauf (m)"),  # "gelaufen", the past form listed after the verb, is left out
        ("take over", "übernehmen"),
    ]


def test_language_pair_from_metadata_then_file_name(tmp_path: Path) -> None:
    index = write_dictd(tmp_path / "a", "mydict", ENG_DEU)
    info = read_info(locate(index))
    assert (info.title, info.source_lang, info.target_lang) == (
        "English - German Test/FreeDict dictionary",
        "en",
        "de",
    )
    bare = write_dictd(tmp_path / "b", "freedict-eng-kor", ENG_DEU[2:])
    assert read_info(locate(bare)).target_lang == "ko"
    unknown = write_dictd(tmp_path / "c", "words", ENG_DEU[2:])
    assert read_info(locate(unknown)).target_lang is None


def test_format_is_detected_from_index_or_data_file(tmp_path: Path) -> None:
    index = write_dictd(tmp_path, "freedict-eng-deu", ENG_DEU, dz=True)
    assert detect_format(index) == "dictd"
    assert detect_format(tmp_path / "freedict-eng-deu.dict.dz") == "dictd"
    assert detect_format(tmp_path) == "dictd"


def test_import_records_the_language_pair(db, tmp_path: Path) -> None:
    index = write_dictd(tmp_path, "freedict-eng-deu", ENG_DEU, dz=True)
    report = import_dictionary(db, index)
    assert (report.name, report.kind, report.entries) == ("freedict-eng-deu", "dictd", 5)
    assert (report.source_lang, report.target_lang) == ("en", "de")
    source = [s for s in list_dictionaries(db) if s.name == "freedict-eng-deu"][0]
    assert (source.lang, source.target_lang) == ("en", "de")
    row = db.execute(
        "SELECT pronunciation, see_also, example FROM lex_entries WHERE headword = 'coalition' "
        "ORDER BY rank LIMIT 1"
    ).fetchone()
    assert row == (
        "kˌəʊəlˈɪʃən",
        "coalitions, grand coalition",
        "grand coalition — große Koalition",
    )


def test_lang_pair_option_wins_over_the_file(db, tmp_path: Path) -> None:
    index = write_dictd(tmp_path, "words", ENG_DEU[2:])
    report = import_dictionary(db, index, lang_pair=("en", "nl"))
    assert report.target_lang == "nl"


def test_broken_index_or_missing_data_is_one_line(db, tmp_path: Path) -> None:
    index = write_dictd(tmp_path, "broken", ENG_DEU)
    index.write_text("coalition\tnot base64!\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="line 1: not a dictd index line"):
        import_dictionary(db, index)
    lonely = tmp_path / "lonely.index"
    lonely.write_text("a\tA\tB\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="missing"):
        import_dictionary(db, lonely, fmt="dictd")
    assert list_dictionaries(db) == []


def test_korean_glosses_make_a_tsv_korean(db, tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("multipolar\t다극의\ncoalition\t연합\n", encoding="utf-8")
    assert import_dictionary(db, path).target_lang == "ko"


def test_cli_import_and_lang(tmp_path: Path) -> None:
    run = CliRunner(mix_stderr=False)
    index = write_dictd(tmp_path / "d", "words", ENG_DEU[2:], dz=True)
    result = run.invoke(main, ["dict", "import", str(index)])
    assert result.exit_code == 0, result.stderr
    assert "words: 5 entries (dictd, languages?" in result.stdout
    assert "dict lang words en-XX" in result.stderr
    assert run.invoke(main, ["dict", "lang", "words", "eng-deu"]).exit_code == 0
    listed = run.invoke(main, ["dict", "list"]).stdout
    assert "en-de" in listed
    bad = run.invoke(main, ["dict", "import", str(index), "--lang-pair", "english"])
    assert bad.exit_code != 0 and "give two ISO 639 codes" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_setup_lists_installed_dictd_dictionaries_with_their_commands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mini_wordnet: Path
) -> None:
    folder = tmp_path / "dictd"
    write_dictd(folder, "freedict-eng-deu", ENG_DEU, dz=True)
    write_dictd(folder, "freedict-deu-eng", ENG_DEU[2:])  # from German: not for this reader
    write_dictd(folder, "jargon", ENG_DEU[2:])  # no language pair to tell: listed
    monkeypatch.setenv("SENTENCES_DICTD_DIR", str(folder))
    run = CliRunner(mix_stderr=False)
    out = run.invoke(main, ["setup"]).stdout
    assert "dictd dictionaries for English, 2 installed:" in out
    command = f"sentences dict import {folder / 'freedict-eng-deu.index'}"
    assert f"freedict-eng-deu (into German (Deutsch)): {command}\n" in out
    assert "jargon (into language unknown)" in out and "freedict-deu-eng" not in out
    assert run.invoke(main, command.split()[1:]).exit_code == 0
    assert f"{command}  [imported]" in run.invoke(main, ["setup"]).stdout
    monkeypatch.setenv("SENTENCES_DICTD_DIR", str(tmp_path / "none"))
    assert "dictd dictionaries: none installed" in run.invoke(main, ["setup"]).stdout


def test_freedict_markup_is_not_shown_glued_abbreviations_pronunciations_codes() -> None:
    body = (
        "departure /dɪˈpɑːtʃə/\nAbfahrt <fem>Abf.,  /ˈabf/ , Abflug <masc> [transp.]\n"
        " see: {departures}, {The train left. It was late.}, {back sth.}\n"
    )
    record = parse_entry("departure", body)
    assert record is not None
    assert record.gloss == "Abfahrt (f), Abflug (m) [transp.]"
    assert record.see_also == "departures, back sth."  # an example sentence is no headword
    coded = parse_entry("successor", "successor /x/\nNachfolger <masc>, Nachfolgerin <fem>Nc…\n")
    assert coded is not None and coded.gloss == "Nachfolger (m), Nachfolgerin (f)"


def test_numbered_lines_are_translation_groups_of_their_own() -> None:
    from reader.lexicon.dictd_entry import parse_groups

    groups = parse_groups("state", "state /steit/\n1. affirmer\n2. déclarer\n3. puissance, règne\n")
    assert [g.gloss for g in groups] == ["affirmer", "déclarer", "puissance, règne"]
    assert groups[0].pronunciation == "steit"
    single = parse_groups("run", ENG_DEU[6][1])
    assert len(single) == 1


def test_a_damaged_entry_is_one_line_naming_the_file_and_entry_and_nothing_is_imported(
    db, tmp_path: Path
) -> None:
    from _dictd import number

    entries = [
        ("00-database-utf8", "00-database-utf8\n"),
        ("coalition", "coalition /x/\nKoalition <fem>\n"),
    ]
    index = write_dictd(tmp_path, "freedict-eng-deu", entries)
    data = tmp_path / "freedict-eng-deu.dict"
    good = data.read_bytes()
    data.write_bytes(good.replace(b"Koalition", b"Koalition\xe4"))  # a Latin-1 byte
    with pytest.raises(LexiconError, match=r"eng-deu.dict: the entry “coalition” is not UTF-8"):
        import_dictionary(db, index)
    data.write_bytes(good)
    lines = index.read_text(encoding="utf-8").splitlines()
    word, offset, _ = lines[-1].split("\t")
    lines[-1] = f"{word}\t{offset}\t{number(500)}"  # the entry runs past the file's end
    index.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"the entry “coalition” runs past the end"):
        import_dictionary(db, index)
    assert db.execute("SELECT COUNT(*) FROM lex_sources WHERE kind = 'dictd'").fetchone()[0] == 0


def test_a_verb_filed_with_its_object_is_found_under_its_own_name() -> None:
    from reader.lexicon.dictd_entry import parse_groups

    body = "reap sth. /ɹˈiːp ˌɛstˌiːˈeɪtʃ/\netw. ernten, abernten <v, trans> [agr.]\n"
    (group,) = parse_groups("reap sth", body)
    assert (group.headword, group.pos, group.pronunciation) == ("reap", "VERB", "ɹˈiːp")
    assert group.gloss == "etw. ernten, abernten [agr.]"
    into = parse_groups("delve into sth", "delve into sth. /x/\nsich in etw. vertiefen <v>\n")
    assert into[0].headword == "delve into"
    # a placeholder left inside makes a construction of its own, kept whole
    side = parse_groups("take sbs side", "take sb.'s side /x/\nfür jdn. Partei ergreifen\n")
    assert side[0].headword == "take sb.'s side"
