"""Word lists the learner keeps in a spreadsheet or exports from a flashcard app (TSV or CSV).

Without a header the first column is the word and the second the gloss; with a header, columns
are found by name (word/term/headword..., gloss/definition/meaning/translation..., pos,
example), so exports with extra columns import without editing.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from reader.lexicon.base import (
    LexiconError,
    Progress,
    Record,
    headword_of,
    normalize_pos,
    plain_text,
)

_WORD = {"word", "words", "headword", "term", "lemma", "entry", "front", "expression", "english"}
_GLOSS = {"gloss", "definition", "meaning", "translation", "back", "def", "sense", "description"}
_POS = {"pos", "part of speech", "part_of_speech", "class", "word class", "wordclass"}
_EXAMPLE = {"example", "examples", "sentence", "usage"}
_PROGRESS_EVERY = 10000


def delimiter_for(path: Path, sample: str) -> str:
    """Tab for .tsv/.tab, comma for .csv; otherwise whichever the first lines use."""
    suffix = path.suffix.lower()
    if suffix in (".tsv", ".tab"):
        return "\t"
    if suffix == ".csv":
        return ","
    try:
        return csv.Sniffer().sniff(sample, delimiters="\t,;|").delimiter
    except csv.Error:
        if "\t" in sample:
            return "\t"
        raise LexiconError(
            f"{path.name}: cannot tell the columns apart (expected word<TAB>gloss per line)"
        ) from None


def read_table(path: Path, progress: Progress | None = None) -> Iterator[Record]:
    """The file's rows as records; blank and one-column lines are skipped."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LexiconError(f"{path.name}: not UTF-8 text (byte {exc.start})") from exc
    except OSError as exc:
        raise LexiconError(f"cannot read {path}: {exc.strerror}") from exc
    lines = text.splitlines()
    while lines and lines[0].startswith("#"):  # Anki's "#separator:tab" and similar
        lines.pop(0)
    delimiter = delimiter_for(path, "\n".join(lines[:20]))
    # TSV has no quoting convention worth trusting: a stray quote must not swallow lines.
    if delimiter == "\t":
        reader = csv.reader(lines, delimiter=delimiter, quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(lines, delimiter=delimiter)
    total = len(lines)
    columns: tuple[int, int, int | None, int | None] = (0, 1, None, None)
    try:
        for number, row in enumerate(reader, start=1):
            cells = [cell.strip() for cell in row]
            if number == 1 and (header := _header(cells)):
                columns = header
                continue
            if progress and number % _PROGRESS_EVERY == 0:
                progress(number, total)
            record = _record(cells, columns)
            if record:
                yield record
    except csv.Error as exc:
        raise LexiconError(f"{path.name}: line {reader.line_num}: {exc}") from exc
    if progress:
        progress(total, total)


def _header(cells: list[str]) -> tuple[int, int, int | None, int | None] | None:
    names = [" ".join(c.lower().split()) for c in cells]

    def find(choices: set[str]) -> int | None:
        return next((i for i, name in enumerate(names) if name in choices), None)

    word, gloss = find(_WORD), find(_GLOSS)
    if word is None or gloss is None:  # both, or "word<TAB>one" would be taken for a header
        return None
    return word, gloss, find(_POS), find(_EXAMPLE)


def _record(cells: list[str], columns: tuple[int, int, int | None, int | None]) -> Record | None:
    word_at, gloss_at, pos_at, example_at = columns
    if max(word_at, gloss_at) >= len(cells):
        return None
    headword = headword_of(cells[word_at])
    gloss = plain_text(cells[gloss_at])
    if not headword or not gloss:
        return None
    pos = normalize_pos(cells[pos_at]) if pos_at is not None and pos_at < len(cells) else None
    example = cells[example_at] if example_at is not None and example_at < len(cells) else None
    return Record(headword, pos, gloss, plain_text(example) if example else None)
