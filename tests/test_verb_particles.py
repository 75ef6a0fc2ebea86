"""Phrasal verbs the matcher finds but the sentence does not hold (issue 18): the infinitive's
"to", a preposition after a verb that takes no object, a noun after an article. WordNet's verb
frames ship with the reader (``reader/lexicon/data/verb_frames_en.tsv``), so no WordNet is
needed here."""

from __future__ import annotations

from reader.learn.annotate import token_rows
from reader.learn.phrases import PhraseIndex
from reader.learn.texts import TokenRow
from reader.lexicon.verb_frames import read_apart, takes_infinitive, takes_object
from reader.text import analyze


def rows(sentence: str) -> list[TokenRow]:
    (analyzed,) = analyze(sentence)
    return token_rows(analyzed["tokens"])


def keys(index: PhraseIndex, sentence: str) -> list[str]:
    return [m.key for m in index.match(rows(sentence))]


def test_wordnet_frames_say_what_a_phrasal_verb_takes() -> None:
    assert takes_object("fall through") is False  # "the deal fell through"
    assert takes_object("look at") is True
    assert takes_infinitive("get to") is True  # "we got to see it"
    assert takes_infinitive("come to") is False
    assert takes_object("no such verb") is None


def test_the_infinitives_to_is_no_particle() -> None:
    index = PhraseIndex(["come to", "get to"])
    assert keys(index, "The balloon came to rest in a field.") == []
    assert keys(index, "He came to after an hour.") == ["come to"]
    assert keys(index, "We finally got to see the summit.") == ["get to"]


def test_a_noun_phrase_after_an_intransitive_phrasal_verb_is_the_prepositions() -> None:
    index = PhraseIndex(["fall through", "live in"])
    assert keys(index, "Many have fallen through cracks in the economy.") == []
    assert keys(index, "They live in a small flat.") == []
    assert keys(index, "The deal fell through.") == ["fall through"]
    assert keys(index, "The deal fell quietly through.") == ["fall through"]
    assert keys(index, "The deal fell through yesterday.") == ["fall through"]
    assert keys(index, "The maid lives in.") == ["live in"]


def test_an_intransitive_phrasal_verb_is_never_split_by_an_object() -> None:
    index = PhraseIndex(["punch out", "take over"])
    assert keys(index, "He was punching all the air out of it.") == []
    assert keys(index, "They took it over.") == ["take over"]


def test_a_phrasal_verbs_first_word_after_an_article_is_a_noun() -> None:
    index = PhraseIndex(["air out"])
    assert keys(index, "He was punching all the air out of it.") == []
    assert keys(index, "We aired out the room.") == ["air out"]


def test_a_term_semcor_reads_as_its_verb_alone_is_not_matched() -> None:
    """SemCor's annotators read "look at" as "look" (perceive with attention) 94 times in 114;
    WordNet's "look at" is first "take into consideration for exemplifying purposes"."""
    assert read_apart("look at")
    assert not read_apart("take over")
    index = PhraseIndex(["look at", "look after"])
    assert keys(index, "He looked at his watch.") == []
    assert keys(PhraseIndex(["come in"]), "Thanks for coming in today.") == ["come in"]
    assert keys(index, "She looked after her brother.") == ["look after"]
