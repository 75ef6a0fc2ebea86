"""What the reader shows for a word: the learner's status and gloss, then the lexicon's senses.

The reading screen and ``sentences gloss`` both call :func:`gloss_entry`, so the command line shows
exactly what the reader shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import sqlite_utils

from reader.learn.status import NEW, get_term, normalize_key, status_name
from reader.lexicon.frequency import band, zipf
from reader.lexicon.lookup import Gloss, all_glosses, glosses, has_gloss
from reader.lexicon.senses import SenseContext, rank_senses

# Parts of speech that name things rather than mean them: never glossed as common words.
NAME_POS = frozenset({"PROPN"})
# WordNet only describes these; for any other tag its senses belong to a homograph ("a" the
# letter, "can" the container), so they are not shown for it.
WORDNET_POS = frozenset({"NOUN", "VERB", "ADJ", "ADV", "PROPN"})
# Closed-class and non-word tags: glossing "the" or "," helps no one.
UNGLOSSED_POS = frozenset({"PUNCT", "SYM", "NUM", "X"})


@dataclass(frozen=True)
class GlossEntry:
    lemma: str
    pos: str | None
    status: int = NEW
    learner_gloss: str | None = None
    senses: list[Gloss] = field(default_factory=list)
    zipf: float = 0.0
    band: int = 5

    @property
    def status_name(self) -> str:
        return status_name(self.status)

    def short(self) -> str:
        """The first gloss, for the glosses panel."""
        return self.senses[0].gloss if self.senses else ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "lemma": self.lemma,
            "pos": self.pos,
            "status": self.status_name,
            "learner_gloss": self.learner_gloss,
            "zipf": round(self.zipf, 2),
            "band": self.band,
            "senses": [
                {
                    "source": s.source,
                    "pos": s.pos,
                    "gloss": s.gloss,
                    "example": s.example,
                    "synonyms": s.synonyms.split(", ") if s.synonyms else [],
                }
                for s in self.senses
            ],
        }


def gloss_entry(
    db: sqlite_utils.Database,
    word: str,
    pos: str | None = None,
    lang: str = "en",
    context: SenseContext | None = None,
) -> GlossEntry:
    """The entry for ``word`` (a lemma, or a form the lexicon can lemmatize).

    With ``context`` (the sentence it is read in), WordNet's senses are ranked by how well they
    fit it; without, they keep their frequency order. Either way senses that cannot fit a common
    word (proper names, specialist domains with no sign of their domain) are not shown first.
    """
    key = normalize_key(word)
    if not key:
        raise ValueError("nothing to look up: the word is empty")
    if not has_gloss(db, key) and not get_term(db, key, lang).gloss:
        key = _lemma_with_gloss(db, key, pos) or key
    state = get_term(db, key, lang)
    senses = all_glosses(db, key, pos, state.gloss)
    if pos and pos not in WORDNET_POS:
        senses = [s for s in senses if s.kind != "wordnet"]
    senses = rank_senses(db, senses, context, pos)
    if not senses and "-" in key.strip("-"):
        senses = _part_glosses(db, key)
    return GlossEntry(
        lemma=key,
        pos=pos,
        status=state.status,
        learner_gloss=state.gloss,
        senses=senses,
        zipf=zipf(key),
        band=band(key),
    )


COMPOUND_GLUE = frozenset(
    {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}
)


def _part_glosses(db: sqlite_utils.Database, compound: str) -> list[Gloss]:
    """A compound no source knows ("heir-in-training") is explained by its content words."""
    found: list[Gloss] = []
    for part in compound.split("-"):
        if part and part not in COMPOUND_GLUE:
            lemma = part if has_gloss(db, part) else (_lemma_with_gloss(db, part, None) or part)
            for sense in glosses(db, lemma, limit=1):
                found.append(replace(sense, gloss=f"{part}: {sense.gloss}"))
    return found


def _lemma_with_gloss(db: sqlite_utils.Database, form: str, pos: str | None) -> str | None:
    """For a bare form typed at the command line ("signals", "took over", "diffrent"), the
    first lemma with a gloss: the reader has the sentence to decide, the command line has not."""
    from lemminflect import getAllLemmas

    from reader.text.spelling import intended_word

    order = ([pos] if pos else []) + ["NOUN", "VERB", "ADJ", "ADV"]
    if " " in form:
        from reader.text import tag_words

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
