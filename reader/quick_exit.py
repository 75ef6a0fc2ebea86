"""A command's process left without freeing, one object at a time, what the system frees at once.

A dictionary import ends holding half a million parsed rows, the index's lines and the
alignment's tables. Once the import has committed there is nothing left to do with them, yet
freeing them took 0.3 s and the interpreter's teardown 0.17 s more, on one core: a twentieth of
FreeDict eng-deu's whole import. So where ``sentences`` runs as a process of its own (the
console script, :func:`arm`), a command hands what it is done with to :func:`keep`, and the
command's end (:func:`leave`) flushes the output and ends the process with ``os._exit``.

Nothing is lost by it: the command has committed and closed its database by then, its output is
flushed, and the children it forked have been joined. Where the command runs inside another
program (the tests, ``main()`` called from Python) nothing is armed, nothing is kept, and Python
frees everything as usual.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys

_armed = False
_kept: list[object] = []


def arm() -> None:
    """This process is the command's own: :func:`leave` may end it (the console script)."""
    global _armed
    _armed = True


def keep(*objects: object) -> None:
    """Hold ``objects`` (big, and done with) until the process ends; unarmed, hold nothing.

    Everything alive now is moved out of the cycle collector's sight (``gc.freeze``): half a
    million kept rows are tuples, which it tracks, and one full collection after the import
    walked them all for half a second."""
    if _armed:
        _kept.extend(objects)
        gc.freeze()


def leave(code: int) -> None:
    """End the process with ``code`` now, without teardown, if it is armed and something was
    kept (else return, and the caller exits as usual)."""
    if not (_armed and _kept):
        return
    logging.shutdown()  # the log file's handler flushed
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (`| head`): no more said
            stream.flush()
    os._exit(code)
