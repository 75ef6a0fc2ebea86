"""The lexicon built from WordNet on the first run, while the learner already reads.

The :class:`LexiconBuilder` part of the reading screen runs the build in a worker with its own
connection; its :class:`~reader.ui.messages.Progress` and
:class:`~reader.ui.messages.LexiconReady` go up to the screen, which shows them in the glosses
panel.
"""

from __future__ import annotations

from textual import work

from reader.lexicon.builtin import ensure_lexicon
from reader.lexicon.wordnet import WordNetMissing
from reader.logs import log_failure
from reader.ui.base import AppWidget, worker_db
from reader.ui.messages import LexiconReady, Progress


class LexiconBuilder(AppWidget):
    @work(thread=True, exclusive=True, group="lexicon", exit_on_error=False)
    def build(self) -> None:
        # At call time: the builder pulls in WordNet's reader, needed once, on a first run.

        app = self.sentences_app

        def report(done: int, total: int) -> None:
            self.post_message(Progress("lexicon", done, total))

        try:
            # one long write of its own, not the writer's (see docs/storage.md)
            with worker_db(app.db_path) as db:
                ensure_lexicon(db, progress=report)
            self.post_message(LexiconReady(True, ""))
        except WordNetMissing as exc:
            self.post_message(LexiconReady(False, str(exc)))
            app.load_phrases()  # the idioms are there all the same
            return
        except Exception as exc:  # the reader still works without glosses
            message = log_failure(exc, "build the lexicon")
            self.post_message(LexiconReady(False, f"no glosses: {message}"))
            return
        app.load_phrases()
