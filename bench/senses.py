"""Word senses as the learner sees them: SemEval-2007 (the standard WSD development set) scored on
the first gloss the reader shows, beside WordNet's first sense, and what ranking costs per sentence.

    .venv/bin/python bench/senses.py [--data DIR] [--text FILE] [--without RULE ...]
                                     [--instances FILE] [--heldout] [--book FILE]

**As shown** (the figure that counts): the 135 sentences become one document, one paragraph
each, detokenized as prose, exactly as ``../shared/bench/senses_as_shown.py`` builds it. The whole
document goes through the functions behind ``sentences analyze --glosses --json`` (the reader's
segmentation, tagging, lemmas, multi-word terms, sources and ranking) in a fresh data home. An
instance is scored on the first token that overlaps it: right when that token's
``gloss.sense`` is one of the gold keys (a token glossed by a multi-word term carries the term's
sense). **First sense, same pipeline**: WordNet's first sense for that token's own lemma and tag.

**Gold input**: WordNet's senses of the gold lemma and POS, ranked with the gold lemmas as
context, against their first sense. It says what the ranker does when the pipeline is perfect.

``--without RULE`` turns one of the reader's rules off for the as-shown figure, to measure what
each gains on its own (see ``ABLATIONS``). ``--heldout`` adds the held-out SemCor figures
(``scripts/train_senses.py --heldout --quick``: the boost model and IMS, several minutes).
``--book FILE`` times the whole-text pass the reader's worker runs per text
(``reader/learn/text_senses.py``). Timing: the median time :func:`rank_senses` adds per
sentence (every content word ranked, as
the glosses panel does).
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "corpus" / "wsd"
XML_POS = {"NOUN": "NOUN", "VERB": "VERB", "ADJ": "ADJ", "ADV": "ADV", "PRON": "PRON",
           "DET": "DET", "ADP": "ADP", "NUM": "NUM", "PRT": "PART", "CONJ": "CCONJ", ".": "PUNCT",
           "X": "X"}  # fmt: skip
NO_SPACE_BEFORE = {".", ",", ":", ";", "!", "?", "'s", "n't", "'", "''", ")", "%", "'re", "'ve",
                   "'ll", "'d", "'m"}  # fmt: skip
QUOTES = {"``": '"', "''": '"'}
FIRST_SENSE_POS = {"NOUN": "NOUN", "PROPN": "NOUN", "VERB": "VERB", "ADJ": "ADJ", "ADV": "ADV"}


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
    """A plain sentence and each word's character span in it (as ``senses_as_shown.py``)."""
    text = ""
    spans: list[tuple[int, int]] = []
    prev: str | None = None
    for word in words:
        piece = QUOTES.get(word.text, word.text)
        if text and not (word.text in NO_SPACE_BEFORE or prev in ("(", "$", "``")):
            text += " "
        spans.append((len(text), len(text) + len(piece)))
        text += piece
        prev = word.text
    return text, spans


def document(sentences: list[list[Word]]) -> tuple[str, list[tuple[str, int, int]]]:
    """The sentences as one document, a paragraph each, and each instance's span in it."""
    paragraphs: list[str] = []
    instances: list[tuple[str, int, int]] = []
    at = 0
    for words in sentences:
        text, spans = detokenize(words)
        for word, (a, b) in zip(words, spans, strict=True):
            if word.instance is not None:
                instances.append((word.instance, at + a, at + b))
        paragraphs.append(text)
        at += len(text) + 2
    return "\n\n".join(paragraphs), instances


def first_wordnet(senses: list[Any]) -> str | None:
    return next((g.sense_key for g in senses if g.kind == "wordnet"), None)


