"""A big dictd dictionary parsed on every core, its first entries while the import reads more.

Parsing is pure Python and FreeDict eng-deu has half a million entries, so where the machine has
a second core (and the process no other threads, which forking would not copy) the entries are
parsed in worker processes, in index order, while the caller merges them. An import that aligns
the groups with WordNet reads WordNet's senses and the reverse dictionary first, for the workers
to share when they fork; so that a core does not wait meanwhile, :class:`Parse` forks one child
at once to parse the first batches (the caller aligns those itself), and the workers forked
after the reading parse and align the rest. Kept apart from :mod:`reader.lexicon.dictd`, which
reads the files: this is how the work is spread, not what a dictd file is.
"""

from __future__ import annotations

import io
import pickle
import re
import threading
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

from reader.lexicon.background import Background, can_fork
from reader.lexicon.base import LexiconError
from reader.lexicon.dictd_entry import Fields, group_tuples
from reader.lexicon.dictzip import DictzipError, DictzipReader

GroupAligner = Callable[
    [str, str | None, str, str | None, str | None], tuple[str | None, float | None]
]
"""(headword, pos, gloss, synonyms, see-also) -> (sense key, confidence): see
:meth:`reader.lexicon.align.Aligner.group`."""

BATCH = 20_000
PARALLEL_FROM = 100_000  # index lines: smaller dictionaries parse faster than processes start
HEAD_START = 10
"""The most batches the first child parses while the import reads WordNet's senses and the
reverse dictionary. It parses until the import is ready for the workers (about a second: five
batches of eng-deu at the parse's speed then), whatever this machine's speed; past this many,
the workers, which also align, would be left too little of the work."""

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
    """A dictd dictionary's parse, begun: the first batches in a forked child (with
    ``head_start``, for a big dictionary where forking works), the text inflating in a thread.
    :meth:`batches` gives every batch in index order."""

    def __init__(
        self, index: str, lines: list[str], reader: DictzipReader, utf8: bool, head_start: bool
    ) -> None:
        self.total = len(lines)
        self._shared = (index, lines, reader, utf8)
        self._ranges = [(s, min(s + BATCH, len(lines))) for s in range(0, len(lines), BATCH)]
        self._parallel = len(lines) >= PARALLEL_FROM and can_fork()
        self._head: Background[list[bytes]] | None = None
        self._claimed: Any = None
        self._taken = 0
        if head_start and self._parallel:
            import multiprocessing

            # the next batch for the first child to take; -1 once the caller has taken the rest
            self._claimed = multiprocessing.get_context("fork").Value("i", 0)
            head = (*self._shared, None), self._ranges[:HEAD_START]
            self._head = Background(partial(_head_start, *head, self._claimed))
        self._text = inflating(reader)  # after the fork: the child inflates its own copy

    def batches(self, align: GroupAligner | None = None) -> Iterator[list[_Parsed]]:
        """Every batch of parsed entries in index order; with ``align``, each group followed
        by its sense key and confidence."""
        global _shared
        self._text()
        _shared = (*self._shared, align)
        ranges = self._ranges[self._stop_head() :]  # the first child's are not parsed again
        try:
            if not self._parallel or not can_fork():
                yield from self._head_batches(align)
                for bounds in ranges:
                    yield _parse_range(bounds)
                return
            import multiprocessing
            import os

            cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 2
            context = multiprocessing.get_context("fork")  # workers inherit the text, uncopied
            with context.Pool(min(cores, 4)) as pool:
                rest = pool.imap(_parse_range_pickled, ranges)
                yield from self._head_batches(align)
                for pickled in rest:
                    yield pickle.loads(pickled)
        finally:
            _shared = None

    def close(self) -> None:
        """Stop the first child if its batches were never asked for (the import failed)."""
        if self._head is not None:
            self._head.cancel()
            self._head = None

    def _stop_head(self) -> int:
        """How many batches the first child took (it ends the one it is parsing, and takes no
        more): the workers parse from there."""
        if self._claimed is None:
            return 0
        with self._claimed.get_lock():
            self._taken, self._claimed.value = int(self._claimed.value), -1
        return self._taken

    def _head_batches(self, align: GroupAligner | None) -> Iterator[list[_Parsed]]:
        """The first child's batches, aligned here (it forked before the senses were read)."""
        if self._head is None:
            return
        head, self._head = self._head, None
        taken = self._taken
        parsed = head.result()  # if the child failed: [], as the work run here again was stopped
        if len(parsed) < taken:
            shared = (*self._shared, None)  # here, then, and its error raised here
            parsed = _head_start(shared, self._ranges[:taken], None)
        for pickled in parsed:
            batch: list[_Parsed] = pickle.loads(pickled)
            if align is not None:
                batch = [(offset, _aligned(groups, align)) for offset, groups in batch]
            yield batch


def _head_start(shared: _Shared, ranges: list[tuple[int, int]], claimed: Any) -> list[bytes]:
    """The first batches, parsed without alignment (in the first child, or else here), one
    after the other until the caller stops it (see :meth:`Parse._stop_head`)."""
    global _shared
    kept, _shared = _shared, shared
    try:
        shared[2].inflate_all()  # the child's own copy: the parent's thread came after the fork
        parsed: list[bytes] = []
        for bounds in ranges:
            if claimed is not None:  # None: all of ``ranges``
                with claimed.get_lock():
                    if claimed.value < 0:
                        break
                    claimed.value += 1
            parsed.append(_parse_range_pickled(bounds))
        return parsed
    except DictzipError as exc:
        raise LexiconError(str(exc)) from exc
    finally:
        _shared = kept


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
