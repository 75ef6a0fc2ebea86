"""The background catch-up's process, kept apart from the app that starts it.

A text's study list needs its phrases counted against the phrases as they are now. Texts from
before, or every text after a dictionary or a phrase of the learner's changed the set, are
counted by ``python -m reader.learn.after_import`` in a process of its own, so counting a
library of novels takes none of the reader's time (the GIL included). This class owns that
process: it starts it, reads its progress line by line, starts it again when asked while it
ran, and ends it when the app closes. The app runs :meth:`CatchUp.run` on a worker thread.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from reader.ui.base import worker_db
from reader.ui.messages import CatchingUp


class CatchUp:
    def __init__(self, db_path: Path, lang: str, post: Callable[[CatchingUp], object]) -> None:
        self.db_path = db_path
        self.lang = lang
        self.post = post
        """How progress reaches the app (``App.post_message``: thread-safe)."""
        self._process: subprocess.Popen[str] | None = None
        self._again = False

    def run(self, quitting: Callable[[], bool]) -> None:
        """Count every stale text, again while something asked for it meanwhile (a worker)."""
        # lazy: the phrase index loads wordfreq's tables (~0.15 s)
        from reader.learn.after_import import PASSES

        if self._process is not None:
            self._again = True  # the one running looks again when it is done
            return
        again = True
        while again and not quitting():
            self._again = False
            with worker_db(self.db_path) as db:
                todo = [(step.name, len(step.stale(db, self.lang))) for step in PASSES]
            todo = [(name, n) for name, n in todo if n]
            if not todo:
                break
            self.post(CatchingUp(todo[0][0], 0, todo[0][1]))
            command = [sys.executable, "-m", "reader.learn.after_import", str(self.db_path),
                       self.lang]  # fmt: skip
            process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
            )
            self._process = process
            assert process.stdout is not None
            for line in process.stdout:
                name, done, total = line.split()
                self.post(CatchingUp(name, int(done), int(total)))
            process.wait()
            self._process = None
            again = self._again
        self.post(CatchingUp("", 0, 0))

    def running(self) -> bool:
        """Whether the process is counting now."""
        process = self._process
        return process is not None and process.poll() is None

    def stop(self) -> None:
        """End the process as the app closes: it writes one text at a time, so a text is
        counted or not, never half."""
        if self.running():
            assert self._process is not None
            self._process.terminate()
