"""StarDict dictionaries (.ifo + .idx + .dict or .dict.dz), the commonest offline format.

Only the text fields of each article are kept; markup (HTML, Pango, XDXF) is flattened to plain
lines, since the reader shows glosses in a terminal. A .dict.dz is dictzip, which is gzip with
an extra header field, so the gzip module reads it whole.
"""

from __future__ import annotations

import gzip
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.lexicon.base import LexiconError, Progress, Record, headword_of, plain_text
from reader.lexicon.dictfiles import dictionary_stem, sibling
from reader.wording import counted

MAGIC = "StarDict's dict ifo file"
# Lower-case type letters are text; of these, which hold markup to flatten.
_TEXT_TYPES = {"m": False, "l": False, "y": False, "g": True, "x": True, "h": True, "k": True,
               "w": False}  # fmt: skip
_PROGRESS_EVERY = 10000


@dataclass(frozen=True)
class StarDictFiles:
    ifo: Path
    idx: Path
    dict_path: Path
    info: dict[str, str]
    syn: Path | None = None

    @property
    def name(self) -> str:
        return self.info.get("bookname") or self.ifo.stem


def locate(path: Path) -> StarDictFiles:
    """Find the three files from any one of them, or from the directory holding them."""
    stem, _ = dictionary_stem(
        path, ".ifo", (".ifo", ".idx.gz", ".idx", ".dict.dz", ".dict"),
        nothing_here="no StarDict .ifo file in this directory", recursive=True,
    )  # fmt: skip

    def first(*suffixes: str) -> Path:
        found = sibling(stem, *suffixes)
        if found is None:
            raise LexiconError(f"{stem}: StarDict dictionary has no {suffixes[-1]} file")
        return found

    ifo = first(".ifo")
    info = _info(ifo)
    idx, dict_path = first(".idx.gz", ".idx"), first(".dict.dz", ".dict")
    return StarDictFiles(ifo, idx, dict_path, info, sibling(stem, ".syn", ".syn.dz"))


def _info(ifo: Path) -> dict[str, str]:
    try:
        lines = ifo.read_text(encoding="utf-8-sig", errors="replace").splitlines()
    except OSError as exc:
        raise LexiconError(f"cannot read {ifo}: {exc.strerror}") from exc
    if not lines or lines[0].strip() != MAGIC:
        raise LexiconError(f"{ifo.name}: not a StarDict .ifo file")
    info: dict[str, str] = {}
    for line in lines[1:]:
        key, sep, value = line.partition("=")
        if sep:
            info[key.strip()] = value.strip()
    return info


def _load(path: Path) -> bytes:
    try:
        if path.suffix in (".dz", ".gz"):
            with gzip.open(path) as handle:
                return handle.read()
        return path.read_bytes()
    except (OSError, EOFError, zlib.error) as exc:
        raise LexiconError(f"{path.name}: cannot read ({exc})") from exc


def read_stardict(files: StarDictFiles, progress: Progress | None = None) -> Iterator[Record]:
    """Every article of the dictionary in index order, then again under each synonym (.syn).

    Synonym files list alternative spellings and forms ("colour" for "color"); they come last,
    so a word's own articles rank before those it shares as a synonym.
    """
    index = _parse_index(files)
    synonyms = _parse_syn(files.syn, len(index)) if files.syn else []
    data = _load(files.dict_path)
    types = files.info.get("sametypesequence", "")
    total = len(index)
    glosses: list[str] = []
    for number, (word, offset, size) in enumerate(index, start=1):
        if offset + size > len(data):
            raise LexiconError(f"{files.dict_path.name}: '{word}' points past the end of the file")
        gloss = article_text(data[offset : offset + size], types)
        headword = headword_of(word)
        if gloss and headword:
            yield Record(headword, None, gloss)
        if synonyms:
            glosses.append(gloss)
        if progress and number % _PROGRESS_EVERY == 0:
            progress(number, total)
    for word, target in synonyms:
        headword = headword_of(word)
        if headword and glosses[target] and headword != headword_of(index[target][0]):
            yield Record(headword, None, glosses[target])
    if progress:
        progress(total, total)


def _parse_syn(path: Path, count: int) -> list[tuple[str, int]]:
    """(synonym, index of its article in .idx) pairs: each is word, NUL, 32-bit index."""
    raw = _load(path)
    pairs: list[tuple[str, int]] = []
    pos = 0
    try:
        while pos < len(raw):
            nul = raw.index(b"\0", pos)
            (target,) = struct.unpack_from(">I", raw, nul + 1)
            if target >= count:
                raise ValueError(target)
            pairs.append((raw[pos:nul].decode("utf-8", errors="replace"), target))
            pos = nul + 5
    except (ValueError, struct.error):
        raise LexiconError(
            f"{path.name}: truncated or damaged after {counted(len(pairs), 'entry')}"
        ) from None
    return pairs


def _parse_index(files: StarDictFiles) -> list[tuple[str, int, int]]:
    raw = _load(files.idx)
    layout = struct.Struct(">QI" if files.info.get("idxoffsetbits") == "64" else ">II")
    entries: list[tuple[str, int, int]] = []
    pos, end = 0, len(raw)
    try:
        while pos < end:
            nul = raw.index(b"\0", pos)
            offset, size = layout.unpack_from(raw, nul + 1)
            entries.append((raw[pos:nul].decode("utf-8", errors="replace"), offset, size))
            pos = nul + 1 + layout.size
    except (ValueError, struct.error):
        raise LexiconError(
            f"{files.idx.name}: truncated or damaged after {counted(len(entries), 'entry')}"
        ) from None
    expected = files.info.get("wordcount", "")
    if expected.isdigit() and int(expected) != len(entries):
        raise LexiconError(
            f"{files.idx.name}: has {counted(len(entries), 'entry')} but the .ifo says {expected}"
        )
    return entries


def article_text(article: bytes, types: str) -> str:
    """The article's text fields as plain text; binary fields (sounds, pictures) are skipped."""
    parts: list[str] = []
    for kind, payload in _fields(article, types):
        markup = _TEXT_TYPES.get(kind)
        if markup is not None:
            text = plain_text(payload.decode("utf-8", errors="replace"), markup)
            if text:
                parts.append(text)
    return "\n".join(parts)


def _fields(article: bytes, types: str) -> Iterator[tuple[str, bytes]]:
    """Split an article per the StarDict spec: text fields end in NUL, binary ones carry a size.

    With ``sametypesequence`` the type letters are not stored and the last field has no
    terminator or size; without it each field starts with its type letter.
    """
    pos, end = 0, len(article)
    if types:
        for kind in types[:-1]:
            data, pos = _field(article, kind, pos)
            yield kind, data
        yield types[-1], article[pos:]
        return
    while pos < end:
        kind = chr(article[pos])
        if kind.isupper() and pos + 5 > end:
            return
        data, pos = _field(article, kind, pos + 1)
        yield kind, data


def _field(article: bytes, kind: str, pos: int) -> tuple[bytes, int]:
    """One field starting at ``pos``, and where the next one starts."""
    end = len(article)
    if kind.islower():
        nul = article.find(b"\0", pos)
        nul = end if nul < 0 else nul
        return article[pos:nul], nul + 1
    (size,) = struct.unpack_from(">I", article, pos) if pos + 4 <= end else (0,)
    return article[pos + 4 : pos + 4 + size], pos + 4 + size
