"""The next sentence's page, read and drawn by a worker while the learner reads this one.

Moving to the next sentence reads it and works out the entries of its words: most of what a key
costs. The :class:`PageAhead` part of the reading screen has a worker do that ahead
(:mod:`reader.learn.read_ahead`) and draw the page as the key will show it; the key then only
puts that page on screen, if nothing the page was drawn from changed since.
"""

from __future__ import annotations

from textual import work
from textual.worker import get_current_worker

from reader.learn.read_ahead import Ahead, AheadRequest, read_ahead
from reader.learn.session import ReadingSession
from reader.logs import log_failure
from reader.ui.base import AppWidget, worker_db
from reader.ui.messages import SentenceReadAhead
from reader.ui.widgets.page import Page, PageSettings, draw_page


class PageAhead(AppWidget):
    def __init__(self) -> None:
        super().__init__()
        self.session: ReadingSession | None = None  # the screen's, once loaded
        # the next sentence's page, drawn by the worker with these settings
        self._kept: tuple[Ahead, PageSettings, Page] | None = None

    def start(self, request: AheadRequest, settings: PageSettings) -> None:
        """Read sentence ``request.index`` ahead, and draw its page with ``settings``."""
        if self.session is not None:  # the worker gets a copy: the session goes on changing
            self.read_ahead(self.session.snapshot(), request, settings)

    @work(thread=True, exclusive=True, group="read-ahead", exit_on_error=False)
    def read_ahead(
        self, session: ReadingSession, request: AheadRequest, settings: PageSettings
    ) -> None:
        """The next sentence read, and its page drawn as the key will show it (``session``:
        a :meth:`~reader.learn.session.ReadingSession.snapshot`, this worker's alone)."""
        try:
            with worker_db(self.sentences_app.db_path) as db:
                ahead = read_ahead(db, request)
                page = draw_page(session.preview(ahead, db), settings)
        except Exception as exc:  # a courtesy: the key reads the sentence itself
            log_failure(exc, "read the next sentence ahead")
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SentenceReadAhead(ahead, (settings, page)))

    def on_sentence_read_ahead(self, message: SentenceReadAhead) -> None:
        message.stop()
        session = self.session
        page = message.page
        if (
            session is not None
            and isinstance(message.ahead, Ahead)
            and isinstance(page, tuple)
            and session.keep_ahead(message.ahead)
        ):
            self._kept = (message.ahead, page[0], page[1])

    def take(self, now: PageSettings) -> Page | None:
        """The page the worker drew for the sentence the key just moved to, if it still is
        what the screen would draw (nothing marked since, the same layout ``now``)."""
        kept, self._kept = self._kept, None
        session = self.session
        if kept is None or session is None or not session.drawn_from(kept[0]):
            return None
        _, settings, page = kept
        if (settings.note, settings.narrow, settings.around) != (now.note, now.narrow, now.around):
            return None
        return page
