"""Write ``reader/lexicon/data/verb_frames_en.tsv``: WordNet's sentence frames of its multi-word
verbs ("come to", "fall through", "live in"), one line per verb with the frames any of its senses
allows.

The reader asks it whether a phrasal verb it found can be what the sentence holds: "fall
through" (fail) takes no object in any sense, so in "fallen through cracks" the "through" opens a
prepositional phrase and the verb is "fall" (:mod:`reader.learn.verb_particles`). The frames are
WordNet's own ``f_cnt`` fields of ``data.verb`` (``frames.vrb`` names them); WordNet's licence
is ``reader/lexicon/models/LICENSE-WordNet.txt``. The output is sorted, so the same WordNet
gives the same bytes.

    python scripts/make_verb_frames.py [WORDNET_DIR]   (default: the WordNet the reader finds)
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "reader" / "lexicon" / "data" / "verb_frames_en.tsv"
HEADER = (
    "# WordNet 3.0's verb frames (data.verb) of its multi-word verbs: each verb and every\n"
    "# frame number (frames.vrb) one of its senses allows. Derived from WordNet 3.0,\n"
    "# Copyright 2006 by Princeton University, under the WordNet licence\n"
    "# (reader/lexicon/models/LICENSE-WordNet.txt).\n"
    "# Written by scripts/make_verb_frames.py.\n"
)


def frames_of(lines: list[str]) -> dict[str, set[int]]:
    """Multi-word verb (spaces, lowercased) -> the frame numbers its senses allow."""
    found: dict[str, set[int]] = {}
    for line in lines:
        fields = line.partition(" | ")[0].split()
        count = int(fields[3], 16)
        words = [w.lower() for w in fields[4 : 4 + 2 * count : 2]]
        at = 4 + 2 * count
        at += 1 + 4 * int(fields[at])  # the pointers
        frames: list[tuple[int, int]] = []
        if at < len(fields):
            for n in range(int(fields[at])):
                _, number, word = fields[at + 1 + 3 * n : at + 4 + 3 * n]
                frames.append((int(number), int(word, 16)))
        for i, word in enumerate(words, start=1):
            if "_" in word:
                mine = {number for number, w in frames if w in (0, i)}
                found.setdefault(word.replace("_", " "), set()).update(mine)
    return found


def main() -> int:
    sys.path.insert(0, str(REPO))
    from reader.lexicon import find_wordnet
    from reader.lexicon.wndb import open_wordnet

    location = Path(sys.argv[1]) if len(sys.argv) > 1 else find_wordnet()
    files = open_wordnet(location) if location is not None else None
    if files is None:
        print("no complete WordNet there", file=sys.stderr)
        return 1
    found = frames_of(files.lines("data.verb"))
    rows = [f"{verb}\t{' '.join(map(str, sorted(frames)))}\n" for verb, frames in found.items()]
    OUT.write_text(HEADER + "".join(sorted(rows)), encoding="utf-8")
    print(f"{OUT.relative_to(REPO)}: {len(rows)} verbs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
