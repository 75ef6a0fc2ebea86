"""The alignment's shortcuts give exactly the plain way's answers.

An import aligns half a million groups, so the aligner keeps what it reads of each target word
(its back-translations as one line, their content words, the words of each definition) and
skips steps where it can. Each test here works the answer out the plain way, step by step as
the alignment is described (:mod:`reader.lexicon.align`), and asks for the same, on entries
made to hit every shortcut's edge: marks, doubled and odd whitespace, see: and synonym items,
one-word items with more than letters ("e-mail"), a headword of three letters ("bob").
"""

from __future__ import annotations

import re
from itertools import product
from pathlib import Path

from _dictd import write_dictd

from reader.lexicon import dictd
from reader.lexicon.align import (
    DOMAIN_LABELS,
    DOMAIN_ONLY,
    ONLY_SENSE,
    Aligner,
    Sense,
    _content_words,
    translations_of,
)
from reader.lexicon.reverse import read_translations

STOP = {"that", "this", "with", "from", "which", "used", "have", "been", "being", "into",
        "their", "other", "some", "such", "what", "when", "where", "also", "more", "most",
        "very", "than", "them", "they", "made", "make", "something", "someone", "person",
        "thing", "things"}  # fmt: skip

REVERSE = [
    ("gipfel", "Gipfel /x/ <masc, n, sg>\npeak <n>, top <n>, summit <n>\n"),
    ("gipfel", "Gipfel\nsummit  meeting <n>;  crest; Summits\n"),
    ("gipfeltreffen", "Gipfeltreffen /x/\nsummit meeting <n>, summit <n>\n see: {Treffen}\n"),
    ("post", "Post\ne-mail <n>, mail <n>, back-up copy, well-known post, Summits (pl)\n"),
    ("treffen", "Treffen\n see: {Gipfel}\n"),
    ("beispiel", 'Beispiel\n      "example sentence"  - ein Beispiel\n'),
    ("leer", "Leer\n"),
    ("synonymisch", "Synonymisch\nsynonym: alike, same\tthing , e-mail\n"),
    ("spitze", "Spitze\npeak <n> [geogr.], top (of a mountain) <n>, summit {n}, Plus\n"),
    ("versammlung", "Versammlung\nmeetings <n>, gathering, heads of state\n"),
    ("bob", "Bob\nbob <n>, bobsleigh <n>, plus, bobs, bob-sled\n"),
    ("zug", "Zug\ntrain\u00a0ride, draw\t stroke,, mountain-top\n"),
    ("nummer", "Nummer\n24/7 <adv>, 10th, twenty-first <num>, café, plus-sign\n"),
    ("oben", "Oben\nsynonymous mountain, top, highest point\n"),
    ("klasse", "Klasse\nclass <n>, classs, something, grass\n"),
]
SENSES = {
    "summit": [
        Sense("summit%1:23:00::", "NOUN", frozenset({"top", "peak", "crown"}),
              "the highest point of a mountain", None),
        Sense("summit%1:14:00::", "NOUN", frozenset({"summit meeting", "top meeting"}),
              "a meeting of heads of governments", "politics"),
        Sense("summit%2:38:00::", "VERB", frozenset({"crest"}),
              "reach the highest point of; the Mountain-tops", None),
    ],
    "plus": [
        Sense("plus%1:07:00::", "NOUN", frozenset({"asset", "positive"}),
              "a useful or valuable quality, plus things", None),
        Sense("plus%1:24:00::", "NOUN", frozenset({"plus sign"}), "the sign for addition",
              "mathematics"),
    ],
    "bob": [
        Sense("bob%1:06:00::", "NOUN", frozenset({"bobsleigh", "bobsled"}),
              "a long racing sled with two pairs of runners", "sport"),
        Sense("bob%2:38:00::", "VERB", frozenset({"bobsled"}), "ride a bobsled", None),
    ],
    "e-mail": [
        Sense("e-mail%1:10:00::", "NOUN", frozenset({"email", "mail"}),
              "a system of world-wide electronic mail", None),
    ],
    "post": [
        Sense("post%1:10:00::", "NOUN", frozenset({"mail"}),
              "the mail that is delivered, a class of somethings", None),
        Sense("post%1:04:00::", "NOUN", frozenset({"position", "berth"}),
              "a job in an organization", "business"),
    ],
}  # fmt: skip
GLOSSES = [
    "Gipfel (m)", "Gipfeltreffen (n), Gipfel (m) [pol.]", "Post; Spitze", "Bob,, Leer",
    "Treffen [sport]", "Zug  (m)\tSpitze", "Nummer\n(second line: Gipfel)", "Beispiel, Synonymisch",
    "Versammlung [Am.] [fin.]", "unbekannt", "Oben, BOB", " , ", "Klasse (f)",
]  # fmt: skip
SYNONYMS = [None, "summit meeting, Peak", "mail, e-mailing, plus"]
SEE_ALSO = [None, "summits, summited", "e-mails, plusses, bobs, bob-sleds, heads of state"]

_MARKS = re.compile(r"<[^<>]*>|\[[^\]]*\]|\([^()]*\)|\{[^{}]*\}")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\]]*\]|<[^<>]*>")
_LABEL = re.compile(r"\[([A-Za-zÄÖÜäöü.]+)\]")


