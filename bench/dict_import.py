"""Dictionary import speed: generate 100,000-entry dictionaries in each format and import them.

    .venv/bin/python bench/dict_import.py [--entries N] [--dictd FILE.index]

Target: under 10 s per 100,000 entries, so importing a real dictionary feels like one step; and
Debian's FreeDict English-German (dict-freedict-eng-deu: 464,000 index lines, dictzip) in under
15 s. The machine is shared, so CPU time and the load average are printed beside wall time.
"""

from __future__ import annotations

import argparse
import gzip
import random
import struct
import sys
import tempfile
import time
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


def write_dictd(folder: Path, entries: list[tuple[str, str]]) -> Path:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"

    def b64(value: int) -> str:
        out = ""
        while True:
            value, digit = divmod(value, 64)
            out = alphabet[digit] + out
            if not value:
                return out

    data, index = bytearray(), []
    for word, gloss in sorted(entries):
        body = f"{word} /wɜːd/\n{gloss} <fem>\n see: {{{word}s}}\n\n".encode()
        index.append(f"{word}\t{b64(len(data))}\t{b64(len(body))}\n")
        data += body
    (folder / "bench-eng-deu.dict").write_bytes(bytes(data))
    (folder / "bench-eng-deu.index").write_text("".join(index), encoding="utf-8")
    return folder / "bench-eng-deu.index"


def real_dictd(path: Path, folder: Path) -> None:
    """Import a real dictd dictionary: the parse alone, then the whole import, timed."""
    import os
    import resource

    from reader.lexicon import dictd
    from reader.lexicon.base import ranked

    def cpu() -> float:
        """This process and its finished children: the parse runs in worker processes."""
        mine = resource.getrusage(resource.RUSAGE_SELF)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return mine.ru_utime + mine.ru_stime + children.ru_utime + children.ru_stime

    lines = sum(1 for _ in path.open(encoding="utf-8", errors="replace"))
    started_cpu, started = cpu(), time.perf_counter()
    count = sum(1 for _ in ranked(dictd.read_dictd(dictd.locate(path))))
    parse_wall, parse_cpu = time.perf_counter() - started, cpu() - started_cpu
    db = open_db(folder / "real.db")
    load = os.getloadavg()[0]
    started_cpu = cpu()
    report = import_dictionary(db, path)
    import_cpu = cpu() - started_cpu
    db.conn.close()
    print(
        f"{path.name}: {lines:,} index lines, {report.entries:,} entries "
        f"({report.source_lang}-{report.target_lang})"
    )
    print(
        f"  parse only      {parse_wall:6.2f} s wall, {parse_cpu:6.2f} s CPU, all processes "
        f"({count:,} records)"
    )
    print(
        f"  whole import    {report.seconds:6.2f} s wall, {import_cpu:6.2f} s CPU, all processes "
        f"(target 15 s; load average {load:.1f} on {os.cpu_count()} cores)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument(
        "--dictd",
        type=Path,
        default=Path("/usr/share/dictd/freedict-eng-deu.index"),
        help="a real dictd dictionary to time (Debian: apt-get install dict-freedict-eng-deu)",
    )
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
            ("dictd (.index + .dict)", write_dictd(folder, entries)),
        ]
        for label, path in sources:
            report = import_dictionary(db, path, name=label)
            again = import_dictionary(db, path, name=label)  # replacing costs a delete too
            print(
                f"{label:26} {report.entries:,} entries: import {report.seconds:.2f} s, "
                f"re-import {again.seconds:.2f} s"
            )
        db.conn.close()
        if args.dictd.is_file():
            real_dictd(args.dictd, folder)
        else:
            print(f"{args.dictd}: not installed (apt-get install dict-freedict-eng-deu)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
