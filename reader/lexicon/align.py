"""Which WordNet sense each translation group of a bilingual dictionary translates.

The reader ranks a word's WordNet senses by the sentence; a German or French gloss can follow
that ranking only if it knows which sense it translates. So at import every translation group
("Kundgebung (f) [pol.]" under "rally") gets the WordNet sense key it most likely translates and
a confidence, stored on its row: the lookup stays one indexed read.

The evidence, as in cross-lingual sense mapping work (back-translation through the reverse
dictionary, as for building wordnets from bilingual dictionaries):

* back-translation: the reverse dictionary (FreeDict deu-eng beside eng-deu) turns the group's
  translations back into English ("Kundgebung" -> {manifestation, rally}); English words shared
  with a sense's synset ({rally, mass meeting}) or its definition count for that sense. The
  group's own English synonyms and cross-references ("Synonyms: {support}, {buy-in}",
  "see: {newspaper correspondent}") count the same way;
* part of speech: only senses of the group's part of speech are candidates;
* domain labels ([pol.], [fin.], [sport]) matched with WordNet's topic domains, weighing
  less than a shared word ([sport] says little between badminton and motor racing);
* ties go to WordNet's more frequent sense. (Among groups aligned with one sense, the lookup
  puts the one with the commoner target word first: see :mod:`reader.learn.native`.)

Confidence is the winning score's margin over the runner-up, ``(best - second) / (best + 1)``:
0 when two senses tie, 0.5 for one shared word against none, nearer 1 with more. A word with a
single sense of that part of speech gets it with :data:`ONLY_SENSE` when nothing speaks for it.
English words of the headword's own family ("backed", "backings") are no evidence, and a group
with no part of speech (often an inflected form) is aligned only through a shared synset word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import sqlite_utils

from reader.lexicon.base import Row

ONLY_SENSE = 0.4
DOMAIN_ONLY = 0.2
"""The most a domain label alone makes an alignment worth: kept, but not enough to lead."""
SYNSET_WEIGHT = 2.0
DEFINITION_WEIGHT = 0.5
DOMAIN_WEIGHT = 1.0
MIN_DEFINITION_WORD = 4
OWN_STEM = 4

# FreeDict's domain labels (the German and English abbreviations its dictionaries use) and the
# WordNet topic domains (lex_entries.domain) each stands for.
_SPORTS = ("sport", "badminton", "tennis", "football", "baseball", "basketball", "golf",
           "cricket", "boxing", "ball game", "court game", "ice hockey", "soccer")  # fmt: skip
DOMAIN_LABELS: dict[str, tuple[str, ...]] = {
    "adm.": ("government", "administration"),
    "agr.": ("agriculture", "farming"),
    "anat.": ("anatomy", "medicine"),
    "arch.": ("architecture",),
    "art": ("art", "fine arts"),
    "astron.": ("astronomy",),
    "auto": ("car", "motor vehicle", "driving"),
    "aviat.": ("aeronautics", "aircraft", "air travel", "airplane"),
    "biochem.": ("biochemistry", "chemistry", "biology"),
    "biol.": ("biology", "genetics", "cytology"),
    "bot.": ("botany",),
    "chem.": ("chemistry", "biochemistry"),
    "comp.": ("computer science", "computing", "computer", "computer technology"),
    "constr.": ("construction", "architecture", "masonry", "carpentry", "engineering"),
    "cook.": ("cooking", "meat"),
    "econ.": ("economics", "business", "commerce", "finance"),
    "electr.": ("electricity", "electronics", "electrical engineering"),
    "envir.": ("ecology", "environment", "environmental science"),
    "fin.": ("finance", "banking", "investing", "investment", "corporate finance", "accounting"),
    "geogr.": ("geography",),
    "geol.": ("geology", "mineralogy"),
    "hist.": ("history", "antiquity", "middle ages"),
    "jur.": ("law", "criminal law", "civil law", "contract law", "legislation"),
    "ling.": ("linguistics", "grammar", "language"),
    "lit.": ("literature",),
    "mach.": ("mechanics", "engineering", "machinery"),
    "math.": ("mathematics", "geometry", "algebra", "arithmetic"),
    "med.": ("medicine", "pathology", "anatomy", "surgery"),
    "mil.": ("military", "navy"),
    "meteo.": ("meteorology", "weather"),
    "min.": ("mining", "mineral extraction"),
    "mus.": ("music", "jazz", "concert"),
    "naut.": ("navigation", "boat", "nautical", "navy"),
    "ornith.": ("ornithology", "bird"),
    "pharm.": ("pharmacology", "pharmacy", "medicine"),
    "phil.": ("philosophy", "logic", "ethics", "metaphysics"),
    "phys.": ("physics", "mechanics", "optics", "nuclear physics"),
    "pol.": ("politics", "government", "election", "diplomacy", "legislature", "parliament"),
    "print": ("printing", "typography"),
    "psych.": ("psychology",),
    "relig.": ("religion", "christianity", "theology", "bible"),
    "school": ("education", "school"),
    "sport": _SPORTS,
    "sports": _SPORTS,
    "techn.": ("engineering", "technology", "mechanics"),
    "textil.": ("textile", "sewing", "weaving", "clothing"),
    "telco.": ("telecommunications", "communications"),
    "transp.": ("transport", "driving", "car"),
    "zool.": ("zoology", "animal", "mammal", "bird", "insect"),
}
_LABEL = re.compile(r"\[([A-Za-zÄÖÜäöü.]+)\]")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\]]*\]|<[^<>]*>")
_ITEM_SPLIT = re.compile(r"[,;]")
_WORD = re.compile(r"[a-z]+")
_NONE: frozenset[str] = frozenset()
_STOP = frozenset(
    [
        "that",
        "this",
        "with",
        "from",
        "which",
        "used",
        "have",
        "been",
        "being",
        "into",
        "their",
        "other",
        "some",
        "such",
        "what",
        "when",
        "where",
        "also",
        "more",
        "most",
        "very",
        "than",
        "them",
        "they",
        "made",
        "make",
        "something",
        "someone",
        "person",
        "thing",
        "things",
    ]
)


def labels_of(gloss: str) -> list[str]:
    """The domain labels of a group's first line ("[pol.]"), lower-cased, known ones only."""
    first = gloss.split("\n", 1)[0]
    return [label for label in (m.lower() for m in _LABEL.findall(first)) if label in DOMAIN_LABELS]


