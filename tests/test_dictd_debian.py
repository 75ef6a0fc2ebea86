"""End to end with a real dictionary: Debian's dict-freedict-eng-deu (installed by .ci/run)."""

from __future__ import annotations

from pathlib import Path

from _require import require_file

from reader.learn.glossing import gloss_entry
from reader.lexicon import import_dictionary

FREEDICT_ENG_DEU = "/usr/share/dictd/freedict-eng-deu.index"


def test_freedict_eng_deu_puts_german_first_for_coalition(db, mini_wordnet: Path) -> None:
    index = Path(require_file(FREEDICT_ENG_DEU, "dict-freedict-eng-deu"))
    from reader.lexicon.builtin import ensure_lexicon

    ensure_lexicon(db)  # WordNet's English senses are there to be outranked
    report = import_dictionary(db, index)
    assert (report.name, report.kind) == ("freedict-eng-deu", "dictd")
    assert (report.source_lang, report.target_lang) == ("en", "de")
    assert report.entries > 400_000
    entry = gloss_entry(db, "coalition", pos="NOUN", native_lang="de")
    first = entry.senses[0]
    assert (first.source, first.gloss) == ("freedict-eng-deu", "Koalition (f) [pol.]")
    assert first.pronunciation and first.see_also and "grand coalition" in first.see_also
    assert any(s.kind == "wordnet" for s in entry.senses)
    english_first = gloss_entry(db, "coalition", pos="NOUN", native_lang="")
    assert english_first.senses[0].source == "freedict-eng-deu"  # a dictionary before WordNet
    # closed-class and verb entries parse too
    run = gloss_entry(db, "run", pos="VERB", native_lang="de")
    assert "laufen" in [s.gloss for s in run.senses]
    assert "gelaufen" not in [s.gloss for s in run.senses]  # past forms are left out


FREEDICT_ENG_FRA = "/usr/share/dictd/freedict-eng-fra.index"
FREEDICT_FRA_ENG = "/usr/share/dictd/freedict-fra-eng.index"


def test_freedict_eng_fra_is_aligned_through_fra_eng_like_german(db, mini_wordnet: Path) -> None:
    index = Path(require_file(FREEDICT_ENG_FRA, "dict-freedict-eng-fra"))
    require_file(FREEDICT_FRA_ENG, "dict-freedict-fra-eng")
    from reader.lexicon.builtin import ensure_lexicon

    ensure_lexicon(db)
    report = import_dictionary(db, index)
    assert (report.source_lang, report.target_lang) == ("en", "fr")
    assert report.notes[0].startswith("aligned with WordNet through freedict-fra-eng: ")
    run = gloss_entry(db, "run", pos="VERB", native_lang="fr")
    french = [s for s in run.senses if s.source == "freedict-eng-fra"]
    assert len(french) > 2  # "1. fonctionner 2. fuite ..." are groups of their own
    assert run.senses[0].gloss == "courir"  # no group aligned: the commonest French word first
    aligned = db.conn.execute(
        "SELECT e.headword, e.gloss, e.sense_key FROM lex_entries e JOIN lex_sources s "
        "ON s.id = e.source_id WHERE s.name = 'freedict-eng-fra' AND e.sense_key IS NOT NULL"
    ).fetchall()
    assert aligned
