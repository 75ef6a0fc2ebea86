"""The reverse of a bilingual dictionary (deu-eng for eng-deu), read for back-translation.

Debian installs FreeDict pairs side by side in ``/usr/share/dictd``, named by ISO 639-3 codes, so
the reverse of ``freedict-eng-deu`` is ``freedict-deu-eng`` in the same folder. Only what the
alignment needs is read: each headword's English translations. That is the first line after
the headword line, so the half-million entries are cut from the inflated text without the full
entry parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from reader.lexicon import dictd
from reader.lexicon.base import LexiconError
from reader.lexicon.dictd_parse import _number
from reader.lexicon.dictzip import DictzipReader

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


_INDEX_LINE = re.compile(r"^([^\t\n]*)\t([A-Za-z0-9+/]+\t[A-Za-z0-9+/]+)\r?$", re.MULTILINE)


class Translations(Mapping[str, frozenset[str]]):
    """Each headword of the reverse dictionary (lower-cased) with its English translations.

    An import looks up only the target words of groups that WordNet can align (a fraction of the
    reverse's half-million headwords), so an entry's line is cut and split when first asked for,
    not all of them up front: reading the reverse is then one pass over its index.
    """

    def __init__(self, text: bytes, places: dict[str, str]) -> None:
        self._text = text
        self._places = places
        self._read: dict[str, frozenset[str]] = {}

    def __getitem__(self, word: str) -> frozenset[str]:
        found = self._read.get(word)
        if found is None:
            places = self._places.get(word)
            if places is None:
                raise KeyError(word)
            english: set[str] = set()
            for place in places.split("\n"):  # "offset<TAB>length", dictd's base64
                offset, length = place.split("\t")
                english |= _english(self._text, _number(offset), _number(length))
            found = self._read[word] = frozenset(english)
        if not found:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        return (word for word in self._places if self.get(word))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _english(text: bytes, offset: int, length: int) -> set[str]:
    """The English words of one entry: its first line after the headword line."""
    body = text[offset : offset + length]
    start = body.find(b"\n")
    if start < 0:
        return set()
    end = body.find(b"\n", start + 1)
    line = body[start + 1 : end if end > 0 else len(body)].decode("utf-8", errors="replace")
    if not line or line[0] == " " and line.lstrip()[:1] in ('"', ""):
        return set()
    items = (" ".join(i.split()).lower() for i in _SPLIT.split(_MARKS.sub(" ", line)))
    return {i for i in items if i and not i.startswith(("see:", "synonym"))}


def read_translations(
    files: dictd.DictdFiles, text: Callable[[], DictzipReader] | None = None
) -> Translations:
    """The reverse dictionary's translations, read as they are looked up (see
    :class:`Translations`); ``text`` is its text already being inflated (see
    :func:`reader.lexicon.dictd.inflating`)."""
    text = text or dictd.inflating(files)
    try:
        index = files.index.read_bytes()
    except OSError as exc:
        raise LexiconError(f"cannot read {files.index}: {exc.strerror}") from exc
    places: dict[str, str] = {}
    for word, place in _INDEX_LINE.findall(index.decode("utf-8", errors="replace")):
        key = word.lower()
        places[key] = places[key] + "\n" + place if key in places else place
    return Translations(text().read(0, 1 << 62), places)  # the whole text, inflated once
