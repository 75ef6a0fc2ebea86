"""How common a word is, from wordfreq, so the reader can decide which words deserve a gloss.

Bands turn the Zipf scale (log10 of occurrences per billion words) into five steps a learner can
read at a glance:

====  ===========  =============================================  =====================
band  Zipf         meaning                                        examples
====  ===========  =============================================  =====================
1     >= 6         very common: function words, everyday verbs    the, have, people
2     5 to < 6     common                                         dog, house, child
3     4 to < 5     everyday but less frequent                     agree, harvest
4     3 to < 4     uncommon                                       reluctant, gauntlet
5     < 3          rare, or unknown to wordfreq                   wistful, xylophonist
====  ===========  =============================================  =====================
"""

from __future__ import annotations

from functools import lru_cache

import wordfreq

LANG = "en"
DEFAULT_TOP = 3000
_BAND_FLOORS = (6.0, 5.0, 4.0, 3.0)


def zipf(lemma: str, lang: str = LANG) -> float:
    """Zipf frequency of the word or phrase (0.0 when wordfreq has never seen it).

    For a phrase wordfreq combines its words' frequencies, which overestimates idioms; treat
    phrase bands as an upper bound.
    """
    return float(_zipf(lemma.strip().lower(), lang))


@lru_cache(maxsize=65536)
def _zipf(word: str, lang: str) -> float:
    return float(wordfreq.zipf_frequency(word, lang)) if word else 0.0


def band(lemma: str, lang: str = LANG) -> int:
    """1 (very common) to 5 (rare); see the module docstring for the cut-offs."""
    value = zipf(lemma, lang)
    for number, floor in enumerate(_BAND_FLOORS, start=1):
        if value >= floor:
            return number
    return 5


def rank_threshold(lemma: str, n: int = DEFAULT_TOP, lang: str = LANG) -> bool:
    """Is ``lemma`` among the ``n`` most frequent lemmas? (For "gloss words rarer than the top n".)

    wordfreq ranks word forms, so "was" and "children" would each take a place; the forms are
    mapped to lemmas with lemminflect and counted once, so the top 3,000 lemmas cover far more
    running text than the top 3,000 forms would.
    """
    return lemma.strip().lower() in top_lemmas(n, lang)


# English modal verbs are their own lemmas in the reader: its tagger follows UD English EWT,
# where "could" is "could", not lemminflect's "can". Ranked as lemminflect has them, a head start
# of the top 3,000 lemmas marked "can" and "will" known and left "could" and "would" new.
MODALS = frozenset({"can", "could", "may", "might", "must", "shall", "should", "will", "would"})


@lru_cache(maxsize=8)
def top_lemmas(n: int = DEFAULT_TOP, lang: str = LANG) -> frozenset[str]:
    """The ``n`` most frequent lemmas, in wordfreq's order of their most frequent form."""
    return frozenset(ranked_lemmas(n, lang))


@lru_cache(maxsize=4)
def ranked_lemmas(n: int = DEFAULT_TOP, lang: str = LANG) -> tuple[str, ...]:
    """The ``n`` most frequent lemmas, most frequent first (see :func:`top_lemmas`)."""
    if lang != "en":
        return tuple(wordfreq.top_n_list(lang, n))
    from lemminflect import getAllLemmas

    chosen: dict[str, None] = {}
    size = n * 2
    while True:
        forms = wordfreq.top_n_list(lang, size)
        for form in forms:
            if form in MODALS:
                lemmas = {form}  # as the tagger has them (see MODALS)
            else:
                lemmas = {lemma.lower() for found in getAllLemmas(form).values() for lemma in found}
            for lemma in sorted(lemmas) or [form]:
                chosen.setdefault(lemma, None)
                if len(chosen) >= n:
                    return tuple(chosen)
        if len(forms) < size:  # wordfreq has no more words
            return tuple(chosen)
        size *= 2
        chosen.clear()
