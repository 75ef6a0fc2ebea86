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
