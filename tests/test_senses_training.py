"""Training the sense model: WordNet's example sentences as tagged words, and IMS's classifiers
added to the boost model's score (``scripts/train_senses.py``, ``scripts/senses_examples.py``,
``scripts/senses_ims.py``), on the mini WordNet and a few made-up SemCor sentences."""

from __future__ import annotations

import gzip
import importlib
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest
from _paths import MINI_WORDNET, REPO

from reader.lexicon.senses import SenseContext, model
from reader.lexicon.senses.model import load_model
from reader.text import analyze

MEETING = "summit%1:14:00::"
TOP = "summit%1:15:00::"


@pytest.fixture(scope="module")
def scripts() -> ModuleType:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        return importlib.import_module("train_senses")
    finally:
        sys.path.remove(str(REPO / "scripts"))


def test_every_example_of_a_gloss_is_read(scripts: ModuleType) -> None:
    examples = sys.modules["senses_examples"]
    gloss = 'the top point; "the view from the peak"; "wide at the summit"'
    assert examples.examples_of(gloss) == ["the view from the peak", "wide at the summit"]
    assert examples.examples_of('the phrase "make strides" means progress') == []


def test_an_example_sentence_is_a_tagged_word(scripts: ModuleType) -> None:
    examples = sys.modules["senses_examples"]
    wordnet = scripts.load_wordnet(MINI_WORDNET)
    found = examples.occurrences(MINI_WORDNET, wordnet.senses_of)
    summit = [o for o in found if o.lemma == "summit" and o.key == TOP]
    # "the region is a few molecules wide at the summit": the word found by its lemma, with
    # its context, as the reader sees a sentence
    assert any("molecule" in o.features and "L1=the" in o.features for o in summit)
    assert all(o.ims and o.ims[0] == "P0=NOUN" for o in summit)
    # never the word's own form: every example has it, whichever sense it shows
    assert not [f for o in found for f in o.features if f.startswith("W=")]
    assert found == examples.occurrences(MINI_WORDNET, wordnet.senses_of)  # sorted, same


def semcor(path: Path, sentences: int) -> Path:
    rows = [
        {"doc": "d1", "part": "brown1", "sent": n, "tokens": [
            ["The", "the", "DT", []], ["leaders", "leader", "NNS", []], ["met", "meet", "VBD", []],
            ["at", "at", "IN", []], ["the", "the", "DT", []],
            ["summit", "summit", "NN", [MEETING]], [".", None, None, []],
        ]}
        for n in range(sentences)
    ] + [
        {"doc": "d2", "part": "brown1", "sent": n, "tokens": [
            ["the", "the", "DT", []], ["summit", "summit", "NN", [TOP]], ["of", "of", "IN", []],
            ["the", "the", "DT", []], ["hill", "hill", "NN", []],
        ]}
        for n in range(sentences)
    ]  # fmt: skip
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row) + "\n")
    return path


def context(sentence: str, word: str) -> SenseContext:
    (analyzed,) = analyze(sentence)
    tokens = analyzed["tokens"]
    return SenseContext.of_analyzed(tokens, [[t["text"] for t in tokens].index(word)])


def test_examples_teach_a_sense_its_context(scripts: ModuleType, tmp_path: Path) -> None:
    examples = sys.modules["senses_examples"]
    wordnet = scripts.load_wordnet(MINI_WORDNET)
    extra = examples.occurrences(MINI_WORDNET, wordnet.senses_of)
    tagged = scripts.read_semcor(semcor(tmp_path / "semcor.jsonl.gz", 3), wordnet)
    here = context("The cells are a few molecules wide at the summit.", "summit")
    keys = wordnet.senses_of[("summit", "NOUN")]
    found = {}
    for name, used in (("without", []), ("with", extra)):
        counts = scripts.count(tagged, wordnet, used, 1.0)
        path = tmp_path / f"{name}.npz"
        scripts.save(path, scripts.build(wordnet, counts, scripts.Params()))
        loaded = load_model(path)
        assert loaded is not None
        scores = loaded.scores(keys, here)
        assert scores is not None
        found[name] = scores[keys.index(TOP)] - scores[keys.index(MEETING)]
    assert found["with"] > found["without"]


def test_classifiers_add_to_the_score_and_build_the_same_bytes(
    scripts: ModuleType, tmp_path: Path
) -> None:
    ims = sys.modules["senses_ims"]
    wordnet = scripts.load_wordnet(MINI_WORDNET)
    path = semcor(tmp_path / "semcor.jsonl.gz", 12)
    tagged = scripts.read_semcor(path, wordnet)
    instances = ims.read(path, wordnet.senses_of)
    assert {i.gold for i in instances} == {MEETING, TOP}
    files = [tmp_path / "a.npz", tmp_path / "b.npz"]
    for file in files:
        arrays = scripts.build(wordnet, scripts.count(tagged, wordnet), scripts.Params())
        arrays.update(ims.arrays(ims.trained_with(instances, []), 4.0))
        scripts.save(file, arrays)
    assert files[0].read_bytes() == files[1].read_bytes()
    loaded = load_model(files[0])
    assert loaded is not None and loaded.classifiers is not None
    assert loaded.classifiers.weight == 4.0
    keys = wordnet.senses_of[("summit", "NOUN")]
    here = context("The leaders met at the summit in May.", "summit")
    with_them = loaded.scores(keys, here)
    model.CLASSIFIERS = False
    try:
        without = loaded.scores(keys, here)
    finally:
        model.CLASSIFIERS = True
    assert with_them is not None and without is not None
    gained = [a - b for a, b in zip(with_them, without, strict=True)]
    assert gained[keys.index(MEETING)] > gained[keys.index(TOP)]  # the classifier learned it
    unseen = [i for i, k in enumerate(keys) if k not in (MEETING, TOP)]
    assert unseen and all(gained[i] == min(gained) for i in unseen)  # never-seen: the lowest
