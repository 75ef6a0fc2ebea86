"""``sentences analyze --glosses``: how long glossing takes, beside ``analyze`` alone.

Compiles the system WordNet into a temporary data home, then, for the seed article and Sherlock
Holmes (``../shared/corpus/``), times the text pipeline (``analyze``: split, tokenize, tag,
lemmatize) and the glossing that ``--glosses`` adds (the reading session's units, multi-word
terms and entries, senses ranked by each sentence), per sentence and in total, in one run.

    .venv/bin/python bench/analyze_glosses.py [FILE...]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reader.learn.annotate import add_glosses
from reader.learn.phrases import PhraseIndex
from reader.lexicon import compile_wordnet, find_wordnet
from reader.lexicon.idioms import ensure_idioms
from reader.lexicon.wordnet import WORDNET_MISSING
from reader.store.db import open_db
from reader.text import analyze

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
TEXTS = [
    REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt",
    CORPUS / "sherlock_holmes_adventures_1661-0.txt",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path, default=TEXTS)
    args = parser.parse_args()
    if find_wordnet() is None:
        print(WORDNET_MISSING, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as home:
        db = open_db(Path(home) / "reader.db")
        compile_wordnet(db)
        ensure_idioms(db)
        phrases = PhraseIndex.from_db(db)
        for path in args.files:
            if not path.exists():
                print(f"{path.name}: not found, skipped")
                continue
            text = path.read_text(encoding="utf-8")
            started = time.perf_counter()
            sentences = analyze(text)
            analyzed = time.perf_counter() - started
            per_sentence: list[float] = []
            glossed = 0
            for sentence in sentences:
                t0 = time.perf_counter()
                add_glosses(db, [sentence], "en", phrases)
                per_sentence.append(time.perf_counter() - t0)
                glossed += sum(1 for t in sentence["tokens"] if t.get("gloss"))
            total = sum(per_sentence)
            words = sum(1 for s in sentences for t in s["tokens"] if t["is_word"])
            print(
                f"{path.name}: {len(sentences):,} sentences, {words:,} words "
                f"({glossed:,} glossed)\n"
                f"  analyze alone:   {analyzed:7.2f} s\n"
                f"  glossing added:  {total:7.2f} s  "
                f"(per sentence: median {1000 * statistics.median(per_sentence):.1f} ms, "
                f"p95 {1000 * _p95(per_sentence):.1f} ms)\n"
                f"  analyze --glosses: {analyzed + total:.2f} s, "
                f"{(analyzed + total) / analyzed:.1f}x analyze alone"
            )
        db.close()
    return 0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


if __name__ == "__main__":
    raise SystemExit(main())
