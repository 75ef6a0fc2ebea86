from __future__ import annotations

from pathlib import Path

import pytest

from reader.lexicon import (
    all_glosses,
    compile_wordnet,
    glosses,
    import_dictionary,
    reorder,
    set_enabled,
)
from reader.store.db import open_db

FIXTURE = Path(__file__).parent / "wordnet_fixture"


@pytest.fixture
def db(tmp_path: Path):
    db = open_db(":memory:")
    compile_wordnet(db, FIXTURE)
    (tmp_path / "mine.tsv").write_text(
        "word\tgloss\tpos\nrun\tcorrer\tverb\nrun\tcarrera\tnoun\ndog\tperro\t\n"
    )
    import_dictionary(db, tmp_path / "mine.tsv", name="mine")
    (tmp_path / "other.tsv").write_text("dog\tHund\nheir apparent\tThronfolger\n")
    import_dictionary(db, tmp_path / "other.tsv", name="other")
    return db


def test_dictionaries_come_before_wordnet(db) -> None:
    found = glosses(db, "dog")
    assert [g.source for g in found] == ["mine", "other", "wordnet", "wordnet", "wordnet"]
    assert found[0].gloss == "perro" and found[0].kind == "tsv"
    assert [g.rank for g in found if g.source == "wordnet"] == [1, 2, 3]


def test_pos_filter_keeps_untagged_dictionary_senses(db) -> None:
    found = glosses(db, "dog", "VERB")
    assert [(g.source, g.pos) for g in found] == [
        ("mine", None),
        ("other", None),
        ("wordnet", "VERB"),
    ]


def test_pos_filter_per_source_with_fallback(db) -> None:
    assert [g.gloss for g in glosses(db, "run", "NOUN") if g.source == "mine"] == ["carrera"]
    assert [g.pos for g in glosses(db, "run", "NOUN") if g.source == "wordnet"] == ["NOUN"]
    # No adjective sense anywhere: everything shows, most frequent first.
    assert [g.pos for g in glosses(db, "run", "ADJ") if g.source == "wordnet"] == [
        "VERB",
        "VERB",
        "NOUN",
    ]


def test_pos_names_are_normalized(db) -> None:
    assert glosses(db, "run", "v") == glosses(db, "run", "VERB")
    assert glosses(db, "run", "AUX") == glosses(db, "run", "VERB")


def test_case_and_spacing_of_the_key(db) -> None:
    assert glosses(db, "  Take   Over ") == glosses(db, "take over")
    assert glosses(db, "take over")


def test_compound_spelling_variants(db) -> None:
    assert glosses(db, "e mail")[0].headword == "e-mail"
    assert glosses(db, "heir-apparent")[0].headword == "heir apparent"
    assert glosses(db, "nonexistent-word") == []


def test_disabled_sources_are_hidden_and_order_follows_priority(db) -> None:
    set_enabled(db, "mine", False)
    assert [g.source for g in glosses(db, "dog")][:2] == ["other", "wordnet"]
    set_enabled(db, "mine", True)
    reorder(db, ["wordnet", "other"])
    assert [g.source for g in glosses(db, "dog")] == ["wordnet"] * 3 + ["other", "mine"]


def test_limit(db) -> None:
    assert len(glosses(db, "dog", limit=2)) == 2
    assert [g.source for g in glosses(db, "dog", limit=4)] == [
        "mine",
        "other",
        "wordnet",
        "wordnet",
    ]


def test_learner_gloss_comes_first(db) -> None:
    found = all_glosses(db, "dog", "NOUN", learner_gloss=" my dog ")
    assert found[0].source == "learner" and found[0].gloss == "my dog"
    assert found[1:] == glosses(db, "dog", "NOUN")
    assert all_glosses(db, "dog", "NOUN", learner_gloss="  ") == glosses(db, "dog", "NOUN")
    assert len(all_glosses(db, "dog", learner_gloss="x", limit=2)) == 2


def test_limit_without_a_learner_gloss_keeps_its_room() -> None:
    from reader.lexicon.base import Record, ranked, store_source
    from reader.lexicon.lookup import all_glosses
    from reader.store import open_db

    db = open_db(":memory:")
    rows = ranked([Record("word", None, "g")])
    store_source(db, name="d", kind="tsv", origin="x", rows=rows, priority=100)
    assert [g.gloss for g in all_glosses(db, "word", limit=1)] == ["g"]
    assert [g.gloss for g in all_glosses(db, "word", learner_gloss="mine", limit=1)] == ["mine"]


def test_a_list_of_rows_keeps_every_field_some_row_sets() -> None:
    """A list of rows is spooled with only the fields some row sets (the spool's defaults stand
    for the rest): a field set on one row alone, anywhere in the list, must still be stored."""
    from reader.lexicon.base import Row, store_source

    db = open_db(":memory:")
    plain = [Row(f"w{i}", None, 1, f"g{i}", None, None) for i in range(5)]
    rows = [
        *plain,
        Row("summit", "NOUN", 1, "Gipfel", "ex", "syn", "summit%1:14:00::", True, "pol",
            "/sʌmɪt/", "top", 0.75, True),
    ]  # fmt: skip
    assert store_source(db, name="d", kind="tsv", origin="x", rows=rows, priority=100) == 6
    stored = db.conn.execute(
        "SELECT headword, pos, rank, gloss, example, synonyms, sense_key, proper, domain, "
        "pronunciation, see_also, align_score, literal FROM lex_entries ORDER BY id"
    ).fetchall()
    assert stored[-1] == tuple(int(v) if isinstance(v, bool) else v for v in rows[-1])
    assert stored[0] == ("w0", None, 1, "g0", None, None, None, 0, None, None, None, None, 0)


def test_a_failed_spool_puts_the_page_cache_back() -> None:
    """The import's big page cache is the import's alone: a row the spool refuses (here a
    headword missing) leaves the connection's cache as it was, for whatever it does next."""
    import sqlite3

    import pytest

    from reader.lexicon.base import Row, store_source

    db = open_db(":memory:")
    before = [db.conn.execute(f"PRAGMA {s}.cache_size").fetchone()[0] for s in ("main", "temp")]
    rows = [Row("w", None, 1, "g", None, None), Row(None, None, 1, "g", None, None)]  # type: ignore[arg-type]
    with pytest.raises(sqlite3.IntegrityError):
        store_source(db, name="d", kind="tsv", origin="x", rows=rows, priority=100)
    after = [db.conn.execute(f"PRAGMA {s}.cache_size").fetchone()[0] for s in ("main", "temp")]
    assert after == before
