"""Punkt parameters written in code, so sentence splitting needs no downloaded NLTK data.

Punkt learns three things from a corpus: which period-final words are abbreviations, which
capitalised words usually start sentences, and how often each word is seen in lower case in the
middle of a sentence (its "orthographic context"). A trained model is large and opaque; the short
lists below carry the part of that knowledge that matters for English prose and news, and a
maintainer can read and extend them.
"""

from __future__ import annotations

from functools import cache

from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

# Titles and other abbreviations that precede a name (or a postscript) and so practically never
# end a sentence.
# Punkt alone would end "Mr." when the next word is a frequent sentence starter ("Mr. The...").


def words(text: str) -> frozenset[str]:
    """A word list written as a block of text, which is easier to read and extend."""
    return frozenset(text.split())


TITLES = words(
    """
    mr mrs ms messrs mme mmes mlle mlles dr drs prof profs rev revd hon st ste sr jr
    gen col capt lt sgt maj cmdr cdr adm gov sen rep pres supt insp det fr mt ft
    p.s n.b
    """
)

# Abbreviations that are usually followed by a number ("No. 5", "p. 55", "N°. 1026").
NUMBER_ABBREVIATIONS = words("no nos nr n° p pp vol vols fig figs ch chap art sec sect")

_OTHER_ABBREVIATIONS = """
    jan feb mar apr jun jul aug sep sept oct nov dec
    tue tues thu thur thurs fri
    e.g i.e etc vs cf al viz approx ca ibid op cit resp esp
    inc ltd co corp llc plc bros dept univ assn est esq
    ave blvd rd hwy sq
    u.s u.s.a u.k u.n e.u u.s.s.r d.c n.y l.a
    a.m p.m
    kg km cm mm ml oz lb lbs hr hrs yr yrs min mins pt pts
    ed eds trans repr
"""

# "no" and "art" are common words that end sentences, and Punkt never ends a sentence after a
# one-letter abbreviation ("from P. I shall"): these are left to the rule that keeps them
# together with a following number.
ABBREVIATIONS = TITLES | (NUMBER_ABBREVIATIONS - {"no", "art", "p"}) | words(_OTHER_ABBREVIATIONS)

# Capitalised words that, after an abbreviation or an initial, signal a new sentence
# ("I live in the U.S. How about you?", "their invitation, etc. Mrs. Bennet was"), unlike
# names ("the U.S. Government").
SENTENCE_STARTERS = words(
    """
    i you he she it we they this that these those there here my your his her its our their
    the a an some many most all each every no any both such
    but and or so yet then however meanwhile also still thus therefore nevertheless moreover
    furthermore besides instead otherwise indeed perhaps maybe yes sure thanks please
    after before when while if although though because since as once now today yesterday
    tomorrow later finally first second next last in on at for from with by during despite
    what where why how who which whose whom
    is are was were do does did can could will would should shall may might must
    has have had let not nor
    mr mrs ms messrs dr prof
    """
)

# Punkt's orthographic flags (nltk.tokenize.punkt._ORTHO_BEG_UC and _ORTHO_MID_LC): "seen
# capitalised at the start of a sentence" and "seen in lower case mid-sentence". Together they
# make Punkt's orthographic heuristic call a capitalised word a sentence starter after initials.
_ORTHO_BEG_UC = 1 << 1
_ORTHO_MID_LC = 1 << 5


def build_parameters() -> PunktParameters:
    """Punkt parameters for English, filled from the lists above."""
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    params.sent_starters = set(SENTENCE_STARTERS)
    for word in SENTENCE_STARTERS:
        params.ortho_context[word] = _ORTHO_BEG_UC | _ORTHO_MID_LC
    return params


@cache
def tokenizer() -> PunktSentenceTokenizer:
    """One shared tokenizer: building the parameters costs more than splitting a paragraph."""
    return PunktSentenceTokenizer(build_parameters())
