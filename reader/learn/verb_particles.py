"""Is a phrasal verb the matcher found really there, or is its particle something else?

The phrase matcher (:mod:`reader.learn.phrases`) finds "come to" in "had come to rest on a
road" and "fall through" in "fallen through cracks in the economy"; a learner is then told the
balloon regained consciousness and the people failed. Two rules, each from WordNet's sentence
frames (:mod:`reader.lexicon.verb_frames`), undo such matches:

- **The infinitive's "to".** A verb + "to" term whose "to" the tagger reads as the infinitive
  marker, with a verb after it ("came to rest", "come to feel"), is the verb and an infinitive,
  unless WordNet lets the term take an infinitive ("get to go").
- **An intransitive phrasal verb before a noun phrase.** When no sense of the phrasal verb takes
  an object and the tagger reads its particle as a preposition, a noun phrase right after it is
  the preposition's object ("fallen through cracks", "lives in a flat"; but "fell flat today"
  stays). Nor can such a verb be split by an object ("punching all the air out of it" is no
  "punch out").
- **A noun after an article.** A phrasal verb's first word right after "the", "a" or "an" is a
  noun, whatever the tagger says: "all the air out of it" is no "air out".
- **Terms SemCor reads apart.** A verb + particle term that SemCor's annotators read as the verb
  alone at least 3 times in 4 where the matcher finds it before a possible object ("looked at
  my watch", "asked for help": :func:`~reader.lexicon.verb_frames.read_apart`) is the verb and a
  preposition there; with nothing such after it, it stays ("he came to after an hour").

Measured on SemCor (``bench/senses_units.py``): of the two-word terms the matcher finds that
SemCor's annotators judged, the first rule drops 94 they read as the verb alone and 11 they
joined; the second 462 and 60; the third 33 and 4; the fourth, learned from SemCor, 649 and
87 on the halves of SemCor it was not learned from (``scripts/make_terms_apart.py --check``, two
folds by document). On SemEval-2007 as shown they gain +0.4, +0.4, +0.2 and +0.2 points
(``bench/senses.py --each``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reader.lexicon.verb_frames import read_apart, takes_infinitive, takes_object

NOUN_PHRASE_START = frozenset({"DET", "NOUN", "PROPN", "PRON", "NUM"})
OBJECT_START = NOUN_PHRASE_START | {"ADJ"}
"""What may open a preposition's object: a term SemCor reads apart is still one where nothing
that could be its object follows ("he came to after an hour", "the maid lives in")."""
TIME_NOUNS = frozenset({"today", "tonight", "tomorrow", "yesterday"})
"""Nouns that say when on their own: "coming in today", "the deal fell through yesterday" have
no object after the particle."""
PARTICLE_POS = frozenset({"ADP", "ADV", "PART"})
VERB_POS = frozenset({"VERB", "AUX"})
INFINITIVE_TO = True
"""Off only to measure what the rule gains (``bench/senses.py --without infinitive-to``)."""
INTRANSITIVE = True
"""Off only to measure what the rule gains (``bench/senses.py --without intransitive``)."""
ARTICLE_NOUN = True
"""Off only to measure what the rule gains (``bench/senses.py --without article-noun``)."""
ARTICLES = frozenset({"a", "an", "the"})
TERMS_APART = True
"""Off only to measure what the rule gains (``bench/senses.py --without semcor-apart``) and to
build its table (``scripts/make_terms_apart.py``)."""


class TokenLike(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def pos(self) -> str: ...


def particle_is_there(
    tokens: Sequence[TokenLike], words: Sequence[str], idxs: Sequence[int]
) -> bool:
    """False when the term ``words`` found at ``idxs`` is a verb whose last word is not its
    particle here but the infinitive's "to" or a preposition (the rules above)."""
    if len(words) != 2 or len(idxs) != 2:
        return True
    term = " ".join(words)
    particle, after = tokens[idxs[1]], idxs[1] + 1
    if (
        ARTICLE_NOUN
        and idxs[0] > 0
        and tokens[idxs[0] - 1].text.lower() in ARTICLES
        and particle.pos in PARTICLE_POS
        and takes_object(term) is not None
    ):
        return False
    if not verb_and_particle(tokens, idxs[0], idxs[1]):
        return True
    following = tokens[after].pos if after < len(tokens) else None
    if following is not None and tokens[after].text.lower() in TIME_NOUNS:
        following = "ADV"
    if TERMS_APART and following in OBJECT_START and read_apart(term):
        return False
    if INFINITIVE_TO and words[1] == "to" and particle.pos == "PART" and following in VERB_POS:
        return takes_infinitive(term) is not False
    if INTRANSITIVE and takes_object(term) is False:
        if any(tokens[k].pos != "ADV" for k in range(idxs[0] + 1, idxs[1])):
            return False  # split by an object it cannot take (an adverb is none)
        return not (particle.pos == "ADP" and following in NOUN_PHRASE_START)
    return True


def verb_and_particle(tokens: Sequence[TokenLike], verb: int, particle: int) -> bool:
    """Are these a verb and a particle or preposition, as the tagger reads them?"""
    return tokens[verb].pos in VERB_POS and tokens[particle].pos in PARTICLE_POS


def object_after(tokens: Sequence[TokenLike], particle: int) -> bool:
    """Does a word that could open the particle's object follow it?"""
    if particle + 1 >= len(tokens) or tokens[particle + 1].text.lower() in TIME_NOUNS:
        return False
    return tokens[particle + 1].pos in OBJECT_START
