"""A big dictd dictionary parsed on every core, from the import's start while it reads more.

Parsing is pure Python and FreeDict eng-deu has half a million entries, so where the machine has
a second core (and the process no other threads, which forking would not copy) the entries are
parsed in other processes, in index order, while the caller keeps them. An import that aligns
the groups with WordNet forks one child at once that parses every batch, and aligns each batch
itself as it comes, after reading WordNet's senses and the reverse dictionary (see
:mod:`reader.lexicon.dictd_stream`); an import that does not align has the batches parsed by a
pool of workers.
Kept apart from :mod:`reader.lexicon.dictd`, which reads the files: this is how the work is
spread, not what a dictd file is.
"""

from __future__ import annotations

import io
import pickle
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from typing import Any

from reader.lexicon.background import can_fork, leave_interrupts_to_the_parent
from reader.lexicon.base import LexiconError
from reader.lexicon.dictd_entry import Fields, group_tuples
from reader.lexicon.dictd_stream import Collector, Shape, Stream
from reader.lexicon.dictzip import DictzipError, DictzipReader

GroupAligner = Callable[
    [str, str | None, str, str | None, str | None], tuple[str | None, float | None]
]
"""(headword, pos, gloss, synonyms, see-also) -> (sense key, confidence): see
:meth:`reader.lexicon.align.Aligner.group`."""

BATCH = 20_000
PARALLEL_FROM = 100_000  # index lines: smaller dictionaries parse faster than processes start

