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
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
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
_WORD = re.compile(r"[a-z]+")
_LONG_WORD = re.compile(rf"[a-z]{{{MIN_DEFINITION_WORD},}}")
_POS = frozenset(("NOUN", "VERB", "ADJ", "ADV"))
_UNALIGNED = (None, None)
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
    return [item for item in _targets(gloss.partition("\n")[0]) if item]


def _targets(first: str) -> list[str]:
    """The translations of a group's first line, an empty one among them when two commas
    meet: what :func:`translations_of` returns, worked out in fewer steps for the alignment."""
    if "(" in first or "[" in first or "<" in first:
        first = _BRACKETED.sub(" ", first)
    if "  " in first or not first.isprintable():  # every whitespace but " " is unprintable
        first = " ".join(first.split())  # so that an item's strip() is its " ".join(split())
    return [item.strip() for item in first.lower().replace(";", ",").split(",")]


_Back = tuple[AbstractSet[str], AbstractSet[str], tuple[tuple[str, AbstractSet[str]], ...]]
"""A target word's back-translations (English items); the words in them as found (runs of
four letters or more: see :func:`_meant`); and the one-word items whose words are not just
themselves ("e-mail", "back-up"), each with its words: those count only when the item does."""


_NO_BACK: _Back = (_NONE, _NONE, ())
_ODD_ITEM = re.compile(r"(?:^|,) ?[^ ,]*[^a-z ,][^ ,]* ?(?=,|$)")
"""An item of one word with more than letters in it ("e-mail", "see:"), in a line of items
separated by commas, its whitespace single spaces."""


def _back_of(items: AbstractSet[str]) -> _Back:
    """A target word's :data:`_Back`, worked out once, whatever the headword: which items and
    words are of the headword's own family each group says (see :func:`_kept`)."""
    plain: list[str] = []
    risky: list[tuple[str, AbstractSet[str]]] = []
    for item in items:
        if " " in item or item.isascii() and item.isalpha():
            plain.append(item)  # its words are kept one by one (or it is its only word)
        else:
            words = set(_LONG_WORD.findall(item))
            if words:
                risky.append((item, words))
    return frozenset(items), set(_LONG_WORD.findall(" ".join(plain))), tuple(risky)


def _words_in(text: str) -> set[str]:
    """The content words of lower-cased ``text``: runs of four letters or more (so whole runs,
    as :func:`_content_words` takes them), not stop words, singular."""
    return {
        w[:-1] if w[-1] == "s" and w[-2] != "s" else w  # _singular, inlined
        for w in _LONG_WORD.findall(text)
        if w not in _STOP
    }


def _meant(definition: str) -> set[str]:
    """A definition's content words (:func:`_content_words`) and, beside each, the word as an
    English word found elsewhere may be before it is made singular ("meeting", "meetings"): so
    the words of the English items are matched as found, and only those shared are then made
    singular (a singular never ends in a single "s", so "meeting" + "s" is no other word's)."""
    found = set(_LONG_WORD.findall(definition.lower()))
    found -= _STOP
    words = set(found)  # each word as found, then its singular or its plural beside it
    for w in found:
        if w[-1] != "s":
            words.add(w + "s")
        elif w[-2] != "s":
            words.add(w[:-1])
    return words


def _kept(shared: AbstractSet[str], own: str) -> int:
    """How many English items of ``shared`` say something of a headword whose first letters
    are ``own``: not an item of one word starting with them, of the word's own family
    ("backed", "backings")."""
    return sum(1 for e in shared if " " in e or not e.startswith(own))


def _kept_words(shared: AbstractSet[str], own: str) -> int:
    """How many content words ``shared`` (as found, see :func:`_meant`) are of a headword whose
    first letters are ``own``: the singulars of those not stop words and not starting with
    them."""
    return len({w[:-1] if w[-1] == "s" and w[-2] != "s" else w for w in shared
                if w not in _STOP and not w.startswith(own)})  # fmt: skip


