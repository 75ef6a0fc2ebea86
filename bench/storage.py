"""How much disk a library of books takes: bytes per table and index (SQLite's dbstat), before and
after, built in one run.

The library is War and Peace, Sherlock Holmes, Pride and Prejudice and the seed article
(``../shared/corpus``), imported into a fresh data home by the program as it is at git ref
``--before`` (default ``de31070``, the last commit with a row per token, unpacked with
``git archive`` into a temporary directory) and by this checkout. War and Peace is also
imported alone, for the issue's measure: bytes added per byte of text (target: at most 5x).
Import times are printed too (one process each, the same machine, back to back), and the time
to read one sentence's tokens back, as the reader does for each sentence it shows.

    .venv/bin/python bench/storage.py [--before REF] [--books PATH ...]
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from git_tree import unpack

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"
BOOKS = [
    CORPUS / "war_and_peace_2600-0.txt",
    CORPUS / "sherlock_holmes_adventures_1661-0.txt",
    CORPUS / "pride_and_prejudice_1342-0.txt",
    REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt",
]
TEXT_TABLES = ("texts", "sentences", "tokens", "sentence_tokens", "occurrences", "lemmas")


def build(db_path: Path, books: list[Path]) -> dict[str, float]:
    """Import ``books`` into a new database with whichever ``reader`` is on sys.path."""
    from reader.store import open_db
    from reader.text.importer import import_text
    from reader.text.load import load_path

    db = open_db(db_path)
    empty = db_path.stat().st_size
    times: dict[str, float] = {"empty_bytes": float(empty)}
    for book in books:
        started = time.perf_counter()
        import_text(db, load_path(book))
        times[book.name] = time.perf_counter() - started
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return times


def sizes(db_path: Path) -> tuple[dict[str, int], int]:
    """Bytes per table and index (whole pages, as on disk), and the text's UTF-8 bytes."""
    conn = sqlite3.connect(db_path)
    rows = conn.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name").fetchall()
    text = conn.execute("SELECT COALESCE(SUM(LENGTH(CAST(content AS BLOB))), 0) FROM texts")
    text_bytes = int(text.fetchone()[0])
    owners = dict(conn.execute("SELECT name, tbl_name FROM sqlite_master").fetchall())
    conn.close()
    return {str(n): int(b) for n, b in rows if owners.get(n, n) in TEXT_TABLES}, text_bytes


def run_build(src: Path, db_path: Path, books: list[Path]) -> dict[str, float]:
    env = dict(os.environ, PYTHONPATH=str(src))
    out = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--build", str(db_path), "--src",
         str(src), *(str(b) for b in books)],
        env=env, cwd=src, check=True, capture_output=True, text=True,
    )  # fmt: skip
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def table(label: str, before: dict[str, int], after: dict[str, int], text: int) -> None:
    print(f"\n{label}: {text / 1e6:.2f} MB of text")
    print(f"{'table or index':<28}{'before MB':>12}{'after MB':>12}")
    names = set(before) | set(after)
    for name in sorted(names, key=lambda n: -max(before.get(n, 0), after.get(n, 0))):
        b, a = before.get(name, 0), after.get(name, 0)
        print(f"{name:<28}{b / 1e6:>12.2f}{a / 1e6:>12.2f}")
    tb, ta = sum(before.values()), sum(after.values())
    print(f"{'total':<28}{tb / 1e6:>12.2f}{ta / 1e6:>12.2f}")
    print(f"{'x the text':<28}{tb / text:>12.1f}{ta / text:>12.1f}")


OLD_TOKENS = (
    'SELECT idx, surface, start, "end", lemma, pos, is_word, term_key FROM tokens '
    "WHERE sentence_id = ? ORDER BY idx"
)


def reading_times(db_path: Path, old: bool, count: int = 2000) -> tuple[float, float]:
    """Median and p95 microseconds to read one sentence's tokens, over ``count`` sentences
    from a third of the way into the book (what the reader does for every sentence shown)."""
    import statistics

    sys.path.insert(0, str(REPO))
    from reader.learn.texts import tokens_of
    from reader.store import open_db

    conn = sqlite3.connect(db_path)
    ids = [int(r[0]) for r in conn.execute("SELECT id FROM sentences ORDER BY id")]
    ids = ids[len(ids) // 3 :][:count]
    db = None if old else open_db(db_path, migrate_schema=False)
    times = []
    for sid in ids:
        started = time.perf_counter()
        if db is None:
            conn.execute(OLD_TOKENS, (sid,)).fetchall()
        else:
            tokens_of(db, sid)
        times.append((time.perf_counter() - started) * 1e6)
    conn.close()
    if db is not None:
        db.close()
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--before", default="de31070", help="git ref of the program before (default: the last "
        "commit storing a row per token)"
    )  # fmt: skip
    parser.add_argument("--build", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--src", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("books", nargs="*", type=Path)
    args = parser.parse_args()
    if args.build is not None:
        sys.path.insert(0, str(args.src))
        print(json.dumps(build(args.build, args.books)))
        return
    books = args.books or BOOKS
    missing = [b for b in books if not b.exists()]
    if missing:
        sys.exit(f"missing: {', '.join(str(m) for m in missing)} (the shared corpus)")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        sources = {"before": unpack(args.before, work), "after": REPO}
        results: dict[str, dict[str, object]] = {}
        for label, src in sources.items():
            alone = work / f"{label}-alone.db"
            library = work / f"{label}-library.db"
            times = run_build(src, alone, books[:1])
            run_build(src, library, books)
            results[label] = {
                "alone": sizes(alone), "library": sizes(library), "import_s": times[books[0].name],
                "read_us": reading_times(alone, old=label == "before"),
            }  # fmt: skip
    for what in ("alone", "library"):
        before, text = results["before"][what]  # type: ignore[misc]
        after, _ = results["after"][what]  # type: ignore[misc]
        label = books[0].name if what == "alone" else f"library of {len(books)} texts"
        table(label, before, after, text)
    print(f"\nimport of {books[0].name} (end to end, one process, in the same run):")
    for label in ("before", "after"):
        print(f"  {label:<8}{results[label]['import_s']:.2f} s")
    print("one sentence's tokens read back (the reader, per sentence shown), 2,000 sentences:")
    for label in ("before", "after"):
        median, p95 = results[label]["read_us"]  # type: ignore[misc]
        print(f"  {label:<8}median {median:.0f} µs, p95 {p95:.0f} µs")


if __name__ == "__main__":
    main()
