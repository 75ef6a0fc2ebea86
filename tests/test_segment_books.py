"""Sentence spans on real books: hand-checked passages, and the offset contract on whole texts.

The passages (tests/data/segment_passages.json) are excerpts of three Project Gutenberg books,
with their hard-wrapped lines, headings, tables of contents, curly quotes, dashes, italics
underscores and dialogue, plus short hand-written texts for rules the books lack.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from _paths import BOOK
from _require import require_shared

from reader.text.segment import split_spans

DATA = Path(__file__).resolve().parent / "data"
# the whole books of ../shared/corpus: skipped on a clone without them, required in CI
BOOKS = [
    "war_and_peace_2600-0.txt",
    "pride_and_prejudice_1342-0.txt",
    "sherlock_holmes_adventures_1661-0.txt",
]


def _passages() -> list[dict[str, Any]]:
    passages: list[dict[str, Any]] = json.loads(
        (DATA / "segment_passages.json").read_text(encoding="utf-8")
    )
    return passages


PASSAGES = _passages()


def test_there_are_enough_passages() -> None:
    assert len(PASSAGES) >= 100
    assert sum(1 for p in PASSAGES if "\r\n" in p["text"]) >= 10


@pytest.mark.parametrize("passage", PASSAGES, ids=[p["source"] for p in PASSAGES])
def test_passage(passage: dict[str, Any]) -> None:
    text = passage["text"]
    assert [text[s:e] for s, e in split_spans(text)] == passage["expected"]


def test_the_book_in_the_repository_keeps_the_offset_contract() -> None:
    keeps_the_offset_contract(BOOK.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", BOOKS)
def test_whole_book_keeps_the_offset_contract(name: str) -> None:
    keeps_the_offset_contract(require_shared(f"corpus/{name}").read_text(encoding="utf-8"))


def keeps_the_offset_contract(text: str) -> None:
    spans = split_spans(text)
    last = 0
    for start, end in spans:
        assert last <= start < end
        assert text[last:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        last = end
    assert text[last:].strip() == ""
    # Hard-wrapped lines are joined: far fewer sentences than non-blank lines.
    lines = sum(1 for line in text.splitlines() if line.strip())
    assert len(spans) < lines
