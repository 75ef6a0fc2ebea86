"""What the reader shows for a word: the learner's status and gloss, then the lexicon's senses.

The reading screen and ``sentences gloss`` both call :func:`gloss_entry`, so the command line shows
exactly what the reader shows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import sqlite_utils

from reader.learn.choice import Choice, chosen_first, get_choice
from reader.learn.native import native_first
from reader.learn.status import NEW, get_term, normalize_key, same_pos, status_name
from reader.lexicon.frequency import band, zipf
from reader.lexicon.lookup import LEARNER_SOURCE, Gloss, all_glosses, glosses, has_gloss
from reader.lexicon.readable import circular_word, describing, readable
from reader.lexicon.senses import SenseContext, rank_senses
from reader.lexicon.senses.rivals import use_tagger
from reader.lexicon.wordparts import Part, split_compound, split_word
from reader.text import tag_words
from reader.text.spelling import intended_word
from reader.text.tagger import lemma_of, tag_margins

use_tagger(tag_margins, lemma_of)  # a part of speech the tagger nearly chose may compete

# Parts of speech that name things rather than mean them: never glossed as common words.
NAME_POS = frozenset({"PROPN"})
# WordNet only describes these; for any other tag its senses belong to a homograph ("a" the
# letter, "can" the container), so they are not shown for it.
WORDNET_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
# Closed-class and non-word tags: glossing "the" or "," helps no one.
UNGLOSSED_POS = frozenset({"PUNCT", "SYM", "NUM", "X"})
# Words that may be coined from parts ("counter-message", "multipolar"); never names or "the".
PARTS_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


@dataclass(frozen=True)
class GlossEntry:
    lemma: str
    pos: str | None
    status: int = NEW
    learner_gloss: str | None = None
    senses: list[Gloss] = field(default_factory=list)
    zipf: float = 0.0
    band: int = 5
    chosen: bool = False
    """``senses[0]`` is the sense the learner chose as their meaning of the term."""

    @property
    def status_name(self) -> str:
        return status_name(self.status)

    def short(self) -> str:
        """The first gloss, for the glosses panel; when the ranker could barely tell the first
        sense from the second, both, each cut short: "a sense of concern with and curiosity… |
        a fixed charge for borrowing money"."""
        if not self.senses:
            return ""
        first = self.senses[0].gloss
        if self.chosen or len(self.senses) < 2 or not self.senses[1].close:
            return first
        return f"{_brief(first)} | {_brief(self.senses[1].gloss)}"

    @property
    def shown_pos(self) -> str | None:
        """The part of speech of the gloss shown first, else the word's in its sentence: the
        tagger reads "present-day fault lines" as a noun, but the gloss shown is WordNet's
        adjective, and "present-day noun: belonging to the present time" teaches a wrong word.
        A learner's own gloss (or word parts) has no part of speech of its own."""
        first = self.senses[0] if self.senses else None
        if first is not None and first.pos and not self.learner_gloss:
            return first.pos
        return self.pos

    def as_dict(self) -> dict[str, Any]:
        return {
            "lemma": self.lemma,
            "pos": self.pos,
            "status": self.status_name,
            "learner_gloss": self.learner_gloss,
            "zipf": round(self.zipf, 2),
            "band": self.band,
            "chosen": self.chosen,
            "senses": [
                {
                    "source": s.source,
                    "pos": s.pos,
                    "gloss": s.gloss,
                    "sense_key": s.sense_key,
                    "example": s.example,
                    "synonyms": s.synonyms.split(", ") if s.synonyms else [],
                    "pronunciation": s.pronunciation,
                    "see_also": s.see_also.split(", ") if s.see_also else [],
                }
                for s in self.senses
            ],
        }


BRIEF = 38
"""Characters of each of two close senses shown side by side in the glosses panel."""


def _with_rival_sources(
    db: sqlite_utils.Database, senses: list[Gloss], pos: str | None
) -> list[Gloss]:
    """When the ranker let another part of speech win ("referred to research": the tagger's
    verb, WordNet's noun shown), the dictionaries' senses of that part of speech join the list,
    so a translation can follow the noun shown ("Forschung", not the verb's "forschen"); the
    tagger's own stay, after them in each source once :func:`native_first` orders them."""
    first = next((s for s in senses if s.kind == "wordnet"), None)
    if first is None or first.pos is None or not pos or first.pos == pos:
        return senses
    have = set(senses)
    theirs = [g for g in glosses(db, first.headword, first.pos) if g.kind != "wordnet"]
    found = [g for g in theirs if g.pos == first.pos and g not in have]
    return [*found, *senses] if found else senses


