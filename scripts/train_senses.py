"""Train the sense ranker that ships as ``reader/lexicon/models/senses.npz``.

    python scripts/train_senses.py [--semcor FILE] [--wordnet DIR] [--out FILE]
    python scripts/train_senses.py --heldout     # tune and report on held-out SemCor documents

Input: SemCor 3.0 with WordNet 3.0 sense keys (``../shared/corpus/wsd/semcor30.jsonl.gz``) and
WordNet 3.0 itself (Debian's wordnet-base, or NLTK's data). Both are (c) Princeton University
under the WordNet licence. The model (see :mod:`reader.lexicon.senses.model`) is, for every
sense of a word with more than one: counts of the context features SemCor saw it with, plus its
WordNet signature (definition, example, synonyms, hypernyms, domain) as pseudo-counts, turned
into Dirichlet-smoothed log boosts against the whole corpus (WordNet's example sentences count
as tagged occurrences too: ``senses_examples.py``); a prior from its SemCor count, smoothed
toward WordNet's sense order; and, for words SemCor tagged often, IMS's linear classifiers,
whose decision values are added to the score (``senses_ims.py``).

``--heldout`` keeps every fifth SemCor document out of training, picks the hyper-parameters on
them (never on SemEval), and prints the accuracy beside WordNet's first sense
(``senses_heldout.py``). The shipped model
is then trained on all of SemCor with the chosen values (the defaults below). Same input, same
bytes: everything is sorted and the zip entries carry a fixed date.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import re
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

import senses_examples as wn_examples  # noqa: E402
import senses_ims as ims  # noqa: E402

from reader.learn.phrases import PARTICLES  # noqa: E402
from reader.lexicon.senses.features import STOPWORDS, features  # noqa: E402
from reader.lexicon.senses.model import name_id, sense_class  # noqa: E402
from reader.lexicon.wndb import Parsed, domain_names, domain_of, open_wordnet, parse, sense_key  # noqa: E402

SEMCOR = REPO.parent / "shared" / "corpus" / "wsd" / "semcor30.jsonl.gz"
OUT = REPO / "reader" / "lexicon" / "models" / "senses.npz"
SS_UPOS = {"1": "NOUN", "2": "VERB", "3": "ADJ", "4": "ADV", "5": "ADJ"}
UPOS_SUFFIX = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}
HELD_OUT_EVERY = 5
# A sense's signature: its words and gloss, and the words of the synsets these point to (its
# hypernyms, instance-of, topic domain, a satellite's head). Derivationally related words and
# the hypernyms' definitions were tried: no better on held-out SemCor.
SIGNATURE_POINTERS = ("@", "@i", ";c", "&")
DOMAIN_LABEL = re.compile(r"^\([a-z][a-z -]*\)\s")  # as reader.lexicon.senses.fit's


@dataclass(frozen=True)
class Params:
    mu: float = 100.0  # smoothing of a word's own context model toward the whole corpus
    damp: float = 400.0  # features a sense must have seen before its own rates are trusted
    weight: float = 0.7  # context against prior
    gloss: float = 1.0  # pseudo-count of each signature word
    local: float = 1.0  # collocations and the word's own form, against the sentence's words
    classes: float = 0.3  # the sense's lexicographer class, against its own word's evidence
    class_floor: float = 0.05  # weighted class boosts below this are dropped from the file
    smooth: float = 4.0  # prior pseudo-count, shared out by WordNet's sense order
    boost_floor: float = 0.05  # boosts below this are dropped from the file (size)
    examples: float = 1.0  # weight of a WordNet example sentence against a SemCor occurrence
    ims: float = 2.0  # weight of IMS's decision values in the score (0: no classifiers)


GRID = {
    "damp": [100.0, 400.0],
    "weight": [0.4, 0.5, 0.7],
    "smooth": [1.0, 4.0],
}


@dataclass
class WordNet:
    composed: dict[str, list[str]] = field(default_factory=dict)  # term -> its words' senses
    names: dict[str, list[str]] = field(default_factory=dict)  # "sunday" -> capitalized senses
    senses_of: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    signature: dict[str, list[str]] = field(default_factory=dict)  # key -> lemmas
    domains: dict[str, list[str]] = field(default_factory=dict)  # topic domain -> its words
    domain_of: dict[str, str] = field(default_factory=dict)  # sense key -> its topic domain
    labelled: set[str] = field(default_factory=set)  # keys whose definition names the domain


_TOKEN = re.compile(r"[a-z][a-z'-]*[a-z]")
_lemma_cache: dict[str, str] = {}


def lemma_of(word: str) -> str:
    """A gloss word's lemma, as the reader's lemmatizer would give for a noun, verb or adjective."""
    found = _lemma_cache.get(word)
    if found is None:
        from lemminflect import getAllLemmas

        lemmas = getAllLemmas(word) or {}
        found = word
        for upos in ("NOUN", "VERB", "ADJ", "ADV"):
            if lemmas.get(upos):
                found = str(lemmas[upos][0]).lower()
                break
        _lemma_cache[word] = found
    return found


def words_of(text: str) -> list[str]:
    return [lemma_of(w) for w in _TOKEN.findall(text.lower().replace("_", " "))]


def load_wordnet(directory: Path) -> WordNet:
    files = open_wordnet(directory)
    if files is None:
        raise SystemExit(f"no WordNet at {directory}")
    parsed = parse(files)
    adjectives = parsed.synsets["ADJ"]
    hypernyms: dict[tuple[str, str], list[tuple[str, str]]] = {}
    kind_of: dict[tuple[str, str], list[tuple[str, str]]] = {}  # hypernyms and instance-of
    pos_of = {"n": "NOUN", "v": "VERB", "a": "ADJ", "s": "ADJ", "r": "ADV"}
    for upos, suffix in UPOS_SUFFIX.items():
        for line in files.lines(f"data.{suffix}"):
            fields = line.partition(" | ")[0].split(" ")
            at = 4 + 2 * int(fields[3], 16)
            count = int(fields[at])
            pointers = fields[at + 1 : at + 1 + 4 * count]
            hypernyms[(upos, fields[0])] = [
                (pos_of[pointers[i + 2]], pointers[i + 1])
                for i in range(0, len(pointers), 4)
                if pointers[i] in SIGNATURE_POINTERS
            ]
            kind_of[(upos, fields[0])] = [
                (pos_of[pointers[i + 2]], pointers[i + 1])
                for i in range(0, len(pointers), 4)
                if pointers[i] in ("@", "@i")
            ]
    domains = {
        offset: synset.words[0].lower()
        for table in parsed.synsets.values()
        for synset in table.values()
        for offset in synset.domains
        if offset in parsed.synsets["NOUN"]
    }
    wordnet = WordNet()
    wordnet.composed = composed_terms(parsed, kind_of)
    wordnet.names = common_names(parsed)
    wordnet.domains = domain_words(parsed)
    names = domain_names(parsed)
    labels = frozenset(w.lower() for o in names for w in parsed.synsets["NOUN"][o].words)
    for headword in sorted(parsed.senses):
        for upos, offsets in parsed.senses[headword]:
            if len(offsets) < 2:
                continue
            keys: list[str] = []
            for offset in offsets:
                synset = parsed.synsets[upos][offset]
                key = sense_key(headword, synset, adjectives)
                if key is None:
                    continue
                keys.append(key)
                if (domain := domain_of(synset, names, labels)) is not None:
                    wordnet.domain_of[key] = domain
                    if DOMAIN_LABEL.match(synset.definition):
                        wordnet.labelled.add(key)
                text = [synset.definition, synset.example or "", *synset.words]
                for target_pos, target in hypernyms.get((upos, offset), []):
                    related = parsed.synsets[target_pos].get(target)
                    if related is not None:
                        text += related.words
                text += [domains[d] for d in synset.domains if d in domains]
                own = set(headword.split())
                wordnet.signature[key] = sorted(
                    {
                        w
                        for w in words_of(" ".join(text))
                        if w not in STOPWORDS and w not in own and len(w) > 1
                    }
                )
            wordnet.senses_of[(headword, upos)] = keys
    return wordnet


def composed_terms(
    parsed: Parsed, kind_of: dict[tuple[str, str], list[tuple[str, str]]]
) -> dict[str, list[str]]:
    """Multi-word terms none of whose senses is the term's own, as
    :meth:`reader.learn.phrases.PhraseIndex.from_db` wants them, each with the senses of its
    words that its own senses are (in the term's sense order): in every sense either one of the
    term's words alone means the same (the synset {subscribe, subscribe to}, {belong, belong
    to}), or the term is a noun and a kind of its last word ("business executive", an
    executive; "merit system", a system). The words say it, each glossed for the sentence, and
    the term there tells which of the word's senses it is. A phrasal verb with a particle
    ("shore up") stays a term: a learner learns it whole, and its particle alone means little.
    """
    adjectives = parsed.synsets["ADJ"]
    found: dict[str, list[str]] = {}
    for headword in sorted(parsed.senses):
        words = headword.split()
        if len(words) < 2:
            continue
        own = False
        meant: list[str] = []
        for upos, offsets in parsed.senses[headword]:
            for offset in offsets:
                synset = parsed.synsets[upos][offset]
                written = next((w for w in synset.words if w.lower() == headword), headword)
                if written != written.lower():
                    own = True  # a name ("Victory Day"): its words, names too, say nothing
                    continue
                alone = sorted({w.lower() for w in synset.words if " " not in w} & set(words))
                if alone and not (upos == "VERB" and words[-1] in PARTICLES):
                    meant += [k for w in alone if (k := sense_key(w, synset, adjectives))]
                    continue
                kinds = [parsed.synsets[p].get(o) for p, o in kind_of.get((upos, offset), [])]
                heads = [
                    k for k in kinds if k is not None and words[-1] in (w.lower() for w in k.words)
                ]
                if upos == "NOUN" and heads:
                    meant += [k for h in heads if (k := sense_key(words[-1], h, adjectives))]
                    continue
                own = True
        if not own:
            found[headword] = list(dict.fromkeys(meant))
    return found


def common_names(parsed: Parsed) -> dict[str, list[str]]:
    """One-word headwords with senses WordNet writes capitalized that name no one particular
    thing ("Sunday", "English", "Korean": a day, a language, a people), each with those senses'
    keys, as :func:`reader.lexicon.senses.model.common_names` wants them. An instance
    ("England", a country) is a name, and not among them."""
    adjectives = parsed.synsets["ADJ"]
    found: dict[str, list[str]] = {}
    for headword in sorted(parsed.senses):
        if " " in headword:
            continue
        for upos, offsets in parsed.senses[headword]:
            for offset in offsets:
                synset = parsed.synsets[upos][offset]
                written = next((w for w in synset.words if w.lower() == headword), headword)
                if synset.instance or written != written.capitalize() or written.islower():
                    continue  # "XI" (eleven) is no common word read as the name "Xi"
                if (key := sense_key(headword, synset, adjectives)) is not None:
                    found.setdefault(headword, []).append(key)
    return found


def domain_words(parsed: Parsed) -> dict[str, list[str]]:
    """The words that point to each topic domain, as :mod:`reader.lexicon.senses.fit` wants
    them: one-word headwords with at least half their senses in the domain ("software",
    "compiler"), and a one-word domain's own name ("geology")."""
    names = domain_names(parsed)
    labels = frozenset(w.lower() for o in names for w in parsed.synsets["NOUN"][o].words)
    words: dict[str, set[str]] = defaultdict(set)
    for headword, blocks in parsed.senses.items():
        found = [
            domain_of(parsed.synsets[upos][offset], names, labels)
            for upos, offsets in blocks
            for offset in offsets
        ]
        for domain in {d for d in found if d is not None}:
            if " " not in domain:
                words[domain].add(domain)
            if " " not in headword and 2 * found.count(domain) >= len(found):
                words[domain].add(headword)
    return {domain: sorted(found) for domain, found in sorted(words.items())}


