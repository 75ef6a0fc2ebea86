"""The seed article's 20 hardest words with their first gloss in the learner's language, and the
phrase floods: through the real ``analyze --glosses --json`` path, for one or two programs.

    .venv/bin/python bench/native_table.py --home HOME [--before-home HOME --before CMD]

HOME is a data home with WordNet, a FreeDict dictionary imported and ``native_lang`` set
(``sentences dict import /usr/share/dictd/freedict-eng-deu.index``, ``sentences config set
native_lang de``). ``--before CMD`` is another build's ``sentences`` command (an unpacked
``git archive main`` run with PYTHONPATH), run on ``--before-home`` (a home it imported into),
for a before/after table in one run.

Hardest: the 20 distinct lemmas glossed as single words with the lowest Zipf frequency (names
and words inside multi-word terms left out). A phrase flood is a multi-word term shown for the
sentence whose words are all among the commonest English words (Zipf >= 5.5) and that no
built-in source (WordNet, the shipped idioms) lists: "we have", "there is", "the north".
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from reader.lexicon.frequency import zipf
from reader.lexicon.literal import COMMON_ZIPF

SEED = Path(__file__).resolve().parent.parent / "seeds" / "arirang_weekly_focus_2025-09-06.txt"
HARDEST = 20


def analyze(command: list[str], home: str) -> list[dict[str, Any]]:
    text = SEED.read_text(encoding="utf-8")
    done = subprocess.run(
        [*command, "--home", home, "analyze", "--glosses", "--json"],
        input=text, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return list(json.loads(done.stdout))


def first_glosses(sentences: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for sentence in sentences:
        for token in sentence["tokens"]:
            gloss = token.get("gloss")
            if gloss and token["pos"] != "PROPN" and not gloss.get("term"):
                found.setdefault(str(token["lemma"]).lower(), gloss)
    return found


def floods(sentences: list[dict[str, Any]], built_in: set[str]) -> list[str]:
    terms: list[str] = []
    for sentence in sentences:
        seen: set[str] = set()
        for token in sentence["tokens"]:
            gloss = token.get("gloss") or {}
            term = gloss.get("term")
            if not term or term in seen:
                continue
            seen.add(term)
            if term not in built_in and all(zipf(w) >= COMMON_ZIPF for w in term.split()):
                terms.append(term)
    return terms


def built_in_phrases(home: str) -> set[str]:
    import sqlite3

    conn = sqlite3.connect(Path(home) / "reader.db")
    rows = conn.execute(
        "SELECT DISTINCT e.headword FROM lex_entries e JOIN lex_sources s ON s.id = e.source_id "
        "WHERE s.kind IN ('wordnet', 'idioms') AND e.headword LIKE '% %'"
    ).fetchall()
    conn.close()
    return {r[0] for r in rows}


def short(gloss: dict[str, Any] | None, width: int = 44) -> str:
    if not gloss:
        return "-"
    text = " ".join(str(gloss["text"]).split())
    text = text if len(text) <= width else text[: width - 1] + "…"
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--home", required=True)
    parser.add_argument("--before", help="the other build's sentences command")
    parser.add_argument("--before-home")
    parser.add_argument("--sentences", default=str(Path(sys.executable).parent / "sentences"))
    parser.add_argument(
        "--dictionary-words", action="store_true",
        help="only words a dictionary glosses first (a small dictionary, like eng-fra)",
    )  # fmt: skip
    parser.add_argument("--words", nargs="*", default=[], help="these words (as read) instead")
    args = parser.parse_args()
    after = analyze([args.sentences], args.home)
    before = analyze(shlex.split(args.before), args.before_home or args.home) if args.before else []
    now, then = first_glosses(after), first_glosses(before)
    candidates = [
        w for w in now
        if not args.dictionary_words or now[w]["source"] not in ("wordnet", "word parts", "idioms")
    ]  # fmt: skip
    words = args.words or sorted(candidates, key=lambda w: (zipf(w), w))[:HARDEST]
    for word in words:
        old = f"{short(then.get(word)):46}| " if args.before else ""
        new = now.get(word, {})
        print(f"{word:17} {old}{short(new):46} {new.get('sense') or ''}")
    built_in = built_in_phrases(args.home)
    for label, sentences in (("before", before), ("after", after)):
        if sentences:
            found = floods(sentences, built_in)
            print(f"phrase floods {label}: {len(found)} {sorted(set(found))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
