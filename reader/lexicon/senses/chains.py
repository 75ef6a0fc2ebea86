"""Lexical chains: the other words of a text that vouch for one sense of a word.

SemCor, the 1960s corpus the model learned from, seldom has a news article's senses: "summit"
is a mountain top there, "dialogue" a conversation. One sentence ("We saw him hold summits with
Xi") cannot say otherwise; the whole article can, for it also says "talks", "meeting",
"leaders". A sense is supported by the text's other content words that WordNet links to it
(Barzilay and Elhadad 1997; Galley and McKeown 2003), one or two links away, never by a random
walk over the whole graph (UKB's personalized PageRank was tried in session 3 and scored 40 %
alone):

- the same synset (a synonym: "talks" for {negotiation, dialogue, talks}),
- a hypernym or a hyponym ("meeting" for the summit that is a kind of meeting),
- a sibling, a word sharing a hypernym with it (unless that hypernym has more than ``HUB``
  hyponyms, where sharing says little),
- another WordNet link: derivation ("negotiate"), part or member, similar-to, topic domain,
- a word of its definition ("leaders" for "a meeting of high-level leaders").

Each supporting word counts once per relation, by how rare it is (a word in every text tells
nothing) and how likely it is to be in the linking synset, and the sense's support is capped:

    CHAIN * min(sum over supporting words v of strength(relation) * rarity(v) * share(v), CAP)
    rarity(v) = max(0, ZIPF_TOP - wordfreq's Zipf frequency of v)
    share(v, synset) = (count(v, synset) + SMOOTH) / (count(v) + SMOOTH * v's synsets)

is added to the score the model gives a noun's sense in its sentence
(:meth:`reader.lexicon.senses.model.SenseModel.scores`; nouns only, see ``TARGETS``). The text
is the window around the sentence, not the whole of a book (``BLOCK``, ``REACH``): the per-text
pass (:func:`reader.lexicon.senses.text_pass.text_evidence`) cuts it into blocks, and a
window's sums are made when a sentence in it is first ranked, then kept; a lookup then costs a
dictionary read per sense. The links are WordNet's, shipped in
``reader/lexicon/models/chains.npz`` (``scripts/senses_chains.py``), since the lexicon database
keeps no synset links.

**As shipped** (held-out SemCor, ``scripts/senses_chains_heldout.py --block 200 --reach 1
--per-doc``: every fifth document, 36,183 ambiguous words, the model as shipped trained on the
rest, each document a text read in windows): sentence by sentence 68.34 %, with one sense per
discourse 68.49 %, with the chains too **68.83 %**. SemEval-2007 as shown (``bench/senses.py``):
59.8 % without, **60.0 %** with (flights and activity right, cause wrong). With nouns only and
windows, the weights were swept again (CHAIN, then CAP 2 / 4 / 8): 0.5: 68.63, 68.66, 68.68;
0.75: 68.70, 68.74, 68.73; 1.0: 68.75, 68.81, 68.78; **1.5: 68.83**, 68.81, 68.79; 2.0: 68.73,
68.70, 68.67. SemEval-2007 as shown at 0.75/4, 1.0/4, **1.5/2**: 60.0, 59.8, **60.0 %**. All of
SemCor read as one book (``--block 200 --reach 1``): 68.81 % as shipped (68.84 % with the chains
on every part of speech), while the whole book as one text (``--span 50``, no windows) fell to
67.53 %, and 5 documents to 68.24 %.

| blocks of N content words, reach 1 (all parts of speech) | SemCor as a book | each document |
|---|---|---|
| 100 | 68.74 | |
| 150 | | 68.78 |
| **200** (reach 2) | **68.84** | **68.82** (68.83) |
| 300 | 68.79 | |
| 600 | 68.73 | |
| 1,000 | 68.51 | |

The sweeps below were run before the windows and the nouns-only rule, each document its own
text, each parameter alone, the others as chosen (CHAIN 0.5, CAP 2 and a supporting word shared
equally among its synsets when the rows below the CHAIN rows were run; figures with one sense
per discourse on; they measure the relations, which the later changes did not touch):

| parameter | values → accuracy (%) |
|---|---|
| CHAIN 0.25, CAP 2 / 4 / 8 | 68.66, 68.70, 68.71 |
| CHAIN 0.5, CAP 2 / 4 / 8 / none | 68.75, 68.78, 68.81, 68.81 |
| **CHAIN 0.75**, CAP 2 / **4** / 8 | 68.75, **68.80**, 68.79 |
| CHAIN 1.0, CAP 2 / 4 / 8 | 68.72, 68.73, 68.71 |
| CHAIN 2.0, CAP 2 | 68.16 |
| SYNONYM | 0: 68.73, 0.5: 68.75, **1: 68.75**, 2: 68.71 |
| HYPERNYM | 0: 68.73, 0.35: 68.76, **0.7: 68.75**, 1.4: 68.75 |
| HYPONYM | 0: 68.72, 0.35: 68.75, **0.7: 68.75**, 1.4: 68.74 |
| SIBLING | 0: 68.74, 0.15: 68.76, **0.3: 68.75**, 0.6: 68.77 |
| LINK | 0: 68.73, 0.25: 68.74, **0.5: 68.75**, 1: 68.74 |
| GLOSS | 0: 68.63, 0.15: 68.66, **0.3: 68.75**, 0.6: 68.65 |
| ZIPF_TOP | 5: 68.64, **6: 68.75**, 7: 68.65 |
| share: v's synsets ** -power (uniform 1/n at 1) | 0: 68.70, 0.5: 68.69, 1: 68.75 |
| SMOOTH (counts; at CHAIN 0.75, CAP 4) | 0.25: 68.82, **1: 68.80**, 4: 68.79, inf (1/n): 68.80 |
| HUB | 0: 68.74, 20: 68.74, **50: 68.75**, 200: 68.69 |

Each relation adds a little and none carries it alone; the definition's words add most. Sharing
a supporting word among its synsets by WordNet's counts rather than equally measures the same on
SemCor (68.80 % both) and is the more precise ("meeting" is mostly a gathering, seldom a
junction), so it was kept. WordNet's counts include the held-out documents, as its sense order
does; here they only weigh the other words. Also tried: the support divided by how many links
the sense has (its "reach", power 0.25 or 0.5): no better (68.74, 68.73).
"""

