"""Train the UPOS tagger and lemma table shipped in reader/text/models/.

Greedy left-to-right averaged perceptron on UD English EWT.  The feature set is
restricted to what the runtime can collapse per word type (see
reader/text/tag_features.py), which is what makes tagging fast.

    python scripts/train_tagger.py [CORPUS_DIR] [--files train dev] [--epochs N]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reader.text.lemma import build_cased_table, build_table  # noqa: E402
from reader.text.tag_features import (  # noqa: E402
    N_TAGS,
    PAD_LEFT,
    PAD_RIGHT,
    ROLES,
    START,
    UPOS,
    bigram_key,
    in_lexicon,
    normalize,
    pad_features,
    sentence_mode,
    shape,
    word_features,
)

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "ud_english_ewt"
MODEL_PATH = REPO / "reader" / "text" / "models" / "en_ewt_tagger.npz"
SEED = 1234
PAIR_MIN_COUNT = 8
SHAPE_MIN_COUNT = 2
VOCAB_MIN_COUNT = 3  # words whose score vectors ship precomputed
NT1 = START + 1  # tag history values: the 17 tags plus sentence start

Sentence = list[tuple[str, str, str]]  # (form, upos, lemma)
# per sentence: static feature ids per token, pair-word ids, shape ids, gold tags
Encoded = tuple[list[np.ndarray], list[int], list[int], list[int]]


def read_conllu(path: Path) -> list[tuple[list[list[str]], list[str]]]:
    """Syntactic words only: multiword-token ranges and empty nodes are skipped."""
    sents: list[tuple[list[list[str]], list[str]]] = []
    rows: list[list[str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line:
            if rows:
                sents.append((rows, []))
            rows = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if cols[0].isdigit():
                rows.append(cols)
    if rows:
        sents.append((rows, []))
    return sents


def join_hyphens(rows: list[list[str]]) -> Sentence | None:
    """EWT splits "tug-of-war"; the app's tokenizer does not, so teach both forms.

    The joined token takes the UPOS of the span's syntactic head.
    """
    out: Sentence = []
    i, changed = 0, False
    while i < len(rows):
        j = i
        while (
            j + 2 < len(rows)
            and "SpaceAfter=No" in rows[j][9]
            and rows[j + 1][1] == "-"
            and rows[j + 1][4] == "HYPH"
            and "SpaceAfter=No" in rows[j + 1][9]
            and rows[j + 2][1][:1].isalnum()
            and rows[j][1][-1:].isalnum()
        ):
            j += 2
        if j == i:
            out.append((rows[i][1], rows[i][3], rows[i][2]))
            i += 1
            continue
        span = rows[i : j + 1]
        ids = {r[0] for r in span}
        heads = [r for r in span if r[6] not in ids and r[3] != "PUNCT"] or [span[0]]
        head = heads[0]
        form = "".join(r[1] for r in span)
        upos = head[3]
        if upos == "VERB" and head[4] in ("VBN", "VBG"):
            upos = "ADJ"  # "well-known", "English-speaking": adjectives to a learner
        if head is span[-1] and upos == "NOUN":
            lemma = "".join(r[1] for r in span[:-1]).lower() + head[2].lower()
        else:
            lemma = form if upos == "PROPN" else form.lower()
        out.append((form, upos, lemma))
        i, changed = j + 1, True
    return out if changed else None


def load(paths: list[Path]) -> list[Sentence]:
    sents: list[Sentence] = []
    for p in paths:
        for rows, _ in read_conllu(p):
            sents.append([(r[1], r[3], r[2]) for r in rows])
            joined = join_hyphens(rows)
            if joined:
                sents.append(joined)
    return sents


def misused_word(row: list[str]) -> bool:
    """A real word typed for another: EWT marks "leaned" (meant: "learned") Typo=Yes and gives
    it the lemma "learn", "there" (meant: "their") the lemma "their". Those lemmas describe the
    writer's intent, not the word, so they stay out of the lemma table; a misspelling that is no
    word ("recieved") keeps its lemma there."""
    return "Typo=Yes" in row[5].split("|") and in_lexicon(row[1].lower())


def lemma_examples(paths: list[Path]) -> list[Sentence]:
    """The sentences the lemma tables learn from: :func:`load`'s, less the misused words."""
    found: list[Sentence] = []
    for p in paths:
        for rows, _ in read_conllu(p):
            found.append([(r[1], r[3], r[2]) for r in rows if not misused_word(r)])
            joined = join_hyphens(rows)
            if joined:
                found.append(joined)
    return found


