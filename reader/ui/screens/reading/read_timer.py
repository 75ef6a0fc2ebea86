"""When the sentence in focus counts as read.

A sentence counts as read once it has been in focus long enough to read it
(:func:`reader.learn.reading_log.seconds_to_read`), and only while the reading screen itself is
showing: a dialog over the sentence (help, the sense chooser) means it is not being read. The
:class:`ReadTimer` part owns that timer, so the screen only restarts it when the focus moves and
redraws the position line when it says a sentence was counted.
"""

from __future__ import annotations

from textual.message import Message
from textual.timer import Timer

from reader.learn import reading_log
from reader.learn.session import ReadingSession
from reader.ui.base import AppWidget
from reader.ui.guard import saves


class ReadTimer(AppWidget):
    class Counted(Message):
        """The sentence in focus was counted as read: the position line has news."""

    def __init__(self) -> None:
        super().__init__()
        self.session: ReadingSession | None = None  # the screen's, once loaded
        self._timer: Timer | None = None

    def restart(self) -> None:
        """The focus moved (or the screen redrew): time the sentence now in focus."""
        if self._timer is not None:
            self._timer.stop()
        session = self.session
        if session is None or session.sentence is None:
            return
        index = session.index
        self._timer = self.set_timer(
            reading_log.seconds_to_read(session.word_count()), lambda: self.count_as_read(index)
        )

    @saves
    def count_as_read(self, index: int) -> None:
        session = self.session
        if self.app.screen is not self.screen:  # a dialog over the sentence: not being read
            self.restart()
            return
        if session is not None and session.index == index and session.mark_read():
            self.post_message(self.Counted())
