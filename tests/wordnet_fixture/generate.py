"""Write a tiny WordNet in the real wndb(5) file format, with correct byte offsets.

Data lines are addressed by their byte offset in data.<pos>, which the first field of each line
repeats, so the offsets are computed here rather than typed by hand. Run this file to regenerate
the copy shipped beside it: ``python tests/wordnet_fixture/generate.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HEADER = [
    "  1 This is a tiny test fixture in the format of Princeton WordNet 3.0.",
    "  2 WordNet Release 3.0 This software and database is being provided to you, the LICENSEE,",
    "  3 by Princeton University under the following license.",
]
LEX_FILE = {"n": "05", "v": "38", "a": "00", "s": "00", "r": "02"}
FILES = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}

# (key, ss_type, lemmas, gloss); lemmas as WordNet writes them (case, '_', adjective markers).
SYNSETS: list[tuple[str, str, list[str], str]] = [
    ("dog.n.1", "n", ["dog", "domestic_dog", "Canis_familiaris"],
     "a member of the genus Canis that has been domesticated by man since prehistoric times; "
     '"the dog barked all night"'),
    ("frump.n.1", "n", ["frump", "dog"],
     'a dull unattractive unpleasant girl or woman; "she got a reputation as a frump"; '
     '"she\'s a real dog"'),
    ("heir.n.1", "n", ["heir_apparent"],
     "an heir whose right to an inheritance cannot be defeated"),
    ("run.n.1", "n", ["run", "tally"],
     'a score in baseball made by a runner touching all four bases; "the Yankees scored 3 runs"'),
    ("substitution.n.1", "n", ["substitution", "exchange"],
     'the act of putting one thing or person in the place of another: '
     '"he sent Smith in for Jones"'),
    ("stride.n.1", "n", ["stride"],
     'significant progress (especially in the phrase "make strides"); "they made big strides"'),
    ("email.n.1", "n", ["e-mail", "email", "electronic_mail"],
     "a system of world-wide electronic communication"),
    ("run.v.1", "v", ["run"],
     'move fast by using one\'s feet; "Don\'t run--you\'ll be out of breath"'),
    ("run.v.2", "v", ["operate", "run"],
     'direct or control; projects, businesses, etc.; "She is running a relief operation"'),
    ("take_over.v.1", "v", ["assume", "usurp", "seize", "take_over", "arrogate"],
     "seize and take control without authority and possibly with force; "
     '"He assumed to himself the right to fill all positions"'),
    ("dog.v.1", "v", ["chase", "chase_after", "trail", "tail", "tag", "give_chase", "dog",
                      "go_after", "track"],
     'go after with the intent to catch; "The policeman chased the mugger down the alley"'),
    ("good.a.1", "a", ["good"],
     'having desirable or positive qualities; "good news from the hospital"'),
    ("fast.a.1", "a", ["fast"],
     'acting or moving or capable of acting or moving quickly; "fast film"'),
    ("galore.s.1", "s", ["galore(ip)", "in_abundance"],
     'existing in abundance; "there were snacks galore"'),
    ("fast.r.1", "r", ["fast"], 'quickly or rapidly; "run fast!"'),
    ("well.r.1", "r", ["well", "good"],
     'in a good or proper or satisfactory manner; "the children behaved well"'),
]  # fmt: skip

# (lemma, pos letter, synset keys in sense-frequency order)
INDEX: list[tuple[str, str, list[str]]] = [
    ("canis_familiaris", "n", ["dog.n.1"]),
    ("dog", "n", ["dog.n.1", "frump.n.1"]),
    ("domestic_dog", "n", ["dog.n.1"]),
    ("e-mail", "n", ["email.n.1"]),
    ("electronic_mail", "n", ["email.n.1"]),
    ("email", "n", ["email.n.1"]),
    ("exchange", "n", ["substitution.n.1"]),
    ("frump", "n", ["frump.n.1"]),
    ("heir_apparent", "n", ["heir.n.1"]),
    ("run", "n", ["run.n.1"]),
    ("stride", "n", ["stride.n.1"]),
    ("substitution", "n", ["substitution.n.1"]),
    ("tally", "n", ["run.n.1"]),
    ("arrogate", "v", ["take_over.v.1"]),
    ("assume", "v", ["take_over.v.1"]),
    ("chase", "v", ["dog.v.1"]),
    ("dog", "v", ["dog.v.1"]),
    ("operate", "v", ["run.v.2"]),
    ("run", "v", ["run.v.1", "run.v.2"]),
    ("seize", "v", ["take_over.v.1"]),
    ("take_over", "v", ["take_over.v.1"]),
    ("usurp", "v", ["take_over.v.1"]),
    ("fast", "a", ["fast.a.1"]),
    ("galore", "a", ["galore.s.1"]),
    ("good", "a", ["good.a.1"]),
    ("in_abundance", "a", ["galore.s.1"]),
    ("fast", "r", ["fast.r.1"]),
    ("good", "r", ["well.r.1"]),
    ("well", "r", ["well.r.1"]),
]

# index.sense tag counts: (lemma, ss_type digit, synset key, sense number, count)
SENSES: list[tuple[str, str, str, int, int]] = [
    ("dog", "1", "dog.n.1", 1, 42),
    ("dog", "1", "frump.n.1", 2, 2),
    ("dog", "2", "dog.v.1", 1, 3),
    ("run", "1", "run.n.1", 1, 5),
    ("run", "2", "run.v.1", 1, 100),
    ("run", "2", "run.v.2", 2, 20),
    ("fast", "3", "fast.a.1", 1, 30),
    ("fast", "4", "fast.r.1", 1, 40),
]


def write_fixture(directory: Path) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    offsets: dict[str, str] = {}
    for suffix in ("noun", "verb", "adj", "adv"):
        members = [s for s in SYNSETS if FILES[s[1]] == suffix]
        out = bytearray("".join(line + "  \n" for line in HEADER).encode())
        for key, ss_type, lemmas, gloss in members:
            offset = f"{len(out):08d}"
            offsets[key] = offset
            words = " ".join(f"{lemma} 0" for lemma in lemmas)
            frames = " 01 + 02 00" if ss_type == "v" else ""
            line = f"{offset} {LEX_FILE[ss_type]} {ss_type} {len(lemmas):02x} {words} 000{frames}"
            out += f"{line} | {gloss}  \n".encode()
        (directory / f"data.{suffix}").write_bytes(bytes(out))
    for suffix, letter in (("noun", "n"), ("verb", "v"), ("adj", "a"), ("adv", "r")):
        lines = list(HEADER)
        for lemma, pos, keys in sorted(i for i in INDEX if i[1] == letter):
            found = " ".join(offsets[k] for k in keys)
            lines.append(f"{lemma} {pos} {len(keys)} 1 @ {len(keys)} 0 {found}")
        (directory / f"index.{suffix}").write_text("".join(f"{ln}  \n" for ln in lines))
    sense_lines = [
        f"{lemma}%{digit}:05:{number - 1:02d}:: {offsets[key]} {number} {count}"
        for lemma, digit, key, number, count in SENSES
    ]
    (directory / "index.sense").write_text("".join(f"{ln}\n" for ln in sorted(sense_lines)))


if __name__ == "__main__":
    write_fixture(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent)