@dataclass(frozen=True)
class Example:
    doc: str
    lemma: str
    upos: str
    gold: tuple[str, ...]
    features: tuple[str, ...]
    ambiguous: bool = True  # else it only teaches its sense's lexicographer class


def read_semcor(path: Path, wordnet: WordNet) -> list[Example]:
    """Every tagged word of a lemma with more than one sense, with its context features."""
    examples: list[Example] = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            sentence = json.loads(line)
            words: list[str] = []
            forms: list[str] = []
            spans: list[range] = []
            for form, lemma, ptb, _ in sentence["tokens"]:
                parts = (lemma or form).lower().split("_")
                written = form.lower().split("_")
                if (ptb or "").startswith("NNP") or len(parts) != len(written):
                    parts = written  # a name SemCor lemmatized as its class ("group")
                start = len(words)
                words += parts
                forms += written
                spans.append(range(start, len(words)))
            for (form, _lemma, ptb, keys), span in zip(sentence["tokens"], spans, strict=True):
                if not keys:
                    continue
                name, _, rest = keys[0].partition("%")
                headword, upos = name.replace("_", " "), SS_UPOS.get(rest[:1], "")
                if (ptb or "").startswith("NNP") and headword not in form.lower().replace("_", " "):
                    continue
                candidates = wordnet.senses_of.get((headword, upos))
                gold = tuple(k for k in keys if candidates and k in candidates)
                found = tuple(features(words, list(span), forms))
                if gold:
                    examples.append(Example(sentence["doc"], headword, upos, gold, found))
                elif upos:
                    examples.append(
                        Example(sentence["doc"], headword, upos, keys[:1], found, False)
                    )
    return examples


