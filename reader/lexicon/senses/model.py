"""The trained sense model: how well each WordNet sense fits a sentence, from SemCor and WordNet.

For every sense of a word with more than one, the model keeps the context features the sense was
seen with in SemCor (the sense-tagged Brown corpus), together with its own WordNet signature
(definition, example, synonyms, hypernyms, domain; so senses SemCor never saw still have words),
and a prior from how often it was seen, smoothed toward WordNet's sense order. A sense's score
for a sentence is

    prior(s) + weight * sum over the sentence's features f of boost(s, f)

where ``boost(s, f) = log(1 + P(f | s) / P(f | word))`` says how much likelier the feature is
with this sense than with the word in general (both smoothed; see ``scripts/train_senses.py``).
Only evidence for a sense counts: a word no one saw with any sense costs none of them anything.
For the words SemCor tagged often, IMS's linear classifier adds its decision value, weighted
(:class:`Classifiers`). With the text's evidence, a noun's sense gains what the words around it
that WordNet links to it say (:mod:`reader.lexicon.senses.chains`), and the word's other
occurrences pull (:mod:`reader.lexicon.senses.discourse`).

``scripts/train_senses.py`` builds the file; this module only reads it (numpy, no pickle),
once per process, on first use.
"""

from __future__ import annotations

import functools
import threading
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from reader.lexicon.lookup import Gloss
from reader.lexicon.senses import discourse
from reader.lexicon.senses.context import SenseContext
from reader.lexicon.senses.features import features, ims_features

MODEL_FILE = "senses.npz"


def sense_class(key: str) -> str:
    """A sense's lexicographer file, from its key: "2:32" is verb.communication, "1:14" is
    noun.group. SemCor has thousands of examples of each, so a class's contexts are known well
    even where a word's own senses were seldom seen (a satellite adjective counts as one)."""
    kind, _, rest = key.partition("%")[2].partition(":")
    return f"{'3' if kind == '5' else kind}:{rest.split(':', 1)[0]}"


def name_id(name: str) -> int:
    """A feature's number in the model file: its CRC-32, so the reader needs no vocabulary
    (loading 360,000 feature names took most of a second)."""
    return zlib.crc32(name.encode("utf-8"))


@dataclass(frozen=True)
class SenseModel:
    keys: dict[str, int]  # sense key -> its row in the arrays below
    prior: npt.NDArray[np.float32]
    seen: npt.NDArray[np.uint16]  # how often SemCor tagged each sense (capped at 65,535)
    indptr: npt.NDArray[np.int32]
    feature_ids: npt.NDArray[np.uint32]  # each row's feature ids, sorted
    boosts: npt.NDArray[np.float32]
    weight: float
    classes: dict[str, tuple[npt.NDArray[np.uint32], npt.NDArray[np.float32]]]
    """Lexicographer class -> its features' ids (sorted) and boosts, already weighted."""
    domains: dict[str, frozenset[str]]
    """Topic domain -> the words that point to it (see :mod:`reader.lexicon.senses.fit`)."""
    classifiers: Classifiers | None = None
    """IMS's per-word classifiers, for the words SemCor tagged often (added to the score)."""

    def row(self, sense_key: str | None) -> int | None:
        return self.keys.get(sense_key) if sense_key else None

    def attested(self, sense_key: str | None) -> bool:
        """SemCor tagged this sense at least once: it is in everyday use, not only a
        specialist's (see :func:`reader.lexicon.senses.fit.domain_fits`)."""
        row = self.row(sense_key)
        return row is not None and bool(self.seen[row])

    def scores(self, sense_keys: Sequence[str | None], context: SenseContext) -> list[float] | None:
        """One score per sense (higher fits better), or None when the model knows none of them.

        A sense the model lacks while others of the word are known (a newer WordNet) gets the
        lowest prior of the known ones and no context.
        """
        rows = [self.row(k) for k in sense_keys]
        known = [r for r in rows if r is not None]
        if not known:
            return None
        names = features(context.lemmas, context.target, context.forms)
        wanted = np.unique(np.asarray([name_id(f) for f in names], dtype=np.uint32))
        floor = float(min(self.prior[r] for r in known)) - 1.0
        found: list[float] = []
        by_class: dict[str, float] = {}
        for key, row in zip(sense_keys, rows, strict=True):
            if row is None or key is None:
                found.append(floor)
                continue
            start, end = int(self.indptr[row]), int(self.indptr[row + 1])
            boost = _matched(self.feature_ids[start:end], self.boosts[start:end], wanted)
            name = sense_class(key)
            if name not in by_class:
                table = self.classes.get(name)
                by_class[name] = _matched(*table, wanted) if table else 0.0
            found.append(float(self.prior[row]) + self.weight * (boost + by_class[name]))
        if self.classifiers is not None and CLASSIFIERS:
            found = self.classifiers.added(found, sense_keys, context)
        windows = context.text.chains if context.text is not None else None
        chained = None if windows is None else windows.around(context.lemmas, context.target_pos)
        if chained is not None:
            found = [
                s + chained.added(k) if k else s for s, k in zip(found, sense_keys, strict=True)
            ]
        if context.text is not None and discourse.ENABLED and len(context.target) == 1:
            found = _pulled(found, sense_keys, context.text.pull(*_target(context)))
        return found