class Features:
    """String features -> integer ids, with role-specific namespaces."""

    def __init__(self, sents: list[Sentence]) -> None:
        counts = Counter(normalize(f).lower() for s in sents for f, _, _ in s)
        pair_words = sorted(w for w, c in counts.items() if c >= PAIR_MIN_COUNT)
        self.pair_vocab = {w: i + 1 for i, w in enumerate(pair_words)}
        shapes = Counter(shape(normalize(f)) for s in sents for f, _, _ in s)
        shape_list = sorted(s for s, c in shapes.items() if c >= SHAPE_MIN_COUNT)
        self.shape_vocab = {s: i + 1 for i, s in enumerate(shape_list)}
        self.ids: dict[str, int] = {}
        self.base_trans = 0  # t1 | t2 | (t2, t1)
        self.base_pair = self.base_trans + NT1 * 2 + NT1 * NT1
        self.base_shape = self.base_pair + (len(self.pair_vocab) + 1) * NT1
        self.base_static = self.base_shape + (len(self.shape_vocab) + 1) * NT1
        self._type_cache: dict[str, dict[int, list[int]]] = {}

    def _id(self, name: str) -> int:
        got = self.ids.get(name)
        if got is None:
            got = self.ids[name] = self.base_static + len(self.ids)
        return got

    def type_ids(self, word: str) -> dict[int, list[int]]:
        got = self._type_cache.get(word)
        if got is None:
            if word in (PAD_LEFT, PAD_RIGHT):
                feats = {r: pad_features(word) for r in ROLES if r != 0}
            else:
                feats = word_features(word)
            got = {r: [self._id(f"{r}|{f}") for f in fs] for r, fs in feats.items()}
            self._type_cache[word] = got
        return got

    def sentence(self, words: list[str]) -> tuple[list[np.ndarray], list[int], list[int]]:
        padded = [PAD_LEFT, PAD_LEFT, *words, PAD_RIGHT, PAD_RIGHT]
        static: list[np.ndarray] = []
        lowers = [w.lower() for w in padded]
        mode = sentence_mode(words)
        for i in range(len(words)):
            ids: list[int] = []
            for r in ROLES:
                ids.extend(self.type_ids(padded[i + 2 + r])[r])
            if mode:
                ids.extend(self.type_ids(padded[i + 2])[mode])
            ids.append(self._id(bigram_key(lowers[i + 1], lowers[i + 2], -1)))
            ids.append(self._id(bigram_key(lowers[i + 2], lowers[i + 3], 1)))
            static.append(np.array(ids, dtype=np.int64))
        pair = [self.pair_vocab.get(w.lower(), 0) for w in words]
        shp = [self.shape_vocab.get(shape(w), 0) for w in words]
        return static, pair, shp

    @property
    def size(self) -> int:
        return self.base_static + len(self.ids)


def dyn_ids(f: Features, t1: int, t2: int, pair: int, shp: int) -> list[int]:
    ids = [t1, NT1 + t2, 2 * NT1 + t2 * NT1 + t1, f.base_shape + shp * NT1 + t1]
    if pair:
        ids.append(f.base_pair + pair * NT1 + t1)
    return ids


def train(sents: list[Sentence], epochs: int, dev: list[Sentence]) -> tuple[Features, np.ndarray]:
    feats = Features(sents)
    data: list[Encoded] = []
    for s in sents:
        words = [normalize(w) for w, _, _ in s]
        static, pair, shp = feats.sentence(words)
        gold = [UPOS.index(u) for _, u, _ in s]
        data.append((static, pair, shp, gold))
    dev_data: list[Encoded] = []
    for s in dev:
        words = [normalize(w) for w, _, _ in s]
        dev_data.append((*feats.sentence(words), [UPOS.index(u) for _, u, _ in s]))
    n = feats.size
    print(f"{len(data)} sentences, {n} features", flush=True)
    w = np.zeros((n, N_TAGS), dtype=np.float64)
    u = np.zeros((n, N_TAGS), dtype=np.float64)
    c = 1
    rng = random.Random(SEED)
    order = list(range(len(data)))
    for epoch in range(epochs):
        rng.shuffle(order)
        right = total = 0
        for k in order:
            static, pair, shp, gold = data[k]
            t1 = t2 = START
            for i, sids in enumerate(static):
                ids = np.concatenate((sids, dyn_ids(feats, t1, t2, pair[i], shp[i])))
                guess = int(w[ids].sum(axis=0).argmax())
                g = gold[i]
                if guess != g:
                    w[ids, g] += 1.0
                    w[ids, guess] -= 1.0
                    u[ids, g] += c
                    u[ids, guess] -= c
                else:
                    right += 1
                total += 1
                c += 1
                t2, t1 = t1, guess
        avg = w - u / c
        msg = f"epoch {epoch + 1}: train {right / total:.4f}"
        if dev_data:
            msg += f" dev {evaluate(feats, avg, dev_data):.4f}"
        print(msg, flush=True)
    return feats, w - u / c