@dataclass
class Counts:
    sense: Counter[str] = field(default_factory=Counter)
    pairs: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    background: Counter[str] = field(default_factory=Counter)
    classes: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    kinds: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


def count(
    examples: list[Example],
    wordnet: WordNet,
    extra: Sequence[wn_examples.Occurrence] = (),
    weight: float = 1.0,
) -> Counts:
    """SemCor's counts, and WordNet's example sentences (``extra``) counted ``weight`` each as
    occurrences of their senses' features (never of their priors: WordNet gives every sense an
    example or none, whatever its use)."""
    counts = Counts()
    for example in examples:
        key = example.gold[0]
        general = [f for f in example.features if not f.startswith("W=")]
        counts.classes[sense_class(key)].update(general)
        counts.kinds[sense_class(key).split(":")[0]].update(general)
        if not example.ambiguous:
            continue
        counts.sense[key] += 1
        counts.pairs[key].update(example.features)
        counts.background.update(example.features)
    for occurrence in extra:
        for feature in occurrence.features:
            counts.pairs[occurrence.key][feature] += weight
            counts.background[feature] += weight
    for words in wordnet.signature.values():
        counts.background.update(words)
    return counts


class Scorer:
    """The model's formula over plain dicts, for tuning; the shipped arrays hold the same.

    A feature's boost for a sense is ``log(1 + P(f | sense) / P(f | word))``: how much likelier
    the feature is with this sense than with the word in general. The sense's rate is damped
    (``damp`` phantom features) so one example does not make a sense; the word's rate is smoothed
    toward the whole corpus (``mu``). Only features seen with a sense count for it, so a sense is
    never punished for words nobody saw.
    """

    def __init__(self, wordnet: WordNet, counts: Counts, params: Params) -> None:
        self.wordnet, self.counts, self.p = wordnet, counts, params
        self.total = sum(counts.background.values())
        self.vocabulary = len(counts.background)
        self._signature = {k: set(v) for k, v in wordnet.signature.items()}
        self._rows: dict[str, tuple[dict[str, float], float]] = {}
        self._word: dict[tuple[str, str], tuple[Counter[str], float]] = {}
        self._boosts: dict[str, dict[str, float]] = {}
        self._classes: dict[str, dict[str, float]] = {}

    def background(self, feature: str) -> float:
        return (self.counts.background.get(feature, 0) + 1) / (self.total + self.vocabulary)

    def prior(self, key: str, rank: int, size: int) -> float:
        share = self.p.smooth * (1 / rank) / sum(1 / r for r in range(1, size + 1))
        return math.log(self.counts.sense.get(key, 0) + share)

    def row(self, key: str) -> tuple[dict[str, float], float]:
        """A sense's feature pseudo-counts and their total."""
        found = self._rows.get(key)
        if found is None:
            seen: dict[str, float] = dict(self.counts.pairs.get(key, {}))
            for word in self._signature.get(key, ()):
                seen[word] = seen.get(word, 0.0) + self.p.gloss
            found = self._rows[key] = (seen, sum(seen.values()))
        return found

    def word(self, lemma: str, upos: str) -> tuple[Counter[str], float]:
        found = self._word.get((lemma, upos))
        if found is None:
            together: Counter[str] = Counter()
            for key in self.wordnet.senses_of[(lemma, upos)]:
                together.update(self.row(key)[0])
            found = self._word[(lemma, upos)] = (together, sum(together.values()))
        return found

    def boosts(self, lemma: str, upos: str, key: str) -> dict[str, float]:
        cached = self._boosts.get(key)
        if cached is not None:
            return cached
        seen, size = self.row(key)
        together, total = self.word(lemma, upos)
        out: dict[str, float] = {}
        for feature, n in seen.items():
            general = (together[feature] + self.p.mu * self.background(feature)) / (
                total + self.p.mu
            )
            scale = self.p.local if "=" in feature else 1.0
            out[feature] = scale * math.log(1 + (n / (size + self.p.damp)) / general)
        self._boosts[key] = out
        return out

    def class_boosts(self, name: str) -> dict[str, float]:
        """``log(1 + P(f | class) / P(f | part of speech))`` for the features seen with a class:
        naive Bayes with the class's rates mixed half and half with its part of speech's."""
        cached = self._classes.get(name)
        if cached is None:
            seen = self.counts.classes.get(name, Counter())
            kind = self.counts.kinds.get(name.split(":")[0], Counter())
            size, kind_size = sum(seen.values()) or 1, sum(kind.values()) + len(kind) + 1
            cached = {
                f: math.log(1 + (n / size) / ((kind[f] + 1) / kind_size))
                for f, n in seen.items()
                if n > 1
            }
            self._classes[name] = cached
        return cached

    def scores(self, lemma: str, upos: str, context: tuple[str, ...]) -> list[float]:
        """The word's senses' scores, in WordNet's order."""
        keys = self.wordnet.senses_of[(lemma, upos)]
        unique = list(dict.fromkeys(context))
        found: list[float] = []
        for rank, key in enumerate(keys, start=1):
            boosts = self.boosts(lemma, upos, key)
            fit = sum(boosts.get(f, 0.0) for f in unique)
            if self.p.classes:
                kind = self.class_boosts(sense_class(key))
                fit += self.p.classes * sum(kind.get(f, 0.0) for f in unique)
            found.append(self.prior(key, rank, len(keys)) + self.p.weight * fit)
        return found

    def ranked(self, lemma: str, upos: str, context: tuple[str, ...]) -> list[str]:
        """The word's sense keys, best first (ties keep WordNet's order)."""
        keys = self.wordnet.senses_of[(lemma, upos)]
        found = self.scores(lemma, upos, context)
        return [keys[i] for i in sorted(range(len(keys)), key=lambda i: -found[i])]

    def best(self, lemma: str, upos: str, context: tuple[str, ...]) -> str:
        return self.ranked(lemma, upos, context)[0]