# Each rule of the reader that can be turned off for a measurement: name -> (module, attribute)
# of a module-level switch that is True in the product.
ABLATIONS: dict[str, tuple[str, str]] = {
    "pos-rivals": ("reader.lexicon.senses.rivals", "ENABLED"),
    "terms-apart": ("reader.lexicon.senses.model", "TERMS_APART"),
    "common-names": ("reader.lexicon.senses.model", "NAMES_GLOSSED"),
    "one-sense": ("reader.lexicon.senses.discourse", "ENABLED"),
    "chains": ("reader.lexicon.senses.chains", "ENABLED"),
    "infinitive-to": ("reader.learn.verb_particles", "INFINITIVE_TO"),
    "intransitive": ("reader.learn.verb_particles", "INTRANSITIVE"),
    "article-noun": ("reader.learn.verb_particles", "ARTICLE_NOUN"),
    "infinitive-verb": ("reader.lexicon.senses.rivals", "INFINITIVE_VERB"),
    "bare-infinitive": ("reader.lexicon.senses.rivals", "BARE_INFINITIVE"),
    "semcor-apart": ("reader.learn.verb_particles", "TERMS_APART"),
}


def as_shown(
    db: Any,
    text: str,
    instances: list[tuple[str, int, int]],
    gold: dict[str, set[str]],
    errors: list[dict[str, Any]] | None = None,
) -> tuple[float, float]:
    """(as shown, first sense through the same pipeline) on the whole document."""
    from reader.learn.annotate import add_glosses
    from reader.learn.phrases import PhraseIndex
    from reader.lexicon import glosses
    from reader.text import analyze

    sentences = add_glosses(db, analyze(text), "en", PhraseIndex.from_db(db, "en"), "")
    tokens = [t for s in sentences for t in s["tokens"]]
    spans = sorted((t["start"], t["end"], i) for i, t in enumerate(tokens))
    starts = [s for s, _, _ in spans]
    right = base = 0
    for iid, a, b in instances:
        i = bisect.bisect_right(starts, a) - 1
        hit = [x for x in spans[max(i, 0) : i + 4] if x[0] < b and x[1] > a]
        if not hit:
            continue
        token = tokens[hit[0][2]]
        gloss = token.get("gloss")
        shown = gloss.get("sense") if isinstance(gloss, dict) else None
        right += shown in gold[iid]
        pos = FIRST_SENSE_POS.get(token.get("pos") or "")
        lemma = (token.get("lemma") or "").lower()
        first = first_wordnet(glosses(db, lemma, pos)) if pos and lemma else None
        base += first in gold[iid]
        if errors is not None:
            term = gloss.get("term") if isinstance(gloss, dict) else None
            errors.append(
                {
                    "id": iid, "right": shown in gold[iid], "text": token["text"],
                    "lemma": lemma, "pos": token.get("pos"), "shown": shown, "term": term,
                    "gold": sorted(gold[iid]), "first_right": first in gold[iid],
                }
            )  # fmt: skip
    return right / len(instances), base / len(instances)


def margins(
    db: Any, text: str, instances: list[tuple[str, int, int]], gold: dict[str, set[str]]
) -> None:
    """For the words ranked alone, how far the second sense scored behind the first, and which
    was right: a margin shows both when the second is right often enough where they are close."""
    from reader.lexicon import glosses
    from reader.lexicon.senses import SenseContext, rank_senses, top_gap
    from reader.text import analyze

    rows: list[tuple[float, bool, bool]] = []
    sentences = analyze(text)
    for iid, a, b in instances:
        for sentence in sentences:
            tokens = sentence["tokens"]
            hit = [i for i, t in enumerate(tokens) if t["start"] < b and t["end"] > a]
            if not hit:
                continue
            i, token = hit[0], tokens[hit[0]]
            if token["pos"] not in ("NOUN", "VERB", "ADJ", "ADV"):
                break
            context = SenseContext.of_analyzed(tokens, (i,))
            lemma = (token["lemma"] or "").lower()
            senses = [g for g in glosses(db, lemma, token["pos"]) if g.kind == "wordnet"]
            ranked = rank_senses(db, senses, context, token["pos"])
            found = top_gap(ranked, context)
            if found is not None:
                keys = gold[iid]
                rows.append((found, ranked[0].sense_key in keys, ranked[1].sense_key in keys))
            break
    print(
        f"  margin ({len(rows)} words ranked by the model): both shown, first right, second right"
    )
    for step in (0.25, 0.5, 1.0, 1.5, 2.0, 3.0):
        close = [r for r in rows if r[0] < step]
        first, second = sum(r[1] for r in close), sum(r[2] for r in close)
        print(f"    {step:5.2f}  {len(close):4d}  {first:4d}  {second:4d}")


