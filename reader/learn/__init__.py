"""Learning state: term statuses and their history, reading progress, the library's figures.

The review cards follow the learner's statuses, glosses and sentence marks: those announce
themselves (:mod:`reader.learn.events`) and the cards listen, from here, so that no change is
made without its cards, whichever module of the package made it.
"""

from reader.learn import cards as _cards  # noqa: F401  (the cards listen from now on)