def translations_of(gloss: str) -> list[str]:
    """A group's translations, lower-cased, without genders, labels and notes."""
    first = _BRACKETED.sub(" ", gloss.split("\n", 1)[0]).lower()
    items = (" ".join(item.split()) for item in _ITEM_SPLIT.split(first))
    return [item for item in items if item]


class Sense(NamedTuple):
    """One WordNet sense as the alignment reads it (a tuple: an import makes 160,000 of them
    before the parse workers fork, and a frozen dataclass was twice as slow to make)."""

    key: str
    pos: str | None
    lemmas: frozenset[str]
    definition: str
    domain: str | None

    def words(self) -> frozenset[str]:
        """The definition's content words (asked only when a group has English words to match:
        most of a dictionary's groups never do)."""
        return _content_words(self.definition)


@lru_cache(maxsize=65536)
def _content_words(definition: str) -> frozenset[str]:
    found = _WORD.findall(definition.lower())
    return frozenset(_singular(w) for w in found if len(w) >= MIN_DEFINITION_WORD
                     and w not in _STOP)  # fmt: skip


def _singular(word: str) -> str:
    """A plural matches its singular ("meetings", "meeting"); no deeper stemming, as
    "constitution" is no "constituent"."""
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


@dataclass(frozen=True)
class Alignment:
    """What an import says about its alignment: how many groups got a sense, with what help."""

    aligned: int
    groups: int
    reverse: str | None


def wordnet_senses(db: sqlite_utils.Database) -> dict[str, list[Sense]]:
    """Every WordNet sense by headword, most frequent first, with its synset's lemmas and its
    definition's content words."""
    rows = db.conn.execute(
        "SELECT e.headword, e.pos, e.sense_key, e.synonyms, e.gloss, e.domain "
        "FROM lex_entries e JOIN lex_sources s ON s.id = e.source_id "
        "WHERE s.kind = 'wordnet' AND e.sense_key IS NOT NULL AND e.proper = 0 "
        "ORDER BY e.headword, e.rank"
    ).fetchall()
    found: dict[str, list[Sense]] = {}
    new = tuple.__new__
    for headword, pos, key, synonyms, gloss, domain in rows:
        lemmas = frozenset(synonyms.lower().split(", ")) - {headword} if synonyms else _NONE
        sense = new(Sense, (key, pos, lemmas, gloss, domain))
        senses = found.get(headword)
        if senses is None:
            found[headword] = [sense]
        else:
            senses.append(sense)
    return found


