from __future__ import annotations

import gzip
import struct
import tarfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.lexicon import (
    LexiconError,
    glosses,
    import_dictionary,
    list_dictionaries,
    remove_dictionary,
    reorder,
    set_enabled,
    set_priority,
)
from reader.lexicon.dictionaries import detect_format
from reader.lexicon.stardict import article_text
from reader.store.db import open_db

TEI = "http://www.tei-c.org/ns/1.0"


@pytest.fixture
def db():
    return open_db(":memory:")


def entries(db, name: str) -> list[tuple[str, str | None, int, str]]:
    return db.execute(
        "SELECT headword, e.pos, rank, gloss FROM lex_entries e JOIN lex_sources s "
        "ON s.id = e.source_id WHERE s.name = ? ORDER BY e.id",
        [name],
    ).fetchall()


def snapshot(db) -> list[tuple[object, ...]]:
    return db.execute(
        "SELECT s.name, s.priority, s.enabled, s.entry_count, e.headword, e.gloss "
        "FROM lex_sources s LEFT JOIN lex_entries e ON e.source_id = s.id ORDER BY s.id, e.id"
    ).fetchall()


def write_stardict(
    folder: Path,
    stem: str,
    articles: list[tuple[str, bytes]],
    *,
    types: str | None = "m",
    dz: bool = False,
    bits64: bool = False,
    bookname: str = "Test Dict",
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data, index = b"", b""
    for word, article in articles:
        layout = ">QI" if bits64 else ">II"
        index += word.encode() + b"\0" + struct.pack(layout, len(data), len(article))
        data += article
    ifo = [
        "StarDict's dict ifo file",
        "version=3.0.0" if bits64 else "version=2.4.2",
        f"bookname={bookname}",
        f"wordcount={len(articles)}",
        f"idxfilesize={len(index)}",
    ]
    if types:
        ifo.append(f"sametypesequence={types}")
    if bits64:
        ifo.append("idxoffsetbits=64")
    (folder / f"{stem}.ifo").write_text("\n".join(ifo) + "\n")
    (folder / f"{stem}.idx").write_bytes(index)
    if dz:
        with gzip.open(folder / f"{stem}.dict.dz", "wb") as handle:
            handle.write(data)
    else:
        (folder / f"{stem}.dict").write_bytes(data)
    return folder / f"{stem}.ifo"


# --- TSV / CSV -------------------------------------------------------------------------------


def test_headerless_tsv_ranks_repeated_words(db, tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text('Bank\triverside\nbank\tmoney place\n\nlonely line\nquote\t"half\n')
    report = import_dictionary(db, path)
    assert (report.name, report.kind, report.entries) == ("words", "tsv", 3)
    assert entries(db, "words") == [
        ("bank", None, 1, "riverside"),
        ("bank", None, 2, "money place"),
        ("quote", None, 1, '"half'),
    ]


def test_csv_with_header_finds_columns_by_name(db, tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        "\ufeffNotes,Term,Definition,Part of speech,Example\n"
        'x,"run, to",a fast move,n,"He went for a run, then slept"\n'
        "y,heir_apparent,next in line,,\n"
    )
    import_dictionary(db, path, name="Flashcards")
    assert entries(db, "Flashcards") == [
        ("run, to", "NOUN", 1, "a fast move"),
        ("heir apparent", None, 1, "next in line"),
    ]
    example = db.execute("SELECT example FROM lex_entries ORDER BY id").fetchone()[0]
    assert example == "He went for a run, then slept"


def test_delimiter_is_sniffed_for_other_extensions(db, tmp_path: Path) -> None:
    path = tmp_path / "list.txt"
    path.write_text("#separator:semicolon\napple;Apfel\npear;Birne\nplum;Pflaume\n")
    assert detect_format(path) == "tsv"
    assert import_dictionary(db, path).entries == 3
    assert glosses(db, "pear")[0].gloss == "Birne"


def test_html_in_a_gloss_is_flattened(db, tmp_path: Path) -> None:
    (tmp_path / "anki.tsv").write_text("cat\t<b>Katze</b><br>f. &amp; so on\n")
    import_dictionary(db, tmp_path / "anki.tsv")
    assert glosses(db, "cat")[0].gloss == "Katze\nf. & so on"


# --- StarDict -------------------------------------------------------------------------------


@pytest.mark.parametrize("dz", [False, True])
def test_stardict_plain_and_dictzip(db, tmp_path: Path, dz: bool) -> None:
    ifo = write_stardict(
        tmp_path, "test", [("Apple", b"a round fruit"), ("apple", b"a company")], dz=dz
    )
    progress: list[tuple[int, int]] = []
    report = import_dictionary(db, ifo, progress=lambda d, t: progress.append((d, t)))
    assert (report.name, report.kind, report.entries) == ("Test Dict", "stardict", 2)
    assert [(h, r, g) for h, _, r, g in entries(db, "Test Dict")] == [
        ("apple", 1, "a round fruit"),
        ("apple", 2, "a company"),
    ]
    assert progress[-1] == (2, 2)


def test_stardict_found_from_any_file_or_the_directory(db, tmp_path: Path) -> None:
    write_stardict(tmp_path / "d", "x", [("one", b"1")], dz=True)
    for path in [tmp_path / "d", tmp_path / "d" / "x.idx", tmp_path / "d" / "x.dict.dz"]:
        assert import_dictionary(db, path, name="x").entries == 1
    assert [s.name for s in list_dictionaries(db)] == ["x"]


def test_stardict_html_and_64_bit_offsets(db, tmp_path: Path) -> None:
    ifo = write_stardict(
        tmp_path, "h", [("take over", b"<p>assume <i>control</i></p><p>&quot;x&quot;</p>")],
        types="h", bits64=True,
    )  # fmt: skip
    import_dictionary(db, ifo)
    assert glosses(db, "take over")[0].gloss == 'assume control\n"x"'


def test_stardict_archive(db, tmp_path: Path) -> None:
    write_stardict(tmp_path / "src" / "dict-en", "en", [("word", b"gloss")], dz=True)
    archive = tmp_path / "dict-en.tar.bz2"
    with tarfile.open(archive, "w:bz2") as tar:
        tar.add(tmp_path / "src" / "dict-en", arcname="dict-en")
    assert import_dictionary(db, archive).entries == 1


def test_stardict_synonyms_rank_after_own_articles(db, tmp_path: Path) -> None:
    ifo = write_stardict(tmp_path, "s", [("color", b"a hue"), ("colour", b"British spelling")])
    syn = b"colour\0" + struct.pack(">I", 0) + b"Color\0" + struct.pack(">I", 0)
    (tmp_path / "s.syn").write_bytes(syn)
    assert import_dictionary(db, ifo).entries == 3  # "Color" is "color" itself: skipped
    assert [(g.rank, g.gloss) for g in glosses(db, "colour")] == [
        (1, "British spelling"),
        (2, "a hue"),
    ]
    (tmp_path / "s.syn").write_bytes(b"colour\0" + struct.pack(">I", 9))
    with pytest.raises(LexiconError, match="s.syn: truncated or damaged"):
        import_dictionary(db, ifo)


def test_article_fields_without_sametypesequence() -> None:
    article = b"mplain\0" + b"W" + struct.pack(">I", 3) + b"\x00\x01\x02" + b"h<b>bold</b>\0"
    assert article_text(article, "") == "plain\nbold"
    assert article_text(b"first\0<i>second</i>", "mh") == "first\nsecond"
    assert article_text(b"x<k>key</k> meaning", "x") == "x meaning"


# --- FreeDict TEI ---------------------------------------------------------------------------

FREEDICT = f"""<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="{TEI}">
  <teiHeader><fileDesc><titleStmt><title>English-German FreeDict Dictionary</title>
  </titleStmt></fileDesc></teiHeader>
  <text><body>
    <entry>
      <form><orth>dog</orth></form>
      <gramGrp><pos>n</pos></gramGrp>
      <sense><cit type="trans"><quote>Hund</quote></cit><cit type="trans"><quote>Rüde</quote>
      </cit></sense>
      <sense><cit type="trans"><quote>Kerl</quote></cit>
        <cit type="example"><quote>you lucky dog</quote></cit></sense>
    </entry>
    <entry>
      <form><orth>dog</orth></form>
      <gramGrp><pos>v</pos></gramGrp>
      <sense><def>to follow closely</def></sense>
    </entry>
    <entry><form><orth>empty</orth></form></entry>
  </body></text>
</TEI>
"""


@pytest.mark.parametrize("gz", [False, True])
def test_freedict_tei(db, tmp_path: Path, gz: bool) -> None:
    path = tmp_path / ("eng-deu.tei.gz" if gz else "eng-deu.tei")
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(FREEDICT)
    else:
        path.write_text(FREEDICT, encoding="utf-8")
    report = import_dictionary(db, path)
    assert (report.name, report.kind, report.entries) == (
        "English-German FreeDict Dictionary",
        "freedict",
        3,
    )
    assert [(g.pos, g.rank, g.gloss, g.example) for g in glosses(db, "dog")] == [
        ("NOUN", 1, "Hund, Rüde", None),
        ("NOUN", 2, "Kerl", "you lucky dog"),
        ("VERB", 3, "to follow closely", None),
    ]


def test_freedict_source_release_archive(db, tmp_path: Path) -> None:
    (tmp_path / "eng-deu").mkdir()
    (tmp_path / "eng-deu" / "eng-deu.tei").write_text(FREEDICT, encoding="utf-8")
    (tmp_path / "eng-deu" / "README").write_text("read me")
    archive = tmp_path / "freedict-eng-deu-2024.src.tar.xz"
    with tarfile.open(archive, "w:xz") as tar:
        tar.add(tmp_path / "eng-deu", arcname="eng-deu")
    report = import_dictionary(db, archive)
    assert (report.kind, report.entries) == ("freedict", 3)


def test_freedict_p4_without_namespace(db, tmp_path: Path) -> None:
    path = tmp_path / "old.tei"
    path.write_text(
        "<TEI.2><text><body><entry><form><orth>cat</orth></form>"
        "<trans><tr>Katze</tr><tr>Kater</tr></trans></entry></body></text></TEI.2>"
    )
    import_dictionary(db, path, name="old")
    assert glosses(db, "cat")[0].gloss == "Katze, Kater"


# --- broken files change nothing ------------------------------------------------------------


def _broken(tmp_path: Path) -> dict[str, Path]:
    cases: dict[str, Path] = {}
    ifo = write_stardict(tmp_path / "trunc", "t", [("a", b"x"), ("b", b"y")])
    idx = ifo.with_suffix(".idx")
    idx.write_bytes(idx.read_bytes()[:-3])
    cases["truncated idx"] = ifo
    ifo = write_stardict(tmp_path / "past", "p", [("a", b"x")])
    ifo.with_suffix(".dict").write_bytes(b"")
    cases["offset past end"] = ifo
    ifo = write_stardict(tmp_path / "nodict", "n", [("a", b"x")])
    ifo.with_suffix(".dict").unlink()
    cases["missing .dict"] = ifo
    bad = write_stardict(tmp_path / "magic", "m", [("a", b"x")])
    bad.write_text("not a stardict\n")
    cases["bad magic"] = bad
    dz = write_stardict(tmp_path / "dz", "z", [("a", b"x")], dz=True)
    dz.with_name("z.dict.dz").write_bytes(b"\x1f\x8b\x08garbage")
    cases["bad dictzip"] = dz
    xml = tmp_path / "bad.tei"
    xml.write_text(FREEDICT.replace("</entry>\n    <entry>", "</entry>\n    <entry", 1))
    cases["bad xml"] = xml
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("caf\xe9\tcoffee\n".encode("latin-1"))
    cases["not utf-8"] = latin
    empty = tmp_path / "empty.tsv"
    empty.write_text("\n\n")
    cases["no entries"] = empty
    cases["missing file"] = tmp_path / "nothing.tsv"
    tar = tmp_path / "broken.tar.gz"
    tar.write_bytes(b"not a tarball")
    cases["bad archive"] = tar
    return cases


def test_broken_files_raise_one_line_errors_and_change_nothing(db, tmp_path: Path) -> None:
    (tmp_path / "good.tsv").write_text("a\tone\n")
    import_dictionary(db, tmp_path / "good.tsv", name="same")
    before = snapshot(db)
    for case, path in _broken(tmp_path).items():
        with pytest.raises(LexiconError) as caught:
            import_dictionary(db, path, name="same")  # would replace "same" if it worked
        message = str(caught.value)
        assert message and "\n" not in message, case
        assert snapshot(db) == before, case
        assert not db.conn.in_transaction, case


def test_unknown_format_name(db, tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("a\tb\n")
    with pytest.raises(LexiconError, match="unknown dictionary format"):
        import_dictionary(db, tmp_path / "a.tsv", fmt="mobi")


# --- managing sources -----------------------------------------------------------------------


def test_enable_priority_reorder_remove(db, tmp_path: Path) -> None:
    for name in ("one", "two", "three"):
        (tmp_path / f"{name}.tsv").write_text(f"word\t{name}\n")
        import_dictionary(db, tmp_path / f"{name}.tsv")
    assert [(s.name, s.priority) for s in list_dictionaries(db)] == [
        ("one", 100),
        ("two", 110),
        ("three", 120),
    ]
    set_enabled(db, "two", False)
    assert [g.gloss for g in glosses(db, "word")] == ["one", "three"]
    set_priority(db, "three", 5)
    assert [g.gloss for g in glosses(db, "word")] == ["three", "one"]
    set_enabled(db, "two", True)
    reorder(db, ["two"])
    assert [g.gloss for g in glosses(db, "word")] == ["two", "three", "one"]
    assert remove_dictionary(db, "three") == 1
    assert [s.name for s in list_dictionaries(db)] == ["two", "one"]
    assert db.execute("SELECT COUNT(*) FROM lex_entries").fetchone()[0] == 2
    for action in (
        lambda: set_enabled(db, "nope", True),
        lambda: set_priority(db, "nope", 1),
        lambda: reorder(db, ["nope"]),
        lambda: remove_dictionary(db, "nope"),
    ):
        with pytest.raises(LexiconError, match="no dictionary named 'nope'"):
            action()


def test_reimport_replaces_entries_and_keeps_settings(db, tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text("a\told\nb\told\n")
    import_dictionary(db, path)
    set_priority(db, "mine", 7)
    set_enabled(db, "mine", False)
    path.write_text("a\tnew\n")
    assert import_dictionary(db, path).entries == 1
    (info,) = list_dictionaries(db)
    assert (info.priority, info.enabled, info.entry_count) == (7, False, 1)
    assert entries(db, "mine") == [("a", None, 1, "new")]


# --- properties -----------------------------------------------------------------------------

_WORDS = st.text(st.sampled_from("abcXYZé _-'"), min_size=1, max_size=12).filter(
    lambda w: any(c.isalpha() for c in w)
)
_GLOSSES = st.text(st.sampled_from("abc déf,;.()'\""), min_size=1, max_size=20).filter(
    lambda g: g.strip()
)


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(_WORDS, _GLOSSES), min_size=1, max_size=8))
def test_every_imported_row_is_found_under_its_word(
    tmp_path: Path, rows: list[tuple[str, str]]
) -> None:
    path = tmp_path / "prop.tsv"
    path.write_text("".join(f"{w}\t{g}\n" for w, g in rows), encoding="utf-8")
    db = open_db(":memory:")
    import_dictionary(db, path)
    for word, gloss in rows:
        assert " ".join(gloss.split()) in [g.gloss for g in glosses(db, word)]
