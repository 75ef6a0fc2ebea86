"""Which phrasal verbs the reader finds in SemCor are really there: the unit rules of
``reader/learn/verb_particles.py`` checked against SemCor's annotators, who joined a phrasal verb
into one annotated unit (``take_over``) when they read it so, and annotated the verb alone
otherwise.

    .venv/bin/python bench/senses_units.py [--data DIR] [--show N]

Every SemCor sentence (its multi-word units split back into words) is tagged by the reader's
tagger and matched by the reader's phrase index with every rule off. For each two-word verb term
found whose first word SemCor annotated, the term is **there** when SemCor's unit is that term,
**absent** when SemCor annotated the word alone. Then each rule on its own: how many absent terms
it drops (right) and how many that are there (wrong). The last rule's table is learned from
SemCor itself, so its line here is in-sample; ``scripts/make_terms_apart.py --check`` gives it
on held-out halves.
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
RULES = {
    "infinitive-to": "INFINITIVE_TO",
    "intransitive": "INTRANSITIVE",
    "article-noun": "ARTICLE_NOUN",
    "semcor-apart": "TERMS_APART",
}


@dataclass
class Token:
    text: str
    lemma: str
    pos: str
    is_word: bool


def semcor(path: Path) -> list[tuple[list[str], list[str | None], list[bool]]]:
    """Each sentence's words, the lemma SemCor gave each word's unit, and whether it has a sense."""
    found = []
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            words: list[str] = []
            units: list[str | None] = []
            annotated: list[bool] = []
            for form, lemma, _, keys in json.loads(line)["tokens"]:
                for word in form.split("_"):
                    if word:
                        words.append(word)
                        units.append(lemma)
                        annotated.append(bool(keys))
            found.append((words, units, annotated))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--show", type=int, default=0, help="examples per rule and verdict")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["SENTENCES_HOME"] = home
        from reader.learn import verb_particles
        from reader.learn.phrases import PhraseIndex
        from reader.lexicon.builtin import ensure_lexicon
        from reader.store.db import open_db
        from reader.text.tagger import tag_sentences

        db = open_db(Path(home) / "bench.db")
        ensure_lexicon(db)
        index = PhraseIndex.from_db(db, "en")
        sentences = semcor(args.data / "semcor30.jsonl.gz")
        tagged = tag_sentences([words for words, _, _ in sentences])
        rows = [
            [Token(w, lemma, pos, pos != "PUNCT") for w, (pos, lemma) in zip(ws, tags, strict=True)]
            for (ws, _, _), tags in zip(sentences, tagged, strict=True)
        ]  # fmt: skip

        def found(on: str | None) -> dict[tuple[int, int, str], str]:
            for name, attribute in RULES.items():
                setattr(verb_particles, attribute, name == on)
            out: dict[tuple[int, int, str], str] = {}
            for n, ((_, units, annotated), tokens) in enumerate(zip(sentences, rows, strict=True)):
                for match in index.match(tokens):
                    i = match.token_idxs[0]
                    if len(match.token_idxs) != 2 or tokens[i].pos not in ("VERB", "AUX", "NOUN"):
                        continue
                    unit = units[i] or ""
                    if unit == match.key.replace(" ", "_"):
                        out[(n, i, match.key)] = "there"
                    elif "_" not in unit and annotated[i]:
                        out[(n, i, match.key)] = "absent"
            return out

        base = found(None)
        print(f"SemCor 3.0: {len(sentences)} sentences; two-word terms starting on a verb or noun "
              f"SemCor judged: {dict(Counter(base.values()))}")  # fmt: skip
        for name in RULES:
            kept = found(name)
            dropped = {k: v for k, v in base.items() if k not in kept}
            verdicts = Counter(dropped.values())
            print(f"  {name:<14} drops {verdicts['absent']:4d} absent (right), "
                  f"{verdicts['there']:3d} there (wrong)")  # fmt: skip
            for (n, _, key), verdict in list(dropped.items())[: args.show]:
                print(f"      {verdict:<6} {key:<14} {' '.join(sentences[n][0])[:90]}")
        for attribute in RULES.values():
            setattr(verb_particles, attribute, True)
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
