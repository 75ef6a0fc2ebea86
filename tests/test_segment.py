"""Sentence spans: the Golden Rules, the seed article, single rules, and the offset contract."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from _paths import SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.segment import MAX_SENTENCE, split_spans

DATA = Path(__file__).resolve().parent / "data"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_spans(text)]


def assert_contract(text: str, spans: list[tuple[int, int]]) -> None:
    """The guarantees the reader relies on to show the original text exactly."""
    last = 0
    for start, end in spans:
        assert last <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert text[last:start].strip() == ""
        last = end
    assert text[last:].strip() == ""


def test_golden_rules_all_pass() -> None:
    cases = json.loads((DATA / "golden_rules_en.json").read_text(encoding="utf-8"))
    failures = [
        (case["id"], sentences(case["text"]))
        for case in cases
        if [s.strip() for s in sentences(case["text"])] != case["expected"]
    ]
    assert len(cases) == 48
    assert failures == []


def test_seed_article_splits_as_an_editor_would() -> None:
    text = SEED.read_text(encoding="utf-8")
    expected = json.loads((DATA / "seed_article_sentences.json").read_text(encoding="utf-8"))
    got = sentences(text)
    assert got == expected
    assert len(got) == 62


def test_seed_article_headings_stand_alone() -> None:
    got = sentences(SEED.read_text(encoding="utf-8"))
    for heading in ("Published on: 2025/09/06 12:36", "Sentences Mode", "Comments"):
        assert heading in got
    assert got[0].startswith("[Weekly Focus]") and got[0].endswith("regional dynamics")
    labelled = [s for s in got if s[:1] == "Q" and s[1:2].isdigit()]
    assert [s[:3] for s in labelled] == ["Q1.", "Q2.", "Q3.", "Q4."]
    assert not any(s.endswith(("Q1.", "Q2.", "Q3.", "Q4.")) for s in got)
    assert not any(s.endswith(",..") for s in got)
    assert not any(s.endswith("U.S.") and "pressure the U.S." not in s for s in got)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Paragraph breaks always end a sentence, even after an abbreviation.
        (
            "He lives in the U.S.\n\nShe lives in Canada.",
            ["He lives in the U.S.", "She lives in Canada."],
        ),
        ("No final stop here\n\nNext paragraph.", ["No final stop here", "Next paragraph."]),
        # Hard-wrapped lines are not breaks; a short heading line is.
        (
            "It was late in the evening when John and Mary finally reached the old\n"
            "house on the hill, but nobody came to the door. Mary knocked again and\n"
            "John walked round.",
            [
                "It was late in the evening when John and Mary finally reached the old\n"
                "house on the hill, but nobody came to the door.",
                "Mary knocked again and\nJohn walked round.",
            ],
        ),
        ("Contents\nCHAPTER I\nCHAPTER II", ["Contents", "CHAPTER I", "CHAPTER II"]),
        ("CHAPTER IV.\nThe Return\n\nIt was dark.", ["CHAPTER IV.", "The Return", "It was dark."]),
        # Quotes and brackets after the end belong to the sentence.
        ("He said “Stop.” Then he left.", ["He said “Stop.”", "Then he left."]),
        ("He left (finally.) Then we ate.", ["He left (finally.)", "Then we ate."]),
        # "?" or "!" in quotes before a lower-case word or a speech tag.
        (
            "“Heavens! what a virulent attack!” replied the prince.",
            ["“Heavens! what a virulent attack!” replied the prince."],
        ),
        ("“‘What then?’ I asked. Then.", ["“‘What then?’ I asked.", "Then."]),
        # Ellipses.
        ("I thought… Never mind.", ["I thought…", "Never mind."]),
        ("We waited,.. and left.", ["We waited,.. and left."]),
        (
            "Whom can we rely on?... England will not.",
            ["Whom can we rely on?...", "England will not."],
        ),
        # Numbers, URLs, e-mail.
        (
            "Install Python 3.11.4 first. Then run it.",
            ["Install Python 3.11.4 first.", "Then run it."],
        ),
        ("It cost $3.50. It was cheap.", ["It cost $3.50.", "It was cheap."]),
        ("Go to www.example.com. It's free.", ["Go to www.example.com.", "It's free."]),
        # Labels start their sentence and are never left at the end of the one before.
        (
            "Intro text. Q1. What is it? It is a test.",
            ["Intro text.", "Q1. What is it?", "It is a test."],
        ),
        (
            "Steps\n1. Open the box\n2. Charge the phone",
            ["Steps", "1. Open the box", "2. Charge the phone"],
        ),
        ("P.S. Write soon.", ["P.S. Write soon."]),
        # Abbreviations: titles, initials, companies, countries.
        (
            "Mrs. Brown met Dr. Green. Sgt. White came too.",
            ["Mrs. Brown met Dr. Green.", "Sgt. White came too."],
        ),
        (
            "J. K. Rowling wrote it. C. S. Lewis did not.",
            ["J. K. Rowling wrote it.", "C. S. Lewis did not."],
        ),
        (
            "She moved to the U.S. Then she found a job.",
            ["She moved to the U.S.", "Then she found a job."],
        ),
        ("Korea–U.S. ties are strong.", ["Korea–U.S. ties are strong."]),
        (
            "their invitation, etc. Mrs. Bennet was quite disconcerted.",
            ["their invitation, etc.", "Mrs. Bennet was quite disconcerted."],
        ),
    ],
)
def test_rules(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_crlf_offsets_point_into_the_original_text() -> None:
    text = "First line.\r\nSecond line.\r\n\r\nNew paragraph."
    spans = split_spans(text)
    assert [text[s:e] for s, e in spans] == ["First line.", "Second line.", "New paragraph."]
    assert_contract(text, spans)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\r\n", ".", "!!!", "? . !", "…", "\u2029", "a"])
def test_degenerate_inputs(text: str) -> None:
    assert_contract(text, split_spans(text))


_ALPHABET = st.sampled_from(
    list("abcXYZ019 .?!…,;:'\"“”‘’()[]_*-—–•⁃°$%@/\n\r\t\u00a0\u2028")
    + ["Mr.", "U.S.", "e.g.", "...", ". . .", "1.", "Q1.", "a.m.", "\n\n", "http://x.io/a.b"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
def test_offset_contract_on_punctuation_heavy_text(text: str) -> None:
    assert_contract(text, split_spans(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_offset_contract_on_arbitrary_text(text: str) -> None:
    assert_contract(text, split_spans(text))


@pytest.mark.parametrize(
    "text",
    [
        "word " * 200_000,  # a megabyte with no punctuation at all
        "x" * 5_000,  # nothing to cut at
        ("item one, item two; " * 300).strip(),  # a list with no full stop
        "Short. " + "clause, " * 600 + "end.",
    ],
)
def test_overlong_sentences_are_cut_readably(text: str) -> None:
    spans = split_spans(text)
    assert_contract(text, spans)
    assert max(end - start for start, end in spans) <= MAX_SENTENCE
    if "," in text:  # cut at clause ends where there are any
        assert all(text[end - 1] in ",;." for _, end in spans)


_NO_FULL_STOP = st.sampled_from(list("abcXYZ019 ,;:'\"“”()[]_*-—–°$%@/\n\t\u00a0") + ["\n\n"])


@settings(max_examples=60, deadline=None)
@given(st.lists(_NO_FULL_STOP, min_size=1, max_size=40).map("".join).map(lambda t: t * 200))
def test_offset_contract_on_long_text(text: str) -> None:
    spans = split_spans(text)
    assert_contract(text, spans)
    assert max((end - start for start, end in spans), default=0) <= MAX_SENTENCE


def test_lang_is_accepted() -> None:
    assert split_spans("Hello world. Bye.", lang="en") == split_spans("Hello world. Bye.")


def test_needs_no_downloaded_nltk_data(monkeypatch: pytest.MonkeyPatch) -> None:
    import nltk.data

    from reader.text import punkt_params, segment

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("NLTK data was looked up")

    monkeypatch.setattr(nltk.data, "load", refuse)
    monkeypatch.setattr(nltk.data, "find", refuse)
    punkt_params.tokenizer.cache_clear()
    segment._punkt_break.cache_clear()
    assert sentences("Mr. Smith left at 5 p.m. He came back.") == [
        "Mr. Smith left at 5 p.m.",
        "He came back.",
    ]
