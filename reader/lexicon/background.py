"""Work an import does in a second process while it does other work, so both cores are busy.

A dictionary import is pure Python from end to end, and Python runs on one core at a time. A
forked child inherits the parent's memory (the half-million parsed rows) without copying or
pickling it, and only its result travels back, pickled through a pipe: the literal rule runs
there while the parent aligns the same rows with WordNet.

Where forking cannot be done (no ``fork``, one core, other threads running, which a fork would
not copy) or the child fails, the work runs in the caller when its result is asked for: the
result is the same either way, only the time differs.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether a forked worker would run beside this process: a second core, ``fork``, and no
    other thread in this process."""
    import multiprocessing

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return cores >= 2 and forkable and threading.active_count() == 1


class Background(Generic[T]):
    """``work()`` started in a forked child now; :meth:`result` waits for what it returns."""

    def __init__(self, work: Callable[[], T], fork: bool = True) -> None:
        self._work = work
        self._process: Any = None
        self._receive: Connection | None = None
        if fork and can_fork():
            import multiprocessing

            context = multiprocessing.get_context("fork")
            self._receive, send = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, send), daemon=True)
            self._process.start()
            send.close()

    def result(self) -> T:
        """The work's result: the child's, or (no child, or it failed) computed here."""
        if self._process is None or self._receive is None:
            return self._work()
        try:
            done, value = self._receive.recv()
        except (EOFError, OSError):
            done, value = False, None
        finally:
            self._receive.close()
            self._process.join()
        return value if done else self._work()  # an error of the work's is raised here again

    def cancel(self) -> None:
        """Stop the child if its result was not asked for (the caller failed meanwhile)."""
        if self._process is not None and self._receive is not None:
            self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = self._receive = None


def leave_interrupts_to_the_parent() -> None:
    """In a forked child: Ctrl-C, which the terminal sends to every process of the command, is
    ignored here. The parent stops (and says so in one line) and ends its children; a child
    interrupted itself printed a traceback from the middle of its work."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run(work: Callable[[], Any], send: Connection) -> None:
    leave_interrupts_to_the_parent()
    try:
        value = (True, work())
    except BaseException:
        value = (False, None)
    send.send(value)
    send.close()
