"""The entries the reading screen missed, looked up by a worker while the sentence shows.

Working out a word's entry (lexicon queries, sense ranking) is most of what a sentence costs.
The next sentence is read ahead (:class:`~reader.ui.screens.reading.page_ahead.PageAhead`), but
a jump (go to, a chapter, Home/End, the concordance), a new multi-word term, a chosen sense or
the cursor on a word the panel does not list finds entries missing. The session then shows the
sentence at once with those rows pending (:meth:`reader.learn.focus.Focus.known_entry`), and the
:class:`EntryLookup` part has a worker look them up on its own connection. Its answer is taken
only if nothing made it stale since (:meth:`reader.learn.focus.Focus.take_entries`); then
:class:`EntryLookup.Filled` asks the screen to redraw.
"""

from __future__ import annotations

from textual import work
from textual.message import Message
from textual.worker import Worker, get_current_worker

from reader.learn.entries import EntriesRequest, FoundEntries, look_up_entries
from reader.learn.session import ReadingSession
from reader.logs import log_failure
from reader.ui.base import AppWidget, worker_db


class EntryLookup(AppWidget):
    class Found(Message):
        """A worker's entries, for the session to take if they are still of use."""

        def __init__(self, found: FoundEntries) -> None:
            super().__init__()
            self.found = found

    class Failed(Message):
        """The lookup failed (logged): its units are asked for again at the next drawing."""

        def __init__(self, request: EntriesRequest) -> None:
            super().__init__()
            self.request = request

    class Filled(Message):
        """Entries came: the glosses and the word's entry redraw."""

    def __init__(self) -> None:
        super().__init__()
        self.session: ReadingSession | None = None  # the screen's, once loaded
        self._asked: list[tuple[int, Worker[None]]] = []  # (epoch, worker)

    def ask(self) -> bool:
        """Look up what the last drawing missed, if anything; returns whether a worker is
        looking up this sentence's entries now. Workers asked in an older epoch are cancelled:
        their answers would be dropped."""
        session = self.session
        request = session.entries_request() if session is not None else None
        if request is None:
            epoch = session.cache.epoch if session is not None else None
            return any(e == epoch and not worker.is_finished for e, worker in self._asked)
        running = []
        for epoch, worker in self._asked:
            if epoch != request.epoch:
                worker.cancel()
            elif not worker.is_finished:
                running.append((epoch, worker))
        self._asked = [*running, (request.epoch, self.look_up(request))]
        return True

    @work(thread=True, group="entries", exit_on_error=False)
    def look_up(self, request: EntriesRequest) -> None:
        worker = get_current_worker()
        try:
            with worker_db(self.sentences_app.db_path) as db:
                found = look_up_entries(db, request, lambda: worker.is_cancelled)
        except Exception as exc:  # the rows stay pending until the learner's next key
            log_failure(exc, "look up the sentence's entries")
            self.post_message(self.Failed(request))
            return
        if found is not None and not worker.is_cancelled:
            self.post_message(self.Found(found))

    def on_entry_lookup_found(self, message: Found) -> None:
        message.stop()
        if self.session is not None and self.session.take_entries(message.found):
            self.post_message(self.Filled())

    def on_entry_lookup_failed(self, message: Failed) -> None:
        message.stop()
        if self.session is not None:  # asked again when the screen next draws
            self.session.cache.unask(message.request.epoch, message.request.units)
