"""IMS reproduced: a linear classifier per word, trained on SemCor (used by ``train_senses.py``).

IMS (Zhong and Ng, 2010, "It Makes Sense") trains one linear SVM per lemma and part of speech
on SemCor and WordNet's example sentences, with three groups of features
(:func:`reader.lexicon.senses.features.ims_features`): the part-of-speech tags at -3..+3, the
content words around the word, and 11 local collocations. We train the same (scikit-learn's
``LinearSVC``, which is LIBLINEAR, as in IMS; one process), for the words with at least
:data:`MIN_EXAMPLES` SemCor examples.

Measured on held-out SemCor (``train_senses.py --heldout``), the classifiers alone, or deciding
for the words they know, were no better than the boost model; their decision values added to
its score are (67.5 -> 68.3 %). scikit-learn is a development dependency only: :func:`arrays`
writes them as numpy arrays (feature CRC-32s, float16 weights) that
:class:`reader.lexicon.senses.model.Classifiers` reads.
"""

from __future__ import annotations

import gzip
import json
import warnings
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from reader.lexicon.senses.features import ims_features

if TYPE_CHECKING:
    from senses_examples import Occurrence

PTB_UPOS = {"NN": "NOUN", "NNS": "NOUN", "NNP": "PROPN", "NNPS": "PROPN", "VB": "VERB",
            "VBD": "VERB", "VBG": "VERB", "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB",
            "JJ": "ADJ", "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV",
            "DT": "DET", "PDT": "DET", "IN": "ADP", "CC": "CCONJ", "PRP": "PRON", "PRP$": "PRON",
            "WP": "PRON", "WP$": "PRON", "WDT": "PRON", "WRB": "ADV", "CD": "NUM", "MD": "AUX",
            "TO": "PART", "RP": "ADP", "EX": "PRON", "POS": "PART", "UH": "INTJ", "FW": "X",
            "SYM": "SYM"}  # fmt: skip
SS_UPOS = {"1": "NOUN", "2": "VERB", "3": "ADJ", "4": "ADV", "5": "ADJ"}
C = 1.0  # LIBLINEAR's default, as IMS
WEIGHT_FLOOR = 0.02  # smaller weights are dropped from the file (size)


@dataclass(frozen=True)
class Instance:
    doc: str
    lemma: str
    upos: str
    gold: str
    features: tuple[str, ...]


def read(path: Path, senses_of: dict[tuple[str, str], list[str]]) -> list[Instance]:
    """Every SemCor word of a lemma with more than one sense, with its IMS features."""
    found: list[Instance] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            sentence = json.loads(line)
            words: list[str] = []
            lemmas: list[str] = []
            tags: list[str] = []
            spans: list[range] = []
            for form, lemma, ptb, _ in sentence["tokens"]:
                written = form.split("_")
                parts = (lemma or form).lower().split("_")
                if (ptb or "").startswith("NNP") or len(parts) != len(written):
                    parts = [w.lower() for w in written]
                start = len(words)
                words += written
                lemmas += parts
                tags += [PTB_UPOS.get(ptb or "", "PUNCT")] * len(written)
                spans.append(range(start, len(words)))
            for (form, _, ptb, keys), span in zip(sentence["tokens"], spans, strict=True):
                if not keys:
                    continue
                name, _, rest = keys[0].partition("%")
                headword, upos = name.replace("_", " "), SS_UPOS.get(rest[:1], "")
                if (ptb or "").startswith("NNP") and headword not in form.lower().replace("_", " "):
                    continue
                candidates = senses_of.get((headword, upos))
                gold = [k for k in keys if candidates and k in candidates]
                if gold:
                    feats = tuple(ims_features(words, tags, list(span), lemmas))
                    found.append(Instance(sentence["doc"], headword, upos, gold[0], feats))
    return found


def feature_id(name: str) -> int:
    return zlib.crc32(name.encode("utf-8"))


@dataclass
class Classifiers:
    """Per sense key: its bias and its (feature id -> weight); per word: its trained senses."""

    bias: dict[str, float]
    weights: dict[str, dict[int, float]]
    trained: dict[tuple[str, str], list[str]]

    def scores(self, lemma: str, upos: str, features: Iterable[str]) -> dict[str, float] | None:
        keys = self.trained.get((lemma, upos))
        if not keys:
            return None
        ids = {feature_id(f) for f in features}
        return {
            k: self.bias[k] + sum(w for f, w in self.weights[k].items() if f in ids) for k in keys
        }