def _brief(gloss: str) -> str:
    """A definition cut for showing beside another: up to its first semicolon or bracket, and
    at most ``BRIEF`` characters, ending on a whole word."""
    text = gloss.split("; ", 1)[0].split(" (", 1)[0]
    if len(text) <= BRIEF:
        return text
    return text[:BRIEF].rsplit(" ", 1)[0].rstrip(",") + "…"


def gloss_entry(
    db: sqlite_utils.Database,
    word: str,
    pos: str | None = None,
    lang: str = "en",
    context: SenseContext | None = None,
    native_lang: str | None = None,
    pending: Mapping[str, Choice | None] | None = None,
) -> GlossEntry:
    """The entry for ``word`` (a lemma, or a form the lexicon can lemmatize).

    With ``context`` (the sentence it is read in), WordNet's senses are ranked by how well they
    fit it; without, they keep their frequency order. Either way senses that cannot fit a common
    word (proper names, specialist domains with no sign of their domain) are not shown first.
    The sense the learner chose comes first; ``pending`` holds choices made (None: undone) that
    a writer may not have saved yet, by key, and wins over the stored one.

    Senses in the learner's own language (``native_lang``; None: the configured one) come
    right after the learner's own gloss: see :func:`reader.learn.native.native_first`.
    """
    key = normalize_key(word)
    if not key:
        raise ValueError("nothing to look up: the word is empty")
    if not has_gloss(db, key) and not get_term(db, key, lang).gloss:
        key = _lemma_with_gloss(db, key, pos) or key
    state = get_term(db, key, lang)
    mine = state.gloss_for(pos)  # a gloss written for the verb is not the noun's
    senses = all_glosses(db, key, pos, mine)
    if pos and pos not in WORDNET_POS:
        senses = [s for s in senses if s.kind != "wordnet"]
    senses = rank_senses(db, senses, context, pos)
    senses = _with_rival_sources(db, senses, pos)
    if not senses and (pos is None or pos in PARTS_POS) and " " not in key:
        # Only a word is explained by its parts: "under his wing" split into "under (down to
        # defeat…) + his + wing (airfoil…)" explains nothing, and is wrong besides.
        senses = _part_glosses(db, key, context)
    choice = pending[key] if pending and key in pending else get_choice(db, key, lang)
    if choice is not None and not same_pos(choice.pos, pos):
        choice = None  # the noun's choice is not the verb's
    meant = choice.sense_key if choice else None  # choosing a sense chooses its translation
    senses = native_first(db, senses, native_lang, key, lang, context, meant)
    senses, chosen = chosen_first(_readable(db, key, senses), choice, pos)
    return GlossEntry(
        lemma=key,
        pos=pos,
        status=state.status,
        learner_gloss=mine,
        senses=senses,
        zipf=zipf(key),
        band=band(key),
        chosen=chosen,
    )


PARTS_SOURCE = "word parts"
PARTS_KIND = "parts"
_LABEL = re.compile(r"^\([a-z][a-z ]*\)\s+")  # "(weapons) deriving destructive energy…"


def _readable(db: sqlite_utils.Database, key: str, senses: list[Gloss]) -> list[Gloss]:
    """Senses as the learner reads them (:mod:`reader.lexicon.readable`), a circular definition
    followed by the meaning of the word it leans on: "the quality of being significant
    (significant: important in effect or meaning)"."""
    out: list[Gloss] = []
    for sense in senses:
        if sense.source == LEARNER_SOURCE:
            out.append(sense)
            continue
        sense = readable(sense)
        leans_on = circular_word(key, sense.gloss) if sense.kind == "wordnet" else None
        if leans_on:
            lemma = _known_lemma(db, leans_on)
            found = _common_senses(db, lemma) if lemma else []
            if describing(sense.gloss, leans_on):
                found.sort(key=lambda g: g.pos != "ADJ")  # stable: the first adjective sense
            if found and not circular_word(key, found[0].gloss):
                sense = replace(sense, gloss=f"{sense.gloss} ({leans_on}: {_short(found[0])})")
            elif sense.synonyms:
                sense = replace(sense, gloss=f"{sense.gloss} (≈ {sense.synonyms})")
        out.append(sense)
    return out


