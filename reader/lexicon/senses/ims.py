"""The per-word linear classifiers of IMS (Zhong and Ng, 2010), for the words SemCor tagged often.

IMS trains one linear SVM per lemma and part of speech on SemCor, on three feature groups
(:func:`reader.lexicon.senses.features.ims_features`). On held-out SemCor documents it beats
the boost model of :mod:`reader.lexicon.senses.model` where a word has many training examples,
and loses where it has few; so it decides only for words with at least ``min_examples`` of them
(chosen on held-out SemCor; ``scripts/train_senses.py --heldout``), and the boost model ranks
the rest. A sense its classifier never saw goes after those it did.

``scripts/train_senses.py`` trains them with scikit-learn and writes each sense's bias and
weights into the model file (``ims_*`` arrays: CRC-32 feature ids, float16 weights); this module
only reads them, once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from reader.lexicon.senses.context import SenseContext
from reader.lexicon.senses.features import ims_features

ENABLED = False
"""Off only to measure what the classifiers gain (``bench/senses.py --without ims``)."""


@dataclass(frozen=True)
class Classifiers:
    keys: dict[str, int]  # sense key -> its row
    bias: npt.NDArray[np.float32]
    indptr: npt.NDArray[np.int64]
    feature_ids: npt.NDArray[np.uint32]  # each row's ids, sorted
    weights: npt.NDArray[np.float32]

    def scores(self, sense_keys: Sequence[str | None], context: SenseContext) -> list[float] | None:
        """The classifier's decision value per sense, senses it never saw far below the
        others; None when the word has no classifier."""
        from reader.lexicon.senses.model import name_id

        rows = [self.keys.get(k) if k else None for k in sense_keys]
        if all(r is None for r in rows):
            return None
        words = context.forms if len(context.forms) == len(context.lemmas) else context.lemmas
        names = ims_features(words, context.pos, context.target, context.lemmas)
        wanted = np.unique(np.asarray([name_id(f) for f in names], dtype=np.uint32))
        found: list[float] = []
        for row in rows:
            if row is None:
                found.append(-1e6)
                continue
            start, end = int(self.indptr[row]), int(self.indptr[row + 1])
            have = self.feature_ids[start:end]
            total = float(self.bias[row])
            if len(have) and len(wanted):
                where = np.minimum(np.searchsorted(have, wanted), len(have) - 1)
                total += float(self.weights[start:end][where[have[where] == wanted]].sum())
            found.append(total)
        return found


_lock = threading.Lock()
_loaded: dict[str, Classifiers | None] = {}


def load_classifiers(path: Path | None = None) -> Classifiers | None:
    """The classifiers in the shipped model file, read once; None without them."""
    from reader.lexicon.senses.model import model_path

    where = path or model_path()
    key = str(where)
    with _lock:
        if key not in _loaded:
            _loaded[key] = _read(where) if where.is_file() else None
        return _loaded[key]


def _read(path: Path) -> Classifiers | None:
    with np.load(path, allow_pickle=False) as data:
        if "ims_keys" not in data.files:
            return None
        names = data["ims_keys"].tobytes().decode("utf-8").split("\n")
        return Classifiers(
            keys={k: i for i, k in enumerate(names)},
            bias=data["ims_bias"].astype(np.float32),
            indptr=data["ims_indptr"].astype(np.int64),
            feature_ids=data["ims_ids"].astype(np.uint32),
            weights=data["ims_weights"].astype(np.float32),
        )


def classifier_scores(
    sense_keys: Sequence[str | None], context: SenseContext
) -> list[float] | None:
    """Scores from the shipped classifiers, or None (no classifier for this word, or none)."""
    if not ENABLED:
        return None
    found = load_classifiers()
    return found.scores(sense_keys, context) if found is not None else None