def train(instances: list[Instance]) -> Classifiers:
    """One LinearSVC per lemma and part of speech seen with two senses or more; a word seen
    with one sense only is that sense (a zero-weight classifier)."""
    from scipy.sparse import csr_matrix
    from sklearn.svm import LinearSVC

    by_word: dict[tuple[str, str], list[Instance]] = defaultdict(list)
    for instance in instances:
        by_word[(instance.lemma, instance.upos)].append(instance)
    bias: dict[str, float] = {}
    weights: dict[str, dict[int, float]] = {}
    trained: dict[tuple[str, str], list[str]] = {}
    for word in sorted(by_word):
        examples = by_word[word]
        labels = sorted({e.gold for e in examples})
        trained[word] = labels
        if len(labels) == 1:
            bias[labels[0]], weights[labels[0]] = 1.0, {}
            continue
        vocabulary = {f: i for i, f in enumerate(sorted({f for e in examples for f in e.features}))}
        columns = [sorted({vocabulary[f] for f in e.features}) for e in examples]
        indptr = np.cumsum([0] + [len(c) for c in columns])
        rows = csr_matrix(
            (
                np.ones(indptr[-1], dtype=np.float64),
                np.concatenate(columns).astype(np.int64),
                indptr,
            ),
            shape=(len(examples), len(vocabulary)),
        )
        model = LinearSVC(C=C, random_state=0, max_iter=2000)
        with warnings.catch_warnings():  # "more classes than half the samples": a rare word
            warnings.simplefilter("ignore", UserWarning)
            model.fit(rows, [e.gold for e in examples])
        coef, intercept = model.coef_, model.intercept_
        if len(labels) == 2:  # one decision function: the second class's, the first's negated
            coef, intercept = (
                np.vstack([-coef[0], coef[0]]),
                np.array([-intercept[0], intercept[0]]),
            )
        names = sorted(vocabulary, key=vocabulary.__getitem__)
        for c, key in enumerate(model.classes_):
            bias[key] = float(intercept[c])
            weights[key] = {
                feature_id(names[i]): float(coef[c, i])
                for i in np.flatnonzero(np.abs(coef[c]) >= WEIGHT_FLOOR)
            }
    return Classifiers(bias, weights, trained)


MIN_EXAMPLES = 20
"""A word's classifier decides only with this many SemCor examples or more (held-out SemCor)."""


def frequent(instances: list[Instance], min_examples: int) -> list[Instance]:
    """The instances of words with at least ``min_examples`` of them: the only ones trained."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for i in instances:
        counts[(i.lemma, i.upos)] += 1
    return [i for i in instances if counts[(i.lemma, i.upos)] >= min_examples]


def trained_with(instances: list[Instance], extra: Sequence[Occurrence]) -> Classifiers:
    """The shipped classifiers: one per word with at least :data:`MIN_EXAMPLES` SemCor
    examples, trained on them and on WordNet's example sentences of its senses (as IMS)."""
    kept = frequent(instances, MIN_EXAMPLES)
    words = {(i.lemma, i.upos) for i in kept}
    return train(kept + from_examples(extra, words))


def from_examples(extra: Sequence[Occurrence], words: set[tuple[str, str]]) -> list[Instance]:
    """WordNet's example sentences of the senses of ``words``, as training instances."""
    return [
        Instance("wordnet", o.lemma, o.upos, o.key, o.ims)
        for o in extra
        if (o.lemma, o.upos) in words
    ]


def arrays(classifiers: Classifiers, weight: float) -> dict[str, np.ndarray]:
    """The ``ims_*`` arrays of the model file (:class:`reader.lexicon.senses.model.Classifiers`),
    sorted; ``weight`` is their decision values' weight in the score."""
    keys = sorted(classifiers.bias)
    indptr = [0]
    ids: list[int] = []
    weights: list[float] = []
    for key in keys:
        merged: dict[int, float] = defaultdict(float)
        for feature, value in classifiers.weights[key].items():
            merged[feature] += value
        ids += sorted(merged)
        weights += [merged[f] for f in sorted(merged)]
        indptr.append(len(ids))
    return {
        "ims_keys": np.frombuffer("\n".join(keys).encode("utf-8"), dtype=np.uint8),
        "ims_bias": np.asarray([classifiers.bias[k] for k in keys], dtype=np.float32),
        "ims_indptr": np.asarray(indptr, dtype=np.int64),
        "ims_ids": np.asarray(ids, dtype=np.uint32),
        "ims_weights": np.asarray(weights, dtype=np.float16),
        "ims_weight": np.asarray([weight], dtype=np.float32),
    }