def gold_input(
    db: Any, sentences: list[list[Word]], gold: dict[str, set[str]]
) -> tuple[float, float]:
    """(first sense, ranked) with the gold lemma, POS and context."""
    from reader.lexicon import glosses
    from reader.lexicon.senses import SenseContext, rank_senses

    base = ranked = total = 0
    for words in sentences:
        lemmas = tuple(w.lemma for w in words)
        tags = tuple(w.pos for w in words)
        forms = tuple(w.text for w in words)
        for i, word in enumerate(words):
            if word.instance is None:
                continue
            total += 1
            keys = gold[word.instance]
            senses = [g for g in glosses(db, word.lemma.replace("_", " "), word.pos)
                      if g.kind == "wordnet"]  # fmt: skip
            base += first_wordnet(senses) in keys
            context = SenseContext(lemmas, tags, (i,), forms)
            ranked += first_wordnet(rank_senses(db, senses, context, word.pos)) in keys
    return base / total, ranked / total


def time_sentences(db: Any, text: str, whole: bool = False) -> list[float]:
    """Per sentence: building the context and ranking every content word's senses, in ms;
    with ``whole``, with the text's evidence built first (one sense per discourse, chains)."""
    from dataclasses import replace

    from reader.learn.annotate import document_evidence
    from reader.lexicon import glosses
    from reader.lexicon.senses import SenseContext, rank_senses
    from reader.text import analyze

    timings: list[float] = []
    sentences = analyze(text)
    evidence = document_evidence(db, sentences) if whole else None
    for sentence in sentences:
        tokens = sentence["tokens"]
        words = [
            (i, (t["lemma"] or "").lower(), t["pos"])
            for i, t in enumerate(tokens)
            if t["is_word"] and t["pos"] in ("NOUN", "VERB", "ADJ", "ADV")
        ]
        found = [(i, pos, glosses(db, lemma, pos)) for i, lemma, pos in words]
        started = time.perf_counter()
        context = replace(SenseContext.of_analyzed(tokens, ()), text=evidence)
        for i, pos, senses in found:
            rank_senses(db, senses, context.retarget((i,)), pos)
        timings.append(1000 * (time.perf_counter() - started))
    return timings