from __future__ import annotations

import functools
import math
import threading
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import cast

import numpy as np
import numpy.typing as npt

from reader.lexicon.senses.features import content_word
from reader.lexicon.senses.model import name_id

CHAINS_FILE = "chains.npz"
ENABLED = True
"""Off only to measure what the chains add (``bench/senses.py --without chains``)."""
CHAIN = 1.5
"""The model's log units per unit of capped support."""
CAP = 2.0
"""Support counts up to this much."""
ZIPF_TOP = 6.0
"""Words at least this common (Zipf scale: "state", "official" are 5-6) support nothing."""
SMOOTH = 1.0
"""A supporting word counts in each of its synsets by how often WordNet's tagged texts had it
there, smoothed by this many: "meeting" is mostly a gathering, seldom a junction (infinite:
equally in each, as first measured)."""
HUB = 50
"""Siblings through a hypernym with more hyponyms than this do not count."""
SYNONYM, HYPERNYM, HYPONYM, SIBLING, LINK, GLOSS = 1.0, 0.7, 0.7, 0.3, 0.5, 0.3
"""Strength of each relation, closest first (Galley and McKeown's order)."""
RANKED = ("NOUN", "VERB", "ADJ", "ADV")
"""The words that support a sense, of any part of speech ("negotiate" a negotiation)."""
TARGETS = ("NOUN",)
"""The senses the chains rank: nouns, as Barzilay and Elhadad's and Galley and McKeown's chains
are. Held-out SemCor gains on nouns (69.79 -> 70.48 %) and a little on verbs (63.37 -> 63.56);
but on SemEval-2007 as shown the verbs' fine senses moved 8 instances wrong and 3 right
("made" a face: *make%2:41* became *2:30*), the nouns 3 right and 1 wrong. Held-out with nouns
only: 68.74 % (all: 68.82 %). The word must be tagged a noun too: a verb's noun senses, when
they compete as rivals ("ballooned"), would otherwise be the only ones supported."""


