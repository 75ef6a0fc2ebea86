"""The trained sense ranker: context overrides WordNet's first sense, deterministically."""

from __future__ import annotations

import gzip
import importlib.util
import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from _paths import MINI_WORDNET, REPO
from _require import require_wordnet

from reader.learn.glossing import gloss_entry
from reader.lexicon import glosses
from reader.lexicon.senses import SenseContext, rank_senses
from reader.lexicon.senses.model import load_model, model_path
from reader.lexicon.wordnet import compile_wordnet
from reader.store.db import open_db
from reader.text import analyze


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite_utils.Database]:
    directory = require_wordnet()
    db = open_db(tmp_path_factory.mktemp("wordnet") / "full.db")
    compile_wordnet(db, directory)
    yield db
    db.close()


def first_gloss(db: sqlite_utils.Database, sentence: str, word: str, lemma: str) -> str:
    """The first gloss the reader shows for ``word`` (its first occurrence) in ``sentence``."""
    (analyzed,) = analyze(sentence)
    tokens = analyzed["tokens"]
    parts = word.split()
    start = next(i for i, t in enumerate(tokens) if t["text"] == parts[0])
    target = range(start, start + len(parts)) if len(parts) > 1 else [start]
    if len(parts) > 1:  # a phrasal verb may have words between ("shoring them up")
        target = [start] + [i for i, t in enumerate(tokens) if t["text"] in parts[1:]][:1]
    context = SenseContext.of_analyzed(tokens, target)
    pos = None if len(parts) > 1 else tokens[start]["pos"]
    entry = gloss_entry(db, lemma, pos=pos, context=context)
    return entry.senses[0].gloss if entry.senses else ""


def test_the_model_ships() -> None:
    assert model_path().is_file()
    assert model_path().stat().st_size < 40_000_000
    model = load_model()
    assert model is not None and len(model.keys) > 50_000
    assert "software" in model.domains["computer science"]


@pytest.mark.parametrize(
    ("sentence", "word", "lemma", "wanted", "first"),
    [
        (
            "The central bank raised its key interest rate again.",
            "bank", "bank", "financial institution", "sloping land",
        ),
        (
            "The central bank raised its key interest rate again.",
            "interest", "interest", "charge for borrowing money", "concern",
        ),
        (
            "Our correspondent in the studio reports on the news from the broadcast.",
            "correspondent", "correspondent", "journalist", "letters",
        ),
    ],
)  # fmt: skip
def test_context_overrides_the_first_sense(
    full: sqlite_utils.Database, sentence: str, word: str, lemma: str, wanted: str, first: str
) -> None:
    assert wanted in first_gloss(full, sentence, word, lemma)
    bare = [g for g in glosses(full, lemma, "NOUN") if g.kind == "wordnet"]
    assert first in bare[0].gloss  # WordNet's most frequent sense, which the sentence overrides


def test_context_keeps_the_first_sense_when_it_fits(full: sqlite_utils.Database) -> None:
    shown = first_gloss(full, "He sat on the bank of the river and fished.", "bank", "bank")
    assert "sloping land" in shown


def test_ranker_is_deterministic(full: sqlite_utils.Database) -> None:
    sentence = "The central bank raised its key interest rate again."
    (analyzed,) = analyze(sentence)
    tokens = analyzed["tokens"]
    at = [t["text"] for t in tokens].index("bank")
    context = SenseContext.of_analyzed(tokens, [at])
    senses = glosses(full, "bank", "NOUN")
    runs = {
        tuple(g.sense_key for g in rank_senses(full, senses, context, "NOUN")) for _ in range(3)
    }
    assert len(runs) == 1
    (order,) = runs
    assert sorted(order, key=str) == sorted((g.sense_key for g in senses), key=str)
    assert order[0] == "bank%1:14:00::"  # the financial institution


def _trainer():  # type: ignore[no-untyped-def]
    path = REPO / "scripts" / "train_senses.py"
    spec = importlib.util.spec_from_file_location("train_senses", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_senses"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_training_is_deterministic_and_learns(tmp_path: Path) -> None:
    """Same input, same bytes; and what SemCor says beats WordNet's order."""
    trainer = _trainer()
    wordnet = trainer.load_wordnet(MINI_WORDNET)
    meeting = "summit%1:14:00::"
    top = "summit%1:26:00::"
    assert wordnet.senses_of[("summit", "NOUN")][0] == top
    sentences = [
        {"doc": "d1", "part": "brown1", "sent": n, "tokens": [
            ["The", "the", "DT", []], ["leaders", "leader", "NNS", []], ["met", "meet", "VBD", []],
            ["at", "at", "IN", []], ["the", "the", "DT", []],
            ["summit", "summit", "NN", [meeting]], [".", None, None, []],
        ]}
        for n in range(3)
    ] + [
        {"doc": "d2", "part": "brown1", "sent": 1, "tokens": [
            ["the", "the", "DT", []], ["summit", "summit", "NN", [top]], ["of", "of", "IN", []],
            ["his", "his", "PRP$", []], ["career", "career", "NN", []],
        ]}
    ]  # fmt: skip
    semcor = tmp_path / "semcor.jsonl.gz"
    with gzip.open(semcor, "wt", encoding="utf-8") as out:
        for sentence in sentences:
            out.write(json.dumps(sentence) + "\n")
    examples = trainer.read_semcor(semcor, wordnet)
    assert [e.gold for e in examples] == [(meeting,)] * 3 + [(top,)]
    paths = [tmp_path / "a.npz", tmp_path / "b.npz"]
    for path in paths:
        counts = trainer.count(examples, wordnet)
        trainer.save(path, trainer.build(wordnet, counts, trainer.Params()))
    assert paths[0].read_bytes() == paths[1].read_bytes()
    model = load_model(paths[0])
    assert model is not None
    keys = wordnet.senses_of[("summit", "NOUN")]
    (analyzed,) = analyze("Leaders from both countries met at the summit.")
    tokens = analyzed["tokens"]
    context = SenseContext.of_analyzed(tokens, [[t["text"] for t in tokens].index("summit")])
    scores = model.scores(keys, context)
    assert scores is not None
    assert keys[scores.index(max(scores))] == meeting
