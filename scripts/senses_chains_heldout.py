"""Held-out SemCor by document, with what the whole text adds: lexical chains and one sense per
discourse, as the reader's per-text pass gives them.

    python scripts/senses_chains_heldout.py [--cache FILE] [--sweep]
    python scripts/senses_chains_heldout.py --block 200 --reach 1 --per-doc   # as shipped
    python scripts/senses_chains_heldout.py --block 200 --reach 1             # SemCor as a book
    python scripts/senses_chains_heldout.py --span 50     # 50 documents as one text, no windows

``train_senses.py --heldout`` scores each held-out word on its sentence alone. Here every fifth
SemCor document is again kept out; the model (boost model + 2 x IMS, as shipped) is trained on
the rest, each held-out word gets its sentence's scores, and then, per document:

- the lexical chains of :mod:`reader.lexicon.senses.chains`, over the document's content words
  (SemCor's lemmas and tags; names left out, as the reader ranks no PROPN), or over the window
  around the word's sentence (``--block``, as the reader), and
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


def sentence_words(
    path: Path,
) -> tuple[list[tuple[str, int]], dict[tuple[str, int], list[tuple[str, str]]]]:
    """SemCor's sentences in order, as one long text, with each sentence's content words."""
    order: list[tuple[str, int]] = []
    found: dict[tuple[str, int], list[tuple[str, str]]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            sentence = json.loads(line)
            where = (sentence["doc"], sentence["sent"])
            order.append(where)
            mine = found.setdefault(where, [])
            for form, lemma, ptb, _ in sentence["tokens"]:
                upos = ims.PTB_UPOS.get(ptb or "", "")
                if upos in chains.RANKED and lemma:
                    mine.append((lemma.lower().replace("_", " "), upos))
                    if form.lower() != lemma.lower():
                        mine.append((form.lower().replace("_", " "), upos))
    return order, found


def sentences_of(path: Path, rows: list[Row]) -> list[tuple[str, int]]:
    """The sentence each held-out row is in: SemCor's tagged words walked in the order
    ``read_semcor`` took them, each matched to the next row by document, lemma and gold."""
    found: list[tuple[str, int]] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            sentence = json.loads(line)
            for _, _, _, keys in sentence["tokens"]:
                if len(found) == len(rows) or not keys:
                    continue
                doc, lemma, upos, _, _, gold = rows[len(found)]
                name, _, rest = keys[0].partition("%")
                if (
                    sentence["doc"] == doc
                    and name.replace("_", " ") == lemma
                    and ims.SS_UPOS.get(rest[:1]) == upos
                    and set(gold) <= set(keys)
                ):
                    found.append((doc, sentence["sent"]))
    assert len(found) == len(rows), f"matched {len(found)} of {len(rows)} rows"
    return found


def windowed(
    path: Path, rows: list[Row], block: int, reach: int, per_doc: bool = False
) -> list[list[tuple[str, str]]]:
    """Per row, the words of its window when all of SemCor is read as one book: the text cut
    into blocks of about ``block`` content words, a row's window its block and ``reach``
    blocks either side (as :mod:`reader.lexicon.senses.chains` cuts a text); with ``per_doc``,
    each document is a text of its own, as an article is."""
    order, words = sentence_words(path)
    block_of: dict[tuple[str, int], int] = {}
    blocks: list[list[tuple[str, str]]] = [[]]
    first: dict[str, int] = {}  # each document's first block
    for where in order:
        if len(blocks[-1]) >= block or (per_doc and where[0] not in first and blocks[-1]):
            blocks.append([])
        first.setdefault(where[0], len(blocks) - 1)
        block_of[where] = len(blocks) - 1
        blocks[-1] += words[where]
    ends = {
        doc: first.get(nxt, len(blocks))
        for doc, nxt in zip(first, [*list(first)[1:], ""], strict=True)
    }
    cache: dict[int, list[tuple[str, str]]] = {}
    found = []
    for where in sentences_of(path, rows):
        b = block_of[where]
        if b not in cache:
            low, high = (first[where[0]], ends[where[0]]) if per_doc else (0, len(blocks))
            window = blocks[max(low, b - reach) : min(high, b + reach + 1)]
            cache[b] = [w for o in window for w in o]
        found.append(cache[b])
    return found


def spanned(words: dict[str, list[tuple[str, str]]], span: int) -> dict[str, list[tuple[str, str]]]:
    """Each document's words with those of the ``span - 1`` documents around it, in SemCor's
    order: a text as long as a book (a SemCor document is about 2,000 words), of one genre."""
    if span <= 1:
        return words
    docs = sorted(words)
    found: dict[str, list[tuple[str, str]]] = {}
    for i, doc in enumerate(docs):
        start = max(0, min(i - span // 2, len(docs) - span))
        found[doc] = [w for other in docs[start : start + span] for w in words[other]]
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


def prepare(rows: list[Row], texts: list[list[tuple[str, str]]]) -> Prepared:
    """What every word's final score is made of, with the chain settings of the moment;
    ``texts[i]`` is the words row i's chains see (its document, or its window of a book)."""
    table = chains.load_chains()
    assert table is not None, "no chains.npz: run scripts/senses_chains.py"
    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, row in enumerate(rows):
        by_doc[row[0]].append(i)
    evidence: dict[int, chains.ChainEvidence] = {}
    found: Prepared = []
    for _, held in sorted(by_doc.items()):
        votes: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
        for i in held:
            _, lemma, upos, keys, scores, _ = rows[i]
            if (chosen := discourse.vote(scores)) is not None:
                mine = votes[lemma, upos]
                mine[keys[chosen[0]]] = mine.get(keys[chosen[0]], 0.0) + chosen[1]
        for i in held:
            _, lemma, upos, keys, scores, gold = rows[i]
            text = texts[i]
            if id(text) not in evidence:
                evidence[id(text)] = chains.chain_evidence(text, table)
            own = discourse.vote(scores)
            mine = votes[lemma, upos]
            pull = [
                mine.get(k, 0.0) - (own[1] if own is not None and own[0] == n else 0.0)
                for n, k in enumerate(keys)
            ]
            pulled = discourse.PULL * np.minimum(np.maximum(pull, 0.0), discourse.PULL_CAP)
            parts = np.asarray([evidence[id(text)].parts(k) for k in keys])
            if upos not in chains.TARGETS:
                parts = np.zeros_like(parts)
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
    parser.add_argument("--block", type=int, default=0,
                        help="read all of SemCor as one book, in windows of blocks of this many "
                             "content words")  # fmt: skip
    parser.add_argument("--reach", type=int, default=1, help="blocks either side in a window")
    parser.add_argument("--per-doc", action="store_true", help="--block within each document")
    parser.add_argument("--span", type=int, default=1,
                        help="a book's worth: each document's text is this many documents around "
                             "it (SemCor's order keeps a genre together)")  # fmt: skip
    args = parser.parse_args()
    if not args.semcor.is_file():
        raise SystemExit(f"no SemCor at {args.semcor} (../shared/corpus/wsd/semcor30.jsonl.gz)")
    if args.cache is not None and args.cache.is_file():
        rows = pickle.loads(args.cache.read_bytes())
    else:
        rows = sentence_scores(args.semcor, args.wordnet)
        if args.cache is not None:
            args.cache.write_bytes(pickle.dumps(rows))
    if args.block:
        texts = windowed(args.semcor, rows, args.block, args.reach, args.per_doc)
    else:
        words = spanned(doc_words(args.semcor), args.span)
        texts = [words[row[0]] for row in rows]
    prepared = prepare(rows, texts)
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
                        f"{value:g}: {100 * accuracy(prepare(rows, texts), True, True):.2f}"
                    )
            print(f"  {name}  " + ", ".join(found), flush=True)


if __name__ == "__main__":
    main()
