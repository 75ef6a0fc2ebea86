"""Held-out SemCor by document, with what the whole text adds: lexical chains and one sense per
discourse, as the reader's per-text pass gives them.

    python scripts/senses_chains_heldout.py [--cache FILE] [--sweep]

``train_senses.py --heldout`` scores each held-out word on its sentence alone. Here every fifth
SemCor document is again kept out; the model (boost model + 2 x IMS, as shipped) is trained on
the rest, each held-out word gets its sentence's scores, and then, per document:

- the lexical chains of :mod:`reader.lexicon.senses.chains`, over the document's content words
  (SemCor's lemmas and tags; names left out, as the reader ranks no PROPN), and
- one sense per discourse (:mod:`reader.lexicon.senses.discourse`): the other occurrences'
  votes,

are added as :meth:`reader.lexicon.senses.model.SenseModel.scores` adds them. The sentence
scores take minutes to train for; ``--cache`` keeps them in a file so the sweeps
(``--sweep``: each chain parameter in turn, the others at their defaults) take seconds.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import sys
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import senses_examples as wn_examples  # noqa: E402
import senses_ims as ims  # noqa: E402
from train_senses import (  # noqa: E402
    HELD_OUT_EVERY,
    SEMCOR,
    Params,
    Scorer,
    count,
    load_wordnet,
    read_semcor,  # noqa: E402
)

from reader.lexicon.senses import chains, discourse  # noqa: E402

Row = tuple[str, str, str, list[str], list[float], tuple[str, ...]]
"""doc, lemma, UPOS, the word's sense keys, their sentence scores, the gold keys."""


