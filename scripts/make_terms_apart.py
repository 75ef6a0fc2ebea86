"""Write ``reader/lexicon/data/terms_apart_en.tsv``: the phrasal verbs (a verb and a particle or
preposition, "look at", "ask for") that SemCor's annotators read as the verb alone nearly every
time the reader finds them.

SemCor joins a phrasal verb into one annotated unit (``look_at``) when its annotators read it so,
and annotates the verb alone otherwise ("looked at my watch": ``look%2:39:00``, perceive with
attention). Every SemCor sentence is tagged by the reader's tagger and matched by its phrase index
(the table itself left out); a term found before a word that could open an object is counted,
and written when SemCor read it apart at least ``MIN_APART`` times and at least ``SHARE`` of the
times it judged it. The reader then glosses the verb alone
there (:mod:`reader.learn.verb_particles`): "look at" is WordNet's "take into consideration for
exemplifying purposes" first, which fits "looked at my watch" less than "look" does.

    python scripts/make_terms_apart.py [--data DIR] [--check]

``--check`` learns on half of SemCor's documents and counts on the other half, both ways: the
terms it drops there that SemCor read apart (right) and joined (wrong). The table is derived from
SemCor 3.0 under the WordNet licence (``reader/lexicon/models/LICENSE-WordNet.txt``).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "corpus" / "wsd"
OUT = REPO / "reader" / "lexicon" / "data" / "terms_apart_en.tsv"
MIN_APART = 3
SHARE = 0.75
"""Chosen on SemCor's held-out halves (``--check``), minimum 3, 4, 5, 8 against share 0.5 to 0.85:
3 drops the most terms read apart less those joined; at 0.75, 649 right and 87 wrong (0.67: 21
more right and 14 more wrong, a tie; 0.75 is the surer)."""
HEADER = (
    "# Phrasal verbs SemCor 3.0's annotators read as the verb alone (apart) at least 3 times in 4\n"
    "# where the reader finds them: term, times joined, times apart. Derived from SemCor 3.0,\n"
    "# Copyright 2006 by Princeton University, under the WordNet licence\n"
    "# (reader/lexicon/models/LICENSE-WordNet.txt). Written by scripts/make_terms_apart.py.\n"
)


@dataclass
class Token:
    text: str
    lemma: str
    pos: str
    is_word: bool


def judged(data: Path) -> list[tuple[str, str, str]]:
    """(document, term, "joined" or "apart") for every verb + particle term the reader's matcher
    finds in SemCor where SemCor annotated the verb."""
    from reader.learn import verb_particles
    from reader.learn.phrases import PhraseIndex
    from reader.lexicon.builtin import ensure_lexicon
    from reader.store.db import open_db
    from reader.text.tagger import tag_sentences

    sentences: list[tuple[str, list[str], list[str], list[bool]]] = []
    with gzip.open(data / "semcor30.jsonl.gz", "rt", encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            words, units, annotated = [], [], []
            for form, lemma, _, keys in row["tokens"]:
                for word in form.split("_"):
                    if word:
                        words.append(word)
                        units.append(lemma or "")
                        annotated.append(bool(keys))
            sentences.append((row["doc"], words, units, annotated))
    tagged = tag_sentences([s[1] for s in sentences])
    verb_particles.TERMS_APART = False  # the table being built plays no part
    found: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as home:
        os.environ["SENTENCES_HOME"] = home
        db = open_db(Path(home) / "terms.db")
        ensure_lexicon(db)
        index = PhraseIndex.from_db(db, "en")
        for (doc, words, units, annotated), tags in zip(sentences, tagged, strict=True):
            tokens = [
                Token(w, lemma, pos, pos != "PUNCT")
                for w, (pos, lemma) in zip(words, tags, strict=True)
            ]
            for match in index.match(tokens):
                i, j = match.token_idxs[0], match.token_idxs[-1]
                if len(match.token_idxs) != 2 or not verb_particles.verb_and_particle(tokens, i, j):
                    continue
                if not verb_particles.object_after(tokens, j):
                    continue  # the rule only reads terms apart before a possible object
                if units[i] == match.key.replace(" ", "_"):
                    found.append((doc, match.key, "joined"))
                elif "_" not in units[i] and annotated[i]:
                    found.append((doc, match.key, "apart"))
        db.close()
    return found


def apart(found: list[tuple[str, str, str]]) -> dict[str, tuple[int, int]]:
    """The terms read apart often and mostly enough, with (joined, apart) counts."""
    counts: dict[str, Counter[str]] = {}
    for _, term, verdict in found:
        counts.setdefault(term, Counter())[verdict] += 1
    return {
        term: (c["joined"], c["apart"])
        for term, c in counts.items()
        if c["apart"] >= MIN_APART and c["apart"] >= SHARE * (c["apart"] + c["joined"])
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--check", action="store_true", help="two-fold check by document")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    found = judged(args.data)
    if args.check:
        docs = sorted({doc for doc, _, _ in found})
        halves = (set(docs[0::2]), set(docs[1::2]))
        for n, learn in enumerate(halves):
            table = apart([f for f in found if f[0] in learn])
            held = Counter(v for doc, term, v in found if doc not in learn and term in table)
            print(
                f"fold {n + 1}: {len(table)} terms learned; on the other half they drop "
                f"{held['apart']} read apart (right) and {held['joined']} joined (wrong)"
            )
        return 0
    table = apart(found)
    rows = [f"{term}\t{joined}\t{n}\n" for term, (joined, n) in sorted(table.items())]
    OUT.write_text(HEADER + "".join(rows), encoding="utf-8")
    print(f"{OUT.relative_to(REPO)}: {len(rows)} terms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
