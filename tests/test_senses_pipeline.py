"""What the pipeline costs the sense ranker, won back: a multi-word term glosses its words only
when it is really there and means something of its own; a part of speech the tagger nearly
chose lets its senses compete."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlite_utils
from _require import require_wordnet

from reader.learn.annotate import NotInSentence, add_glosses, gloss_in_sentence, token_rows
from reader.learn.glossing import gloss_entry
from reader.learn.phrases import PhraseIndex
from reader.learn.texts import TokenRow
from reader.lexicon.idioms import ensure_idioms
from reader.lexicon.senses import SenseContext
from reader.lexicon.wordnet import compile_wordnet
from reader.store.db import open_db
from reader.text import analyze


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[sqlite_utils.Database]:
    directory = require_wordnet()
    db = open_db(tmp_path_factory.mktemp("wordnet") / "full.db")
    compile_wordnet(db, directory)
    ensure_idioms(db)
    yield db
    db.close()


def shown(db: sqlite_utils.Database, sentence: str, word: str) -> dict[str, Any]:
    """The gloss ``analyze --glosses`` gives the first token written ``word``."""
    (analyzed,) = add_glosses(db, analyze(sentence), "en", PhraseIndex.from_db(db), "")
    gloss = next(t["gloss"] for t in analyzed["tokens"] if t["text"] == word)
    assert gloss is not None
    return dict(gloss)


def rows(sentence: str) -> list[TokenRow]:
    (analyzed,) = analyze(sentence)
    return token_rows(analyzed["tokens"])


def test_a_term_written_whole_wins_over_a_split_one() -> None:
    index = PhraseIndex(["take in", "take place"])
    (match,) = index.match(rows("The meeting took place in Seoul."))
    assert match.key == "take place"


def test_a_split_particle_with_its_own_object_is_no_phrasal_verb() -> None:
    index = PhraseIndex(["get on"])
    assert index.match(rows("South Korea aims to get China on board.")) == []
    (match,) = index.match(rows("They get it on quickly."))
    assert match.key == "get on"


def test_an_article_noun_and_of_is_no_adverb_term() -> None:
    index = PhraseIndex(["a bit"])
    assert index.match(rows("They added a bit of French style to the trip.")) == []
    (match,) = index.match(rows("The room was a bit cold."))
    assert match.key == "a bit"


def test_a_kind_of_its_last_word_glosses_the_word(full: sqlite_utils.Database) -> None:
    gloss = shown(full, "He worked as a business executive in Chicago.", "executive")
    assert gloss["term"] is None
    assert gloss["sense"] == "executive%1:18:00::"  # a person responsible for a business


def test_a_term_that_is_its_word_glosses_the_word(full: sqlite_utils.Database) -> None:
    gloss = shown(full, "We subscribe to three newspapers.", "subscribe")
    assert gloss["term"] is None
    assert gloss["sense"] == "subscribe%2:40:00::"  # receive or obtain regularly


def test_the_term_tells_its_words_sense(full: sqlite_utils.Database) -> None:
    gloss = shown(full, "The agency hires under a merit system.", "system")
    assert gloss["sense"] == "system%1:09:00::"  # a complex of methods or rules


def test_a_named_term_stays_whole(full: sqlite_utils.Database) -> None:
    (match,) = PhraseIndex.from_db(full).match(rows("They marked Victory Day in Moscow."))
    assert match.key == "victory day"  # a kind of day, but a name: its words say nothing


def test_a_term_of_its_own_stays_whole(full: sqlite_utils.Database) -> None:
    gloss = shown(full, "The children ate ice cream after lunch.", "ice")
    assert gloss["term"] == "ice cream"


@pytest.mark.parametrize(
    ("sentence", "word", "sense"),
    [
        ("Every morning the mists rise over the lake.", "rise", "rise%2:38:00::"),  # NOUN tag
        ("The findings referred to research on the virus.", "research", "research%1:04:00::"),
    ],
)
def test_a_close_part_of_speech_competes(
    full: sqlite_utils.Database, sentence: str, word: str, sense: str
) -> None:
    assert shown(full, sentence, word)["sense"] == sense


def test_a_clear_tag_keeps_its_senses(full: sqlite_utils.Database) -> None:
    gloss = shown(full, "He wins every race he enters.", "wins")
    assert gloss["sense"].startswith("win%2:")


def test_a_capitalized_common_word_tagged_as_a_name_is_glossed(full: sqlite_utils.Database) -> None:
    sentence = "On Sunday the delegates spoke English with the Korean."
    assert shown(full, sentence, "Sunday")["sense"].startswith("sunday%1:28:")
    assert shown(full, sentence, "English")["sense"].startswith("english%1:10:")  # the language


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("They flew to England.", "England"),  # an instance: a country
        ("Kim met Xi Jinping in Beijing.", "Xi"),  # "XI", eleven, is no capitalized word
    ],
)
def test_a_name_stays_unglossed(full: sqlite_utils.Database, sentence: str, name: str) -> None:
    (analyzed,) = add_glosses(full, analyze(sentence), "en", None, "")
    token = next(t for t in analyzed["tokens"] if t["text"] == name)
    assert token["pos"] == "PROPN" and token["gloss"] is None


def test_words_asked_together_are_explained_in_the_sentence(full: sqlite_utils.Database) -> None:
    (sentence,) = analyze("China is a key player in the region.")
    entry = gloss_in_sentence(full, "key player", sentence)
    assert entry.lemma == "key player"
    assert entry.senses[0].source == "word parts"
    assert entry.senses[0].gloss.startswith("key (serving as an essential component) + player (")


def test_words_not_in_a_row_are_not_in_the_sentence(full: sqlite_utils.Database) -> None:
    (sentence,) = analyze("The player lost his key.")
    with pytest.raises(NotInSentence):
        gloss_in_sentence(full, "key player", sentence)


def close_entry(db: sqlite_utils.Database, sentence: str, word: str) -> str:
    (analyzed,) = analyze(sentence)
    tokens = analyzed["tokens"]
    i = next(j for j, t in enumerate(tokens) if t["text"] == word)
    context = SenseContext.of_analyzed(tokens, (i,))
    return gloss_entry(db, tokens[i]["lemma"].lower(), tokens[i]["pos"], context=context).short()


def test_two_close_senses_are_both_shown(full: sqlite_utils.Database) -> None:
    shown_both = close_entry(full, "Both sides hope to revive dialogue.", "revive")
    assert shown_both == "cause to regain consciousness | give new life or energy to"


def test_a_clear_first_sense_is_shown_alone(full: sqlite_utils.Database) -> None:
    assert " | " not in close_entry(full, "She sat on the bank of the river.", "bank")


def test_a_sure_occurrence_pulls_an_unsure_one(full: sqlite_utils.Database) -> None:
    from reader.lexicon.senses import discourse

    alone = "The guards watched the prisoners."
    text = alone + " We watched the film."
    assert shown(full, alone, "watched")["sense"] == "watch%2:41:00::"  # follow with the eyes
    (first, _) = add_glosses(full, analyze(text), "en", PhraseIndex.from_db(full), "")
    gloss = next(t["gloss"] for t in first["tokens"] if t["text"] == "watched")
    assert gloss["sense"] == "watch%2:39:00::"  # look attentively, as at the film
    assert discourse.PULL > 0


def test_an_occurrence_is_not_pulled_by_its_own_vote() -> None:
    from reader.lexicon.senses.discourse import TextEvidence
    from reader.lexicon.senses.model import _pulled

    scores = [1.0, 0.4]
    own = TextEvidence({("x", "NOUN"): {"a": 0.6}}).pull("x", "NOUN")
    assert _pulled(scores, ["a", "b"], own) == scores  # its own margin, and nothing else
    other = TextEvidence({("x", "NOUN"): {"a": 0.6, "b": 2.0}}).pull("x", "NOUN")
    assert _pulled(scores, ["a", "b"], other)[1] > 1.0  # two sure ones elsewhere say "b"


def test_an_idiom_gloss_restating_a_wordnet_sense_carries_its_key(
    full: sqlite_utils.Database,
) -> None:
    gloss = shown(full, "The meeting took place in Seoul.", "took")
    assert (gloss["term"], gloss["source"]) == ("take place", "idioms")  # its wording stays
    assert gloss["sense"] == "take_place%2:30:00::"  # happen: WordNet's come to pass, occur


def test_a_noun_tag_after_the_infinitives_to_lets_the_verb_compete(
    full: sqlite_utils.Database,
) -> None:
    """The tagger reads "to" as the infinitive's and "end" as a noun; the text's other "end"s
    (nouns) pull its noun senses up, but the verb's compete at par and win."""
    text = (
        "At the end of the day we went home. By the end of the week it was over. "
        'The courts might want to end "rigid programs."'
    )
    analyzed = add_glosses(full, analyze(text), "en", PhraseIndex.from_db(full), "")
    (end,) = [t for t in analyzed[-1]["tokens"] if t["text"] == "end"]
    assert end["pos"] == "NOUN"
    assert end["gloss"]["sense"].startswith("end%2:")


def test_a_noun_tag_after_a_perceiving_verb_and_its_object_lets_the_verb_compete(
    full: sqlite_utils.Database,
) -> None:
    """ "see anything change": a pronoun like "anything" starts no noun phrase, and "see" takes a
    bare infinitive, so the tagger's noun "change" meets its verb senses at par."""
    sentence = "They have absolutely no wish to see anything change."
    (analyzed,) = analyze(sentence)
    assert next(t["pos"] for t in analyzed["tokens"] if t["text"] == "change") == "NOUN"
    assert shown(full, sentence, "change")["sense"].startswith("change%2:")
    # "her" can be a determiner: "see her change" keeps the tagger's noun senses competing alone
    assert shown(full, "I could not see her change of heart.", "change")["sense"].startswith(
        "change%1:"
    )