def build(wordnet: WordNet, counts: Counts, params: Params) -> dict[str, np.ndarray]:
    """The arrays of :class:`reader.lexicon.senses.model.SenseModel`, sorted, so deterministic.

    Features are named by their CRC-32 (:func:`reader.lexicon.senses.model.name_id`), so the
    reader loads no feature vocabulary; the rare feature that shares a sense's CRC with another
    adds their boosts. Sense keys are kept as text, in order.
    """
    scorer = Scorer(wordnet, counts, params)
    senses: list[tuple[str, float, str, str]] = []
    for (lemma, upos), keys in sorted(wordnet.senses_of.items()):
        for rank, key in enumerate(keys, start=1):
            senses.append((key, scorer.prior(key, rank, len(keys)), lemma, upos))
    indptr = [0]
    feature_ids: list[int] = []
    boosts: list[float] = []
    for key, _, lemma, upos in senses:
        merged: dict[int, float] = defaultdict(float)
        for feature, boost in scorer.boosts(lemma, upos, key).items():
            if boost >= params.boost_floor:
                merged[name_id(feature)] += boost
        for feature_id in sorted(merged):
            feature_ids.append(feature_id)
            boosts.append(merged[feature_id])
        indptr.append(len(feature_ids))
    domains = "\n".join(f"{d}\t{' '.join(w)}" for d, w in wordnet.domains.items())
    class_names = sorted(counts.classes)
    class_indptr = [0]
    class_ids: list[int] = []
    class_boosts: list[float] = []
    for name in class_names:
        merged = defaultdict(float)
        for feature, boost in scorer.class_boosts(name).items():
            if boost * params.classes >= params.class_floor:
                merged[name_id(feature)] += boost * params.classes
        class_ids += sorted(merged)
        class_boosts += [merged[i] for i in sorted(merged)]
        class_indptr.append(len(class_ids))
    return {
        "keys": np.frombuffer("\n".join(k for k, *_ in senses).encode("utf-8"), dtype=np.uint8),
        "prior": np.asarray([p for _, p, _, _ in senses], dtype=np.float32),
        "seen": np.asarray(
            [min(counts.sense.get(k, 0), 65535) for k, *_ in senses], dtype=np.uint16
        ),
        "indptr": np.asarray(indptr, dtype=np.int32),
        "feature_ids": np.asarray(feature_ids, dtype=np.uint32),
        "boosts": np.asarray(boosts, dtype=np.float16),
        "weight": np.asarray([params.weight], dtype=np.float32),
        "domains": np.frombuffer(domains.encode("utf-8"), dtype=np.uint8),
        "composed": _table(wordnet.composed),
        "names": _table(wordnet.names),
        "class_names": np.frombuffer("\n".join(class_names).encode("utf-8"), dtype=np.uint8),
        "class_indptr": np.asarray(class_indptr, dtype=np.int32),
        "class_ids": np.asarray(class_ids, dtype=np.uint32),
        "class_boosts": np.asarray(class_boosts, dtype=np.float16),
    }