@dataclass(frozen=True)
class Classifiers:
    """IMS's linear classifiers (Zhong and Ng, 2010), one per word SemCor tagged often, trained
    on SemCor and WordNet's examples with their own features
    (:func:`reader.lexicon.senses.features.ims_features`). Alone they were no better than the
    boost model; their decision values added to its score, ``weight`` times, are (held-out
    SemCor): the classifier weighs features against each other, the boost model counts them."""

    keys: dict[str, int]  # sense key -> its row
    bias: npt.NDArray[np.float32]
    indptr: npt.NDArray[np.int64]
    feature_ids: npt.NDArray[np.uint32]  # each row's ids, sorted
    weights: npt.NDArray[np.float32]
    weight: float

    def added(
        self, found: list[float], sense_keys: Sequence[str | None], context: SenseContext
    ) -> list[float]:
        """``found`` plus the weighted decision values, when the word has a classifier; a
        sense its classifier never saw gets the lowest value of those it did."""
        rows = [self.keys.get(k) if k else None for k in sense_keys]
        if all(r is None for r in rows):
            return found
        words = context.forms if len(context.forms) == len(context.lemmas) else context.lemmas
        names = ims_features(words, context.pos, context.target, context.lemmas)
        wanted = np.unique(np.asarray([name_id(f) for f in names], dtype=np.uint32))
        values: dict[int, float] = {}
        for row in rows:
            if row is not None:
                start, end = int(self.indptr[row]), int(self.indptr[row + 1])
                matched = _matched(self.feature_ids[start:end], self.weights[start:end], wanted)
                values[row] = float(self.bias[row]) + matched
        floor = min(values.values())
        return [
            score + self.weight * (values[row] if row is not None else floor)
            for score, row in zip(found, rows, strict=True)
        ]


def _target(context: SenseContext) -> tuple[str, str | None]:
    return context.lemmas[context.target[0]], context.target_pos


def _pulled(
    found: list[float], sense_keys: Sequence[str | None], votes: Mapping[str, float]
) -> list[float]:
    """The scores moved toward the senses the word's other occurrences in the text chose: all
    the votes, less this occurrence's own (which the scores already say)."""
    if not votes:
        return found
    own = discourse.vote(found)
    out = []
    for i, (score, key) in enumerate(zip(found, sense_keys, strict=True)):
        pull = votes.get(key or "", 0.0)
        if own is not None and own[0] == i:
            pull -= own[1]
        out.append(score + discourse.PULL * min(max(pull, 0.0), discourse.PULL_CAP))
    return out


def _matched(
    have: npt.NDArray[np.uint32], boosts: npt.NDArray[np.float32], wanted: npt.NDArray[np.uint32]
) -> float:
    """The sum of ``boosts`` of the features in ``wanted`` (both id arrays sorted)."""
    if not len(have) or not len(wanted):
        return 0.0
    where = np.minimum(np.searchsorted(have, wanted), len(have) - 1)
    return float(boosts[where[have[where] == wanted]].sum())


_lock = threading.Lock()
_loaded: dict[str, SenseModel | None] = {}


@functools.cache
def model_path() -> Path:
    return Path(str(resources.files("reader.lexicon").joinpath("models", MODEL_FILE)))


