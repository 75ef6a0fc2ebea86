"""Feature extraction shared by the tagger's training script and its runtime.

Every feature depends on a single word and on its offset from the tagged token, so
that the runtime can collapse all features of one word type into one score vector
per offset and cache it.  Features that need the previous tags are kept in small
dense tables (see ``reader.text.tagger``).  Training and runtime must agree byte
for byte, which is why both import this module.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

UPOS: tuple[str, ...] = (
    "ADJ",
    "ADP",
    "ADV",
    "AUX",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PRON",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "VERB",
    "X",
)
N_TAGS = len(UPOS)
START = N_TAGS  # pseudo tag of the positions before the sentence
ROLES: tuple[int, ...] = (0, -1, 1, -2, 2)
TITLE, UPPER = 10, 11  # extra roles, active only in headline-cased sentences
MODE_ROLES: tuple[int, ...] = (TITLE, UPPER)
ALL_ROLES = ROLES + MODE_ROLES  # the order of a word type's score vectors
PAD_LEFT = "<s>"
PAD_RIGHT = "</s>"
MAX_WORD = 40  # longer tokens are URLs or garbage; their tail carries no signal

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def fold_apostrophes(word: str) -> str:
    """Curly apostrophes must look exactly like straight ones ("n’t" is "n't")."""
    return word if word.isascii() else word.translate(_APOSTROPHES)


def normalize(word: str) -> str:
    """The model's view of a token: folded apostrophes, bounded length."""
    if not word.isascii():
        word = word.translate(_APOSTROPHES)
    if len(word) > MAX_WORD:
        word = word[:20] + word[-20:]
    return word


def _char_class(ch: str) -> str:
    if ch.isupper():
        return "X"
    if ch.islower():
        return "x"
    if ch.isdigit():
        return "d"
    if ch.isalpha():
        return "a"
    return ch


@lru_cache(maxsize=65536)
def shape(word: str) -> str:
    """Collapsed character classes ("Jong-un" -> "Xx-x") generalise to unseen words."""
    out: list[str] = []
    for ch in word:
        c = _char_class(ch)
        if not out or out[-1] != c:
            out.append(c)
    if len(out) > 6:
        out = out[:3] + ["~"] + out[-2:]
    return "".join(out)


def short_shape(word: str) -> str:
    """Coarse class of a neighbouring word: enough to spot names and numbers."""
    if not word:
        return "e"
    first = word[0]
    if first.isupper():
        return "U" if word.isupper() and len(word) > 1 else "C"
    if first.isdigit():
        return "D"
    if first.isalpha():
        return "L"
    return "P"


@lru_cache(maxsize=1)
def _lexicons() -> tuple[Any, Any, dict[str, float]]:
    """lemminflect's lemma and override tables plus wordfreq's list, loaded once.

    The public lemminflect call deep-copies its answer and wordfreq's re-tokenizes
    every word; both dominated the cost of seeing a new word type.
    """
    from lemminflect import Lemmatizer
    from wordfreq import get_frequency_dict

    lem = Lemmatizer()
    return lem._getLemmaDict(), lem._getOverridesDict(), get_frequency_dict("en")


def lexicon_classes(lower: str) -> str:
    """Open-class readings listed in lemminflect's dictionary, a cheap OOV lexicon."""
    lemmas, overrides, _ = _lexicons()
    found = set(lemmas.get(lower, ())) | set(overrides.get(lower, ()))
    return "|".join(sorted(found))


def in_lexicon(lower: str) -> bool:
    """``bool(lexicon_classes(lower))`` without building the string: a hot check."""
    lemmas, overrides, _ = _lexicons()
    return lower in lemmas or lower in overrides


def listed_lemmas(lower: str, upos: str) -> tuple[str, ...]:
    """What lemminflect's getLemma answers for a listed lowercase form, minus its deep copy
    (it, too, gives a lowercase word lowercase lemmas)."""
    lemmas, overrides, _ = _lexicons()
    found = overrides.get(lower, {}).get(upos) or lemmas.get(lower, {}).get(upos)
    return tuple(lemma.lower() for lemma in found or ())


def general_frequency(word: str) -> float:
    """wordfreq's frequency of exactly this (lowercase) string, 0.0 if unlisted."""
    return _lexicons()[2].get(word, 0.0)


def frequency_table() -> dict[str, float]:
    """wordfreq's whole list, for loops over hundreds of candidate strings."""
    return _lexicons()[2]


def _freq_bucket(lower: str) -> str:
    """How common the word is in general English (Zipf scale), beyond the treebank."""
    freq = general_frequency(lower)
    return str(int(math.log10(freq) + 9.0)) if freq >= 1e-9 else "0"


