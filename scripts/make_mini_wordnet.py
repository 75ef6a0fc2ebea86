"""Write a small WordNet, in the real file format, holding only the seed article's words.

The tests use it so glosses (and screen snapshots) do not depend on which WordNet the machine has.
Synsets keep their words and gloss; pointers are dropped and byte offsets recomputed, so the files
are valid wndb(5) data of their own. WordNet's licence travels with them.

    python scripts/make_mini_wordnet.py [/usr/share/wordnet] [tests/data/mini_wordnet]
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt"
POS = ("noun", "verb", "adj", "adv")
EXTRA = {
    "dog",
    "take over",
    "tug-of-war",
    "heir apparent",
    "shore up",
    "signal",
    "heir",
    "training",
}


def wanted_lemmas() -> set[str]:
    sys.path.insert(0, str(REPO))
    from reader.text import analyze

    text = SEED.read_text(encoding="utf-8")
    lemmas = {t["lemma"].lower() for s in analyze(text) for t in s["tokens"] if t["is_word"]}
    lemmas |= {t["text"].lower() for s in analyze(text) for t in s["tokens"] if t["is_word"]}
    return {w.replace(" ", "_") for w in lemmas | EXTRA}


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet")
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "tests" / "data" / "mini_wordnet"
    target.mkdir(parents=True, exist_ok=True)
    lemmas = wanted_lemmas()
    for pos in POS:
        index_lines = [
            line
            for line in (source / f"index.{pos}").read_text(encoding="latin-1").splitlines()
            if line and not line.startswith("  ") and _wanted(line.split(" ", 1)[0], lemmas)
        ]
        needed = {off for line in index_lines for off in _offsets(line)}
        data: dict[str, str] = {}
        for line in (source / f"data.{pos}").read_text(encoding="latin-1").splitlines():
            if line and not line.startswith("  ") and line[:8] in needed:
                data[line[:8]] = _strip_pointers(line)
        new_offset: dict[str, str] = {}
        out: list[str] = []
        position = 0
        for old in sorted(data):
            offset = f"{position:08d}"
            new_offset[old] = offset
            line = offset + data[old][8:]
            out.append(line)
            position += len(line.encode("latin-1")) + 1
        (target / f"data.{pos}").write_bytes(("\n".join(out) + "\n").encode("latin-1"))
        rewritten = []
        for line in index_lines:
            fields = line.split()
            count = int(fields[2])
            head = fields[: len(fields) - count]
            head[3] = "0"  # no pointer symbols: the mini data has no pointers
            head = head[:4] + head[4 + int(fields[3]) :]
            offsets = [new_offset[o] for o in fields[len(fields) - count :]]
            rewritten.append(" ".join(head + offsets) + "  ")
        (target / f"index.{pos}").write_text("\n".join(sorted(rewritten)) + "\n", "latin-1")
    licence = source.parent / "doc" / "wordnet-base" / "copyright"
    for candidate in (Path("/usr/share/doc/wordnet-base/copyright"), licence):
        if candidate.is_file():
            shutil.copy(candidate, target / "LICENSE")
            break
    print(f"wrote {target}")


def _wanted(headword: str, lemmas: set[str]) -> bool:
    """The article's words, and collocations made only of them ("take_a_look", "shore_up")."""
    return headword in lemmas or (
        "_" in headword and all(part in lemmas for part in headword.split("_"))
    )


def _offsets(line: str) -> list[str]:
    fields = line.split()
    count = int(fields[2])
    return fields[len(fields) - count :]


def _strip_pointers(line: str) -> str:
    head, sep, gloss = line.partition(" | ")
    fields = head.split()
    w_cnt = int(fields[3], 16)
    words = fields[4 : 4 + 2 * w_cnt]
    rest = fields[4 + 2 * w_cnt :]
    p_cnt = int(rest[0])
    frames = rest[1 + 4 * p_cnt :]
    return " ".join(fields[:4] + words + ["000"] + frames) + " " + sep.strip() + " " + gloss


if __name__ == "__main__":
    main()