class Sense(NamedTuple):
    """One WordNet sense as the alignment reads it (a tuple: an import makes 160,000 of them
    while its parse begins, and a frozen dataclass was twice as slow to make)."""

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
    return frozenset(_words_in(definition.lower()))


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
        lookup = getattr(reverse, "lookup", None)  # Translations': no KeyError for a miss
        self._lookup: Callable[[str], frozenset[str]] = lookup or (lambda w: reverse.get(w, _NONE))
        self._backs: dict[str, _Back] = {}
        self._line: Callable[[str], str] | None = getattr(reverse, "english_line", None)
        self._items_of: Callable[[str], set[str]] = getattr(reverse, "items_of", set)
        self._meant: dict[str, set[str]] = {}  # definition -> its content words

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
        what :meth:`align` says of a row, asked of its fields (a dictd import aligns each group
        as its parse gives it, before it is a row)."""
        candidates = self.senses.get(headword)
        if not candidates:
            return _UNALIGNED
        if pos in _POS:
            candidates = [s for s in candidates if s.pos == pos]
            if not candidates:
                return _UNALIGNED
        first = gloss.partition("\n")[0]
        own = headword[:OWN_STEM]  # "backed", "backings": the word itself says nothing
        english: set[str] = set()
        words: set[str] = set()  # the words of the English items, as found
        backs = self._backs
        for target in _targets(first):
            back = backs.get(target)
            if back is None:
                back = backs[target] = self._back(target)
            english |= back[0]
            words |= back[1]
            for item, more in back[2]:  # kept unless the item is one word of the family
                if not item.startswith(own):
                    words |= more
        for related in (synonyms, see_also):  # English, in FreeDict's eng-* groups
            if related:
                low = related.lower()
                english.update(low.split(", "))
                if low.isascii() and low.replace(", ", "").replace(" ", "").isalpha():
                    words.update(_LONG_WORD.findall(low))  # a word of one is all of it
                else:  # "e-mails": its words count only if the item does
                    kept = [e for e in low.split(", ") if " " in e or not e.startswith(own)]
                    words.update(_LONG_WORD.findall(" ".join(kept)))
        domains = (
            {d for label in labels_of(first) for d in DOMAIN_LABELS[label]}
            if "[" in first
            else _NONE
        )
        best, second, winner, worded = 0.0, 0.0, candidates[0], False
        meant = self._meant
        for sense in candidates:
            _, _, lemmas, definition, domain = sense
            score = 0.0
            if english and lemmas:
                shared = english & lemmas
                if shared:
                    score = SYNSET_WEIGHT * _kept(shared, own)
            if words:
                found = meant.get(definition)
                if found is None:
                    found = meant[definition] = _meant(definition)
                shared = words & found
                if shared:
                    score += DEFINITION_WEIGHT * _kept_words(shared, own)
            words_say = score > 0
            if domains and domain in domains:
                score += DOMAIN_WEIGHT
            if score > best:
                best, second, winner, worded = score, best, sense, words_say
            elif score > second:
                second = score
        if best == 0:
            return (candidates[0].key, ONLY_SENSE) if len(candidates) == 1 else _UNALIGNED
        if pos is None and not _kept(english & winner.lemmas, own):
            return _UNALIGNED  # untagged (often a form: "backing" as a participle): synset only
        confidence = round((best - second) / (best + 1), 3)
        return winner.key, confidence if worded else min(confidence, DOMAIN_ONLY)

    def _back(self, target: str) -> _Back:
        """What the alignment reads of a target word's back-translations (see :data:`_Back`):
        from the reverse's one line of them (see :meth:`Translations.english_line`) when its
        items need no look one by one, the usual case."""
        if not target:
            return _NO_BACK
        if self._line is not None:
            line = self._line(target)
            if not line:
                return _NO_BACK
            plain = "see:" not in line and "synonym" not in line  # else items are dropped
            if plain and not (
                line.isascii() and line.replace(",", "").replace(" ", "").isalpha()
            ):  # more than letters: an item may be a word like "e-mail"
                plain = not _ODD_ITEM.search(line)
            if plain:
                items = {item.strip() for item in line.split(",")}
                items.discard("")
                return items, set(_LONG_WORD.findall(line)), ()
            return _back_of(frozenset(self._items_of(line)))  # item by item
        return _back_of(self._lookup(target))

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