def word_features(word: str) -> dict[int, list[str]]:
    """Features of one (normalized) word type for each offset it can occupy."""
    lower = word.lower()
    sh = shape(word)
    lex = lexicon_classes(lower)
    own = [
        "b",
        "w:" + lower,
        "s1:" + lower[-1:],
        "s2:" + lower[-2:],
        "s3:" + lower[-3:],
        "s4:" + lower[-4:],
        "p1:" + lower[:1],
        "p2:" + lower[:2],
        "p3:" + lower[:3],
        "sh:" + sh,
        "lx:" + lex,
        "zf:" + _freq_bucket(lower),
        "s5:" + lower[-5:],
        "p4:" + lower[:4],
    ]
    if word != lower:
        own.append("wc:" + word)
    if len(word) > 1 and "-" in word[1:-1]:
        parts = lower.split("-")
        last = parts[-1] or lower
        own.append("hl:" + last)
        own.append("hs3:" + last[-3:])
        own.append("hf:" + parts[0])
        own.append("hlx:" + lexicon_classes(last))
    near = ["w:" + lower, "s3:" + lower[-3:], "ss:" + short_shape(word), "lx:" + lex]
    far = ["w:" + lower, "ss:" + short_shape(word)]
    mode = ["w:" + lower, "s3:" + lower[-3:], "lx:" + lex, "sh:" + sh]
    return {0: own, -1: near, 1: near, -2: far, 2: far, TITLE: mode, UPPER: mode}


def feature_keys(word: str) -> tuple[list[str], list[int]]:
    """``word_features`` as the runtime looks them up: "role|feature" keys, ALL_ROLES order.

    The same features, spelled out once more because building every key in one step
    halves the strings a new word type costs, and new types are most of the tagger's
    cold-start time.  tests/test_tagger.py checks the two agree on every EWT word.
    """
    lower = word.lower()
    sh = shape(word)
    lex = lexicon_classes(lower)
    s3 = lower[-3:]
    keys = [
        "0|b",
        f"0|w:{lower}",
        f"0|s1:{lower[-1:]}",
        f"0|s2:{lower[-2:]}",
        f"0|s3:{s3}",
        f"0|s4:{lower[-4:]}",
        f"0|p1:{lower[:1]}",
        f"0|p2:{lower[:2]}",
        f"0|p3:{lower[:3]}",
        f"0|sh:{sh}",
        f"0|lx:{lex}",
        f"0|zf:{_freq_bucket(lower)}",
        f"0|s5:{lower[-5:]}",
        f"0|p4:{lower[:4]}",
    ]
    if word != lower:
        keys.append(f"0|wc:{word}")
    if len(word) > 1 and "-" in word[1:-1]:
        parts = lower.split("-")
        last = parts[-1] or lower
        keys += (
            f"0|hl:{last}",
            f"0|hs3:{last[-3:]}",
            f"0|hf:{parts[0]}",
            f"0|hlx:{lexicon_classes(last)}",
        )
    own = len(keys)
    ss = short_shape(word)
    keys += (
        f"-1|w:{lower}",
        f"-1|s3:{s3}",
        f"-1|ss:{ss}",
        f"-1|lx:{lex}",
        f"1|w:{lower}",
        f"1|s3:{s3}",
        f"1|ss:{ss}",
        f"1|lx:{lex}",
        f"-2|w:{lower}",
        f"-2|ss:{ss}",
        f"2|w:{lower}",
        f"2|ss:{ss}",
        f"{TITLE}|w:{lower}",
        f"{TITLE}|s3:{s3}",
        f"{TITLE}|lx:{lex}",
        f"{TITLE}|sh:{sh}",
        f"{UPPER}|w:{lower}",
        f"{UPPER}|s3:{s3}",
        f"{UPPER}|lx:{lex}",
        f"{UPPER}|sh:{sh}",
    )
    return keys, [own, 4, 4, 2, 2, 4, 4]


def sentence_mode(words: list[str]) -> int:
    """Headlines and shouting make capitals uninformative; EWT has plenty of both."""
    alpha = capital = shouted = 0
    for w in words:  # one pass: this runs twice for every sentence tagged
        if w[:1].isalpha():
            alpha += 1
            if w[0].isupper():
                capital += 1
                shouted += len(w) > 1 and w.isupper()
    if alpha < 2:
        return 0
    if shouted >= 0.6 * alpha:
        return UPPER
    if capital >= 0.6 * alpha:
        return TITLE
    return 0


def pad_features(pad: str) -> list[str]:
    """The sentence boundary is a word of its own at the context offsets."""
    return ["w:" + pad]


def bigram_key(left: str, right: str, side: int) -> str:
    """Feature name of a lowercased word pair around the tagged token (side -1 or 1)."""
    return f"{side}|{left}\x01{right}"
