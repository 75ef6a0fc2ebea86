"""Gloss lookup speed: compile the system WordNet into a temporary database, then time a lookup
for each distinct word of the seed article.

    .venv/bin/python bench/gloss.py [--text FILE] [--rounds N]

Target: well under 1 ms per word, so the reader can gloss the word under the cursor on every key.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from reader.lexicon import compile_wordnet, find_wordnet, glosses
from reader.lexicon.wordnet import WORDNET_MISSING
from reader.paths import SEEDS_DIR
from reader.store.db import open_db

WORD = re.compile(r"[A-Za-z]+(?:[-'][A-Za-z]+)*")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--text", type=Path, default=SEEDS_DIR / "arirang_weekly_focus_2025-09-06.txt"
    )
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    directory = find_wordnet()
    if directory is None:
        print(WORDNET_MISSING, file=sys.stderr)
        return 1
    from lemminflect import getAllLemmas

    forms = {w.lower() for w in WORD.findall(args.text.read_text(encoding="utf-8"))}
    lemmas = {lemma.lower() for f in forms for ls in getAllLemmas(f).values() for lemma in ls}
    words = sorted(forms | lemmas)  # callers look up lemmas; forms show the cost of a miss
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        report = compile_wordnet(db, directory)
        print(f"compiled {report.entries:,} WordNet entries from {directory} "
              f"in {report.seconds:.2f} s")  # fmt: skip
        for label, pos in (("any POS", None), ("POS=NOUN", "NOUN")):
            timings: list[float] = []
            found = 0
            for _ in range(args.rounds):
                for word in words:
                    started = time.perf_counter_ns()
                    result = glosses(db, word, pos)
                    timings.append((time.perf_counter_ns() - started) / 1000)
                    found += bool(result)
            timings.sort()
            p95 = timings[int(len(timings) * 0.95)]
            print(
                f"{label:9} {len(words):,} distinct words x {args.rounds}: "
                f"mean {statistics.fmean(timings):.1f} µs, p95 {p95:.1f} µs, "
                f"max {timings[-1]:.1f} µs; {found // args.rounds:,} words with glosses"
            )
        db.conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