@dataclass(frozen=True)
class ChainTable:
    """WordNet's synsets as numbers, with the links chains follow (see the module's script)."""

    lemma_ids: npt.NDArray[np.uint32]
    lemma_indptr: npt.NDArray[np.int32]
    lemma_synsets: npt.NDArray[np.uint32]
    lemma_counts: npt.NDArray[np.uint16]
    key_ids: npt.NDArray[np.uint32]
    key_synsets: npt.NDArray[np.uint32]
    hyper_indptr: npt.NDArray[np.int32]
    hyper: npt.NDArray[np.uint32]
    link_indptr: npt.NDArray[np.int32]
    link: npt.NDArray[np.uint32]
    gloss_indptr: npt.NDArray[np.int32]
    gloss: npt.NDArray[np.uint32]
    vocabulary: dict[str, int]
    hyponyms: npt.NDArray[np.int64]  # how many hyponyms each synset has

    def synsets(self, lemma: str, upos: str) -> list[int]:
        """The lemma's synsets in WordNet's sense order; none when WordNet lacks it."""
        row = _find(self.lemma_ids, name_id(f"{lemma}|{upos}"))
        if row is None:
            return []
        return cast(
            list[int],
            self.lemma_synsets[self.lemma_indptr[row] : self.lemma_indptr[row + 1]].tolist(),
        )

    def shares(self, lemma: str, upos: str) -> list[tuple[int, float]]:
        """The lemma's synsets, each with the share of its uses it likely has (``SMOOTH``)."""
        row = _find(self.lemma_ids, name_id(f"{lemma}|{upos}"))
        if row is None:
            return []
        start, end = int(self.lemma_indptr[row]), int(self.lemma_indptr[row + 1])
        synsets = cast(list[int], self.lemma_synsets[start:end].tolist())
        if math.isinf(SMOOTH):
            return [(s, 1.0 / len(synsets)) for s in synsets]
        counts = cast(list[int], self.lemma_counts[start:end].tolist())
        total = sum(counts) + SMOOTH * len(counts)
        return [(s, (c + SMOOTH) / total) for s, c in zip(synsets, counts, strict=True)]

    def synset_of(self, sense_key: str) -> int | None:
        row = _find(self.key_ids, name_id(sense_key))
        return None if row is None else int(self.key_synsets[row])

    def hypernyms(self, synset: int) -> list[int]:
        return cast(
            list[int],
            self.hyper[self.hyper_indptr[synset] : self.hyper_indptr[synset + 1]].tolist(),
        )

    def links(self, synset: int) -> list[int]:
        return cast(
            list[int], self.link[self.link_indptr[synset] : self.link_indptr[synset + 1]].tolist()
        )

    def gloss_words(self, synset: int) -> list[int]:
        return cast(
            list[int],
            self.gloss[self.gloss_indptr[synset] : self.gloss_indptr[synset + 1]].tolist(),
        )


def _find(ids: npt.NDArray[np.uint32], wanted: int) -> int | None:
    row = int(np.searchsorted(ids, np.uint32(wanted)))  # a Python int would copy the array
    return row if row < len(ids) and int(ids[row]) == wanted else None


