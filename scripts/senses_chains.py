"""Build ``reader/lexicon/models/chains.npz``: the WordNet links lexical chains follow.

    python scripts/senses_chains.py [--wordnet DIR] [--out FILE]

The reader's lexicon database keeps each sense's words, definition and example, but not the
synsets' links (hypernyms, derivations, parts). The whole-text evidence for word senses
(:mod:`reader.lexicon.senses.chains`) needs them, so this script ships them in a small file of
numpy arrays (no pickle), read once by the reader's background worker:

- ``lemma_ids``/``lemma_indptr``/``lemma_synsets``/``lemma_counts``: each ``lemma|UPOS`` (its
  CRC-32, sorted) with its synsets in WordNet's sense order, and how often WordNet's tagged
  texts had the lemma in each (``index.sense``; it says which sense a supporting word most
  likely has);
- ``key_ids``/``key_synsets``: each sense key (CRC-32, sorted) with its synset;
- ``hyper_indptr``/``hyper``: each synset's hypernyms (for a satellite adjective, its head);
- ``link_indptr``/``link``: its other links, both ways: derivationally related forms,
  part/member/substance meronyms and holonyms, similar-to, see-also, attributes, topic domains,
  entailment and cause;
- ``gloss_indptr``/``gloss``: its definition's content lemmas, as numbers into ``vocabulary``
  (newline-separated lemmas).

A CRC-32 that two lemmas (or two keys) share is left out: such a word gets no chain evidence
rather than another's. Derived from WordNet 3.0, (c) Princeton University, under the WordNet
licence (``reader/lexicon/models/LICENSE-WordNet.txt``). Same input, same bytes.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from train_senses import save, words_of  # noqa: E402

from reader.lexicon.senses.features import STOPWORDS  # noqa: E402
from reader.lexicon.senses.model import name_id  # noqa: E402
from reader.lexicon.wndb import POS_FILES, WordNetFiles, open_wordnet, parse, sense_key  # noqa: E402

OUT = REPO / "reader" / "lexicon" / "models" / "chains.npz"
LINKS = frozenset({"+", "#m", "#p", "#s", "%m", "%p", "%s", "&", "^", "=", ";c", "-c", "*", ">"})
POS_OF = {"n": "NOUN", "v": "VERB", "a": "ADJ", "s": "ADJ", "r": "ADV"}


def pointers(line: str) -> list[tuple[str, str, str]]:
    """(symbol, target UPOS, target offset) of one data line's pointers."""
    fields = line.partition(" | ")[0].split(" ")
    at = 4 + 2 * int(fields[3], 16)
    if at >= len(fields):
        return []
    found = fields[at + 1 : at + 1 + 4 * int(fields[at])]
    return [(found[i], POS_OF[found[i + 2]], found[i + 1]) for i in range(0, len(found) - 3, 4)]


def ragged(rows: list[list[int]], dtype: type) -> tuple[np.ndarray, np.ndarray]:
    indptr = np.zeros(len(rows) + 1, dtype=np.int32)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    return indptr, np.asarray([x for r in rows for x in r], dtype=dtype)


def unique_ids(pairs: dict[str, list[int]]) -> tuple[np.ndarray, list[list[int]]]:
    """Names by their CRC-32, sorted, with their rows; a CRC-32 two names share is left out."""
    by_id: dict[int, list[str]] = defaultdict(list)
    for name in pairs:
        by_id[name_id(name)].append(name)
    ids = sorted(i for i, names in by_id.items() if len(names) == 1)
    return np.asarray(ids, dtype=np.uint32), [pairs[by_id[i][0]] for i in ids]


def sense_counts(files: WordNetFiles) -> dict[str, int]:
    """How often WordNet's tagged texts (SemCor among them) have each sense, by sense key:
    ``index.sense``'s last column; none without the file."""
    if not files.has("index.sense"):
        return {}
    found: dict[str, int] = {}
    for line in files.lines("index.sense"):
        fields = line.split()
        if len(fields) >= 4 and fields[3].isdigit():
            found[fields[0]] = int(fields[3])
    return found


