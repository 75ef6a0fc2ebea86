"""Write a small WordNet, in the real file format, holding only the seed article's words.

The tests use it so glosses (and screen snapshots) do not depend on which WordNet the machine has.
Synsets keep their words and gloss, and only the pointers sense keys and the cannot-fit flags need
(instance of, topic domain, a satellite's head), whose targets come along; byte offsets are
recomputed, so the files are valid wndb(5) data of their own. WordNet's licence travels with them.

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


KEPT_POINTERS = frozenset({"@i", ";c", "&"})  # instance of, topic domain, satellite's head
POS_OF = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/wordnet")
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else REPO / "tests" / "data" / "mini_wordnet"
    target.mkdir(parents=True, exist_ok=True)
    lemmas = wanted_lemmas()
    index_lines: dict[str, list[str]] = {}
    full: dict[str, dict[str, str]] = {}
    needed: dict[str, set[str]] = {}
    for pos in POS:
        index_lines[pos] = [
            line
            for line in (source / f"index.{pos}").read_text(encoding="latin-1").splitlines()
            if line and not line.startswith("  ") and _wanted(line.split(" ", 1)[0], lemmas)
        ]
        needed[pos] = {off for line in index_lines[pos] for off in _offsets(line)}
        full[pos] = {
            line[:8]: line
            for line in (source / f"data.{pos}").read_text(encoding="latin-1").splitlines()
            if line and not line.startswith("  ")
        }
    # The synsets the kept pointers lead to (a satellite's head, a domain, an instance's class)
    # come along, unindexed, so sense keys and the cannot-fit flags compile as from the full one.
    for pos in POS:
        for offset in sorted(needed[pos]):
            line = full[pos][offset]
            for symbol, target_offset, target_pos in _kept_pointers(line):
                if symbol != "&" or line.split(" ", 3)[2] == "s":
                    needed[POS_OF[target_pos]].add(target_offset)
    new_offset: dict[tuple[str, str], str] = {}
    for pos in POS:
        position = 0
        for old in sorted(needed[pos]):
            new_offset[(pos, old)] = f"{position:08d}"
            line = _rewrite(full[pos][old], old, needed, {})
            position += len(line.encode("latin-1")) + 1
    for pos in POS:
        out = [_rewrite(full[pos][old], old, needed, new_offset) for old in sorted(needed[pos])]
        (target / f"data.{pos}").write_bytes(("\n".join(out) + "\n").encode("latin-1"))
        rewritten = []
        for line in index_lines[pos]:
            fields = line.split()
            count = int(fields[2])
            head = fields[: len(fields) - count]
            head[3] = "0"  # no pointer symbols listed: they only summarize the data lines
            head = head[:4] + head[4 + int(fields[3]) :]
            offsets = [new_offset[(pos, o)] for o in fields[len(fields) - count :]]
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


def _kept_pointers(line: str) -> list[tuple[str, str, str]]:
    """(symbol, offset, pos) of the pointers the mini WordNet keeps, from the same synset."""
    fields = line.partition(" | ")[0].split()
    rest = fields[4 + 2 * int(fields[3], 16) :]
    found = rest[1 : 1 + 4 * int(rest[0])]
    pointers = [tuple(found[i : i + 3]) for i in range(0, len(found), 4)]
    return [(s, o, p) for s, o, p in pointers if s in KEPT_POINTERS]


def _rewrite(
    line: str, old: str, needed: dict[str, set[str]], new_offset: dict[tuple[str, str], str]
) -> str:
    """The data line at its new offset, with the kept pointers whose targets are kept, aimed at
    their new offsets. With an empty ``new_offset`` offsets are placeholders, for sizing."""
    head, sep, gloss = line.partition(" | ")
    fields = head.split()
    w_cnt = int(fields[3], 16)
    words = fields[4 : 4 + 2 * w_cnt]
    rest = fields[4 + 2 * w_cnt :]
    p_cnt = int(rest[0])
    frames = rest[1 + 4 * p_cnt :]
    pos = POS_OF[fields[2]]
    pointers: list[str] = []
    for symbol, offset, target_pos in _kept_pointers(line):
        if offset not in needed[POS_OF[target_pos]] or (symbol == "&" and fields[2] != "s"):
            continue
        moved = new_offset.get((POS_OF[target_pos], offset), "0" * 8) if new_offset else "0" * 8
        pointers += [symbol, moved, target_pos, "0000"]
    me = new_offset.get((pos, old), "0" * 8) if new_offset else "0" * 8
    kept = [f"{len(pointers) // 4:03d}", *pointers]
    return " ".join([me, *fields[1:4], *words, *kept, *frames]) + " " + sep.strip() + " " + gloss


if __name__ == "__main__":
    main()