def _part_glosses(
    db: sqlite_utils.Database, word: str, context: SenseContext | None = None
) -> list[Gloss]:
    """A word no source knows, explained through its parts, clearly marked as parts:
    "counter- (against, in answer to) + message (a communication …)", "de- (removing, undoing,
    reversing) + nuclear (…) + -ization (the process of making or becoming)".

    Never the first part's own gloss alone: "counter-message" is not a counter. Each known
    part is glossed by its sense that best fits the sentence (``context``), when there is one.
    """

    hyphenated = "-" in word.strip("-")

    def known(form: str) -> bool:
        if _known_lemma(db, form) is not None:
            return True
        return hyphenated and bool(_people_of(db, form))

    parts = split_compound(word, known) if hyphenated else split_word(word, known)
    if not parts:
        return []
    text = " + ".join(_explain(db, part, context) for part in parts)
    return [Gloss(PARTS_SOURCE, PARTS_KIND, word, None, 1, text)]


def _explain(db: sqlite_utils.Database, part: Part, context: SenseContext | None) -> str:
    if part.is_affix:
        return f"{part.text} ({part.meaning})"
    lemma = _known_lemma(db, part.text) if part.kind == "word" else None
    found = _common_senses(db, lemma) if lemma else []
    if not found and part.kind == "word":
        found = _people_of(db, part.text)
    tag = context.target_pos if context is not None else None
    found = [g for g in found if g.pos == tag] or found  # "a key player": key the adjective
    if context is not None and len(found) > 1:
        found = rank_senses(db, found, context, None)
    return f"{part.text} ({_short(found[0])})" if found else part.text


def _short(sense: Gloss) -> str:
    """A sense's definition up to its first semicolon, cleaned: enough to explain a part."""
    text = readable(sense).gloss.split("; ", 1)[0]
    return _LABEL.sub("", text) or text


def _people_of(db: sqlite_utils.Database, word: str) -> list[Gloss]:
    """A proper adjective's senses ("korean": of or relating to Korea or its people): a
    nationality in a compound ("inter-Korean", "Korean-style") is a part worth explaining, as
    a name's pieces ("Jean-Paul", "Jong-un") are not, having no adjective sense."""
    return [g for g in glosses(db, word) if g.proper and g.pos == "ADJ"]


def _common_senses(db: sqlite_utils.Database, lemma: str) -> list[Gloss]:
    """The lemma's senses as a common word: "jong" is no part of "Jong-un" (Erica Jong)."""
    return [g for g in glosses(db, lemma) if not g.proper]


def _known_lemma(db: sqlite_utils.Database, form: str) -> str | None:
    """``form`` if the lexicon knows it as a common word, else its first lemma (lemminflect's)
    that it knows; no spelling correction, which would turn a part into some other word."""
    if _common_senses(db, form):
        return form
    from lemminflect import getAllLemmas

    for lemmas in (getAllLemmas(form) or {}).values():
        for lemma in lemmas:
            if lemma.lower() != form and _common_senses(db, lemma.lower()):
                return str(lemma).lower()
    return None


def _lemma_with_gloss(db: sqlite_utils.Database, form: str, pos: str | None) -> str | None:
    """For a bare form typed at the command line ("signals", "took over", "diffrent"), the
    first lemma with a gloss: the reader has the sentence to decide, the command line has not."""
    from lemminflect import getAllLemmas

    order = ([pos] if pos else []) + ["NOUN", "VERB", "ADJ", "ADV"]
    if " " in form:
        phrase = " ".join(lemma.lower() for _, lemma in tag_words(form.split()))
        return phrase if has_gloss(db, phrase) else None
    candidates = getAllLemmas(form) or {}
    for upos in order:
        for lemma in candidates.get(upos, ()):
            if has_gloss(db, lemma.lower()):
                return str(lemma).lower()
    for upos in order:  # a typo: the word meant, then its lemma
        meant = intended_word(form, upos)
        if meant:
            return meant if has_gloss(db, meant) else _lemma_with_gloss(db, meant, upos)
    return None