def whole_book(db: Any, book: Path) -> None:
    """How long the reader's worker takes to rank a whole book once (item 4: one sense per
    discourse), after importing it; import itself does none of this."""
    from reader.learn.text_senses import build
    from reader.text.importer import import_text
    from reader.text.load import load_path

    started = time.perf_counter()
    text_id = import_text(db, load_path(book)).text_id
    imported = time.perf_counter() - started
    started = time.perf_counter()
    evidence = build(db, text_id)
    took = time.perf_counter() - started
    print(f"whole-text pass, {book.name}: {took:.1f} s for {len(evidence.votes)} words ranked "
          f"(import alone: {imported:.1f} s)")  # fmt: skip
    from reader.learn.text_senses import sentence_of, text_sentences
    from reader.lexicon.senses.text_pass import chained

    sentences = [sentence_of(tokens) for tokens in text_sentences(db, text_id)]
    started = time.perf_counter()
    chains = chained(sentences)
    took = time.perf_counter() - started
    if chains is not None:
        print(f"  of which the lexical chains' blocks: {took:.2f} s, {len(chains.blocks)} blocks")
        middle = sentences[len(sentences) // 2][0]
        started = time.perf_counter()
        chains.around(tuple(middle), "NOUN")
        took = time.perf_counter() - started
        print(f"  one window's chain sums, when first asked for: {1000 * took:.1f} ms")


def heldout() -> str:
    """The held-out SemCor lines of ``scripts/train_senses.py --heldout``."""
    script = REPO / "scripts" / "train_senses.py"
    out = subprocess.run([sys.executable, str(script), "--heldout", "--quick"], capture_output=True,
                         text=True, check=True)  # fmt: skip
    return out.stdout


def switch_off(names: list[str]) -> list[Callable[[], None]]:
    import importlib

    undo: list[Callable[[], None]] = []
    for name in names:
        module_name, attribute = ABLATIONS[name]
        module = importlib.import_module(module_name)
        setattr(module, attribute, False)
        undo.append(lambda m=module, a=attribute: setattr(m, a, True))
    return undo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--text", type=Path, default=None, help="text to time (default: seed)")
    parser.add_argument("--without", action="append", default=[], choices=sorted(ABLATIONS),
                        help="turn a rule off (as-shown figure only); may repeat")  # fmt: skip
    parser.add_argument("--each", action="store_true",
                        help="also the as-shown figure with each rule off in turn")  # fmt: skip
    parser.add_argument("--instances", type=Path, help="write every instance as shown (JSON lines)")
    parser.add_argument("--heldout", action="store_true", help="add held-out SemCor (slow)")
    parser.add_argument("--no-timing", action="store_true")
    parser.add_argument("--margins", action="store_true", help="how close the top two senses are")
    parser.add_argument("--book", type=Path, help="time the whole-text pass on this book")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["SENTENCES_HOME"] = home
        from reader.lexicon import find_wordnet
        from reader.lexicon.builtin import ensure_lexicon
        from reader.lexicon.senses.model import load_model
        from reader.lexicon.wordnet import WORDNET_MISSING
        from reader.paths import SEEDS_DIR
        from reader.store.db import open_db

        if find_wordnet() is None:
            print(WORDNET_MISSING, file=sys.stderr)
            return 1
        started = time.perf_counter()
        if load_model() is None:
            print("no sense model shipped: run scripts/train_senses.py", file=sys.stderr)
            return 1
        load_ms = 1000 * (time.perf_counter() - started)
        db = open_db(Path(home) / "bench.db")
        ensure_lexicon(db)
        sentences = read_sentences(args.data / "semeval2007.data.xml")
        gold = read_gold(args.data / "semeval2007.gold.key.txt")
        text, instances = document(sentences)
        errors: list[dict[str, Any]] = []
        undo = switch_off(args.without)
        shown, first = as_shown(db, text, instances, gold, errors)
        for restore in undo:
            restore()
        off = f" (without {', '.join(args.without)})" if args.without else ""
        print(f"SemEval-2007, {len(instances)} instances, whole document{off}")
        print(f"  as shown                         {100 * shown:5.1f} %")
        print(f"  first sense, same pipeline       {100 * first:5.1f} %")
        gold_first, gold_ranked = gold_input(db, sentences, gold)
        print(f"  gold lemma+POS: first sense      {100 * gold_first:5.1f} %")
        print(f"  gold lemma+POS: ranked           {100 * gold_ranked:5.1f} %")
        if args.each:
            for name in sorted(ABLATIONS):
                undo = switch_off([name])
                found, _ = as_shown(db, text, instances, gold)
                for restore in undo:
                    restore()
                print(f"  as shown without {name:<16}{100 * found:5.1f} %  "
                      f"(the rule gains {100 * (shown - found):+.1f})")  # fmt: skip
        if args.margins:
            margins(db, text, instances, gold)
        if args.instances:
            args.instances.write_text(
                "".join(json.dumps(e) + "\n" for e in errors), encoding="utf-8"
            )
        if args.heldout:
            print(heldout().rstrip())
        if args.book:
            whole_book(db, args.book)
        if not args.no_timing:
            print(f"model load (once per process): {load_ms:.0f} ms")
            seed = args.text or SEEDS_DIR / "arirang_weekly_focus_2025-09-06.txt"
            for name, texts, whole in (
                ("SemEval-2007 sentences", [detokenize(w)[0] for w in sentences], False),
                ("seed article", [seed.read_text(encoding="utf-8")], False),
                ("seed article, with the whole text's evidence", [seed.read_text("utf-8")], True),
            ):
                timings = [t for one in texts for t in time_sentences(db, one, whole)]
                print(f"ranking per sentence, {name} ({len(timings)} sentences): median "
                      f"{statistics.median(timings):.2f} ms, 90th percentile "
                      f"{statistics.quantiles(timings, n=10)[-1]:.2f} ms")  # fmt: skip
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
