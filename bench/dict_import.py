"""Dictionary import speed: generate 100,000-entry dictionaries in each format and import them.

    .venv/bin/python bench/dict_import.py [--entries N]

Target: under 10 s per 100,000 entries, so importing a real dictionary feels like one step.
"""

from __future__ import annotations

import argparse
import gzip
import random
import struct
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from reader.lexicon import import_dictionary
from reader.store.db import open_db

SYLLABLES = ["ka", "lo", "mi", "ren", "tus", "vo", "shi", "an", "dre", "pol", "qui", "zen"]
FILLER = "a somewhat longer explanation of the meaning with an example of how it is used"


def make_entries(count: int) -> list[tuple[str, str]]:
    rng = random.Random(7)
    out = []
    for i in range(count):
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))) + str(i % 97)
        out.append((word, " ".join(rng.choices(FILLER.split(" "), k=rng.randint(4, 14)))))
    return out


def write_tsv(path: Path, entries: list[tuple[str, str]]) -> Path:
    path.write_text("".join(f"{w}\t{g}\n" for w, g in entries), encoding="utf-8")
    return path


def write_stardict(folder: Path, entries: list[tuple[str, str]]) -> Path:
    data, index = bytearray(), bytearray()
    for word, gloss in sorted(entries, key=lambda e: e[0].lower()):
        article = f"<b>{word}</b><br>{gloss}".encode()
        index += word.encode() + b"\0" + struct.pack(">II", len(data), len(article))
        data += article
    (folder / "bench.ifo").write_text(
        "StarDict's dict ifo file\nversion=2.4.2\nbookname=Bench\n"
        f"wordcount={len(entries)}\nidxfilesize={len(index)}\nsametypesequence=h\n"
    )
    (folder / "bench.idx").write_bytes(bytes(index))
    with gzip.open(folder / "bench.dict.dz", "wb") as handle:
        handle.write(bytes(data))
    return folder / "bench.ifo"


def write_tei(path: Path, entries: list[tuple[str, str]]) -> Path:
    parts = ['<?xml version="1.0"?>\n<TEI xmlns="http://www.tei-c.org/ns/1.0"><text><body>\n']
    for word, gloss in entries:
        parts.append(
            f"<entry><form><orth>{escape(word)}</orth></form><gramGrp><pos>n</pos></gramGrp>"
            f'<sense><cit type="trans"><quote>{escape(gloss)}</quote></cit></sense></entry>\n'
        )
    parts.append("</body></text></TEI>\n")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    entries = make_entries(args.entries)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = open_db(folder / "bench.db")
        (folder / "sd").mkdir()
        sources = [
            ("tsv", write_tsv(folder / "bench.tsv", entries)),
            ("stardict (.dict.dz, html)", write_stardict(folder / "sd", entries)),
            ("freedict TEI", write_tei(folder / "bench.tei", entries)),
        ]
        for label, path in sources:
            report = import_dictionary(db, path, name=label)
            again = import_dictionary(db, path, name=label)  # replacing costs a delete too
            print(
                f"{label:26} {report.entries:,} entries: import {report.seconds:.2f} s, "
                f"re-import {again.seconds:.2f} s"
            )
        db.conn.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
