"""A big dictd dictionary parsed on every core, from the import's start while it reads more.

Parsing is pure Python and FreeDict eng-deu has half a million entries, so where the machine has
a second core (and the process no other threads, which forking would not copy) the entries are
parsed in other processes, in index order, while the caller keeps them. An import that aligns
the groups with WordNet forks one child at once that parses every batch, and aligns each batch
itself as it comes, after reading WordNet's senses and the reverse dictionary (see
:class:`_Stream`); an import that does not align has the batches parsed by a pool of workers.
Kept apart from :mod:`reader.lexicon.dictd`, which reads the files: this is how the work is
spread, not what a dictd file is.
"""

from __future__ import annotations

import io
import pickle
import re
import shutil
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from reader import quick_exit
from reader.lexicon.background import can_fork, leave_interrupts_to_the_parent
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


class Collector(Protocol):
    """What the streaming child works out from every batch besides sending it (an import's
    literal rule), given each batch as sent, in index order; its result goes to the caller."""

    def add(self, batch: list[Any]) -> None: ...

    def result(self) -> Any: ...


Shape = Callable[[list[_Parsed]], list[Any]]
"""What a streamed parse sends of each parsed batch (made anew for each parse, as it may keep
count from one batch to the next: see :class:`reader.lexicon.dictd.Ranked`)."""


class Parse:
    """A dictd dictionary's parse, begun. :meth:`batches` gives every batch in index order.

    With ``stream`` (an import that aligns, of a big dictionary where forking works), one child
    forked now parses every batch, shaped by what ``stream()`` makes, while the caller reads
    WordNet's senses and the reverse dictionary; :meth:`shaped` then gives the shaped batches
    as they come (see :class:`_Stream`). Otherwise, for a big dictionary, worker processes forked
    when the batches are asked for parse them (the text inflating in a thread meanwhile)."""

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
        self._stream: _Stream | None = None
        self._shape = stream
        if stream is not None and self._parallel:
            with suppress(OSError):  # no temporary folder to write in: the workers parse
                self._stream = _Stream(self._shared, self._ranges, stream, collect)
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
        try:
            self._shared[2].inflate_all()
        except DictzipError as exc:
            raise LexiconError(str(exc)) from exc
        return self._shared[2]