@dataclass(frozen=True, eq=False)
class ChainEvidence:
    """One text's content words summed where WordNet's links can reach them: per synset, the
    weight of the words in it (``at``) and of the words in its hyponyms (``under``); per
    definition word, its weight (``said``). ``weights`` keeps each word's own weight, so a
    word never supports itself. A sense's support is worked out when first asked for (about
    30 microseconds in a book) and kept, so the next lookup costs a dictionary read."""

    table: ChainTable
    at: Mapping[int, float]
    under: Mapping[int, float]
    said: Mapping[int, float]
    weights: Mapping[tuple[str, str], float]
    known: dict[str, float] = field(default_factory=dict)
    owned: dict[str, tuple[dict[int, float], dict[int, float]]] = field(default_factory=dict)

    def support(self, sense_key: str) -> float:
        """How much the text's other words support this sense (uncapped, unweighted)."""
        found = self.known.get(sense_key)
        if found is None:
            strengths = (SYNONYM, HYPERNYM, HYPONYM, SIBLING, LINK, GLOSS)
            parts = self.parts(sense_key)
            found = max(sum(w * p for w, p in zip(strengths, parts, strict=True)), 0.0)
            self.known[sense_key] = found  # one float set: safe across threads
        return found

    def parts(self, sense_key: str) -> tuple[float, float, float, float, float, float]:
        """The support by relation: the text's other words in the sense's synset, in its
        hypernyms, in its hyponyms, its siblings (through hypernyms of at most ``HUB``
        hyponyms), its other links, and its definition's words."""
        synset = self.table.synset_of(sense_key)
        if synset is None:
            return (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        return self._parts(_owner(sense_key), synset)

    def _parts(self, lemma: str, synset: int) -> tuple[float, float, float, float, float, float]:
        table = self.table
        own_at, own_under = self._own(lemma)

        def at(s: int) -> float:
            return self.at.get(s, 0.0) - own_at.get(s, 0.0)

        def under(s: int) -> float:
            return self.under.get(s, 0.0) - own_under.get(s, 0.0)

        hypers = table.hypernyms(synset)
        synonyms = at(synset)
        siblings = sum(under(h) - synonyms for h in hypers if table.hyponyms[h] <= HUB)
        return (
            synonyms,
            sum(at(h) for h in hypers),
            under(synset),
            siblings,
            sum(at(s) for s in table.links(synset)),
            sum(self.said.get(g, 0.0) for g in table.gloss_words(synset)),
        )

    def _own(self, lemma: str) -> tuple[dict[int, float], dict[int, float]]:
        """The word's own share of ``at`` and ``under``, in any part of speech ("tap" the noun
        is no support for "tap" the verb); kept per word."""
        found = self.owned.get(lemma)
        if found is None:
            own_at: defaultdict[int, float] = defaultdict(float)
            own_under: defaultdict[int, float] = defaultdict(float)
            for upos in RANKED:
                mine = self.weights.get((lemma, upos), 0.0)
                for s, share in self.table.shares(lemma, upos) if mine else ():
                    own_at[s] += mine * share
                    for h in self.table.hypernyms(s):
                        own_under[h] += mine * share
            found = self.owned[lemma] = (dict(own_at), dict(own_under))
        return found

    def added(self, sense_key: str) -> float:
        """What the support adds to the sense's score (a noun's only: see ``TARGETS``)."""
        if not ENABLED or _kind(sense_key) not in TARGETS:
            return 0.0
        return CHAIN * min(self.support(sense_key), CAP)


def _kind(sense_key: str) -> str:
    """A sense key's part of speech: "summit%1:14:00::" is a NOUN."""
    return {"1": "NOUN", "2": "VERB", "4": "ADV"}.get(sense_key.partition("%")[2][:1], "ADJ")


def _owner(sense_key: str) -> str:
    """The lemma a sense key belongs to: "summit%1:14:00::" is "summit"."""
    return sense_key.partition("%")[0].replace("_", " ")


def rarity(word: str) -> float:
    from wordfreq import zipf_frequency  # lazy: its tables load once (~0.2 s)

    return max(0.0, ZIPF_TOP - zipf_frequency(word, "en"))


def chain_evidence(words: Iterable[tuple[str, str]], table: ChainTable) -> ChainEvidence:
    """The sums :class:`ChainEvidence` keeps, over a text's content words as (lemma, UPOS)."""
    at: defaultdict[int, float] = defaultdict(float)
    under: defaultdict[int, float] = defaultdict(float)
    said: defaultdict[int, float] = defaultdict(float)
    weights: dict[tuple[str, str], float] = {}
    for lemma, upos in sorted(set(words)):
        if upos not in RANKED or not content_word(lemma):
            continue
        shares = table.shares(lemma, upos)
        weight = rarity(lemma) if shares else 0.0
        if weight <= 0.0:
            continue
        weights[lemma, upos] = weight
        for s, share in shares:
            at[s] += weight * share
            for h in table.hypernyms(s):
                under[h] += weight * share
        if (number := table.vocabulary.get(lemma)) is not None:
            said[number] = max(said[number], rarity(lemma))
    return ChainEvidence(table, dict(at), dict(under), dict(said), weights)


BLOCK = 200
"""A text is cut into blocks of about this many content words (whole sentences)..."""
REACH = 1
"""...and a sentence's chains see its block and this many blocks either side (about 600
content words, some 1,200 words of text). A whole book is no chain: read as one text, SemCor's
documents together lost what the chains gained (held-out 67.53 % against 68.49 % without them,
50 documents a text); in windows they keep it (see the module's docstring)."""
WINDOWS_KEPT = 16
"""Windows kept built per text: the learner reads in one place at a time."""


class ChainWindows:
    """A text's words in blocks, and the chain sums of the window around any of its
    sentences. A text of at most ``WINDOWS_KEPT`` blocks (an article) has them all built in
    the per-text pass; in a book a window is built when a sentence in it is first ranked
    (about 5 ms per 200 content words, on the read-ahead or lookup worker, never the screen's
    thread), and the last ``WINDOWS_KEPT`` are kept."""

    def __init__(
        self,
        table: ChainTable,
        blocks: list[list[tuple[str, str]]],
        where: dict[tuple[str, ...], int],
    ) -> None:
        self.table = table
        self.blocks = blocks
        self.where = where  # a sentence's lemmas -> its block (the first, if it repeats)
        self._windows: dict[int, ChainEvidence] = {}
        self._lock = threading.Lock()

    def around(self, lemmas: tuple[str, ...], pos: str | None) -> ChainEvidence | None:
        """The chains of the window around the sentence with these lemmas, for a word tagged
        ``pos``; None for a sentence not in the text, or a word the chains do not rank (a verb
        whose noun senses compete as rivals must not have only them supported)."""
        block = 0 if len(self.blocks) == 1 else self.where.get(lemmas)
        if block is None or pos not in TARGETS:
            return None
        return self.window(block)

    def window(self, block: int) -> ChainEvidence:
        """The chains of the window around ``block``, built if it is not kept."""
        with self._lock:
            found = self._windows.pop(block, None)  # popped and put back: the newest last
            if found is None:
                words = self.blocks[max(0, block - REACH) : block + REACH + 1]
                found = chain_evidence((w for b in words for w in b), self.table)
            self._windows[block] = found
            while len(self._windows) > WINDOWS_KEPT:
                del self._windows[next(iter(self._windows))]
            return found


def windows(
    sentences: Iterable[tuple[Sequence[str], Sequence[str], Sequence[str]]], table: ChainTable
) -> ChainWindows:
    """A text's sentences (lemmas, UPOS tags, forms) cut into blocks of about ``BLOCK`` content
    words, each word as its lemma with its tag, and as its form where WordNet lists that apart
    ("talks", {negotiation, dialogue, talks}, is no plural of "talk" there)."""
    blocks: list[list[tuple[str, str]]] = [[]]
    where: dict[tuple[str, ...], int] = {}
    for lemmas, tags, forms in sentences:
        if len(blocks[-1]) >= BLOCK:
            blocks.append([])
        where.setdefault(tuple(lemmas), len(blocks) - 1)
        for i, (lemma, pos) in enumerate(zip(lemmas, tags, strict=False)):
            if pos in RANKED and lemma:
                blocks[-1].append((lemma, pos))
                form = forms[i].lower() if i < len(forms) else lemma
                if form != lemma:
                    blocks[-1].append((form, pos))
    return ChainWindows(table, blocks, where)


_lock = threading.Lock()
_loaded: dict[str, ChainTable | None] = {}


@functools.cache
def chains_path() -> Path:
    return Path(str(resources.files("reader.lexicon").joinpath("models", CHAINS_FILE)))


def load_chains(path: Path | None = None) -> ChainTable | None:
    """The shipped links, read once (about 0.1 s); None if the file is missing."""
    where = path or chains_path()
    with _lock:
        if str(where) not in _loaded:
            _loaded[str(where)] = _read(where) if where.is_file() else None
        return _loaded[str(where)]


def _read(path: Path) -> ChainTable:
    with np.load(path, allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    words = arrays.pop("vocabulary").tobytes().decode("utf-8").split("\n")
    hyper = arrays["hyper"]
    return ChainTable(
        **arrays,
        vocabulary={w: i for i, w in enumerate(words)},
        hyponyms=np.bincount(hyper, minlength=len(arrays["hyper_indptr"]) - 1),
    )