class Aligner:
    """Aligns translation groups with WordNet senses, given the reverse dictionary's
    translations (target word -> English words); without one, only synonyms and domain labels
    speak."""

    def __init__(self, senses: dict[str, list[Sense]], reverse: Mapping[str, frozenset[str]]):
        self.senses = senses
        self.reverse = reverse

    def align(self, row: Row) -> tuple[str | None, float | None]:
        return self.group(row.headword, row.pos, row.gloss, row.synonyms, row.see_also)

    def group(
        self,
        headword: str,
        pos: str | None,
        gloss: str,
        synonyms: str | None,
        see_also: str | None,
    ) -> tuple[str | None, float | None]:
        """The sense key a translation group translates and its confidence, or (None, None):
        what :meth:`align` says of a row, asked of its fields (a dictd import's parse workers
        align each group as they read it, before it is a row)."""
        candidates = self.senses.get(headword)
        if not candidates:
            return None, None
        if pos in ("NOUN", "VERB", "ADJ", "ADV"):
            candidates = [s for s in candidates if s.pos == pos]
            if not candidates:
                return None, None
        english: set[str] = set()
        for target in translations_of(gloss):
            english |= self.reverse.get(target, frozenset())
        for related in (synonyms, see_also):  # English, in FreeDict's eng-* groups
            if related:
                english |= {s.lower() for s in related.split(", ")}
        own = headword[:OWN_STEM]  # "backed", "backings": the word itself says nothing
        english = {e for e in english if " " in e or not e.startswith(own)}
        english_words = {
            _singular(w)
            for e in english
            for w in _WORD.findall(e)
            if len(w) >= MIN_DEFINITION_WORD and w not in _STOP and not w.startswith(own)
        }
        domains = {d for label in labels_of(gloss) for d in DOMAIN_LABELS[label]}
        best, second, winner, worded = 0.0, 0.0, candidates[0], False
        for sense in candidates:
            score = SYNSET_WEIGHT * len(english & sense.lemmas) if english else 0.0
            if english_words:
                score += DEFINITION_WEIGHT * len(english_words & sense.words())
            words_say = score > 0
            if domains and sense.domain in domains:
                score += DOMAIN_WEIGHT
            if score > best:
                best, second, winner, worded = score, best, sense, words_say
            elif score > second:
                second = score
        if best == 0:
            return (candidates[0].key, ONLY_SENSE) if len(candidates) == 1 else (None, None)
        if pos is None and not english & winner.lemmas:
            return None, None  # untagged (often a form: "backing" as a participle): synset only
        confidence = round((best - second) / (best + 1), 3)
        return winner.key, confidence if worded else min(confidence, DOMAIN_ONLY)

    def found(self, rows: Sequence[Row]) -> list[tuple[int, str, float | None]]:
        """Each aligned group of ``rows`` as (its index, sense key, confidence): what an import
        works out in a child process, its rows being spooled meanwhile (only this small list
        comes back)."""
        senses = self.senses
        out: list[tuple[int, str, float | None]] = []
        for index, row in enumerate(rows):
            if row[0] in senses:
                key, confidence = self.align(row)
                if key is not None:
                    out.append((index, key, confidence))
        return out

    def rows(self, rows: Iterable[Row], tally: list[int]) -> Iterator[Row]:
        """``rows`` with their sense key and confidence; ``tally`` counts [aligned, groups]."""
        senses = self.senses
        for row in rows:
            tally[1] += 1
            if row[0] not in senses:  # most groups: phrases and forms WordNet does not list
                yield row
                continue
            key, confidence = self.align(row)
            if key is not None:
                tally[0] += 1
                row = row._replace(sense_key=key, align_score=confidence)
            yield row
