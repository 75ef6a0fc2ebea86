"""Lexical chains: the other words of a text vouch for the sense of a word that its own sentence
leaves open (``reader.lexicon.senses.chains``), through the reader's own whole-text pass."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlite_utils

from reader.learn.annotate import add_glosses
from reader.learn.phrases import PhraseIndex
from reader.lexicon.builtin import ensure_lexicon
from reader.lexicon.senses import chains
from reader.lexicon.senses.chains import chain_evidence, chains_path, load_chains
from reader.text import analyze

AGREEMENT = "a formal agreement establishing an association or alliance between nations"
TEXT = "The alliance of the two states was signed in a treaty. Both governments kept the pact."


def first_glosses(db: sqlite_utils.Database, text: str) -> dict[str, str]:
    found = add_glosses(db, analyze(text), "en", PhraseIndex.from_db(db, "en"), "")
    return {
        t["text"]: t["gloss"]["text"]
        for s in found
        for t in s["tokens"]
        if isinstance(t.get("gloss"), dict)
    }


def test_the_links_ship_small() -> None:
    assert chains_path().is_file()
    assert chains_path().stat().st_size < 8_000_000
    table = load_chains()
    assert table is not None
    talks = table.synsets("talks", "NOUN")
    dialogue = table.synsets("dialogue", "NOUN")
    assert set(talks) & set(dialogue)  # {negotiation, dialogue, talks}
    assert table.synset_of("dialogue%1:10:03::") in talks


def test_a_treaty_and_a_pact_elsewhere_make_the_alliance_an_agreement(
    db: sqlite_utils.Database, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A treaty (or pact) is the agreement's hypernym, and nothing links it to "the state of
    being allied", which the sentence alone prefers."""
    ensure_lexicon(db)
    assert first_glosses(db, TEXT)["alliance"].startswith(AGREEMENT)
    monkeypatch.setattr(chains, "ENABLED", False)
    assert not first_glosses(db, TEXT)["alliance"].startswith(AGREEMENT)  # the sentence alone


def test_a_word_never_supports_itself() -> None:
    table = load_chains()
    assert table is not None
    alone = chain_evidence([("dialogue", "NOUN"), ("dialogue", "VERB")], table)
    assert all(alone.support(f"dialogue%1:10:0{i}::") == 0.0 for i in range(4))
    with_talks = chain_evidence([("dialogue", "NOUN"), ("talks", "NOUN")], table)
    assert with_talks.support("dialogue%1:10:03::") > 0.0
    assert with_talks.support("dialogue%1:10:01::") == 0.0  # a conversation: no link to talks


def test_common_words_support_nothing() -> None:
    table = load_chains()
    assert table is not None
    found = chain_evidence([("dialogue", "NOUN"), ("have", "VERB"), ("the", "DET")], table)
    assert ("have", "VERB") not in found.weights  # too common to say anything
    assert ("the", "DET") not in found.weights


def sentence(*words: tuple[str, str]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    return tuple(w for w, _ in words), tuple(p for _, p in words), tuple(w for w, _ in words)


def test_a_book_is_read_in_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Words far off in a book say nothing of a sense here: a window of blocks around the
    sentence is its text (SemCor read as one book lost what the chains gained)."""
    table = load_chains()
    assert table is not None
    monkeypatch.setattr(chains, "BLOCK", 2)
    monkeypatch.setattr(chains, "REACH", 1)
    filler = [sentence((f"{word}", "NOUN"), ("rain", "NOUN")) for word in ("cat", "dog", "cow")]
    treaty = sentence(("treaty", "NOUN"), ("pact", "NOUN"))
    alliance = sentence(("alliance", "NOUN"), ("state", "NOUN"))
    near = chains.windows([*filler, treaty, alliance], table).around(alliance[0], "NOUN")
    far = chains.windows([treaty, *filler, alliance], table).around(alliance[0], "NOUN")
    assert near is not None and far is not None
    assert near.support("alliance%1:10:00::") > 0.0  # the treaty is in the block before
    assert far.support("alliance%1:10:00::") == 0.0  # three blocks away
    elsewhere = ("not", "in", "the", "text")
    assert chains.windows([treaty], table).around(elsewhere, "NOUN") is not None  # one block
    assert chains.windows([treaty, *filler], table).around(elsewhere, "NOUN") is None
    assert chains.windows([treaty], table).around(treaty[0], "VERB") is None  # nouns only
