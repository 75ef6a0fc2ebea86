"""Word-sense ranking on SemEval-2007 (the standard WSD development set), against WordNet's first
sense in the same run, and what ranking costs the reading screen per sentence.

    .venv/bin/python bench/senses.py [--data DIR] [--text FILE]

Prints, on the 455 SemEval-2007 instances (scored as the framework scores them: right when the
first sense shown is one of the gold keys):
- with gold lemma and POS: the candidates are WordNet's senses of the gold lemma and POS, and the
  context is the gold lemmas;
- end to end: the sentence is detokenized and run through the reader's own tokenizer, tagger and
  lemmatizer (``reader.text.analyze``); the instance's tokens are looked up as the reader looks
  up a word (``gloss_entry`` with the tagged POS; a multi-word instance as a phrase), so tagging
  and lemma errors count against it;
then the median time :func:`rank_senses` adds per sentence (every content word of the sentence
ranked, as the glosses panel does) on SemEval's sentences and on the seed article, and the
one-off model load.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from reader.learn.glossing import WORDNET_POS, gloss_entry
from reader.lexicon import compile_wordnet, find_wordnet, glosses
from reader.lexicon.senses import SenseContext, rank_senses
from reader.lexicon.senses.model import load_model
from reader.lexicon.wordnet import WORDNET_MISSING
from reader.paths import SEEDS_DIR
from reader.store.db import open_db
from reader.text import analyze

DATA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wsd"
XML_POS = {"NOUN": "NOUN", "VERB": "VERB", "ADJ": "ADJ", "ADV": "ADV", "PRON": "PRON",
           "DET": "DET", "ADP": "ADP", "NUM": "NUM", "PRT": "PART", "CONJ": "CCONJ", ".": "PUNCT",
           "X": "X"}  # fmt: skip
NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "'s", "n't", "'", "''", ")", "%", "'re", "'ve",
                   "'ll", "'d", "'m"}  # fmt: skip


@dataclass
class Word:
    text: str
    lemma: str
    pos: str
    instance: str | None


def read_sentences(path: Path) -> list[list[Word]]:
    sentences: list[list[Word]] = []
    for sentence in ET.parse(path).getroot().iter("sentence"):
        words = [
            Word(
                node.text or "",
                node.get("lemma", "").lower(),
                XML_POS.get(node.get("pos", "X"), "X"),
                node.get("id") if node.tag == "instance" else None,
            )
            for node in sentence
        ]
        sentences.append(words)
    return sentences


def read_gold(path: Path) -> dict[str, set[str]]:
    gold: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split()
        if fields:
            gold[fields[0]] = set(fields[1:])
    return gold


def detokenize(words: list[Word]) -> tuple[str, list[tuple[int, int]]]:
    """A plain sentence and each word's character span in it."""
    text = ""
    spans: list[tuple[int, int]] = []
    for i, word in enumerate(words):
        piece = word.text.replace("``", '"').replace("''", '"')
        if i and word.text not in NO_SPACE_BEFORE and words[i - 1].text not in ("(", "``", "$"):
            text += " "
        spans.append((len(text), len(text) + len(piece)))
        text += piece
    return text, spans


def first_wordnet(senses: list) -> str | None:  # type: ignore[type-arg]
    return next((g.sense_key for g in senses if g.kind == "wordnet"), None)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument(
        "--text", type=Path, default=SEEDS_DIR / "arirang_weekly_focus_2025-09-06.txt"
    )
    args = parser.parse_args()
    directory = find_wordnet()
    if directory is None:
        print(WORDNET_MISSING, file=sys.stderr)
        return 1
    sentences = read_sentences(args.data / "semeval2007.data.xml")
    gold = read_gold(args.data / "semeval2007.gold.key.txt")
    started = time.perf_counter()
    model = load_model()
    load_ms = 1000 * (time.perf_counter() - started)
    if model is None:
        print("no sense model shipped: run scripts/train_senses.py", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        db = open_db(Path(tmp) / "bench.db")
        compile_wordnet(db, directory)
        right = {"gold first sense": 0, "gold ranked": 0, "e2e first sense": 0, "e2e ranked": 0}
        total = 0
        for words in sentences:
            lemmas = tuple(w.lemma for w in words)
            tags = tuple(w.pos for w in words)
            forms = tuple(w.text for w in words)
            text, spans = detokenize(words)
            tokens = [t for s in analyze(text) for t in s["tokens"]]
            for i, word in enumerate(words):
                if word.instance is None:
                    continue
                total += 1
                keys = gold[word.instance]
                lemma = word.lemma.replace("_", " ")
                senses = [g for g in glosses(db, lemma, word.pos) if g.kind == "wordnet"]
                right["gold first sense"] += first_wordnet(senses) in keys
                context = SenseContext(lemmas, tags, (i,), forms)
                ranked = rank_senses(db, senses, context, word.pos)
                right["gold ranked"] += first_wordnet(ranked) in keys
                start, end = spans[i]
                target = [j for j, t in enumerate(tokens) if t["start"] < end and t["end"] > start]
                if not target:
                    continue
                own = SenseContext.of_analyzed(tokens, target)
                if len(target) == 1:
                    key, pos = (tokens[target[0]]["lemma"] or "").lower(), tokens[target[0]]["pos"]
                else:
                    key, pos = " ".join(own.lemmas[j] for j in target), None
                if pos is None or pos in WORDNET_POS:
                    right["e2e first sense"] += first_wordnet(glosses(db, key, pos)) in keys
                entry = gloss_entry(db, key, pos=pos, context=own)
                right["e2e ranked"] += first_wordnet(entry.senses) in keys
        print(f"SemEval-2007, {total} instances (WordNet from {directory})")
        for label in ("gold", "e2e"):
            base, ranked = right[f"{label} first sense"], right[f"{label} ranked"]
            name = "gold lemma+POS" if label == "gold" else "end to end    "
            gain = 100 * (ranked - base) / total
            print(f"  {name}  first sense {100 * base / total:5.1f} %   ranked "
                  f"{100 * ranked / total:5.1f} %   ({gain:+.1f})")  # fmt: skip
        print(f"model load (once per process): {load_ms:.0f} ms")
        for name, texts in (
            ("SemEval-2007 sentences", [detokenize(w)[0] for w in sentences]),
            ("seed article", [args.text.read_text(encoding="utf-8")]),
        ):
            timings = [t for text in texts for t in time_sentences(db, text)]
            print(f"ranking per sentence, {name} ({len(timings)} sentences): median "
                  f"{statistics.median(timings):.2f} ms, 90th percentile "
                  f"{statistics.quantiles(timings, n=10)[-1]:.2f} ms")  # fmt: skip
        db.close()
    return 0


def time_sentences(db: object, text: str) -> list[float]:
    """Per sentence: building the context and ranking every content word's senses, in ms."""
    timings: list[float] = []
    for sentence in analyze(text):
        tokens = sentence["tokens"]
        words = [
            (i, (t["lemma"] or "").lower(), t["pos"])
            for i, t in enumerate(tokens)
            if t["is_word"] and t["pos"] in ("NOUN", "VERB", "ADJ", "ADV")
        ]
        found = [(i, pos, glosses(db, lemma, pos)) for i, lemma, pos in words]  # type: ignore[arg-type]
        started = time.perf_counter()
        context = SenseContext.of_analyzed(tokens, ())
        for i, pos, senses in found:
            rank_senses(db, senses, context.retarget((i,)), pos)  # type: ignore[arg-type]
        timings.append(1000 * (time.perf_counter() - started))
    return timings


if __name__ == "__main__":
    sys.exit(main())
