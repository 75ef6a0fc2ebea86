"""Senses that cannot fit a sentence, whatever the ranker thinks of them.

A common word never means one particular thing: a WordNet instance ("Hope, Bob Hope") or a sense
WordNet writes as a proper name ("United Front", an Afghan alliance) is not shown for it. A sense
labelled with a domain ("(computer science) rules determining the format and transmission of
data"), or linked to one and met in no general text, is only shown first when the sentence has
words of that domain.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import sqlite_utils

from reader.lexicon.lookup import Gloss
from reader.lexicon.senses.context import SenseContext

NAME_POS = "PROPN"
_LABEL = re.compile(r"^\([a-z][a-z -]*\)\s")  # "(statistics) an arrangement of values ..."


def drop_proper(
    senses: Sequence[Gloss], context: SenseContext | None, pos: str | None
) -> list[Gloss]:
    """Leave out the senses that name one particular thing where the word cannot be a name.

    Written in lower case in the sentence, it is a common word: every such sense goes, even when
    it is all WordNet has ("put on a united front"). A word tagged as a name keeps them all.
    Otherwise (capitalized, as "Chinese" or a sentence's first word; or no sentence at all) they
    go only when a common sense is left to show.
    """
    tag = context.target_pos if context is not None else pos
    if tag == NAME_POS:
        return list(senses)
    common = [g for g in senses if not g.proper]
    lower = context.written_lower if context is not None else None
    if lower or common:
        return common
    return list(senses)


def domain_fits(db: sqlite_utils.Database, sense: Gloss, context: SenseContext | None) -> bool:
    """A sense with no domain fits anywhere; one with a domain needs a word of that domain in
    the sentence (besides the glossed word itself), unless it is in everyday use.

    WordNet links many everyday senses to a topic domain: the pilot who flies planes is filed
    under "aircraft". Where SemCor (general text) tagged such a sense, the ranker weighs it
    like any other. A sense whose definition is labelled with its domain ("(statistics) an
    arrangement of values ...", "(computer science) rules ...") always waits for its domain's
    words: the lexicographers marked it as a specialist's, and SemCor's science texts say
    little of what a learner reads. On held-out SemCor documents this rule costs 0.3 points of
    accuracy, where sending every domain sense last cost 1.4 (``scripts/train_senses.py
    --heldout``).
    """
    if sense.domain is None:
        return True
    from reader.lexicon.senses.model import load_model  # lazy: numpy (~0.1 s)

    model = load_model()
    labelled = _LABEL.match(sense.gloss) is not None
    if not labelled and model is not None and model.attested(sense.sense_key):
        return True
    if context is None:
        return False
    vocabulary = domain_vocabulary(db, sense.source, sense.domain)
    target = {context.lemmas[i] for i in context.target if i < len(context.lemmas)}
    return any(lemma in vocabulary and lemma not in target for lemma in context.context_lemmas())


def domain_vocabulary(db: sqlite_utils.Database, source: str, domain: str) -> frozenset[str]:
    """The words that point to a topic domain: one-word headwords whose senses are mostly in it
    ("software", "compiler" for computer science, but not "program", mostly a plan or a show),
    and a one-word domain's own name ("geology").

    The shipped sense model carries them, computed from WordNet 3.0 when it was trained; a
    domain it lacks (another WordNet) is asked of the lexicon tables, which is slower.
    """
    from reader.lexicon.senses.model import load_model  # lazy: numpy (~0.1 s)

    model = load_model()
    if model is not None and domain in model.domains:
        return model.domains[domain]
    rows = db.conn.execute(
        "SELECT e.headword FROM lex_entries e JOIN lex_sources s ON s.id = e.source_id "
        "WHERE e.domain = ? AND s.name = ? AND instr(e.headword, ' ') = 0 "
        "GROUP BY e.headword HAVING 2 * COUNT(*) >= (SELECT COUNT(*) FROM lex_entries x "
        "WHERE x.headword = e.headword AND x.source_id = e.source_id)",
        (domain, source),
    ).fetchall()
    words = {str(r[0]) for r in rows}
    if " " not in domain:
        words.add(domain)
    return frozenset(words)
