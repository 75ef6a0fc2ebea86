"""What the whole text's lexical chains change in what a learner is shown: every word whose
first gloss differs with the chains on and off, on one text, through ``analyze --glosses``'s
own code (the per-text pass included).

    .venv/bin/python bench/senses_chains.py [--text FILE] [--data DIR]

Prints a Markdown table (word, the sentence around it, off, on) and how many glossed tokens
changed. The default text is the seed article; ``--data`` is a data home with WordNet compiled
(a temporary one is made otherwise).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from reader.learn.annotate import add_glosses
from reader.learn.phrases import PhraseIndex
from reader.lexicon import compile_wordnet, find_wordnet
from reader.lexicon.idioms import ensure_idioms
from reader.lexicon.senses import chains
from reader.lexicon.wordnet import WORDNET_MISSING
from reader.paths import SEEDS_DIR
from reader.store.db import open_db
from reader.text import analyze


def shown(db: Any, text: str) -> list[tuple[str, str, str]]:
    """(word, its sentence, its first gloss) for every glossed token of the text."""
    found = []
    for sentence in add_glosses(db, analyze(text), "en", PhraseIndex.from_db(db, "en"), ""):
        for token in sentence["tokens"]:
            gloss = token.get("gloss")
            if isinstance(gloss, dict):
                found.append((token["text"], sentence["text"], str(gloss.get("text"))))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--text", type=Path, default=SEEDS_DIR / "arirang_weekly_focus_2025-09-06.txt"
    )
    parser.add_argument("--data", type=Path, help="a data home's table.db with WordNet in it")
    args = parser.parse_args()
    text = args.text.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(args.data or Path(tmp) / "table.db")
        if args.data is None:
            directory = find_wordnet()
            if directory is None:
                print(WORDNET_MISSING, file=sys.stderr)
                return 1
            compile_wordnet(db, directory)
            ensure_idioms(db)
        chains.ENABLED = False
        before = shown(db, text)
        chains.ENABLED = True
        after = shown(db, text)
        db.close()
    changed = [(b, a) for b, a in zip(before, after, strict=True) if b[2] != a[2]]
    print("| word | in the sentence | chains off | chains on |")
    print("|---|---|---|---|")
    for (word, sentence, off), (_, _, on) in changed:
        at = max(0, sentence.find(word) - 40)
        excerpt = sentence[at : at + 80 + len(word)].replace("|", "/")
        print(f"| {word} | …{excerpt}… | {off} | {on.replace('|', '/')} |")
    print(f"\n{len(changed)} of {len(after)} glossed tokens changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
