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