def doc_words(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Each SemCor document's content words as (lemma, UPOS), as the reader's pass sees them."""
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            sentence = json.loads(line)
            for form, lemma, ptb, _ in sentence["tokens"]:
                upos = ims.PTB_UPOS.get(ptb or "", "")
                if upos in chains.RANKED and lemma:
                    found[sentence["doc"]].append((lemma.lower().replace("_", " "), upos))
                    if form.lower() != lemma.lower():
                        found[sentence["doc"]].append((form.lower().replace("_", " "), upos))
    return found


def sentence_scores(semcor: Path, wordnet_dir: Path) -> list[Row]:
    """The held-out words with their sentence scores, as the shipped model gives them."""
    wordnet = load_wordnet(wordnet_dir)
    examples = read_semcor(semcor, wordnet)
    extra = wn_examples.occurrences(wordnet_dir, wordnet.senses_of)
    instances = ims.read(semcor, wordnet.senses_of)
    docs = sorted({e.doc for e in examples})
    kept_out = set(docs[::HELD_OUT_EVERY])
    params = Params()
    train = [e for e in examples if e.doc not in kept_out]
    scorer = Scorer(wordnet, count(train, wordnet, extra, params.examples), params)
    print("boost model trained", flush=True)
    classifiers = ims.trained_with([i for i in instances if i.doc not in kept_out], extra)
    print("IMS trained", flush=True)
    ambiguous = [e for e in examples if e.ambiguous]
    rows: list[Row] = []
    for e, instance in zip(ambiguous, instances, strict=True):
        if e.doc not in kept_out:
            continue
        keys = wordnet.senses_of[(e.lemma, e.upos)]
        scores = scorer.scores(e.lemma, e.upos, e.features)
        found = classifiers.scores(instance.lemma, instance.upos, instance.features)
        if found:
            floor = min(found.values())
            scores = [
                s + params.ims * found.get(k, floor) for k, s in zip(keys, scores, strict=True)
            ]
        rows.append((e.doc, e.lemma, e.upos, keys, list(scores), e.gold))
    return rows


Prepared = list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]
"""Per held-out word: its sentence scores, one sense per discourse's pull, the chains' support
by relation (one row per sense) and which senses are gold."""


def prepare(rows: list[Row], words: dict[str, list[tuple[str, str]]]) -> Prepared:
    """What every word's final score is made of, with the chain settings of the moment."""
    table = chains.load_chains()
    assert table is not None, "no chains.npz: run scripts/senses_chains.py"
    by_doc: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        by_doc[row[0]].append(row)
    found: Prepared = []
    for doc, held in sorted(by_doc.items()):
        evidence = chains.chain_evidence(words[doc], table)
        votes: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        for _, lemma, upos, keys, scores, _ in held:
            if (chosen := discourse.vote(scores)) is not None:
                mine = votes[lemma, upos]
                mine[keys[chosen[0]]] = mine.get(keys[chosen[0]], 0.0) + chosen[1]
        for _, lemma, upos, keys, scores, gold in held:
            own = discourse.vote(scores)
            mine = votes[lemma, upos]
            pull = [
                mine.get(k, 0.0) - (own[1] if own is not None and own[0] == i else 0.0)
                for i, k in enumerate(keys)
            ]
            pulled = discourse.PULL * np.minimum(np.maximum(pull, 0.0), discourse.PULL_CAP)
            parts = np.asarray([evidence.parts(k) for k in keys])
            right = np.asarray([k in gold for k in keys])
            found.append((np.asarray(scores), pulled, parts, right))
    return found


def accuracy(prepared: Prepared, chained: bool, pulled: bool) -> float:
    """The share of words whose best sense is gold, ties to WordNet's order."""
    strengths = np.asarray([chains.SYNONYM, chains.HYPERNYM, chains.HYPONYM, chains.SIBLING,
                            chains.LINK, chains.GLOSS])  # fmt: skip
    right = 0
    for scores, pull, parts, gold in prepared:
        final = scores + pull if pulled else scores.copy()
        if chained:
            final += chains.CHAIN * np.minimum(np.maximum(parts @ strengths, 0.0), chains.CAP)
        right += bool(gold[int(np.argmax(final))])
    return right / len(prepared)


@contextmanager
def setting(name: str, value: Any) -> Iterator[None]:
    before = getattr(chains, name)
    setattr(chains, name, value)
    try:
        yield
    finally:
        setattr(chains, name, before)


EVIDENCE = {
    "SMOOTH": [0.25, 1.0, 4.0, float("inf")],
    "ZIPF_TOP": [5.0, 6.0, 7.0],
    "HUB": [0, 20, 50, 200],
}
"""Settings that change the sums over the text (each needs a new :func:`prepare`)."""
WEIGHTS = {
    "CHAIN": [0.25, 0.5, 1.0, 2.0],
    "CAP": [1.0, 2.0, 4.0, 100.0],
    "SYNONYM": [0.0, 0.5, 1.0, 2.0],
    "HYPERNYM": [0.0, 0.35, 0.7, 1.4],
    "HYPONYM": [0.0, 0.35, 0.7, 1.4],
    "SIBLING": [0.0, 0.15, 0.3, 0.6],
    "LINK": [0.0, 0.25, 0.5, 1.0],
    "GLOSS": [0.0, 0.15, 0.3, 0.6],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--semcor", type=Path, default=SEMCOR)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--cache", type=Path, help="keep the sentence scores in this file")
    parser.add_argument("--sweep", action="store_true", help="each chain parameter in turn")
    args = parser.parse_args()
    if not args.semcor.is_file():
        raise SystemExit(f"no SemCor at {args.semcor} (../shared/corpus/wsd/semcor30.jsonl.gz)")
    if args.cache is not None and args.cache.is_file():
        rows = pickle.loads(args.cache.read_bytes())
    else:
        rows = sentence_scores(args.semcor, args.wordnet)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(rows))
    words = doc_words(args.semcor)
    prepared = prepare(rows, words)
    print(f"held out: {len({r[0] for r in rows})} documents, {len(rows)} ambiguous words")
    for label, chained, pulled in (
        ("sentence by sentence (as train_senses.py --heldout)", False, False),
        ("+ one sense per discourse", False, True),
        ("+ lexical chains", True, False),
        ("+ both (as the reader)", True, True),
    ):
        print(f"  {label}  {100 * accuracy(prepared, chained, pulled):.2f} %", flush=True)
    if args.sweep:
        for name, values in WEIGHTS.items():
            found = []
            for value in values:
                with setting(name, value):
                    found.append(f"{value:g}: {100 * accuracy(prepared, True, True):.2f}")
            print(f"  {name}  " + ", ".join(found), flush=True)
        for name, values in EVIDENCE.items():
            found = []
            for value in values:
                with setting(name, value):
                    found.append(
                        f"{value:g}: {100 * accuracy(prepare(rows, words), True, True):.2f}"
                    )
            print(f"  {name}  " + ", ".join(found), flush=True)


if __name__ == "__main__":
    main()
