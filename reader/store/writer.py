"""One writer for the screens: a thread with its own connection that applies writes in order.

A key press must never wait on the database. Another program (an import from the command line,
``dict import``, a removal) may hold SQLite's write lock for seconds, and a write made on the UI
thread would freeze the screen for as long. So screens change their state in memory and hand the
write to the :class:`Writer`, which applies it on its own thread, with its own connection:

    writer.submit(lambda db: set_status(db, "delve", 2), label="status of “delve”")
    writer.submit(save, label="position", key=("position", text_id))  # only the last one counts
    writer.flush(timeout=5)  # at quit: wait until everything is written

The rules, which the reading and review screens rely on:

* Writes are applied in the order they were submitted, each in its own transaction.
* A write submitted with a ``key`` replaces a write with the same key that is still waiting (the
  new one goes to the back of the queue): ten quick moves save the position once, the last one.
* A write that fails because the database is busy or locked is retried; if it still fails after
  the retries it is reported once (``on_error`` with a :class:`WriteError` whose ``kept`` is true)
  and kept at the head of the queue, retried until it succeeds; the writes after it wait for it,
  so their order holds. Nothing is dropped. When it finally lands, ``on_recovered`` says so.
* A write that fails for any other reason (a bug, a constraint) is reported with ``kept`` false
  and dropped: retrying it would block every later write for ever.
* With ``settle``, a write waits that long after it was submitted before it is applied, unless
  something waits for it (``flush``, ``close``): the writes a key makes then land once the
  frame it draws is on screen, instead of taking turns with it for Python's one lock (the GIL).

``on_done``, ``on_error`` and ``on_recovered`` are called on the writer's thread: a screen posts
a message from them (Textual's ``post_message`` is thread-safe) rather than touching widgets.

Scripts and tests that have no thread use :class:`DirectWrites`, which has the same ``submit`` and
runs each write at once on the caller's connection.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import sqlite_utils

from reader.errors import describe
from reader.store.db import StoreError, open_db, transaction

log = logging.getLogger("sentences.writer")

WriteFn = Callable[[sqlite_utils.Database], Any]
Done = Callable[[Any], object]
Failed = Callable[["WriteError"], object]

# A failing write is retried this many times, after these pauses, before it is reported.
RETRY_PAUSES = (0.1, 0.3, 0.6)
# Once reported, a kept write is tried again this often (seconds).
KEPT_RETRY_EVERY = 1.0
# Each attempt waits this long for another program's lock before it counts as failed.
WRITER_BUSY_TIMEOUT_MS = 1000


class WriteError(Exception):
    """A write did not land. ``kept``: it stays queued and will be tried again."""

    def __init__(self, label: str, message: str, kept: bool) -> None:
        super().__init__(message)
        self.label = label
        self.message = message
        self.kept = kept

    def __str__(self) -> str:
        if self.kept:
            return (
                f"{self.label}: the database is busy (another program is writing to it); "
                "kept, and saved as soon as it is free"
            )
        return f"{self.label}: {self.message}"


class WriteSink(Protocol):
    """Where a screen's or a session's writes go: a :class:`Writer` or :class:`DirectWrites`."""

    def submit(
        self,
        fn: WriteFn,
        *,
        label: str,
        key: Hashable | None = None,
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> None: ...


class DirectWrites:
    """Runs each write at once, on the caller's own connection and thread.

    For the command line, scripts and tests, where nothing draws a screen while the write waits.
    An error is raised to the caller unless ``on_error`` is given.
    """

    def __init__(self, db: sqlite_utils.Database) -> None:
        self.db = db

    def submit(
        self,
        fn: WriteFn,
        *,
        label: str,
        key: Hashable | None = None,
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> None:
        try:
            result = fn(self.db)
        except Exception as exc:
            if on_error is None:
                raise
            on_error(WriteError(label, _describe(exc), kept=False))
            return
        if on_done is not None:
            on_done(result)


@dataclass(eq=False)
class _Job:
    fn: WriteFn
    label: str
    key: Hashable | None
    on_done: Done | None
    on_error: Failed | None
    submitted: float = field(default_factory=time.monotonic)
    reported: bool = False


def is_transient(exc: BaseException) -> bool:
    """Busy, locked or full: the same write can succeed later, so it is kept, not dropped."""
    if isinstance(exc, StoreError | sqlite3.OperationalError):
        text = str(exc).lower()
        return any(word in text for word in ("locked", "busy", "disk is full", "disk i/o"))
    return False


class Writer:
    """A thread that owns one connection and applies submitted writes in order.

    Args:
        path: The database file (the thread opens its own connection to it).
        on_error: Called (on the writer thread) for a failure whose write has no ``on_error``.
        on_recovered: Called with the label of a kept write once it finally lands.
        connect: Opens the connection; by default :func:`reader.store.open_db` with a short busy
            timeout, so a retry comes round quickly and the thread can be stopped.
    """

    def __init__(
        self,
        path: Path | str,
        *,
        on_error: Failed | None = None,
        on_recovered: Callable[[str], object] | None = None,
        connect: Callable[[], sqlite_utils.Database] | None = None,
        retry_pauses: tuple[float, ...] = RETRY_PAUSES,
        kept_retry_every: float = KEPT_RETRY_EVERY,
        busy_timeout_ms: int = WRITER_BUSY_TIMEOUT_MS,
        settle: float = 0.0,
    ) -> None:
        self.path = Path(path)
        self.settle = settle
        self._hurry = 0  # callers waiting in flush(): no settling meanwhile
        self.on_error = on_error
        self.on_recovered = on_recovered
        self._connect = connect or self._open
        self.retry_pauses = retry_pauses
        self.kept_retry_every = kept_retry_every
        self.busy_timeout_ms = busy_timeout_ms
        self._queue: deque[_Job] = deque()
        self._running: _Job | None = None
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.failure: WriteError | None = None  # set while a kept write is failing

    # -- the API screens use ---------------------------------------------------------------------

    def start(self) -> Writer:
        """Start the thread (idempotent); returns the writer."""
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="sentences-writer", daemon=True
                )
                self._thread.start()
        return self

    def submit(
        self,
        fn: WriteFn,
        *,
        label: str,
        key: Hashable | None = None,
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> None:
        """Queue ``fn(db)``; it runs on the writer's thread inside its own transaction.

        Args:
            fn: Does the write with the connection it is given. It runs inside ``BEGIN
                IMMEDIATE`` ... ``COMMIT``; functions that open their own
                :func:`reader.store.transaction` nest in it as a savepoint.
            label: What the learner would call this write ("status of “delve”"), for messages.
            key: Writes with the same key replace each other while waiting: only the last lands.
            on_done: Called with ``fn``'s result once it is committed.
            on_error: Called once if it fails (see :class:`WriteError`); else the writer's own.
        """
        job = _Job(fn, label, key, on_done, on_error)
        with self._changed:
            if self._stopping:
                raise RuntimeError("the writer is closed")
            if key is not None:
                for old in list(self._queue):
                    if old.key == key and old is not self._running:
                        self._queue.remove(old)
                        job.reported = old.reported
            self._queue.append(job)
            self._changed.notify_all()

    @property
    def pending(self) -> int:
        """Writes submitted and not yet committed (including one being written)."""
        with self._lock:
            return len(self._queue)

    def behind(self, grace: float = 0.25) -> bool:
        """Whether a write is failing, or has waited longer than it settles plus ``grace``
        seconds: something to tell the learner about before quitting."""
        with self._lock:
            if self.failure is not None:
                return True
            late = time.monotonic() - self.settle - grace
            return any(job.submitted < late for job in self._queue)

    def pending_labels(self) -> list[str]:
        with self._lock:
            return [job.label for job in self._queue]

    def flush(self, timeout: float | None = None) -> bool:
        """Wait until every write submitted so far is committed; False if ``timeout`` ran out."""
        deadline = None if timeout is None else time.monotonic() + timeout
        with self._changed:
            self._hurry += 1
            self._changed.notify_all()
            try:
                while self._queue:
                    if self._thread is None or not self._thread.is_alive():
                        return False
                    remaining = None if deadline is None else deadline - time.monotonic()
                    if remaining is not None and remaining <= 0:
                        return False
                    self._changed.wait(remaining)
                return True
            finally:
                self._hurry -= 1

    def close(self, timeout: float = 5.0) -> list[str]:
        """Flush for up to ``timeout`` seconds, then stop; returns the labels of unsaved writes."""
        self.flush(timeout)
        with self._changed:
            self._stopping = True
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=self.busy_timeout_ms / 1000 + 1)
        return self.pending_labels()

    # -- the thread ------------------------------------------------------------------------------

    def _open(self) -> sqlite_utils.Database:
        db = open_db(self.path)
        db.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout_ms)}")
        return db

    def _run(self) -> None:
        db: sqlite_utils.Database | None = None
        while True:
            with self._changed:
                while not self._stopping:
                    if not self._queue:
                        self._changed.wait()
                        continue
                    wait = self._queue[0].submitted + self.settle - time.monotonic()
                    if wait <= 0 or self._hurry:
                        break
                    self._changed.wait(wait)
                if self._stopping:
                    break
                job = self._queue[0]
                self._running = job
            try:
                if db is None:
                    db = self._connect()
                result = self._attempt(db, job)
            except BaseException as exc:  # noqa: BLE001  (reported, never raised on a thread)
                if self._failed(job, exc):
                    with self._changed:
                        self._running = None
                    continue  # kept at the head: tried again, unless the writer is closing
                result = None
                done = False
            else:
                done = True
            with self._changed:
                if self._queue and self._queue[0] is job:
                    self._queue.popleft()
                self._running = None
                self._changed.notify_all()
            if done:
                self._succeeded(job, result)
        if db is not None:
            db.close()
        with self._changed:
            self._running = None
            self._changed.notify_all()

    def _attempt(self, db: sqlite_utils.Database, job: _Job) -> Any:
        """Run ``job`` with its retries; raises the last error if none succeeded."""
        pauses = () if job.reported else self.retry_pauses
        for pause in (*pauses, None):
            try:
                with transaction(db):
                    return job.fn(db)
            except BaseException as exc:
                if pause is None or not is_transient(exc) or self._stopping:
                    raise
                log.debug("write %r busy, retrying in %.1fs", job.label, pause)
                self._sleep(pause)
        raise AssertionError("unreachable")

    def _failed(self, job: _Job, exc: BaseException) -> bool:
        """Report a failure (once per write); True when the write is kept for another try."""
        kept = is_transient(exc)
        error = WriteError(job.label, _describe(exc), kept)
        if not job.reported:
            job.reported = True
            log.error("write failed: %s", error, exc_info=exc)
            self._report(job, error)
        if kept:
            self.failure = error
            self._sleep(self.kept_retry_every)
        return kept

    def _succeeded(self, job: _Job, result: Any) -> None:
        if job.reported and self.on_recovered is not None:
            self.failure = None
            _safely(self.on_recovered, job.label)
        elif job.reported:
            self.failure = None
        if job.on_done is not None:
            _safely(job.on_done, result)

    def _report(self, job: _Job, error: WriteError) -> None:
        handler = job.on_error or self.on_error
        if handler is not None:
            _safely(handler, error)

    def _sleep(self, seconds: float) -> None:
        with self._changed:
            if not self._stopping:
                self._changed.wait(seconds)


def _safely(callback: Callable[[Any], object], value: Any) -> None:
    """A callback's own error must not kill the writer thread."""
    try:
        callback(value)
    except Exception:
        log.exception("a writer callback failed")


def _describe(exc: BaseException) -> str:
    return describe(exc)