_B64 = {
    c: i for i, c in enumerate("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
}
_PAIR = {a + b: _B64.get(a, 0) * 64 + _B64[b] for a in ("", *_B64) for b in _B64}
"""Each number of one or two base64 digits (an entry's length, mostly), without a loop."""
_Parsed = tuple[int, list[tuple[Any, ...]]]
_Shared = tuple[str, list[str], DictzipReader, bool, GroupAligner | None]
_shared: _Shared | None = None


def _number(text: str) -> int:
    value = 0
    for char in text:
        value = value * 64 + _B64[char]
    return value


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _metadata_key(word: str) -> str | None:
    """``00-database-short`` and its squeezed index form ``00databaseshort`` -> ``short``."""
    if not word.startswith("00"):
        return None
    squeezed = re.sub(r"[^0-9a-z]", "", word.lower())
    return squeezed[len("00database") :] if squeezed.startswith("00database") else None


def _index_entry(index: str, lines: list[str], number: int) -> tuple[str, int, int] | None:
    """Line ``number`` (from 0) of the index as (word, offset, length); None if blank."""
    line = lines[number]
    if not line.strip():
        return None
    parts = line.split("\t")
    try:
        return parts[0], _number(parts[1]), _number(parts[2])
    except (IndexError, KeyError):
        raise LexiconError(
            f"{index}, line {number + 1}: not a dictd index line (word, offset, length)"
        ) from None


def inflating(reader: DictzipReader) -> Callable[[], DictzipReader]:
    """The reader's text inflated in a thread from now on, and what waits for it: zlib lets go
    of Python's lock while it inflates, so the caller reads something else meanwhile (an
    import, WordNet's senses and the indexes). Wait before forking: a fork copies no thread."""
    failed: list[DictzipError] = []

    def inflate() -> None:
        try:
            reader.inflate_all()
        except DictzipError as exc:
            failed.append(exc)

    thread = threading.Thread(target=inflate, name=f"inflate {reader.path.name}", daemon=True)
    thread.start()

    def ready() -> DictzipReader:
        thread.join()
        if failed:
            raise LexiconError(str(failed[0])) from failed[0]
        return reader

    return ready


class Parse:
    """A dictd dictionary's parse, begun. :meth:`batches` gives every batch in index order.

    With ``stream`` (an import that aligns, of a big dictionary where forking works), one child
    forked now parses every batch, shaped by what ``stream()`` makes, while the caller reads
    WordNet's senses and the reverse dictionary; :meth:`shaped` then gives the shaped batches
    as they come (see :class:`reader.lexicon.dictd_stream.Stream`). Otherwise, for a big
    dictionary, worker processes forked when the batches are asked for parse them (the text
    inflating in a thread meanwhile)."""

    def __init__(
        self,
        index: str,
        lines: list[str],
        reader: DictzipReader,
        utf8: bool,
        stream: Callable[[], Shape] | None = None,
        collect: Collector | None = None,
    ) -> None:
        self.total = len(lines)
        self._shared = (index, lines, reader, utf8)
        self._ranges = [(s, min(s + BATCH, len(lines))) for s in range(0, len(lines), BATCH)]
        self._parallel = len(lines) >= PARALLEL_FROM and can_fork()
        self._stream: Stream | None = None
        self._shape = stream
        if stream is not None and self._parallel:
            with suppress(OSError):  # no temporary folder to write in: the workers parse
                parse = _in_child((*self._shared, None), self._ranges)
                self._stream = Stream(parse, len(self._ranges), stream, collect)
        self._text = inflating(reader) if self._stream is None else self._inflate

    @property
    def streams(self) -> bool:
        """Whether a child parses every batch (see :meth:`shaped`), or :meth:`batches` does."""
        return self._stream is not None

    def shaped(self) -> Iterator[list[Any]]:
        """Every batch as the streaming child shaped it, in index order. Where the child failed
        (a damaged entry) or died, the rest is parsed and shaped here, the shape's count first
        brought up to there (raising the error where there is one)."""
        global _shared
        assert self._stream is not None and self._shape is not None
        shape: Shape | None = None
        _shared = (*self._shared, None)
        try:
            for number, bounds in enumerate(self._ranges):
                while shape is None and not self._stream.ready():  # the child is behind:
                    stolen = self._stream.steal()  # parse one of its last batches meanwhile
                    if stolen is None:
                        break
                    self._text()
                    self._stream.give(stolen, _parse_range(self._ranges[stolen]))
                batch = self._stream.batch(number)
                if batch is None:
                    if shape is None:
                        self._text()
                        shape = self._shape()
                        for earlier in self._ranges[:number]:
                            shape(_parse_range(earlier))
                    batch = shape(_parse_range(bounds))
                yield batch
        finally:
            _shared = None

    def batches(self, align: GroupAligner | None = None) -> Iterator[list[_Parsed]]:
        """Every batch of parsed entries in index order; with ``align``, each group followed
        by its sense key and confidence."""
        global _shared
        assert self._stream is None, "a streamed parse gives its batches shaped"
        self._text()
        _shared = (*self._shared, align)
        try:
            if not self._parallel or not can_fork():
                for bounds in self._ranges:
                    yield _parse_range(bounds)
                return
            import multiprocessing
            import os

            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
            context = multiprocessing.get_context("fork")  # workers inherit the text, uncopied
            with context.Pool(min(cores, 4), leave_interrupts_to_the_parent) as pool:
                for pickled in pool.imap(_parse_range_pickled, self._ranges):
                    yield pickle.loads(pickled)
        finally:
            _shared = None

    def collected(self) -> Any:
        """What the streaming child's collector worked out from every batch, once the batches
        are read; None without a stream, or if the child failed (the caller works it out)."""
        return self._stream.result() if self._stream is not None else None

    def close(self) -> None:
        """Stop the streaming child (if the import failed, or its result was never asked for)
        and remove its files."""
        if self._stream is not None:
            self._stream.close()

    def _inflate(self) -> DictzipReader:
        """The text inflated here (a streamed parse's child inflates its own copy)."""
        return _inflated(self._shared[2])


def _inflated(reader: DictzipReader) -> DictzipReader:
    """``reader`` with its whole text inflated (once), a damaged one said in one line."""
    try:
        reader.inflate_all()
    except DictzipError as exc:
        raise LexiconError(str(exc)) from exc
    return reader


def _in_child(shared: _Shared, ranges: list[tuple[int, int]]) -> Callable[[int], list[_Parsed]]:
    """What parses batch ``number`` in the streaming child, which first inflates its own copy
    of the text (the caller inflates only if it must parse)."""

    def parse(number: int) -> list[_Parsed]:
        global _shared
        if _shared is None:
            _inflated(shared[2])
            _shared = shared
        return _parse_range(ranges[number])

    return parse


def _aligned(groups: list[Fields], align: GroupAligner) -> list[tuple[Any, ...]]:
    return [(*g, *align(g[0], g[1], g[2], g[4], g[6])) for g in groups]


def _parse_range(bounds: tuple[int, int]) -> list[_Parsed]:
    """Parse index lines ``bounds`` (a worker process's share, or the caller's own)."""
    assert _shared is not None
    index, lines, reader, utf8, align = _shared
    out: list[_Parsed] = []
    pair, read = _PAIR, reader.read
    for number in range(*bounds):
        # the index line read here, its numbers of one or two digits looked up (half a
        # million lines); a blank, odd or damaged one is read (or named) by _index_entry
        try:
            word, offset_text, length_text = lines[number].split("\t")
            offset = pair[offset_text] if len(offset_text) < 3 else _number(offset_text)
            length = pair[length_text] if len(length_text) < 3 else _number(length_text)
        except (ValueError, KeyError):
            entry = _index_entry(index, lines, number)
            if entry is None:
                continue
            word, offset, length = entry
        if word[:2] == "00" and _metadata_key(word) is not None:
            continue
        raw = read(offset, length)
        if len(raw) < length:
            raise LexiconError(
                f"{reader.path.name}: the entry “{word}” runs past the end of the file "
                "(truncated?); nothing was imported"
            )
        if utf8:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise LexiconError(
                    f"{reader.path.name}: the entry “{word}” is not UTF-8 (byte {exc.start + 1} "
                    "of it), though the dictionary says it is; nothing was imported"
                ) from None
        else:
            text = _decode(raw)
        groups = group_tuples(word, text)
        out.append((offset, groups if align is None else _aligned(groups, align)))
    return out


def _parse_range_pickled(bounds: tuple[int, int]) -> bytes:
    """:func:`_parse_range` in a worker, its answer pickled without the pickler's memo (a batch
    is plain tuples of strings, nothing shared or cyclic): the memo's bookkeeping for each of a
    batch's hundred thousand strings made pickling take three times as long."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(_parse_range(bounds))
    return buffer.getvalue()
