"""A dictd dictionary parsed in one child process while the import aligns what it parsed.

See :class:`Stream`. Kept apart from :mod:`reader.lexicon.dictd_parse`, which parses a batch
and chooses how the batches are spread: this is the child, and how its batches travel.
"""

from __future__ import annotations

import pickle
import shutil
import weakref
from collections.abc import Callable
from contextlib import suppress
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from reader import quick_exit
from reader.lexicon.background import leave_interrupts_to_the_parent


class Collector(Protocol):
    """What the streaming child works out from every batch besides sending it (an import's
    literal rule), given each batch as sent, in index order; its result goes to the caller."""

    def add(self, batch: list[Any]) -> None: ...

    def result(self) -> Any: ...


Shape = Callable[[list[Any]], list[Any]]
"""What a streamed parse sends of each parsed batch (made anew for each parse, as it may keep
count from one batch to the next: see :class:`reader.lexicon.dictd.Ranked`)."""


class Stream:
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
        self, parse: Callable[[int], list[Any]], count: int, shape: Callable[[], Shape],
        collect: Collector | None,
    ) -> None:  # fmt: skip
        """``count`` batches, each parsed by ``parse`` (given its number, in the child or in
        the caller), shaped by what ``shape()`` makes, and handed to ``collect``."""
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
        self._claims: Any = context.Array("i", [0, count])
        work = (parse, count, shape, self._folder, send, collect, self._claims, given)
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

    def give(self, number: int, parsed: list[Any]) -> None:
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
    parse: Callable[[int], list[Any]],
    count: int,
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
    leave_interrupts_to_the_parent()
    shape = make_shape()
    sent: list[list[Any]] = []
    taken: set[int] = set()  # batches the caller parsed and gave
    try:
        for number in range(count):
            with claims.get_lock():
                mine = number < claims[1]
                if mine:
                    claims[0] = number + 1
            if mine:
                parsed = parse(number)
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
        pickler.fast = True  # see dictd_parse._parse_range_pickled
        pickler.dump(batch)
    part.rename(folder / name)
