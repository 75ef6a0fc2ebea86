"""WordNet's example sentences as extra sense-tagged training (used by ``train_senses.py``).

Every WordNet gloss ends in example sentences ("the summit of the leaders ..."), and each one is
an occurrence of its synset's sense in a sentence someone wrote to show it: IMS (Zhong and Ng,
2010) trains on them beside SemCor. Most senses of a word are rare in SemCor, and many are never
seen there, so an example is often the only context a sense has. Here each example is put
through the reader's own tokenizer, tagger and lemmatizer (the reader sees its sentences that
way), the synset's word is found in it by lemma, and the word's context features
(:func:`reader.lexicon.senses.features.features`) become one tagged occurrence, counted with a
weight chosen on held-out SemCor. All but the word's own form (``W=protocol``): every example
has its word, so that feature would only say which senses WordNet gave examples to ("special
protocol" became a code of conduct, whose gloss has "academic protocol", rather than the
diplomats' etiquette, whose gloss has no example).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reader.lexicon.senses.features import features, ims_features
from reader.lexicon.wndb import Synset, open_wordnet, parse, sense_key

UPOS_SUFFIX = {"NOUN": "noun", "VERB": "verb", "ADJ": "adj", "ADV": "adv"}
# As reader.lexicon.wndb.split_gloss: examples follow the definition after '; "' (or ':' or
# ','), and a quote inside the definition ('the phrase "make strides"') follows a plain space.
_EXAMPLE_START = re.compile(r'[;:]\s*"')
_TRAILING_EXAMPLES = re.compile(r'(.*?)\s*[;:,]\s*((?:"[^"]*"[\s;:,]*)+)$', re.DOTALL)
_QUOTED = re.compile(r'"([^"]*)"')
_ADJ_MARKER = re.compile(r"\((?:a|p|ip)\)$")
CONTENT_TAGS = frozenset({"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV", "NUM", "X"})
"""The tags a synset's word may have in its example: "A typical household circuit carries 15
amps" shows the noun "a" (ampere), not the article."""


@dataclass(frozen=True)
class Occurrence:
    """One example sentence as a tagged word: its sense key and its context features."""

    key: str
    lemma: str
    upos: str
    features: tuple[str, ...]
    ims: tuple[str, ...]  # the same context as IMS's classifiers see it


def examples_of(gloss: str) -> list[str]:
    """Every example sentence of a WordNet gloss, in order (``split_gloss`` keeps the first)."""
    cuts: list[int] = []
    if found := _EXAMPLE_START.search(gloss):
        cuts.append(found.start())
    if (match := _TRAILING_EXAMPLES.match(gloss)) and match.group(1).strip():
        cuts.append(match.start(2))
    if not cuts:
        return []
    found_all = (e.strip().rstrip(":;").strip() for e in _QUOTED.findall(gloss[min(cuts) :]))
    return [e for e in found_all if e]


def glosses(directory: Path) -> list[tuple[str, str, list[str]]]:
    """(part of speech, synset offset, example sentences) of every synset with examples."""
    files = open_wordnet(directory)
    if files is None:
        raise SystemExit(f"no WordNet at {directory}")
    found: list[tuple[str, str, list[str]]] = []
    for upos, suffix in UPOS_SUFFIX.items():
        for line in files.lines(f"data.{suffix}"):
            head, _, gloss = line.partition(" | ")
            if sentences := examples_of(gloss.strip()):
                found.append((upos, head.split(" ", 1)[0], sentences))
    return found


def _span(lemmas: list[str], forms: list[str], words: list[str]) -> list[int] | None:
    """Where the term ``words`` is in the sentence, by lemma or as written (first match)."""
    size = len(words)
    for start in range(len(lemmas) - size + 1):
        if lemmas[start : start + size] == words or forms[start : start + size] == words:
            return list(range(start, start + size))
    return None


def occurrences(directory: Path, senses_of: dict[tuple[str, str], list[str]]) -> list[Occurrence]:
    """Each example sentence as a tagged occurrence of every word of its synset that it uses
    and that has more than one sense (``senses_of``, as ``train_senses.WordNet``'s), sorted."""
    from reader.text.tagger import tag_sentences
    from reader.text.tokenize import tokenize

    parsed = parse(open_wordnet(directory))  # type: ignore[arg-type]
    adjectives = parsed.synsets["ADJ"]
    todo: list[tuple[Synset, str, str]] = []
    for upos, offset, sentences in glosses(directory):
        synset = parsed.synsets[upos].get(offset)
        if synset is None:
            continue
        todo += [(synset, upos, sentence) for sentence in sentences]
    tokens = [[t.text for t in tokenize(sentence)] for _, _, sentence in todo]
    tagged = tag_sentences(tokens)
    found: list[Occurrence] = []
    for (synset, upos, _), forms, tags in zip(todo, tokens, tagged, strict=True):
        lemmas = [(lemma or form).lower() for form, (_, lemma) in zip(forms, tags, strict=True)]
        lowered = [f.lower() for f in forms]
        for word in dict.fromkeys(_ADJ_MARKER.sub("", w).lower() for w in synset.words):
            if (word, upos) not in senses_of:
                continue
            key = sense_key(word, synset, adjectives)
            if key is None or key not in senses_of[(word, upos)]:
                continue
            span = _span(lemmas, lowered, word.replace("_", " ").split())
            if span is None or tags[span[0]][0] not in CONTENT_TAGS:
                continue
            upos_tags = [t for t, _ in tags]
            found.append(
                Occurrence(
                    key,
                    word,
                    upos,
                    tuple(f for f in features(lemmas, span, forms) if not f.startswith("W=")),
                    tuple(ims_features(forms, upos_tags, span, lemmas)),
                )
            )
    return sorted(found, key=lambda o: (o.key, o.features))
