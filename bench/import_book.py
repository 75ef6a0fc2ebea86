"""Import a whole book (segment, tokenize, tag, lemmatize, store) and time it against pySBD.

DESIGN.md's target: War and Peace imports in under 10 s, and no slower than pySBD's sentence
segmentation alone on the same text. Both are measured here, in one run. The import is what
`sentences import` does: the text stored, then its phrases counted for the study list
(reader.learn.after_import, stage "phrases"), in a data home set up with WordNet and the idiom
list (set up first, not timed; ``--bare``: no phrases to count, as before).

    .venv/bin/python bench/import_book.py [BOOK] [--no-pysbd] [--bare]
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
    parser.add_argument("--bare", action="store_true", help="no WordNet or idioms set up")
    args = parser.parse_args()

    from reader.learn.after_import import after_import
    from reader.store import open_db
    from reader.text.importer import import_text
    from reader.text.load import load_path

    with tempfile.TemporaryDirectory() as home:
        db = open_db(Path(home) / "reader.db")
        if not args.bare:
            from reader.lexicon.idioms import ensure_idioms
            from reader.lexicon.wordnet import welcome_wordnet

            ensure_idioms(db)
            welcome_wordnet(db)
        started = time.perf_counter()
        loaded = load_path(args.book)
        stages: dict[str, float] = {}
        last = [time.perf_counter()]

        def progress(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            stages[stage] = stages.get(stage, 0.0) + now - last[0]
            last[0] = now

        result = import_text(db, loaded, progress=progress)
        after_import(db, result.text_id, "en", progress, analysed=result.analysed)
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
