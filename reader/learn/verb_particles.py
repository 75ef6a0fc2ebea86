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

Measured on SemCor (``bench/senses_units.py``): of the two-word terms the matcher finds that
SemCor's annotators judged, the first rule drops 94 they read as the verb alone and 11 they
joined; the second 427 and 61; the third 33 and 4. On SemEval-2007 as shown they gain +0.4,
+0.4 and +0.2 points (``bench/senses.py --each``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from reader.lexicon.verb_frames import takes_infinitive, takes_object

NOUN_PHRASE_START = frozenset({"DET", "NOUN", "PROPN", "PRON", "NUM"})
PARTICLE_POS = frozenset({"ADP", "ADV", "PART"})
VERB_POS = frozenset({"VERB", "AUX"})
INFINITIVE_TO = True
"""Off only to measure what the rule gains (``bench/senses.py --without infinitive-to``)."""
INTRANSITIVE = True
"""Off only to measure what the rule gains (``bench/senses.py --without intransitive``)."""
ARTICLE_NOUN = True
"""Off only to measure what the rule gains (``bench/senses.py --without article-noun``)."""
ARTICLES = frozenset({"a", "an", "the"})


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
    if tokens[idxs[0]].pos not in VERB_POS:
        return True
    following = tokens[after].pos if after < len(tokens) else None
    if INFINITIVE_TO and words[1] == "to" and particle.pos == "PART" and following in VERB_POS:
        return takes_infinitive(term) is not False
    if INTRANSITIVE and particle.pos in PARTICLE_POS and takes_object(term) is False:
        if idxs[1] - idxs[0] > 1:
            return False  # split by an object it cannot take
        return not (particle.pos == "ADP" and following in NOUN_PHRASE_START)
    return True