def build(directory: Path) -> dict[str, np.ndarray]:
    files = open_wordnet(directory)
    if files is None:
        raise SystemExit(f"no WordNet at {directory}")
    parsed = parse(files)
    number: dict[tuple[str, str], int] = {}
    for _, upos in POS_FILES:
        for offset in sorted(parsed.synsets[upos]):
            number[(upos, offset)] = len(number)
    hyper: list[list[int]] = [[] for _ in number]
    links: list[set[int]] = [set() for _ in number]
    for suffix, upos in POS_FILES:
        for line in files.lines(f"data.{suffix}"):
            offset = line.split(" ", 1)[0]
            me, head = number[(upos, offset)], parsed.synsets[upos][offset].head
            for symbol, target_pos, target in pointers(line):
                other = number.get((target_pos, target))
                if other is None or other == me:
                    continue
                if (symbol == "@" or (symbol == "&" and head == target)) and other not in hyper[me]:
                    hyper[me].append(other)
                if symbol in LINKS:
                    links[me].add(other)
                    links[other].add(me)
    vocabulary: dict[str, int] = {}
    gloss: list[list[int]] = []
    for _, upos in POS_FILES:
        for offset in sorted(parsed.synsets[upos]):
            words = words_of(parsed.synsets[upos][offset].definition)
            own = {w.lower() for w in parsed.synsets[upos][offset].words}
            kept = sorted({w for w in words if w not in STOPWORDS and len(w) > 1 and w not in own})
            gloss.append([vocabulary.setdefault(w, len(vocabulary)) for w in kept])
    order = sorted(vocabulary)  # renumber alphabetically: the bytes must not hang on dict order
    renumber = {vocabulary[w]: i for i, w in enumerate(order)}
    gloss = [sorted(renumber[i] for i in row) for row in gloss]
    lemmas: dict[str, list[int]] = {}
    keys: dict[str, list[int]] = {}
    counts: dict[str, list[int]] = {}
    tagged = sense_counts(files)
    adjectives = parsed.synsets["ADJ"]
    for headword in sorted(parsed.senses):
        for upos, offsets in parsed.senses[headword]:
            row = lemmas.setdefault(f"{headword}|{upos}", [])
            seen = counts.setdefault(f"{headword}|{upos}", [])
            for offset in offsets:
                row.append(number[(upos, offset)])
                key = sense_key(headword, parsed.synsets[upos][offset], adjectives)
                seen.append(min(tagged.get(key or "", 0), 65535))
                if key is not None:
                    keys[key] = [number[(upos, offset)]]
    lemma_ids, lemma_rows = unique_ids(lemmas)
    _, count_rows = unique_ids(counts)
    key_ids, key_rows = unique_ids(keys)
    arrays: dict[str, np.ndarray] = {"lemma_ids": lemma_ids, "key_ids": key_ids}
    arrays["lemma_indptr"], arrays["lemma_synsets"] = ragged(lemma_rows, np.uint32)
    arrays["lemma_counts"] = ragged(count_rows, np.uint16)[1]
    arrays["key_synsets"] = np.asarray([r[0] for r in key_rows], dtype=np.uint32)
    arrays["hyper_indptr"], arrays["hyper"] = ragged(hyper, np.uint32)
    arrays["link_indptr"], arrays["link"] = ragged([sorted(s) for s in links], np.uint32)
    arrays["gloss_indptr"], arrays["gloss"] = ragged(gloss, np.uint32)
    arrays["vocabulary"] = np.frombuffer("\n".join(order).encode("utf-8"), dtype=np.uint8)
    return arrays


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--wordnet", type=Path, default=Path("/usr/share/wordnet"))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    save(args.out, build(args.wordnet))
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