def evaluate(feats: Features, weights: np.ndarray, data: list[Encoded]) -> float:
    right = total = 0
    for static, pair, shp, gold in data:
        t1 = t2 = START
        for i, sids in enumerate(static):
            ids = np.concatenate((sids, dyn_ids(feats, t1, t2, pair[i], shp[i])))
            guess = int(weights[ids].sum(axis=0).argmax())
            right += guess == gold[i]
            total += 1
            t2, t1 = t1, guess
    return right / total


def export(
    feats: Features,
    weights: np.ndarray,
    lemmas: dict[str, str],
    cased: dict[str, str],
    vocab: list[str],
    path: Path,
) -> None:
    """Quantize to int16 and drop near-zero static features to keep the file small."""
    scale = float(np.abs(weights).max()) / 32000.0
    q = np.round(weights / scale).astype(np.int16)
    trans = q[: feats.base_pair]
    pair = q[feats.base_pair : feats.base_shape]
    shp = q[feats.base_shape : feats.base_static]
    arrays: dict[str, np.ndarray] = {
        "scale": np.array([scale]),
        "trans": trans,
        "pair": pair.reshape(-1, NT1, N_TAGS),
        "shape": shp.reshape(-1, NT1, N_TAGS),
    }
    names = sorted(feats.ids, key=feats.ids.__getitem__)
    static = q[feats.base_static :]
    keep = np.abs(static).max(axis=1) >= 2
    kept_names = [nm for nm, k in zip(names, keep, strict=True) if k]
    arrays["static"] = static[keep]
    meta = {
        "upos": list(UPOS),
        "features": kept_names,
        "pair_vocab": sorted(feats.pair_vocab, key=feats.pair_vocab.__getitem__),
        "shape_vocab": sorted(feats.shape_vocab, key=feats.shape_vocab.__getitem__),
        "lemmas": lemmas,
        "cased_lemmas": cased,
    }
    arrays["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(path, allow_pickle=False, **arrays)
    # Second write: add exact score vectors of frequent words, computed by the
    # runtime itself so that shipped and freshly computed vectors are identical.
    from reader.text.tagger import _Model

    meta["vocab"] = vocab
    arrays["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode(), np.uint8)
    arrays["type_vec"] = _Model(path).export_type_vectors(vocab)
    np.savez_compressed(path, allow_pickle=False, **arrays)
    print(f"kept {len(kept_names)}/{len(names)} static features; wrote {path}")
    print(f"model size {path.stat().st_size / 1e6:.2f} MB")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--files", nargs="+", default=["train", "dev"], help="EWT splits to train on")
    ap.add_argument("--dev", default="", help="split to report accuracy on after each epoch")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    t0 = time.perf_counter()
    paths = [args.corpus / f"en_ewt-ud-{name}.conllu" for name in args.files]
    sents = load(paths)
    dev = load([args.corpus / f"en_ewt-ud-{args.dev}.conllu"]) if args.dev else []
    feats, weights = train(sents, args.epochs, dev)
    examples = lemma_examples(paths)
    lemmas = build_table(t for s in examples for t in s)
    cased = build_cased_table(examples, lemmas)
    counts = Counter(normalize(w.strip()) for s in sents for w, _, _ in s)
    vocab = sorted(w for w, c in counts.items() if c >= VOCAB_MIN_COUNT and w)
    export(feats, weights, lemmas, cased, vocab, args.out)
    print(f"training time {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
