"""Before and after sense ranking: the first gloss the reading screen shows for the hardest words
of a text, with WordNet's first sense (before) and ranked by the sentence (after).

    .venv/bin/python bench/senses_table.py [--text FILE] [--words N]

The words are chosen as a learner meets them: every word or multi-word term the glosses panel
shows for a new learner (a fresh data home, phrases on), whose WordNet entry has more than one
sense for its part of speech (so the ranking has a choice to make), the N rarest by wordfreq
(first occurrence of each), once the reader's worker has ranked the whole text. The issue's
own examples follow them. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from reader.learn.phrases import PhraseIndex
from reader.learn.session import ReadingSession
from reader.learn.text_senses import build
from reader.lexicon import compile_wordnet, find_wordnet, glosses
from reader.lexicon.frequency import zipf
from reader.lexicon.idioms import ensure_idioms
from reader.lexicon.wordnet import WORDNET_MISSING
from reader.paths import SEEDS_DIR
from reader.store.db import open_db
from reader.text.importer import import_text
from reader.text.load import load_path

EXAMPLES = ("correspondent", "summit", "protocol", "shore up", "tie", "key", "united front", "hope")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--text", type=Path, default=SEEDS_DIR / "arirang_weekly_focus_2025-09-06.txt"
    )
    parser.add_argument("--words", type=int, default=20)
    args = parser.parse_args()
    directory = find_wordnet()
    if directory is None:
        print(WORDNET_MISSING, file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "table.db")
        compile_wordnet(db, directory)
        ensure_idioms(db)
        text_id = import_text(db, load_path(args.text)).text_id
        build(db, text_id)  # the whole text ranked, as the reader's worker leaves it
        session = ReadingSession(db, text_id, phrases=PhraseIndex.from_db(db))
        rows: dict[str, tuple[float, str, str, str, str]] = {}
        index = 0
        while True:
            for row in session.gloss_rows():
                unit, entry = row.unit, row.entry
                pos = unit.pos if not unit.is_phrase else None
                wordnet = [g for g in glosses(db, unit.key, pos) if g.kind == "wordnet"]
                if unit.key in rows or len(wordnet) < 2 or not entry.senses:
                    continue
                sentence = session.sentence.text if session.sentence else ""
                before = wordnet[0].gloss
                after = entry.short()  # as the glosses panel shows it: both, when close
                rows[unit.key] = (zipf(unit.key), unit.surface, sentence, before, after)
            index += 1
            if not session.goto(index):
                break
        hardest = sorted(rows, key=lambda k: (rows[k][0], k))[: args.words]
        chosen = hardest + [k for k in EXAMPLES if k in rows and k not in hardest]
        print("| word | in the sentence | before (first sense) | after (ranked) |")
        print("|---|---|---|---|")
        for key in chosen:
            _, surface, sentence, before, after = rows[key]
            mark = "" if before != after else " (same)"
            after = after.replace("|", "\\|")  # two close senses, in a Markdown cell
            print(f"| {key} | {_excerpt(sentence, surface)} | {before} | {after}{mark} |")
        db.close()
    return 0


def _excerpt(sentence: str, surface: str, width: int = 40) -> str:
    """A few words either side of the word, so the table shows why a sense fits."""
    first = surface.split()[0]
    at = sentence.find(first)
    if at < 0:
        return sentence[: 2 * width]
    start, end = max(0, at - width), min(len(sentence), at + len(surface) + width)
    return (
        ("…" if start else "") + sentence[start:end].strip() + ("…" if end < len(sentence) else "")
    )


if __name__ == "__main__":
    sys.exit(main())