def plain_english(body: str) -> set[str]:
    """An entry's English items: the first line after the headword line, item by item."""
    lines = body.split("\n")
    line = lines[1] if len(lines) > 1 else ""
    if not line or line[0] == " " and line.lstrip()[:1] in ('"', ""):
        return set()
    items = (" ".join(i.split()).lower() for i in re.split(r"[,;]", _MARKS.sub(" ", line)))
    return {i for i in items if i and not i.startswith(("see:", "synonym"))}


def plain_reverse() -> dict[str, frozenset[str]]:
    found: dict[str, set[str]] = {}
    for word, body in REVERSE:
        found.setdefault(word.lower(), set()).update(plain_english(body))
    return {word: frozenset(items) for word, items in found.items()}


def plain_translations(gloss: str) -> list[str]:
    first = _BRACKETED.sub(" ", gloss.split("\n", 1)[0]).lower()
    items = (" ".join(item.split()) for item in re.split(r"[,;]", first))
    return [item for item in items if item]


def plain_singular(word: str) -> str:
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def plain_words(text: str, own: str = "\0") -> set[str]:
    found = re.findall(r"[a-z]+", text)
    return {plain_singular(w) for w in found
            if len(w) >= 4 and w not in STOP and not w.startswith(own)}  # fmt: skip


def plain_group(
    reverse: dict[str, frozenset[str]], headword: str, pos: str | None, gloss: str,
    synonyms: str | None, see_also: str | None,
) -> tuple[str | None, float | None]:  # fmt: skip
    """The alignment as its module says it, each step on its own."""
    candidates = SENSES.get(headword, [])
    if pos in ("NOUN", "VERB", "ADJ", "ADV"):
        candidates = [s for s in candidates if s.pos == pos]
    if not candidates:
        return None, None
    english: set[str] = set()
    for target in plain_translations(gloss):
        english |= reverse.get(target, frozenset())
    for related in (synonyms, see_also):
        if related:
            english |= {s.lower() for s in related.split(", ")}
    own = headword[:4]
    english = {e for e in english if " " in e or not e.startswith(own)}
    words = {w for e in english for w in plain_words(e, own)}
    first = gloss.split("\n", 1)[0]
    labels = [m.lower() for m in _LABEL.findall(first) if m.lower() in DOMAIN_LABELS]
    domains = {d for label in labels for d in DOMAIN_LABELS[label]}
    scores = []
    for sense in candidates:
        said = 2.0 * len(english & sense.lemmas) + 0.5 * len(
            words & plain_words(sense.definition.lower())
        )
        scores.append((said + (1.0 if sense.domain in domains else 0.0), said > 0))
    best = max(score for score, _ in scores)
    if best == 0:
        return (candidates[0].key, ONLY_SENSE) if len(candidates) == 1 else (None, None)
    at = [score for score, _ in scores].index(best)
    winner, worded = candidates[at], scores[at][1]
    second = max([score for i, (score, _) in enumerate(scores) if i != at] + [0.0])
    if pos is None and not english & winner.lemmas:
        return None, None
    confidence = round((best - second) / (best + 1), 3)
    return winner.key, confidence if worded else min(confidence, DOMAIN_ONLY)


def test_the_reverse_reads_each_entry_as_the_plain_way(tmp_path: Path) -> None:
    files = dictd.locate(write_dictd(tmp_path, "freedict-deu-eng", REVERSE))
    translations = read_translations(files)
    expected = plain_reverse()
    for word, items in expected.items():
        assert translations.lookup(word) == items, word
        assert translations.get(word) == (items or None), word
    assert translations.lookup("nowhere") == frozenset() and translations.get("nowhere") is None
    assert dict(translations) == {w: items for w, items in expected.items() if items}


def test_translations_and_content_words_as_the_plain_way() -> None:
    for gloss in GLOSSES + ["a  (b)  c;d ,\u00a0e\tf", "x <y> z [w] (v)"]:
        assert translations_of(gloss) == plain_translations(gloss), gloss
    for sense in (s for senses in SENSES.values() for s in senses):
        assert _content_words(sense.definition) == plain_words(sense.definition.lower())
        assert sense.words() == plain_words(sense.definition.lower())


def test_every_group_is_aligned_as_the_plain_way(tmp_path: Path) -> None:
    files = dictd.locate(write_dictd(tmp_path, "freedict-deu-eng", REVERSE))
    reverse = plain_reverse()
    from_file = Aligner(SENSES, read_translations(files))
    from_mapping = Aligner(SENSES, reverse)
    cases = product(list(SENSES) + ["unknown"], ("NOUN", "VERB", None, "ADP"), GLOSSES,
                    SYNONYMS, SEE_ALSO)  # fmt: skip
    aligned = 0
    for _ in range(2):  # the second time from what the aligners kept
        for case in cases:
            expected = plain_group(reverse, *case)
            assert from_file.group(*case) == expected, case
            assert from_mapping.group(*case) == expected, case
            aligned += expected[0] is not None
        cases = product(list(SENSES), ("NOUN", None), GLOSSES, SYNONYMS, SEE_ALSO)
    assert aligned > 500  # the cases say something, not only (None, None)