def load_model(path: Path | None = None) -> SenseModel | None:
    """The shipped model, read once (about 0.1 s); None if the file is missing."""
    where = path or model_path()
    key = str(where)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        model = _read(where) if where.is_file() else None
        _loaded[key] = model
        return model


_tables: dict[tuple[str, str], dict[str, tuple[str, ...]]] = {}
_tables_lock = threading.Lock()
CLASSIFIERS = True
"""Off only to measure what IMS's classifiers add (the boost model alone)."""
TERMS_APART = True
"""Off only to measure what the rule gains (``bench/senses.py --without terms-apart``)."""
NAMES_GLOSSED = True
"""Off only to measure what the rule gains (``bench/senses.py --without common-names``)."""


def composed_terms(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """WordNet's multi-word terms none of whose senses is the term's own, each with the senses
    of its words that it means: in each sense, one of its words alone means the same ({belong,
    belong to}), or it is a noun naming a kind of its last word ("business executive", an
    executive). Empty without the file.
    """
    return _table("composed", path) if TERMS_APART else {}


def common_names(path: Path | None = None) -> dict[str, tuple[str, ...]]:
    """One-word headwords (lower case) with senses WordNet writes capitalized that name no one
    particular thing, and those senses' keys: "sunday", "english", "korean". Tagged as names,
    they are still glossed by these. Empty without the file."""
    return _table("names", path) if NAMES_GLOSSED else {}


def _table(name: str, path: Path | None) -> dict[str, tuple[str, ...]]:
    """A ``word<TAB>keys`` table of the model file, read alone (a few ms, no model load), so
    building a phrase index or cutting a sentence never waits for the ranker."""
    where = path or model_path()
    key = (name, str(where))
    with _tables_lock:  # not the model's lock: its load (half a second) must not hold this up
        if key not in _tables:
            found: dict[str, tuple[str, ...]] = {}
            if where.is_file():
                with np.load(where, allow_pickle=False) as data:
                    if name in data.files:
                        for line in data[name].tobytes().decode("utf-8").split("\n"):
                            word, _, keys = line.partition("\t")
                            found[word] = tuple(keys.split())
            _tables[key] = found
        return _tables[key]


def _read(path: Path) -> SenseModel:
    with np.load(path, allow_pickle=False) as data:
        domains = data["domains"].tobytes().decode("utf-8").split("\n")
        return SenseModel(
            keys={k: i for i, k in enumerate(data["keys"].tobytes().decode("utf-8").split("\n"))},
            prior=data["prior"].astype(np.float32),
            seen=data["seen"].astype(np.uint16),
            indptr=data["indptr"].astype(np.int32),
            feature_ids=data["feature_ids"].astype(np.uint32),
            boosts=data["boosts"].astype(np.float32),
            weight=float(data["weight"][0]),
            classes=_classes(data),
            domains={
                name: frozenset(words.split())
                for name, _, words in (line.partition("\t") for line in domains)
            },
            classifiers=_classifiers(data),
        )


def _classifiers(data: Any) -> Classifiers | None:
    if "ims_keys" not in data.files:
        return None
    names = data["ims_keys"].tobytes().decode("utf-8").split("\n")
    return Classifiers(
        keys={k: i for i, k in enumerate(names)},
        bias=data["ims_bias"].astype(np.float32),
        indptr=data["ims_indptr"].astype(np.int64),
        feature_ids=data["ims_ids"].astype(np.uint32),
        weights=data["ims_weights"].astype(np.float32),
        weight=float(data["ims_weight"][0]),
    )


def _classes(
    data: Any,
) -> dict[str, tuple[npt.NDArray[np.uint32], npt.NDArray[np.float32]]]:
    names = data["class_names"].tobytes().decode("utf-8").split("\n")
    indptr = data["class_indptr"].astype(np.int64)
    ids = data["class_ids"].astype(np.uint32)
    boosts = data["class_boosts"].astype(np.float32)
    return {
        name: (ids[indptr[i] : indptr[i + 1]], boosts[indptr[i] : indptr[i + 1]])
        for i, name in enumerate(names)
    }


def scores(senses: Sequence[Gloss], context: SenseContext) -> list[float] | None:
    """Scores for ``senses`` in ``context`` from the shipped model, or None without one."""
    model = load_model()
    if model is None:
        return None
    return model.scores([g.sense_key for g in senses], context)
