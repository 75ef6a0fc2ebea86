"""FreeDict dictionaries in TEI XML (P5 with the TEI namespace, or older P4 without).

Files run to hundreds of megabytes, so they are streamed with ``iterparse`` and each ``<entry>``
is cleared once read. Each ``<sense>`` becomes one gloss: its translations (``cit type="trans"``)
joined by commas, or its ``<def>``.
"""

from __future__ import annotations

import gzip
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import IO, cast

from reader.lexicon.base import LexiconError, Progress, Record, headword_of, normalize_pos

_TITLE = re.compile(rb"<title[^>]*>([^<]+)</title>")
_TRANSLATION = {"trans", "translation", "translationequivalent"}


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(elem: ET.Element) -> str:
    return " ".join("".join(elem.itertext()).split())


def _open(path: Path) -> IO[bytes]:
    try:
        if path.suffix == ".gz":
            return cast(IO[bytes], gzip.open(path))
        return path.open("rb")
    except OSError as exc:
        raise LexiconError(f"cannot read {path}: {exc.strerror}") from exc


def title(path: Path) -> str | None:
    """The dictionary's title from its TEI header, for naming the source."""
    try:
        with _open(path) as handle:
            head = handle.read(65536)
    except (OSError, EOFError) as exc:
        raise LexiconError(f"{path.name}: cannot read ({exc})") from exc
    found = _TITLE.search(head)
    return " ".join(found.group(1).decode("utf-8", errors="replace").split()) if found else None


class _Counting:
    """A read-only file wrapper that remembers how far it got, for progress."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.done = 0

    def read(self, size: int = -1) -> bytes:
        chunk = self.handle.read(size)
        self.done += len(chunk)
        return chunk


def read_freedict(path: Path, progress: Progress | None = None) -> Iterator[Record]:
    total = path.stat().st_size  # compressed size for .gz: progress then runs past, harmlessly
    with _open(path) as handle:
        counting = _Counting(handle)
        count = 0
        try:
            for _, elem in ET.iterparse(counting, events=("end",)):
                if _local(elem.tag) != "entry":
                    continue
                yield from _entry(elem)
                elem.clear()
                count += 1
                if progress and count % 2000 == 0:
                    progress(min(counting.done, total), total)
        except ET.ParseError as exc:
            raise LexiconError(f"{path.name}: not valid XML ({exc})") from exc
        except (OSError, EOFError) as exc:
            raise LexiconError(f"{path.name}: cannot read ({exc})") from exc
    if progress:
        progress(total, total)


def _children(elem: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in elem if _local(child.tag) == name]


def _entry(entry: ET.Element) -> Iterator[Record]:
    headwords: list[str] = []
    for form in _children(entry, "form"):
        for orth in form.iter():
            word = headword_of(_text(orth)) if _local(orth.tag) == "orth" else ""
            if word and word not in headwords:
                headwords.append(word)
    if not headwords:
        return
    entry_pos = _pos(entry)
    senses = [s for s in entry.iter() if _local(s.tag) == "sense"] or [entry]
    for sense in senses:
        gloss, example = _sense(sense)
        if not gloss:
            continue
        pos = _pos(sense) or entry_pos
        for headword in headwords:
            yield Record(headword, pos, gloss, example)


def _pos(elem: ET.Element) -> str | None:
    """The part of speech in this element's own gramGrp (a sense's overrides its entry's)."""
    for group in _children(elem, "gramGrp"):
        for item in group.iter():
            if _local(item.tag) == "pos" and (pos := normalize_pos(_text(item))):
                return pos
    for form in _children(elem, "form"):  # some P4 dictionaries put gramGrp inside form
        for group in _children(form, "gramGrp"):
            for item in group.iter():
                if _local(item.tag) == "pos" and (pos := normalize_pos(_text(item))):
                    return pos
    return None


def _sense(sense: ET.Element) -> tuple[str, str | None]:
    """A sense's own translations/definitions, not those of senses nested inside it."""
    translations: list[str] = []
    definitions: list[str] = []
    example: str | None = None
    for child in sense:
        name = _local(child.tag)
        kind = (child.get("type") or "").lower()
        if name == "cit" and kind in _TRANSLATION:
            translations += [_text(q) for q in child if _local(q.tag) == "quote"]
        elif name == "cit" and kind == "example" and example is None:
            quotes = [_text(q) for q in child if _local(q.tag) == "quote"]
            example = quotes[0] if quotes else None
        elif name == "trans":  # TEI P4: <trans><tr>...</tr></trans>
            translations += [_text(t) for t in child if _local(t.tag) == "tr"]
        elif name == "def":
            definitions.append(_text(child))
    parts = [d for d in definitions if d] + ([", ".join(t for t in translations if t)]
                                             if any(translations) else [])  # fmt: skip
    return "; ".join(parts), example
