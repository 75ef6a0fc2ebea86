"""Import a whole book (segment, tokenize, tag, lemmatize, store) and time it against pySBD.

DESIGN.md's target: War and Peace imports in under 10 s, and no slower than pySBD's sentence
segmentation alone on the same text. Both are measured here, in one run.

    .venv/bin/python bench/import_book.py [BOOK] [--no-pysbd]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
DEFAULT = REPO.parent / "shared" / "corpus" / "war_and_peace_2600-0.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("book", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--no-pysbd", action="store_true")
    args = parser.parse_args()

    from reader.store import open_db
    from reader.text.importer import import_text
    from reader.text.load import load_path

    started = time.perf_counter()
    loaded = load_path(args.book)
    with tempfile.TemporaryDirectory() as home:
        db = open_db(Path(home) / "reader.db")
        stages: dict[str, float] = {}
        last = [time.perf_counter()]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            stages[stage] = stages.get(stage, 0.0) + now - last[0]
            last[0] = now

        result = import_text(db, loaded, progress=progress)
        ours = time.perf_counter() - started
        db.conn.close()
    size = len(loaded.content.encode("utf-8")) / 1e6
    print(f"book: {args.book.name} ({size:.1f} MB), {len(loaded.chapters)} chapters")
    print(f"import: {ours:.2f} s for {result.sentences:,} sentences, {result.words:,} words")
    for stage, seconds in stages.items():
        print(f"  {stage:<10} {seconds:.2f} s")
    if args.no_pysbd:
        return
    import pysbd

    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    started = time.perf_counter()
    count = 0
    for paragraph in loaded.content.split("\n\n"):  # pySBD's usual unit; fairer to it
        if paragraph.strip():
            count += len(segmenter.segment(paragraph))
    theirs = time.perf_counter() - started
    print(f"pySBD segmentation alone: {theirs:.2f} s ({count:,} sentences, paragraph by paragraph)")
    print(f"ratio: our whole import is {theirs / ours:.1f}x faster than pySBD's segmentation")


if __name__ == "__main__":
    main()
