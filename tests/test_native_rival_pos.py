"""A translation follows the part of speech the ranker showed, not only the tagger's.

When the tagger's verb loses to a noun sense ("referred to research": WordNet's noun shown),
the German gloss must be the noun's ("Forschung"), not the verb's ("forschen")."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlite_utils
from _dictd import write_dictd
from _require import require_wordnet

from reader.learn.annotate import add_glosses
from reader.learn.native import by_meant_sense
from reader.learn.phrases import PhraseIndex
from reader.lexicon import import_dictionary
from reader.lexicon.lookup import Gloss
from reader.lexicon.wordnet import compile_wordnet
from reader.store.db import open_db
from reader.text import analyze

SENTENCE = (
    'Your Oct. 6 editorial "The Ill Homeless" referred to research by us and six of our '
    "colleagues that was reported in the Sept. 8 issue of the Journal of the American Medical "
    "Association."
)  # SemEval-2007's first sentence


@pytest.fixture(scope="module")
def with_german(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite_utils.Database]:
    directory = require_wordnet()
    where = tmp_path_factory.mktemp("rival")
    db = open_db(where / "reader.db")
    compile_wordnet(db, directory)
    forward = write_dictd(where, "freedict-eng-deu", [
        ("research", "research /x/ <v>\nforschen <v, intr>\n"),
        ("research", "research /x/ <n>\nForschung <fem>\n"),
    ])  # fmt: skip
    import_dictionary(db, forward)
    yield db
    db.close()


def _shown(db: sqlite_utils.Database, native_lang: str) -> dict[str, str]:
    (analyzed,) = add_glosses(db, analyze(SENTENCE), "en", PhraseIndex.from_db(db), native_lang)
    token = next(t for t in analyzed["tokens"] if t["text"] == "research")
    assert token["pos"] == "VERB"  # the tagger's reading, which the ranker overrules
    return dict(token["gloss"])


def test_the_translation_follows_the_part_of_speech_shown(with_german) -> None:
    assert _shown(with_german, "de")["text"].startswith("Forschung")


def test_a_group_labelled_with_another_part_of_speech_waits() -> None:
    """Neither group is aligned; the far commoner verb still waits for the noun meant."""
    verb = Gloss("de", "dictd", "make", "VERB", 1, "machen")
    noun = Gloss("de", "dictd", "make", "NOUN", 2, "Marke (f), Fabrikat (n)")
    ordered = by_meant_sense(None, [verb, noun], "make%1:09:00::", None, "de")  # type: ignore[arg-type]
    assert [g.gloss for g in ordered] == ["Marke (f), Fabrikat (n)", "machen"]
