"""Times our sentence splitter against pySBD on the same book, in one run.

The import pipeline has a 10 s budget for War and Peace (3.3 MB), so segmentation must take a
small part of it; pySBD is the reference point the design names.

pySBD is given the text paragraph by paragraph (blank-line separated), as it is normally used
and as is fairer to it: on War and Peace in one call it took 76 s (measured once). Our splitter
gets the whole text in one call, as the importer gives it.

Usage: python bench/segment.py [PATH]
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import pysbd

from reader.text.segment import split_spans

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "war_and_peace_2600-0.txt"


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    text = path.read_text(encoding="utf-8")
    print(f"{path.name}: {len(text):,} characters")

    started = time.perf_counter()
    ours = split_spans(text)
    ours_s = time.perf_counter() - started
    print(f"ours:  {ours_s:6.2f} s  {len(ours):,} sentences (whole text in one call)")

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    started = time.perf_counter()
    theirs = sum(len(segmenter.segment(p)) for p in paragraphs)
    pysbd_s = time.perf_counter() - started
    print(
        f"pySBD: {pysbd_s:6.2f} s  {theirs:,} sentences "
        f"(given paragraph by paragraph, {len(paragraphs):,} calls)"
    )
    print(f"ours is {pysbd_s / ours_s:.1f}x faster than pySBD")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
