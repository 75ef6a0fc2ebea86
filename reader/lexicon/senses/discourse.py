"""What a whole text tells the sense ranker that one sentence cannot.

A word keeps one sense through a text far more often than not ("one sense per discourse", Gale,
Church and Yarowsky 1992): where the ranker is sure of "summit" in one sentence, the other
"summit"s of the article lean the same way, and a sure one pulls back an unsure one before it.

:func:`~reader.lexicon.senses.text_pass.text_evidence` ranks every content word of a text on
its own sentence, once, and keeps each word's votes (its best sense, by its margin over the
second) in a :class:`TextEvidence`. The model
(:meth:`reader.lexicon.senses.model.SenseModel.scores`) then adds to a sense

    PULL * (the margins of the other occurrences that chose it, each capped at VOTE_CAP)

Measured as shown on SemEval-2007 (``bench/senses.py``): 57.1 % without, 57.6 % with PULL 0.5
(0.25: 57.4, 0.75: 57.4, 1.0: 57.1; cap 1: 57.1, cap 4: 57.4). The text's topic words as
extra context (its 40 most telling content lemmas, weighted 0.05 to 0.3 against a word of the
sentence) gained nothing on top of it and were left out.

``analyze --glosses`` builds the evidence inline over its document; the reader builds it per
text in the background (:mod:`reader.learn.text_senses`) and ranks by the sentence alone until
then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.lexicon.senses.chains import ChainWindows

RANKED_POS = ("NOUN", "VERB", "ADJ", "ADV")

ENABLED = True
"""Off only to measure what the rule gains (``bench/senses.py --without one-sense``)."""
PULL = 0.5
"""How far one sure occurrence elsewhere in the text moves a sense (the model's log units per
unit of that occurrence's margin)."""
VOTE_CAP = 2.0
"""An occurrence's margin counts up to this: one overconfident sentence must not decide alone."""
PULL_CAP = 2.0
"""The other occurrences together count up to this much: in a book, a thousand "prince"s must
not outvote a sentence that says otherwise (SemEval-2007: 1, 57.8 %; 2, 58.0 %; 4, 57.8 %;
no cap, 58.0 %)."""
SAMPLE = 60
"""A word's occurrences ranked for its votes, spread over the text: more only repeat the
capped pull, and a book's commonest words would cost most of the pass."""


@dataclass(frozen=True, eq=False)  # hashed by identity: one per text, read-only
class TextEvidence:
    """Per (lemma, UPOS), the summed margins its occurrences in one text gave each sense when
    ranked on their sentences alone; and the text's words where WordNet's links reach them
    (:mod:`reader.lexicon.senses.chains`)."""

    votes: Mapping[tuple[str, str], Mapping[str, float]] = field(default_factory=dict)
    chains: ChainWindows | None = None

    def pull(self, lemma: str, pos: str | None) -> Mapping[str, float]:
        return self.votes.get((lemma, pos or ""), {})


def vote(scores: Sequence[float]) -> tuple[int, float] | None:
    """Which sense an occurrence votes for and how strongly: its best, by its margin over the
    second (capped); none when there is only one sense."""
    if len(scores) < 2:
        return None
    order = sorted(range(len(scores)), key=lambda i: -scores[i])
    return order[0], min(scores[order[0]] - scores[order[1]], VOTE_CAP)
