"""Checking typed answers, per drill: production and cloze (a term), listening (a sentence)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.learn.answers import (
    NEAR,
    RIGHT,
    WRONG,
    check_sentence,
    check_term,
    normalize,
    within_one_edit,
)

# -- production and cloze ------------------------------------------------------------------------


def test_any_inflected_form_of_the_lemma_is_right() -> None:
    for typed in ("go", "went", "gone", "goes", "going"):
        assert check_term(typed, "go", "went").result == RIGHT, typed
    for typed in ("coalition", "coalitions"):
        assert check_term(typed, "coalition").result == RIGHT


def test_phrases_inflect_their_first_word_and_keep_their_gap() -> None:
    assert check_term("took over", "take over").result == RIGHT
    assert check_term("taking over", "take over", "took it over").result == RIGHT
    assert check_term("took it over", "take over", "took it over").result == RIGHT
    assert check_term("over", "take over").result == WRONG


def test_case_accents_and_spaces_do_not_count() -> None:
    assert check_term("  CAFÉ ", "cafe").result == RIGHT
    assert check_term("naive", "naïve").result == RIGHT
    assert check_term("Take   Over", "take over").result == RIGHT
    assert check_term("don’t", "don't").result == RIGHT


def test_one_edit_away_is_a_near_miss_and_suggests_hard() -> None:
    check = check_term("coalitoin", "coalition")  # two letters swapped
    assert check.result == NEAR and check.closest == "coalition"
    assert check.suggested_rating == 2
    assert check_term("parad", "parade").result == NEAR  # one letter missing
    assert check_term("parades", "parade").result == RIGHT
    assert check_term("paride", "parade").result == NEAR  # one letter wrong


def test_wrong_and_empty_answers_suggest_again() -> None:
    for typed in ("alliance", "", "   ", "paraded it"):
        check = check_term(typed, "parade")
        assert check.result == WRONG, typed
        assert check.suggested_rating == 1
    assert check_term("parade", "parade").suggested_rating == 3


# -- listening -----------------------------------------------------------------------------------

SENTENCE = "The leaders met in Beijing, and the parade began at dawn."


def test_a_sentence_typed_right_scores_every_word() -> None:
    check = check_sentence("the leaders met in beijing and the parade began at dawn", SENTENCE)
    assert check.result == RIGHT and check.score == 1.0 and check.right == 11


def test_a_missed_word_does_not_make_the_rest_wrong() -> None:
    check = check_sentence("The leaders met in Beijing and parade began at dawn", SENTENCE)
    kinds = [d.kind for d in check.diffs]
    assert kinds.count("missing") == 1 and kinds.count(RIGHT) == 10
    assert [d.expected for d in check.diffs if d.kind == "missing"] == ["the"]
    assert check.result == NEAR and check.suggested_rating == 2


def test_wrong_near_and_extra_words_are_told_apart() -> None:
    check = check_sentence("The leaders mat in Peking and the big parade began at dawn", SENTENCE)
    by_kind = {d.kind: d for d in check.diffs if d.kind != RIGHT}
    assert by_kind[NEAR].typed == "mat" and by_kind[NEAR].expected == "met"
    assert by_kind[WRONG].typed == "peking" and by_kind[WRONG].expected == "beijing"
    assert by_kind["extra"].typed == "big"


def test_the_score_is_the_share_of_the_sentence_heard_right() -> None:
    """3 words of 17 heard right is 18%, whatever else was typed (it used to show 0%)."""
    said = "When the war ends, the two countries will have to decide what to do next."
    check = check_sentence("when the war ok so um let me think about it really hard now", said)
    assert check.expected_words == 15 and check.right == 3
    assert check.score == pytest.approx(3 / 15)
    assert check.result == WRONG
    heard = check_sentence("the leaders met in beijing and the parade began at dawn too", SENTENCE)
    assert heard.score == 1.0 and heard.result == NEAR  # one word too many: not quite right


def test_a_sentence_mostly_missed_suggests_again() -> None:
    check = check_sentence("the leaders", SENTENCE)
    assert check.result == WRONG and check.suggested_rating == 1
    assert check_sentence("", SENTENCE).score == 0.0


# -- normalization, as properties -----------------------------------------------------------------

words = st.text(alphabet=st.characters(categories=("Ll", "Lu")), min_size=1, max_size=12)


@given(words, st.sampled_from(["", " ", "  ", "\t"]), st.sampled_from(["", " ", "\n"]))
def test_surrounding_space_and_case_never_change_the_verdict(
    word: str, left: str, right: str
) -> None:
    plain = check_term(word, word).result
    assert plain == RIGHT
    assert check_term(f"{left}{word.upper()}{right}", word).result == RIGHT
    assert check_term(f"{left}{word.swapcase()}{right}", word).result == RIGHT


@given(st.text(max_size=40))
def test_normalize_is_idempotent_and_trimmed(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
    assert once == once.strip() and "  " not in once


@given(words)
def test_accents_are_ignored(word: str) -> None:
    accented = "".join(c + "\u0301" for c in word)  # a combining acute on every letter
    assert normalize(accented) == normalize(word)


@given(words, st.integers(min_value=0, max_value=11), st.characters(categories=("Ll",)))
def test_one_substitution_is_within_one_edit(word: str, at: int, letter: str) -> None:
    at = at % len(word)
    changed = word[:at] + letter + word[at + 1 :]
    assert within_one_edit(word, changed)
    assert within_one_edit(word, word[:at] + word[at + 1 :])
    assert within_one_edit(word[:at] + word[at + 1 :], word)


@given(st.lists(words, min_size=1, max_size=8))
def test_a_sentence_typed_back_is_right_whatever_its_case(sentence_words: list[str]) -> None:
    sentence = " ".join(sentence_words) + "."
    check = check_sentence(sentence.upper(), sentence)
    assert check.result == RIGHT and check.score == 1.0
