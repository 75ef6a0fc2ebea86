"""The sense model measured on held-out SemCor documents (``train_senses.py --heldout``).

Every fifth SemCor document is kept out of training; the model is trained on the rest (with
WordNet's example sentences) and scored on the held-out documents' ambiguous words, beside
WordNet's first sense. WordNet's sense order counts these very documents, so the first sense,
and any choice that leans on it (a larger prior smoothing), are flattered here: such choices
are checked on SemEval-2007 too. Each row says what one part of the model adds.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence

import senses_ims as ims
from senses_examples import Occurrence
from train_senses import GRID, HELD_OUT_EVERY, Example, Params, Scorer, WordNet, count


def accuracy(scorer: Scorer, examples: list[Example]) -> float:
    right = sum(scorer.best(e.lemma, e.upos, e.features) in e.gold for e in examples)
    return right / len(examples)


def first_sense(wordnet: WordNet, examples: list[Example]) -> float:
    return sum(wordnet.senses_of[(e.lemma, e.upos)][0] in e.gold for e in examples) / len(examples)


def with_domain_rule(scorer: Scorer, examples: list[Example], everyday: bool = True) -> float:
    """Accuracy once the reader's domain rule (:func:`reader.lexicon.senses.fit.domain_fits`)
    has sent a domain sense last when the sentence has none of its domain's words; with
    ``everyday``, only a sense labelled with its domain or never tagged in the training
    documents goes."""
    vocabulary = {d: set(words) for d, words in scorer.wordnet.domains.items()}

    def fits(key: str, context: set[str]) -> bool:
        domain = scorer.wordnet.domain_of.get(key)
        if domain is None or context & vocabulary.get(domain, set()):
            return True
        everyday_use = scorer.counts.sense.get(key, 0) > 0 and key not in scorer.wordnet.labelled
        return everyday and everyday_use

    right = 0
    for e in examples:
        context = {f for f in e.features if "=" not in f}
        ranked = scorer.ranked(e.lemma, e.upos, e.features)
        right += next((k for k in ranked if fits(k, context)), ranked[0]) in e.gold
    return right / len(examples)


def held_out(
    wordnet: WordNet,
    examples: list[Example],
    instances: list[ims.Instance],
    extra: Sequence[Occurrence],
    grid: bool = True,
) -> Params:
    """Print the held-out figures; return the best parameters of the grid (or the defaults)."""
    docs = sorted({e.doc for e in examples})
    kept_out = set(docs[::HELD_OUT_EVERY])
    train = [e for e in examples if e.doc not in kept_out]
    test = [e for e in examples if e.doc in kept_out and e.ambiguous]
    print(f"held out {len(kept_out)} of {len(docs)} documents: {len(test)} ambiguous words")
    print(f"  WordNet first sense  {100 * first_sense(wordnet, test):.1f} %")
    semcor_only = count(train, wordnet)
    found = accuracy(Scorer(wordnet, semcor_only, Params()), test)
    print(f"  the boost model, SemCor only  {100 * found:.1f} %", flush=True)
    best, best_params = -1.0, Params()
    defaults = [tuple(getattr(Params(), name) for name in GRID)]
    for values in itertools.product(*GRID.values()) if grid else defaults:
        params = Params(**dict(zip(GRID, values, strict=True)))
        counts = count(train, wordnet, extra, params.examples)
        found = accuracy(Scorer(wordnet, counts, params), test)
        print(
            f"  the boost model with WordNet's examples {params}  {100 * found:.1f} %", flush=True
        )
        if found > best:
            best, best_params = found, params
    print(f"best: {best_params}  {100 * best:.1f} %")
    scorer = Scorer(wordnet, count(train, wordnet, extra, best_params.examples), best_params)
    print("  with the reader's domain rule: a domain sense without its domain's words goes last")
    everyday = with_domain_rule(scorer, test)
    print(f"    if labelled, or never tagged in the training documents  {100 * everyday:.1f} %")
    print(f"    always  {100 * with_domain_rule(scorer, test, everyday=False):.1f} %")
    combined(scorer, examples, instances, extra, kept_out)
    return best_params


def combined(
    scorer: Scorer,
    examples: list[Example],
    instances: list[ims.Instance],
    extra: Sequence[Occurrence],
    kept_out: set[str],
) -> None:
    """IMS's classifiers on the same documents: alone, deciding for the words with enough
    examples, and their decision values added to the boost model's score (as shipped)."""
    ambiguous = [e for e in examples if e.ambiguous]
    train = [i for i in instances if i.doc not in kept_out]
    test = [(e, i) for e, i in zip(ambiguous, instances, strict=True) if e.doc in kept_out]
    seen = Counter((i.lemma, i.upos) for i in train)
    often = ims.frequent(train, ims.MIN_EXAMPLES)
    words = {(i.lemma, i.upos) for i in often}
    for label, classifiers in (
        ("SemCor", ims.train(ims.frequent(train, 2))),
        ("SemCor and WordNet's examples", ims.train(often + ims.from_examples(extra, words))),
    ):
        print(f"  IMS (one linear SVM per word) trained on {label}")
        rows = [(e, classifiers.scores(i.lemma, i.upos, i.features), seen[(i.lemma, i.upos)])
                for e, i in test]  # fmt: skip
        right = sum(
            (max(found, key=found.__getitem__) if found and n >= 1 else first(scorer, e)) in e.gold
            for e, found, n in rows
        )
        print(f"    alone (first sense for words without)  {100 * right / len(test):.1f} %")
        right = sum(
            (max(found, key=found.__getitem__) if found and n >= ims.MIN_EXAMPLES
             else scorer.best(e.lemma, e.upos, e.features)) in e.gold
            for e, found, n in rows
        )  # fmt: skip
        print(f"    deciding with >= {ims.MIN_EXAMPLES} examples, the model otherwise"
              f"  {100 * right / len(test):.1f} %")  # fmt: skip
        for weight in (1.0, 2.0, 4.0, 8.0):
            right = sum(
                added(scorer, e, found if n >= ims.MIN_EXAMPLES else None, weight) in e.gold
                for e, found, n in rows
            )
            print(f"    added to the boost model's score x {weight:g} (>= {ims.MIN_EXAMPLES}"
                  f" examples)  {100 * right / len(test):.1f} %", flush=True)  # fmt: skip


def first(scorer: Scorer, e: Example) -> str:
    return scorer.wordnet.senses_of[(e.lemma, e.upos)][0]


def added(scorer: Scorer, e: Example, found: dict[str, float] | None, weight: float) -> str:
    """The best sense once ``weight`` x the classifier's decision values are added, as
    :class:`reader.lexicon.senses.model.Classifiers` does."""
    keys = scorer.wordnet.senses_of[(e.lemma, e.upos)]
    scores = scorer.scores(e.lemma, e.upos, e.features)
    if found:
        floor = min(found.values())
        scores = [s + weight * found.get(k, floor) for k, s in zip(keys, scores, strict=True)]
    return keys[max(range(len(keys)), key=lambda i: (scores[i], -i))]
