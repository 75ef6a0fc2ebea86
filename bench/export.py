"""Exporting a big vocabulary: a book imported, N of its words marked as learning, then the same
export as ``sentences export`` (without audio, which is the speech engines' time, not ours).

    .venv/bin/python bench/export.py [--book FILE] [--terms 2000]

Prints the time to choose each term's sentence and meaning (per term), and to write the Anki
package, the TSV and the CSV, each checked by reading it back (the package as a zip with its
collection inside).
"""

from __future__ import annotations

import argparse
import csv
import io
import sqlite3
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from reader.export.anki import write_apkg
from reader.export.selection import Selection, select_items
from reader.export.tabular import write_table
from reader.learn.status import set_statuses
from reader.lexicon.builtin import ensure_lexicon
from reader.store.db import open_db
from reader.text.importer import import_text
from reader.text.load import load_path

BOOK = (
    Path(__file__).resolve().parents[1].parent
    / "shared/corpus/sherlock_holmes_adventures_1661-0.txt"
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--book", type=Path, default=BOOK)
    parser.add_argument("--terms", type=int, default=2000)
    args = parser.parse_args()
    if not args.book.exists():
        print(f"bench/export.py: no book at {args.book}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        started = time.perf_counter()
        ensure_lexicon(db)
        import_text(db, load_path(args.book))
        print(f"setup (lexicon, import {args.book.name}): {time.perf_counter() - started:.1f} s")
        keys = [
            r[0]
            for r in db.execute(
                "SELECT l.key FROM occurrences o JOIN lemmas l ON l.id = o.lemma_id "
                "GROUP BY l.key ORDER BY SUM(o.words) DESC LIMIT ? OFFSET 300",
                (args.terms,),
            ).fetchall()
        ]  # past the 300 most frequent words, as a learner's list would be
        set_statuses(db, keys, 2)

        domain = _timed_domain_vocabulary()
        started = time.perf_counter()
        items = select_items(db, Selection())
        took = time.perf_counter() - started
        print(
            f"select {len(items)} terms (sentence, meaning ranked in it, translation): "
            f"{took:.2f} s, {took / len(items) * 1000:.2f} ms per term"
        )
        print(
            f"  of which the sense ranker's domain vocabulary queries: {domain[1]:.2f} s "
            f"in {domain[0]:.0f} calls"
        )
        for kind, name in (("anki", "deck.apkg"), ("tsv", "deck.tsv"), ("csv", "deck.csv")):
            out = Path(tmp) / name
            started = time.perf_counter()
            if kind == "anki":
                notes, _ = write_apkg(items, out)
            else:
                notes, _ = write_table(items, out, kind)
            took = time.perf_counter() - started
            print(f"write {kind}: {notes} notes in {took:.2f} s ({out.stat().st_size:,} bytes)")
            _check(kind, out, notes)
        db.close()
    return 0


def _timed_domain_vocabulary() -> list[float]:
    """Time the sense ranker's domain-vocabulary query (reader.lexicon.senses.fit), which runs
    once per sense with a topic domain: [calls, seconds], filled in as the export runs."""
    from reader.lexicon.senses import fit

    spent = [0.0, 0.0]
    original = fit.domain_vocabulary

    def timed(*args: object) -> frozenset[str]:
        started = time.perf_counter()
        try:
            return original(*args)  # type: ignore[arg-type]
        finally:
            spent[0] += 1
            spent[1] += time.perf_counter() - started

    fit.domain_vocabulary = timed  # type: ignore[assignment]
    return spent


def _check(kind: str, out: Path, notes: int) -> None:
    if kind == "anki":
        with zipfile.ZipFile(out) as package, tempfile.TemporaryDirectory() as tmp:
            package.extract("collection.anki2", tmp)
            conn = sqlite3.connect(Path(tmp) / "collection.anki2")
            found = conn.execute("SELECT COUNT(*) FROM notes").fetchone()[0]
            conn.close()
    elif kind == "csv":
        found = len(list(csv.reader(io.StringIO(out.read_text(encoding="utf-8"))))) - 1
    else:  # Anki's headers start with "#"; a GUID starting with "#" is quoted
        lines = out.read_text(encoding="utf-8").splitlines()
        found = len([line for line in lines if not line.startswith("#")])
    if found != notes:
        raise SystemExit(f"{kind}: {found} notes read back, {notes} written")


if __name__ == "__main__":
    sys.exit(main())
