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
from typing import TypeVar, overload

from reader.lexicon import dictd
from reader.lexicon.base import LexiconError
from reader.lexicon.dictd_parse import _number
from reader.lexicon.dictzip import DictzipReader

_MARKS = re.compile(r"<[^<>]*>|\[[^\]]*\]|\([^()]*\)|\{[^{}]*\}")
_NONE: frozenset[str] = frozenset()
_SECOND_LINE = re.compile(rb"[^\n]*\n([^\n]*)")
T = TypeVar("T")


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

    def lookup(self, word: str) -> frozenset[str]:
        """The English translations of ``word``, empty when it has none (a miss costs no
        exception, as through :meth:`Mapping.get` it would)."""
        found = self._read.get(word)
        if found is None:
            line = self.english_line(word)
            found = self._read[word] = frozenset(_items(line)) if line else _NONE
        return found

    @staticmethod
    def items_of(line: str) -> set[str]:
        """The English items of an :meth:`english_line`, see: and synonym items left out."""
        return _items(line)

    def english_line(self, word: str) -> str:
        """The English translations of ``word`` as one line, lower-cased, marks taken out,
        whitespace single spaces, items separated by commas (see: and synonym items still in
        it); "" when it has none. What the alignment reads of most target words, once: this
        way the line is split and its words found in one pass each."""
        places = self._places.get(word)
        if places is None:
            return ""
        text = self._text
        if "\n" not in places:  # "offset<TAB>length", dictd's base64: one entry
            offset, length = places.split("\t")
            return _line(text, _number(offset), _number(length))
        lines = []
        for place in places.split("\n"):
            offset, length = place.split("\t")
            lines.append(_line(text, _number(offset), _number(length)))
        return ",".join(lines)

    @overload
    def get(self, word: str, /) -> frozenset[str] | None: ...
    @overload
    def get(self, word: str, /, default: frozenset[str] | T) -> frozenset[str] | T: ...
    def get(self, word: str, /, default: object = None) -> object:
        return self.lookup(word) or default

    def __getitem__(self, word: str) -> frozenset[str]:
        found = self.lookup(word)
        if not found:
            raise KeyError(word)
        return found

    def __iter__(self) -> Iterator[str]:
        return (word for word in self._places if self.get(word))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _line(text: bytes, offset: int, length: int) -> str:
    """One entry's English line (its first line after the headword line) as
    :meth:`Translations.english_line` gives it."""
    found = _SECOND_LINE.match(text, offset, offset + length)
    if found is None:
        return ""
    line = found[1].decode("utf-8", errors="replace")
    if not line or line[0] == " " and line.lstrip()[:1] in ('"', ""):
        return ""
    flat = _MARKS.sub(" ", line).lower().replace(";", ",")
    if "  " in flat or not flat.isprintable():  # every whitespace but " " is unprintable
        flat = " ".join(flat.split())  # so that an item's strip() is its " ".join(split())
    return flat


def _items(line: str) -> set[str]:
    """The English items of an :meth:`Translations.english_line`."""
    items = {item.strip() for item in line.split(",")}
    items.discard("")
    if "see:" in line or "synonym" in line:
        return {i for i in items if not i.startswith(("see:", "synonym"))}
    return items


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
