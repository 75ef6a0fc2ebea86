"""The reverse of a bilingual dictionary (deu-eng for eng-deu), read for back-translation.

Debian installs FreeDict pairs side by side in ``/usr/share/dictd``, named by ISO 639-3 codes, so
the reverse of ``freedict-eng-deu`` is ``freedict-deu-eng`` in the same folder. Only what the
alignment needs is read: each headword's English translations. That is the first line after
the headword line, so the half-million entries are cut from the inflated text without the full
entry parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.lexicon import dictd
from reader.lexicon.base import LexiconError
from reader.lexicon.dictzip import DictzipError

_MARKS = re.compile(r"<[^<>]*>|\[[^\]]*\]|\([^()]*\)|\{[^{}]*\}")
_SPLIT = re.compile(r"[,;]")


@dataclass(frozen=True)
class Reverse:
    """The reverse dictionary found for an import, or why there is none (one line)."""

    files: dictd.DictdFiles | None
    message: str


def find_reverse(files: dictd.DictdFiles, pair: tuple[str, str] | None) -> Reverse:
    """The installed reverse of ``files`` (same folder, the two language codes swapped)."""
    if pair is None:
        return Reverse(None, "alignment skipped: the dictionary's languages are not known")
    name = files.name
    found = next(dictd._NAME_PAIR.finditer(name.lower()), None)
    if found is None:
        return Reverse(None, f"alignment skipped: no reverse dictionary for {name} is named")
    swapped = (
        name[: found.start(1)] + found[2] + name[found.end(1) : found.start(2)] + found[1]
        + name[found.end(2) :]
    )  # fmt: skip
    index = files.index.with_name(swapped + ".index")
    if not index.is_file():
        return Reverse(None, f"alignment skipped: {swapped} (the reverse dictionary) is not "
                             f"installed beside {name}")  # fmt: skip
    try:
        reverse_files = dictd.locate(index)
        info = dictd.read_info(reverse_files)
    except LexiconError as exc:
        return Reverse(None, f"alignment skipped: {exc}")
    if (info.source_lang, info.target_lang) != (pair[1], pair[0]):
        return Reverse(None, f"alignment skipped: {swapped} is {info.source_lang}-"
                             f"{info.target_lang}, not {pair[1]}-{pair[0]}")  # fmt: skip
    return Reverse(reverse_files, f"aligned with WordNet through {swapped}")


def read_translations(files: dictd.DictdFiles) -> dict[str, frozenset[str]]:
    """Each headword of the reverse dictionary (lower-cased) with its English translations."""
    lines = dictd._index_lines(files.index)
    reader = dictd._open_data(files)
    try:
        reader.inflate_all()
    except DictzipError as exc:
        raise LexiconError(str(exc)) from exc
    found: dict[str, set[str]] = {}
    for word, offset, length in lines:
        body = reader.read(offset, length)
        start = body.find(b"\n")
        if start < 0:
            continue
        end = body.find(b"\n", start + 1)
        line = body[start + 1 : end if end > 0 else len(body)].decode("utf-8", errors="replace")
        if not line or line[0] == " " and line.lstrip()[:1] in ('"', ""):
            continue
        items = (" ".join(i.split()).lower() for i in _SPLIT.split(_MARKS.sub(" ", line)))
        english = {i for i in items if i and not i.startswith(("see:", "synonym"))}
        if english:
            found.setdefault(word.lower(), set()).update(english)
    return {word: frozenset(english) for word, english in found.items()}
