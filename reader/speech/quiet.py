"""Keeping C libraries' stderr chatter off the terminal.

ALSA prints dozens of lines when there is no sound card, and libespeak-ng complains about voices;
under a Textual UI those lines land in the middle of the screen. Python-level redirection cannot
catch them because they are written straight to file descriptor 2, so the descriptor itself is
pointed at /dev/null for the duration of the call. The redirection is process-wide, so a lock and
a depth count keep concurrent or nested users from restoring the wrong descriptor.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.RLock()
_depth = 0
_saved_fd: int | None = None


@contextmanager
def silenced_stderr() -> Iterator[None]:
    """Send fd 2 to /dev/null inside the block; restore it afterwards, even on error.

    Set ``SENTENCES_DEBUG_STDERR=1`` to see the libraries' messages when diagnosing a device.
    """
    global _depth, _saved_fd
    if os.environ.get("SENTENCES_DEBUG_STDERR"):
        yield
        return
    with _lock:
        if _depth == 0:
            with contextlib.suppress(AttributeError, ValueError, OSError):
                sys.stderr.flush()
            try:
                saved = os.dup(2)
            except OSError:  # no fd 2 at all: nothing to protect
                saved = None
            if saved is not None:
                devnull = os.open(os.devnull, os.O_WRONLY)
                try:
                    os.dup2(devnull, 2)
                finally:
                    os.close(devnull)
            _saved_fd = saved
        _depth += 1
        try:
            yield
        finally:
            _depth -= 1
            if _depth == 0 and _saved_fd is not None:
                os.dup2(_saved_fd, 2)
                os.close(_saved_fd)
                _saved_fd = None
