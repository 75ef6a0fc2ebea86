"""The rows a dictionary import stored, hashed: a faster import must store exactly the same.

    .venv/bin/python bench/dict_rows_hash.py --home H freedict-eng-deu [freedict-eng-fra ...]

Prints one SHA-256 per dictionary over its entries in stored order (headword, part of speech,
rank, gloss, example, synonyms, pronunciation, see-also, sense key, alignment confidence,
literal flag) and the row count. Import the same file with two builds into two data homes and
compare the lines: any difference in what is imported changes the hash. ``--dump FILE`` writes
the rows as text too, to diff when the hashes differ.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from reader.store.db import open_db

COLUMNS = (
    "headword, pos, rank, gloss, example, synonyms, pronunciation, see_also, sense_key, "
    "align_score, literal"
)


def rows_hash(db_path: Path, name: str, dump: Path | None = None) -> tuple[str, int]:
    db = open_db(db_path)
    found = db.conn.execute("SELECT id FROM lex_sources WHERE name = ?", (name,)).fetchone()
    if found is None:
        raise SystemExit(f"{db_path}: no dictionary named {name!r}")
    digest = hashlib.sha256()
    count = 0
    out = dump.open("w", encoding="utf-8") if dump else None
    try:
        cursor = db.conn.execute(
            f"SELECT {COLUMNS} FROM lex_entries WHERE source_id = ? ORDER BY id", (found[0],)
        )
        for row in cursor:
            line = "\t".join("" if v is None else repr(v) for v in row) + "\n"
            digest.update(line.encode("utf-8"))
            if out:
                out.write(line)
            count += 1
    finally:
        if out:
            out.close()
    return digest.hexdigest(), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--home", required=True, type=Path, help="data home holding reader.db")
    parser.add_argument("names", nargs="+", help="dictionary names (sentences dict list)")
    parser.add_argument("--dump", type=Path, help="write the rows of the first name here")
    args = parser.parse_args()
    for i, name in enumerate(args.names):
        digest, count = rows_hash(args.home / "reader.db", name, args.dump if i == 0 else None)
        print(f"{name}\t{count}\t{digest}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
