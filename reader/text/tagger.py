"""Offline UPOS tagger and lemmatizer for already tokenized English sentences.

The model is a greedy averaged perceptron trained on UD English EWT by
scripts/train_tagger.py.  Its features are designed so that everything that
depends on words can be summed once per word type and offset (cached), leaving
only small tag-history tables for the left-to-right pass; sentences are tagged
in lock-step batches so numpy does the per-position work for all of them.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from reader.text.lemma import Lemmatizer, informative_capitals
from reader.text.spelling import load_word_lists
from reader.text.tag_features import (
    ALL_ROLES,
    MODE_ROLES,
    PAD_LEFT,
    PAD_RIGHT,
    ROLES,
    START,
    UPOS,
    feature_keys,
    normalize,
    pad_features,
    sentence_mode,
    shape,
    word_features,
)

_OFFSETS = np.array(ROLES, np.intp)  # neighbour offsets, in type_vec slot order
_SLOTS = np.arange(len(ROLES))
MODEL_PATH = Path(__file__).resolve().parent / "models" / "en_ewt_tagger.npz"
_MAX_TYPES = 150_000  # cached word types per process (about 70 MB) before a reset
_BATCH = 512  # sentences per lock-step batch; bounds the (tokens, 18, 17) buffer
_PROPN, _NOUN = UPOS.index("PROPN"), UPOS.index("NOUN")
# A PROPN whose NOUN score is this close behind (in unquantized perceptron units) and
# whose lowercase form EWT attests as a common noun is taken as a NOUN: capitalised
# common nouns ("Risk", "Restaurant") are the tagger's most costly error for lemmas.
# Chosen on EWT dev with a train-only model (see models/README.md).
PROPN_TO_NOUN_MARGIN = 10.0
# EWT tags file names ("CrudeStocks.pdf") NOUN or X, never PROPN.
_FILE_NAME = re.compile(
    r"\w[\w\-]*\.(pdf|docx?|xlsx?|pptx?|html?|jpe?g|png|gif|txt|zip|csv|wav|mp3|exe)", re.I
)

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.intp]


class _Model:
    """Weights plus a growing cache of per-word-type score vectors."""

    def __init__(self, path: Path) -> None:
        # Weights stay in quantized integer units (one shared scale cannot change an
        # argmax), so float32 sums are exact and precomputed type vectors match.
        with np.load(path) as data:
            meta = json.loads(data["meta"].tobytes().decode("utf-8"))
            static = data["static"].astype(np.float32)
            trans = data["trans"].astype(np.float32)
            self.pair = data["pair"].astype(np.float32)
            self.shape_w = data["shape"].astype(np.float32)
            type_vec = data.get("type_vec")
            scale = float(data["scale"][0]) if "scale" in data else 1.0
        self.propn_margin = PROPN_TO_NOUN_MARGIN / scale
        if tuple(meta["upos"]) != UPOS:
            raise ValueError(f"{path}: tag set does not match this code")
        nt1 = START + 1
        t1, t2, t12 = trans[:nt1], trans[nt1 : 2 * nt1], trans[2 * nt1 :].reshape(nt1, nt1, -1)
        # history table indexed [t2, t1]
        self.trans: Floats = t12 + t1[None, :, :] + t2[:, None, :]
        self.static: Floats = np.vstack([static, np.zeros((1, len(UPOS)), np.float32)])
        self.zero_row = len(static)
        self.feat_index: dict[str, int] = {f: i for i, f in enumerate(meta["features"])}
        self.pair_vocab: dict[str, int] = {w: i + 1 for i, w in enumerate(meta["pair_vocab"])}
        self.shape_vocab: dict[str, int] = {s: i + 1 for i, s in enumerate(meta["shape_vocab"])}
        self.lemmatizer = Lemmatizer(meta["lemmas"], meta.get("cased_lemmas"))
        self.types: dict[str, int] = {}
        self.n_types = 0
        vocab: list[str] = meta.get("vocab", []) if type_vec is not None else []
        cap = 4096 + len(vocab)
        # per word type and role (ALL_ROLES order): summed feature weights
        self.type_vec: Floats = np.zeros((cap, len(ALL_ROLES), len(UPOS)), np.float32)
        self.type_pair: Ints = np.zeros(cap, np.intp)
        self.type_shape: Ints = np.zeros(cap, np.intp)
        self.lock = threading.Lock()
        self._add_types([PAD_LEFT, PAD_RIGHT], pads=True)
        word_features("the")  # load lemminflect's and wordfreq's tables now, not mid-text
        load_word_lists()
        if type_vec is not None and vocab:
            self._add_types(vocab, precomputed=type_vec)
        self._base_types = dict(self.types)

    def export_type_vectors(self, words: list[str]) -> npt.NDArray[np.int32]:
        """Score vectors of frequent words, shipped so a fresh model skips their features."""
        with self.lock:
            ids = self.type_ids(words)
            return self.type_vec[ids].astype(np.int32)

    def _reserve(self, extra: int) -> None:
        """Grow the per-type arrays geometrically; readers keep valid old copies."""
        need = self.n_types + extra
        cap = len(self.type_pair)
        if need <= cap:
            return
        while cap < need:
            cap *= 2
        grown = np.zeros((cap, *self.type_vec.shape[1:]), np.float32)
        grown[: self.n_types] = self.type_vec[: self.n_types]
        self.type_vec = grown
        for name in ("type_pair", "type_shape"):
            old_ids: Ints = getattr(self, name)
            new_ids = np.zeros(cap, np.intp)
            new_ids[: self.n_types] = old_ids[: self.n_types]
            setattr(self, name, new_ids)

    def _add_types(
        self, words: list[str], pads: bool = False, precomputed: npt.NDArray[Any] | None = None
    ) -> None:
        """Sum feature weights for new word types, all roles at once."""
        self._reserve(len(words))
        first, end = self.n_types, self.n_types + len(words)
        if precomputed is None:
            # one gather and one segmented sum for all words and roles
            get, zero = self.feat_index.get, self.zero_row
            rows: list[int] = []
            bounds: list[int] = []
            for w in words:
                if pads:
                    keys = [f"{r}|{f}" for r in ALL_ROLES for f in pad_features(w)]
                    counts = [len(pad_features(w))] * len(ALL_ROLES)
                else:
                    keys, counts = feature_keys(w)
                start = len(rows)
                for count in counts:
                    bounds.append(start)
                    start += count
                rows += [get(k, zero) for k in keys]
            summed = np.add.reduceat(self.static[rows], bounds, axis=0)
            precomputed = summed.reshape(len(words), len(ALL_ROLES), -1)
        self.type_vec[first:end] = precomputed
        if not pads:
            pv, sv = self.pair_vocab, self.shape_vocab
            self.type_pair[first:end] = [pv.get(w.lower(), 0) for w in words]
            self.type_shape[first:end] = [sv.get(shape(w), 0) for w in words]
        self.n_types = end
        keys = ["\0" + w for w in words] if pads else words
        self.types.update(zip(keys, range(first, end), strict=True))

    def type_ids(self, words: list[str]) -> Ints:
        """Caller holds self.lock: a reset may renumber types."""
        types = self.types
        missing = [w for w in dict.fromkeys(words) if w not in types]
        if missing:
            if self.n_types + len(missing) > _MAX_TYPES:
                # A long session must not grow without bound: forget what this
                # session added (shipped words stay), then add what is needed now.
                types = self.types = dict(self._base_types)
                self.n_types = len(types)
                missing = [w for w in dict.fromkeys(words) if w not in types]
            self._add_types(missing)
        return np.fromiter((types[w] for w in words), np.intp, len(words))

    def _scores(self, sents: list[list[str]], modes: list[int]) -> tuple[Floats, Ints]:
        """Per token and previous tag, every score term except the t-2 interaction.

        Sentences are laid out with two pad words on each side, so a neighbour
        is simply the flat position plus its offset.
        """
        lp, rp = "\0" + PAD_LEFT, "\0" + PAD_RIGHT
        padded: list[str] = []
        tok: list[int] = []
        get, zero = self.feat_index.get, self.zero_row
        left_rows: list[int] = []
        right_rows: list[int] = []
        for words in sents:
            base = len(padded) + 2
            tok.extend(range(base, base + len(words)))
            padded += (lp, lp, *words, rp, rp)
            low = [PAD_LEFT, *(w.lower() for w in words), PAD_RIGHT]
            # inlined bigram_key(): this runs for every token
            mid = low[1:-1]
            left_rows += [get(f"-1|{a}\x01{b}", zero) for a, b in zip(low[:-2], mid, strict=True)]
            right_rows += [get(f"1|{a}\x01{b}", zero) for a, b in zip(mid, low[2:], strict=True)]
        ids = self.type_ids(padded)
        at = np.array(tok, np.intp)
        cur = ids[at]
        tv = self.type_vec  # read after type_ids(), which may have grown it
        scores = tv[ids[at[:, None] + _OFFSETS], _SLOTS].sum(axis=1)
        pairs = self.static[left_rows + right_rows]
        scores += pairs[: len(tok)] + pairs[len(tok) :]
        if any(modes):
            per_tok = np.repeat(modes, [len(w) for w in sents])
            for mode in MODE_ROLES:
                sel = np.flatnonzero(per_tok == mode)
                if len(sel):
                    scores[sel] += tv[cur[sel], ALL_ROLES.index(mode)]
        full = self.pair[self.type_pair[cur]]
        full += self.shape_w[self.type_shape[cur]]
        full += scores[:, None, :]
        return full, cur

    def tag_one(self, words: list[str], mode: int) -> list[int]:
        """Scalar loop: for one sentence numpy's fancy indexing costs more than it saves.

        ``mode`` is ``sentence_mode(words)``, which the caller needs as well.
        """
        with self.lock:
            full, _ = self._scores([words], [mode])
        trans = self.trans
        t1 = t2 = START
        out: list[int] = []
        for i in range(len(words)):
            sc = full[i, t1] + trans[t2, t1]
            best = int(sc.argmax())
            t2, t1 = t1, best
            if best == _PROPN and sc[_PROPN] - sc[_NOUN] < self.propn_margin:
                best = self._maybe_noun(words[i])
            out.append(best)
        return out

    def margins(self, words: list[str], mode: int) -> list[Floats]:
        """Per word, every tag's score minus the best one's at the step the tag was chosen
        (as :meth:`tag_one` decodes): 0 for the tag given, and how far behind each other was."""
        with self.lock:
            full, _ = self._scores([words], [mode])
        trans = self.trans
        t1 = t2 = START
        out: list[Floats] = []
        for i in range(len(words)):
            sc = full[i, t1] + trans[t2, t1]
            best = int(sc.argmax())
            t2, t1 = t1, best
            out.append(sc - sc[best])
        return out

    def _maybe_noun(self, word: str) -> int:
        """NOUN for a near-tie PROPN that EWT knows as a common noun (history keeps PROPN)."""
        known = self.lemmatizer.known(word.lower(), "NOUN")
        return _NOUN if known else _PROPN

    def tag_batch(self, sents: list[list[str]], modes: list[int]) -> list[list[int]]:
        """Greedy decoding of many sentences in lock-step, longest first."""
        order = sorted(range(len(sents)), key=lambda k: -len(sents[k]))
        ordered = [sents[k] for k in order]
        lens = np.array([len(s) for s in ordered], np.intp)
        with self.lock:
            full, _ = self._scores(ordered, [modes[k] for k in order])
        n = len(full)
        starts = np.zeros(len(order), np.intp)
        np.cumsum(lens[:-1], out=starts[1:])
        tags = np.empty(n, np.intp)
        close = np.zeros(n, bool)
        t1 = np.full(len(order), START, np.intp)
        t2 = t1.copy()
        trans = self.trans
        active = len(order)
        for p in range(int(lens[0]) if n else 0):
            while lens[active - 1] <= p:
                active -= 1
            rows = starts[:active] + p
            a1, a2 = t1[:active], t2[:active]
            sc = full[rows, a1] + trans[a2, a1]
            best = sc.argmax(axis=1)
            tags[rows] = best
            close[rows] = sc[:, _PROPN] - sc[:, _NOUN] < self.propn_margin
            t2[:active] = a1
            t1[:active] = best
        out: list[list[int]] = [[] for _ in sents]
        flat = tags.tolist()
        words = [w for s in ordered for w in s]
        for i in np.flatnonzero(close & (tags == _PROPN)).tolist():
            flat[i] = self._maybe_noun(words[i])
        for k, s, ln in zip(order, starts.tolist(), lens.tolist(), strict=True):
            out[k] = flat[s : s + ln]
        return out


_model: _Model | None = None
_load_lock = threading.Lock()


def _get_model() -> _Model:
    global _model
    if _model is None:
        with _load_lock:
            if _model is None:
                _model = _Model(MODEL_PATH)
    return _model


# fmt: off
_NUMBER_PARTS = frozenset({
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    "hundred", "thousand", "million", "billion", "trillion", "half", "halves", "third", "thirds",
    "quarter", "quarters", "first", "second", "fourth", "fifth", "sixth", "seventh", "eighth",
    "ninth", "tenth",
})
# fmt: on
_ATTRIBUTIVE_HEADS = frozenset({"NOUN", "PROPN", "ADJ", "NUM"})


def is_worded_phrase(word: str) -> bool:
    """Is a hyphenated token a phrase written in words ("one-on-one", "one-to-one", "two-way")
    rather than a number ("twenty-one", "one-third") or a code or date ("01-Feb-02")?"""
    parts = word.lower().split("-")
    return all(p.isalpha() for p in parts) and not all(p in _NUMBER_PARTS for p in parts)


def _modifier_tag(uposes: list[str], i: int) -> str:
    """The tagger reads "one-on-one" as a number by its first part; before a noun it describes
    it ("one-on-one summits"), elsewhere it says how ("they met one-on-one")."""
    following = uposes[i + 1] if i + 1 < len(uposes) else ""
    return "ADJ" if following in _ATTRIBUTIVE_HEADS else "ADV"


def _clean(word: object) -> str:
    text = word if isinstance(word, str) else str(word)
    return normalize(text.strip()) or "_"


def tag_sentences(sentences: Iterable[Sequence[str]]) -> list[list[tuple[str, str]]]:
    """Batching many sentences is several times faster than tag_words in a loop."""
    raw = [list(s) for s in sentences]
    if not raw:
        return []
    model = _get_model()
    lemma = model.lemmatizer
    result: list[list[tuple[str, str]]] = []
    for b in range(0, len(raw), _BATCH):
        chunk = raw[b : b + _BATCH]
        cleaned = [[_clean(w) for w in s] for s in chunk if s]
        modes = [sentence_mode(c) for c in cleaned]
        tagged_iter = iter(
            [model.tag_one(cleaned[0], modes[0])]
            if len(cleaned) == 1
            else model.tag_batch(cleaned, modes)
        )
        clean_iter = iter(zip(cleaned, modes, strict=True))
        for words in chunk:
            if not words:
                result.append([])
                continue
            tags = next(tagged_iter)
            uposes = [UPOS[t] for t in tags]
            texts = [w if isinstance(w, str) else str(w) for w in words]
            clean, mode = next(clean_iter)
            for i, w in enumerate(clean):
                if "." in w and uposes[i] == "PROPN" and _FILE_NAME.fullmatch(w):
                    uposes[i] = "NOUN"
                elif uposes[i] == "NUM" and "-" in w and is_worded_phrase(w):
                    uposes[i] = _modifier_tag(uposes, i)
            caps = informative_capitals(clean, mode)
            result.append(
                [(u, lemma(w, u, c)) for w, u, c in zip(texts, uposes, caps, strict=True)]
            )
    return result


def tag_words(words: Sequence[str], lang: str = "en") -> list[tuple[str, str]]:
    """One (UPOS, lemma) pair per word of an already tokenized sentence."""
    if not words:
        return []
    return tag_sentences([words])[0]


def tag_margins(words: Sequence[str]) -> list[dict[str, float]]:
    """Per word of a tokenized sentence, how far behind the tag it was given each other tag's
    score was (0.0 for the tag given; perceptron units, unnormalized). The sense ranker lets a
    word's other parts of speech compete when the tagger was nearly undecided ("referred to
    research": NOUN just behind VERB)."""
    if not words:
        return []
    model = _get_model()
    cleaned = [_clean(w) for w in words]
    found = model.margins(cleaned, sentence_mode(cleaned))
    return [{UPOS[t]: float(row[t]) for t in range(len(UPOS))} for row in found]


def lemma_of(word: str, upos: str) -> str:
    """The lemma the tagger gives ``word`` when it is tagged ``upos`` (for a word typed with
    its part of speech at the command line, as the reader would lemmatize it in a sentence)."""
    return _get_model().lemmatizer(_clean(word), upos)