class _Stream:
    """One child that parses every batch in index order, and its batches read as they come.

    The child writes each batch (pickled) to a file of its own and then says so through a pipe;
    the caller reads the file when it wants that batch. A file, not the pipe, carries the batch:
    a pipe holds 64 KiB, so a child sending megabytes through it would stop parsing whenever the
    caller was busy aligning, and a reader thread in the caller would wait for Python's lock
    after every 64 KiB (a worker pool's results did, a quarter of a second at a time). The two
    processes then keep both cores busy: the child parses and shapes, the caller aligns, with
    no second process aligning (each would fill its own caches from cold). Whenever the caller
    waits for the next batch, it parses one of the last batches the child has not begun
    (:meth:`steal`) and gives it back (:meth:`give`), for the child to shape in its turn: the
    shape keeps count from batch to batch, so only the child may shape; the parse is what
    takes time, and either process can do it.

    The child also hands every batch to the collector, whose result it sends last. If the child
    fails (a damaged entry) or dies, :meth:`batch` gives None from there on, and the caller
    parses the rest itself (raising the error where there is one); :meth:`result` gives None.
    """

    def __init__(
        self, shared: tuple[str, list[str], DictzipReader, bool], ranges: list[tuple[int, int]],
        shape: Callable[[], Shape], collect: Collector | None,
    ) -> None:  # fmt: skip
        import multiprocessing
        import tempfile

        # the temporary folder ($TMPDIR): each file is read and removed within a second or two,
        # so it stays in the page cache (on this machine no slower than /dev/shm, which a
        # container may keep small)
        self._folder = Path(tempfile.mkdtemp(prefix="sentences-parse-"))
        # removed by close(), or else when this is collected or the program ends
        self._remove = weakref.finalize(self, shutil.rmtree, self._folder, ignore_errors=True)
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        given, self._give = context.Pipe(duplex=False)
        # [the next batch the child parses, the first batch the caller took from its end]
        self._claims: Any = context.Array("i", [0, len(ranges)])
        work = (shared, ranges, shape, self._folder, send, collect, self._claims, given)
        self._process: Any = context.Process(target=_stream_child, args=work, daemon=True)
        self._process.start()
        send.close()
        given.close()
        self._failed = False

    def ready(self) -> bool:
        """Whether the child has said something (the next batch, or that it failed)."""
        return self._failed or self._receive.poll(0)

    def steal(self) -> int | None:
        """One of the last batches the child has not begun, now the caller's to parse (see
        :meth:`give`); None when the child is at most a batch from the caller's."""
        with self._claims.get_lock():
            following, first_taken = int(self._claims[0]), int(self._claims[1])
            if first_taken - 1 <= following:
                return None
            self._claims[1] = first_taken - 1
        return first_taken - 1

    def give(self, number: int, parsed: list[_Parsed]) -> None:
        """Batch ``number``, taken with :meth:`steal` and parsed, for the child to shape in
        its turn."""
        try:
            _write(self._folder, f"raw-{number}", parsed)
        except OSError:  # the folder is full: the caller parses from here on, the child stops
            self._failed = True
            self._process.terminate()
            return
        self._give.send(number)

    def batch(self, number: int) -> list[Any] | None:
        """Batch ``number`` (asked in order), or None if the child did not parse it."""
        if self._failed:
            return None
        message = self._message()
        if message != ("batch", number):
            self._failed = True
            return None
        file = self._folder / str(number)
        try:
            data = file.read_bytes()
            file.unlink()
        except OSError:
            self._failed = True
            return None
        shaped: list[Any] = pickle.loads(data)
        return shaped

    def result(self) -> Any:
        """The collector's result, once every batch was read; None if the child failed."""
        if self._failed:
            return None
        message = self._message()
        self._failed = True  # asked once
        return message[1] if message[0] == "result" else None

    def close(self) -> None:
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._receive.close()
        self._give.close()
        self._remove()

    def _message(self) -> tuple[str, Any]:
        try:
            message: tuple[str, Any] = self._receive.recv()
        except (EOFError, OSError):
            return ("died", None)
        return message


def _stream_child(
    shared: tuple[str, list[str], DictzipReader, bool],
    ranges: list[tuple[int, int]],
    make_shape: Callable[[], Shape],
    folder: Path,
    send: Connection,
    collect: Collector | None,
    claims: Any,
    given: Connection,
) -> None:
    """The streaming child: every batch parsed (or, one the caller took, read from it),
    shaped, written and announced in order, then given to the collector, and the collector's
    result sent; on any failure, "failed" (the caller parses from there)."""
    global _shared
    leave_interrupts_to_the_parent()
    _shared = (*shared, None)
    shape = make_shape()
    sent: list[list[Any]] = []
    taken: set[int] = set()  # batches the caller parsed and gave
    try:
        shared[2].inflate_all()  # its own copy: the caller inflates only if it must parse
        for number, bounds in enumerate(ranges):
            with claims.get_lock():
                mine = number < claims[1]
                if mine:
                    claims[0] = number + 1
            if mine:
                parsed = _parse_range(bounds)
            else:
                while number not in taken:
                    taken.add(given.recv())
                file = folder / f"raw-{number}"
                parsed = pickle.loads(file.read_bytes())
                file.unlink()
            batch = shape(parsed)
            _write(folder, str(number), batch)
            send.send(("batch", number))
            sent.append(batch)
        for batch in sent:  # after the parse, which the caller waits for, not before
            if collect is not None:
                collect.add(batch)
        send.send(("result", collect.result() if collect is not None else None))
        quick_exit.keep(sent, collect)  # left to the system as this child ends
    except Exception:
        with suppress(OSError):
            send.send(("failed", None))
    finally:
        send.close()


def _write(folder: Path, name: str, batch: list[Any]) -> None:
    """``batch`` pickled into ``folder``/``name``, whole or not there."""
    part = folder / f"{name}.part"
    with part.open("wb") as out:
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.fast = True  # see _parse_range_pickled
        pickler.dump(batch)
    part.rename(folder / name)


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
