from __future__ import annotations

import importlib.util
import shutil
import zipfile
from pathlib import Path

import pytest
from _require import require_wordnet
from hypothesis import given
from hypothesis import strategies as st

from reader.lexicon import (
    WORDNET_MISSING,
    WordNetMissing,
    compile_wordnet,
    ensure_wordnet,
    find_wordnet,
    glosses,
)
from reader.lexicon.base import LexiconError
from reader.lexicon.wndb import REQUIRED_FILES, split_gloss
from reader.store.db import open_db

FIXTURE = Path(__file__).parent / "wordnet_fixture"


def _generator():
    spec = importlib.util.spec_from_file_location("wn_fixture_generate", FIXTURE / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def db():
    return open_db(":memory:")


def rows(db, headword):
    return db.execute(
        "SELECT pos, rank, gloss, example, synonyms FROM lex_entries WHERE headword = ? "
        "ORDER BY rank",
        [headword],
    ).fetchall()


def test_shipped_fixture_matches_generator(tmp_path: Path) -> None:
    _generator().write_fixture(tmp_path)
    for name in [*REQUIRED_FILES, "index.sense"]:
        assert (tmp_path / name).read_bytes() == (FIXTURE / name).read_bytes(), name


@pytest.mark.parametrize("suffix", ["noun", "verb", "adj", "adv"])
def test_fixture_lines_sit_at_their_byte_offsets(suffix: str) -> None:
    data = (FIXTURE / f"data.{suffix}").read_bytes()
    position = 0
    for line in data.split(b"\n")[:-1]:
        if not line.startswith(b"  "):
            assert int(line[:8]) == position
        position += len(line) + 1


def test_compile_counts_one_entry_per_lemma_and_synset(db) -> None:
    report = compile_wordnet(db, FIXTURE)
    generator = _generator()
    assert report.entries == sum(len(keys) for _, _, keys in generator.INDEX)
    assert report.source_dir == FIXTURE
    source = db.execute("SELECT name, kind, priority, entry_count FROM lex_sources").fetchall()
    assert source == [("wordnet", "wordnet", 1000, report.entries)]


def test_definition_example_and_synonyms(db) -> None:
    compile_wordnet(db, FIXTURE)
    first, second, third = rows(db, "dog")
    assert first[:2] == ("NOUN", 1)
    assert first[2].startswith("a member of the genus Canis") and '"' not in first[2]
    assert first[3] == "the dog barked all night"
    assert first[4] == "domestic dog, Canis familiaris"
    assert second[3] == "she got a reputation as a frump"  # the first example only
    assert third[:2] == ("VERB", 3)
    assert third[4] is not None and len(third[4].split(", ")) == 5  # capped, "dog" itself left out
    assert "dog" not in third[4].split(", ")


def test_collocations_are_multiword_headwords(db) -> None:
    compile_wordnet(db, FIXTURE)
    assert rows(db, "take over")[0][:2] == ("VERB", 1)
    assert rows(db, "heir apparent")[0][3] is None  # no example in the gloss
    assert rows(db, "take_over") == []


def test_adjective_markers_are_stripped(db) -> None:
    compile_wordnet(db, FIXTURE)
    assert rows(db, "in abundance")[0][4] == "galore"
    assert rows(db, "galore")[0][:2] == ("ADJ", 1)


def test_parts_of_speech_ordered_by_tagged_frequency(db) -> None:
    compile_wordnet(db, FIXTURE)
    assert [(p, r) for p, r, *_ in rows(db, "run")] == [("VERB", 1), ("VERB", 2), ("NOUN", 3)]
    assert [p for p, *_ in rows(db, "fast")] == ["ADV", "ADJ"]
    assert [p for p, *_ in rows(db, "good")] == ["ADJ", "ADV"]  # untagged: file order


def test_without_sense_index_more_senses_come_first(db, tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "wn")
    (tmp_path / "wn" / "index.sense").unlink()
    compile_wordnet(db, tmp_path / "wn")
    assert [p for p, *_ in rows(db, "run")] == ["VERB", "VERB", "NOUN"]
    assert [p for p, *_ in rows(db, "dog")] == ["NOUN", "NOUN", "VERB"]


def test_colon_and_inner_quotes_in_glosses(db) -> None:
    compile_wordnet(db, FIXTURE)
    assert rows(db, "substitution")[0][2:4] == (
        "the act of putting one thing or person in the place of another",
        "he sent Smith in for Jones",
    )
    assert rows(db, "stride")[0][2:4] == (
        'significant progress (especially in the phrase "make strides")',
        "they made big strides",
    )


def test_ensure_is_a_no_op_once_compiled(db, monkeypatch) -> None:
    monkeypatch.setenv("SENTENCES_WORDNET_DIR", str(FIXTURE))
    calls: list[tuple[int, int]] = []
    report = ensure_wordnet(db, progress=lambda done, total: calls.append((done, total)))
    assert report is not None and report.entries > 0
    assert calls and calls[-1][0] == calls[-1][1]
    assert ensure_wordnet(db) is None


def test_progress_rises_to_its_total(db) -> None:
    calls: list[tuple[int, int]] = []
    compile_wordnet(db, FIXTURE, progress=lambda done, total: calls.append((done, total)))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert len({total for _, total in calls}) == 1
    assert calls[-1][0] == calls[-1][1]


def test_nltk_zip_is_read_in_place(db, tmp_path: Path) -> None:
    corpora = tmp_path / "nltk_data" / "corpora"
    corpora.mkdir(parents=True)
    with zipfile.ZipFile(corpora / "wordnet.zip", "w") as archive:
        for path in FIXTURE.iterdir():
            if path.suffix != ".py":
                archive.write(path, f"wordnet/{path.name}")
    found = find_wordnet([corpora / "wordnet"])
    assert found == corpora / "wordnet.zip"
    report = compile_wordnet(db, found)
    assert report.entries == compile_wordnet(open_db(":memory:"), FIXTURE).entries
    assert rows(db, "run")[0][0] == "VERB"  # index.sense read from the zip too


def test_recompile_replaces(db) -> None:
    first = compile_wordnet(db, FIXTURE)
    second = compile_wordnet(db, FIXTURE)
    assert db.execute("SELECT COUNT(*) FROM lex_entries").fetchone()[0] == second.entries
    assert first.entries == second.entries


def test_find_wordnet_prefers_env_and_skips_incomplete(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENTENCES_WORDNET_DIR", str(FIXTURE))
    assert find_wordnet() == FIXTURE
    partial = tmp_path / "partial"
    partial.mkdir()
    (partial / "data.noun").write_text("")
    assert find_wordnet([partial, FIXTURE]) == FIXTURE
    assert find_wordnet([partial]) is None


def test_missing_wordnet_says_how_to_get_it(db, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("reader.lexicon.wordnet.wordnet_dirs", lambda: [tmp_path])
    with pytest.raises(WordNetMissing) as caught:
        ensure_wordnet(db)
    assert str(caught.value) == WORDNET_MISSING
    assert "apt-get install wordnet-base" in WORDNET_MISSING and "\n" not in WORDNET_MISSING
    assert db.execute("SELECT COUNT(*) FROM lex_sources").fetchone()[0] == 0


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("index.adv", "broken r 1 0 1 0 99999999  ", "missing synset"),
        ("index.noun", "broken", "malformed line"),
        ("data.verb", "00000000 38 v zz run 0 | x", "malformed line"),
    ],
)
def test_damaged_files_roll_back(db, tmp_path: Path, name: str, line: str, message: str) -> None:
    compile_wordnet(db, FIXTURE)
    before = db.execute("SELECT COUNT(*) FROM lex_entries").fetchone()[0]
    shutil.copytree(FIXTURE, tmp_path / "wn")
    with (tmp_path / "wn" / name).open("a") as handle:
        handle.write(line + "\n")
    with pytest.raises(LexiconError, match=message):
        compile_wordnet(db, tmp_path / "wn")
    assert db.execute("SELECT COUNT(*) FROM lex_entries").fetchone()[0] == before


@pytest.mark.parametrize(
    ("gloss", "definition", "example"),
    [
        ('a dog; "the dog barked"; "woof"', "a dog", "the dog barked"),
        ("no example here", "no example here", None),
        ('trailing semicolon; "ex";', "trailing semicolon", "ex"),
        ('as in the expression "on the job";', 'as in the expression "on the job"', None),
        ('propel, "Carry the ball"; "dribble"', "propel", "Carry the ball"),
        ('crafty; "a designing nation"- W.Churchill; "a wife"', "crafty", "a designing nation"),
        ('burst;"the bomb detonated"', "burst", "the bomb detonated"),
        ('to a great depth;far down; "dug deep"', "to a great depth; far down", "dug deep"),
        ('quoted "word" inside (see "x"); "real example"', 'quoted "word" inside (see "x")',
         "real example"),
    ],
)  # fmt: skip
def test_split_gloss(gloss: str, definition: str, example: str | None) -> None:
    assert split_gloss(gloss) == (definition, example)


@given(st.text(alphabet=st.sampled_from('ab ;:"'), max_size=40))
def test_split_gloss_never_fails(gloss: str) -> None:
    definition, example = split_gloss(gloss)
    assert isinstance(definition, str)
    assert example is None or example in gloss


def test_system_wordnet() -> None:
    """Debian's wordnet-base, as CI installs it; required there, optional on a laptop."""
    directory = require_wordnet()
    db = open_db(":memory:")
    report = compile_wordnet(db, directory)
    assert report.entries > 100_000
    dog = glosses(db, "dog", "NOUN")
    assert dog[0].pos == "NOUN" and "domesticated" in dog[0].gloss
    assert glosses(db, "take over", "VERB")
    assert glosses(db, "run")[0].pos == "VERB"
