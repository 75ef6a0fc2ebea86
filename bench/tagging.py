"""Accuracy and speed of reader.text.tagger on held-out UD English EWT.

    python bench/tagging.py [CORPUS_DIR] [--split test] [--errors 20]

UPOS accuracy is over all syntactic words; lemma accuracy is over words whose
gold UPOS is NOUN/VERB/ADJ/ADV, comparing our lemma to the gold LEMMA column
exactly (case-sensitive).  Speed is measured on one core, pinned, each timing in
a fresh process (an earlier run would leave caches warm), medians of --runs:
the model is loaded, then "cold" tags the input with every cache empty (word-type
vectors, lemma memo), as a new process meets its first text, and "warm" tags it
again.  tag_words is one call per sentence, as the reader makes for a
sentence the learner edits; tag_sentences takes all sentences at once, as an
import does.  The last line tags the whole of War and Peace, cold, the way the
importer does: on a whole book most word types repeat, so it is the figure that
decides import time.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.text import tagger  # noqa: E402
from reader.text.lemma import informative_capitals  # noqa: E402
from reader.text.load import load_path  # noqa: E402
from reader.text.segment import split_spans  # noqa: E402
from reader.text.tokenize import tokenize  # noqa: E402

DEFAULT_CORPUS = REPO.parent / "shared" / "corpus" / "ud_english_ewt"
BOOK = REPO.parent / "shared" / "corpus" / "war_and_peace_2600-0.txt"
OPEN = {"NOUN", "VERB", "ADJ", "ADV"}


def read_conllu(path: Path) -> list[list[tuple[str, str, str]]]:
    sents: list[list[tuple[str, str, str]]] = []
    cur: list[tuple[str, str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if cur:
                sents.append(cur)
            cur = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                cur.append((cols[1], cols[3], cols[2]))
    if cur:
        sents.append(cur)
    return sents


def timed(fn: object, *args: object) -> tuple[object, float]:
    t0 = time.perf_counter()
    out = fn(*args)  # type: ignore[operator]
    return out, time.perf_counter() - t0


def speed_run(mode: str, args: argparse.Namespace) -> dict[str, float]:
    """One timing in a fresh interpreter: caches in this one are warm from earlier runs."""
    cmd = [sys.executable, __file__, str(args.corpus), "--split", args.split]
    cmd += ["--model", str(args.model), "--book", str(args.book), "--speed-run", mode]
    done = subprocess.run(cmd, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def child_speed_run(mode: str, args: argparse.Namespace) -> None:
    """Load the model, then tag the same input twice: cold (caches empty), then warm."""
    if mode == "book":
        sents = book_words(args.book)
    else:
        sents = [
            [w for w, _, _ in s]
            for s in read_conllu(args.corpus / f"en_ewt-ud-{args.split}.conllu")
        ]
    _, load = timed(tagger._get_model)

    def run() -> object:
        if mode == "tag_words":
            return [tagger.tag_words(s) for s in sents]
        return tagger.tag_sentences(sents)

    _, cold = timed(run)
    _, warm = timed(run)
    tokens = sum(map(len, sents))
    print(
        json.dumps(
            {
                "load": load,
                "cold": tokens / cold,
                "warm": tokens / warm,
                "tokens": tokens,
                "cold_s": cold,
            }
        )
    )


def nltk_peer(args: argparse.Namespace, words: list[list[str]]) -> tuple[float, float, float]:
    """NLTK's averaged perceptron, default features, 5 iterations on EWT train: the issue's
    reference.  Returns (training seconds, UPOS accuracy, median tokens/s of 3 passes)."""
    from nltk.tag.perceptron import PerceptronTagger

    train = read_conllu(args.corpus / "en_ewt-ud-train.conllu")
    peer = PerceptronTagger(load=False)
    sents = [[(w, u) for w, u, _ in s] for s in train]
    _, train_s = timed(lambda: peer.train(sents, nr_iter=5))
    rates: list[float] = []
    tagged: list[list[tuple[str, str]]] = []
    for _ in range(3):
        started = time.perf_counter()
        tagged = [peer.tag(s) for s in words]
        rates.append(sum(map(len, words)) / (time.perf_counter() - started))
    gold = read_conllu(args.corpus / f"en_ewt-ud-{args.split}.conllu")
    pairs = [
        (g, p)
        for s, t in zip(gold, tagged, strict=True)
        for (_, g, _), (_, p) in zip(s, t, strict=True)
    ]
    return train_s, sum(g == p for g, p in pairs) / len(pairs), statistics.median(rates)


def book_words(path: Path) -> list[list[str]]:
    """Tokens per sentence, as the importer passes them, prepared outside the timing."""
    text = load_path(path).content
    out = []
    for start, end in split_spans(text):
        out.append([t.text for t in tokenize(text[start:end])])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--split", default="test")
    ap.add_argument("--model", type=Path, default=tagger.MODEL_PATH)
    ap.add_argument("--book", type=Path, default=BOOK, help="a book to tag (skipped if absent)")
    ap.add_argument("--errors", type=int, default=0, help="show the N most common errors")
    ap.add_argument("--runs", type=int, default=3, help="timed runs; medians are printed")
    ap.add_argument("--no-peer", action="store_true", help="skip NLTK's perceptron as a peer")
    ap.add_argument("--speed-run", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    if args.speed_run:
        tagger.MODEL_PATH = args.model
        child_speed_run(args.speed_run, args)
        return

    tagger.MODEL_PATH = args.model
    gold = read_conllu(args.corpus / f"en_ewt-ud-{args.split}.conllu")
    words = [[w for w, _, _ in s] for s in gold]
    n_tokens = sum(map(len, words))

    pred = [tagger.tag_words(s) for s in words]
    modes = ["tag_words", "tag_sentences"] + (["book"] if args.book.exists() else [])
    speed = {m: [speed_run(m, args) for _ in range(args.runs)] for m in modes}
    peer = None if args.no_peer else nltk_peer(args, words)

    lemmatize = tagger._get_model().lemmatizer
    pos_ok = lem_ok = lem_n = gold_lem_ok = nocase_ok = 0
    pos_err: Counter[tuple[str, str]] = Counter()
    lem_err: Counter[tuple[str, str, str]] = Counter()
    for sent, tags in zip(gold, pred, strict=True):  # type: ignore[call-overload]
        caps = informative_capitals([tagger._clean(f) for f, _, _ in sent])
        for (form, upos, lemma), (p_upos, p_lemma), cap in zip(sent, tags, caps, strict=True):
            if p_upos == upos:
                pos_ok += 1
            else:
                pos_err[upos, p_upos] += 1
            if upos in OPEN:
                lem_n += 1
                gold_lem_ok += lemmatize(form, upos, cap) == lemma
                nocase_ok += p_lemma.lower() == lemma.lower()
                if p_lemma == lemma:
                    lem_ok += 1
                else:
                    lem_err[form, lemma, p_lemma] += 1

    print(f"split: {args.split}, {len(words)} sentences, {n_tokens} tokens")
    print(f"UPOS accuracy (all tokens):            {100 * pos_ok / n_tokens:.2f}%")
    print(f"lemma accuracy (gold NOUN/VERB/ADJ/ADV): {100 * lem_ok / lem_n:.2f}% of {lem_n}")
    print(f"  same, lemmatizer given gold UPOS:      {100 * gold_lem_ok / lem_n:.2f}%")
    print(f"  same, ignoring case (for reference):   {100 * nocase_ok / lem_n:.2f}%")

    def median(mode: str, key: str) -> float:
        return statistics.median(r[key] for r in speed[mode])

    size = args.model.stat().st_size / 1e6
    print(f"model load: {median('tag_words', 'load'):.2f} s, size {size:.2f} MB")
    print(f"speeds: medians of {args.runs} runs, each in a fresh process, on one core")
    for mode in ("tag_words", "tag_sentences"):
        label = "per sentence" if mode == "tag_words" else "batched"
        print(
            f"{mode} ({label}): cold {median(mode, 'cold'):,.0f} tokens/s, "
            f"warm {median(mode, 'warm'):,.0f} tokens/s"
        )
    if peer is not None:
        train_s, peer_acc, peer_rate = peer
        ours = median("tag_words", "cold")
        print(
            f"peer, NLTK's averaged perceptron (5 iterations on EWT train, {train_s:.0f} s): "
            f"UPOS {100 * peer_acc:.2f}%, {peer_rate:,.0f} tokens/s per sentence; "
            f"ours per sentence, cold, is {ours / peer_rate:.2f}x"
        )
    if "book" in speed:
        n_book = int(speed["book"][0]["tokens"])
        print(
            f"{args.book.name}, tag_sentences cold: {median('book', 'cold'):,.0f} tokens/s "
            f"({n_book:,} tokens in {median('book', 'cold_s'):.2f} s)"
        )
    if args.errors:
        print("most common UPOS confusions (gold -> predicted):")
        for (g, p), c in pos_err.most_common(args.errors):
            print(f"  {c:5d} {g} -> {p}")
        print("most common lemma errors (form, gold, predicted):")
        for (f, g, p), c in lem_err.most_common(args.errors):
            print(f"  {c:5d} {f!r} gold {g!r} got {p!r}")


if __name__ == "__main__":
    main()