def _table(rows: dict[str, list[str]]) -> np.ndarray:
    """``word<TAB>key key ...`` lines as bytes, in the dict's (sorted) order."""
    text = "\n".join(f"{word}\t{' '.join(keys)}" for word, keys in rows.items())
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


def save(path: Path, arrays: dict[str, np.ndarray]) -> None:
    """An .npz numpy reads, written with fixed zip dates so the bytes depend on the data only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name in sorted(arrays):
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, arrays[name], allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, buffer.getvalue(), compresslevel=9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--semcor", type=Path, default=SEMCOR)
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--heldout", action="store_true", help="tune on held-out SemCor only")
    parser.add_argument("--quick", action="store_true", help="--heldout with the defaults only")
    args = parser.parse_args()
    if not args.semcor.is_file():
        raise SystemExit(f"no SemCor at {args.semcor} (../shared/corpus/wsd/semcor30.jsonl.gz)")
    wordnet = load_wordnet(args.wordnet)
    examples = read_semcor(args.semcor, wordnet)
    ambiguous = sum(e.ambiguous for e in examples)
    print(f"{ambiguous} ambiguous tagged words, {len(wordnet.signature)} senses", flush=True)
    extra = wn_examples.occurrences(args.wordnet, wordnet.senses_of)
    print(f"{len(extra)} WordNet example sentences as tagged words", flush=True)
    instances = ims.read(args.semcor, wordnet.senses_of)
    if args.heldout:
        from senses_heldout import held_out

        held_out(wordnet, examples, instances, extra, grid=not args.quick)
        return
    params = Params()
    arrays = build(wordnet, count(examples, wordnet, extra, params.examples), params)
    if params.ims:
        arrays.update(ims.arrays(ims.trained_with(instances, extra), params.ims))
    save(args.out, arrays)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
