from __future__ import annotations

import pytest

from reader.lexicon.frequency import band, rank_threshold, top_lemmas, zipf


@pytest.mark.parametrize(
    ("word", "expected"),
    [("the", 1), ("dog", 2), ("harvest", 3), ("gauntlet", 4), ("xylophonist", 5), ("", 5)],
)
def test_bands(word: str, expected: int) -> None:
    assert band(word) == expected


def test_zipf_ignores_case_and_space() -> None:
    assert zipf(" Dog ") == zipf("dog") > 4
    assert zipf("qwzxv") == 0.0


def test_bands_follow_zipf() -> None:
    words = ["the", "people", "dog", "agree", "harvest", "reluctant", "wistful", "xylophonist"]
    ordered = sorted(words, key=zipf, reverse=True)
    assert [band(w) for w in ordered] == sorted(band(w) for w in words)


def test_top_lemmas_count_lemmas_not_forms() -> None:
    top = top_lemmas(3000)
    assert len(top) == 3000
    assert "be" in top and "child" in top
    assert "was" not in top  # a form of "be", which it made frequent
    assert rank_threshold("The")
    assert not rank_threshold("gauntlet")
    assert rank_threshold("gauntlet", 100_000)


def test_a_head_start_knows_the_modals_the_tagger_finds() -> None:
    from reader.text.tagger import tag_sentences

    top = top_lemmas(3000)
    sentence = ["She", "could", "come", "and", "he", "would", "stay", ";", "they", "might", "go"]
    sentence += ["and", "we", "should", "wait", "."]
    lemmas = [lemma.lower() for pos, lemma in tag_sentences([sentence])[0] if pos == "AUX"]
    assert lemmas == ["could", "would", "might", "should"]  # the tagger's lemmas...
    assert all(lemma in top for lemma in lemmas)  # ...are the head start's
    assert {"can", "will", "may", "shall"} <= top
