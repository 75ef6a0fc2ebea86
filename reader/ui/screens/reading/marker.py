"""The learner's marks from the reading screen: a term's status (1-4, k, i, r), their own gloss
(e), the meaning they choose (c), a span made a term (s), the sentence's mark (m), and multi-word
terms on or off (w).

The :class:`Marker` is the part of the screen that asks (a prompt, the senses) and hands the
answer to the session, which sends the write to the writer; it posts up to the screen what to
redraw: :class:`Marker.Changed` (the sentence and its glosses) or :class:`Marker.Judged` (the
position line, with the sentence's mark).
"""

from __future__ import annotations

from textual.message import Message

from reader.learn.glossing import GlossEntry
from reader.learn.progress import MARKS
from reader.learn.session import ReadingSession, Unit
from reader.learn.status import status_name
from reader.lexicon.lookup import LEARNER_SOURCE
from reader.ui.base import AppWidget
from reader.ui.guard import saves
from reader.ui.screens.prompt import PromptScreen
from reader.ui.screens.senses import SenseChoiceScreen
from reader.wording import counted


class Marker(AppWidget):
    class Changed(Message):
        """A term's status, gloss or meaning changed: the sentence and its glosses redraw."""

    class Judged(Message):
        """The sentence's mark changed: the position line shows it."""

    def __init__(self) -> None:
        super().__init__()
        self.session: ReadingSession | None = None  # the screen's, once loaded
        self._choose_when_known: Unit | None = None  # c was pressed before its entry came

    def entries_came(self) -> None:
        """Entries came from the worker: open the senses c asked for, if the cursor is still
        on that word."""
        wanted = self._choose_when_known
        if wanted is not None and self.session is not None and self.session.current_unit == wanted:
            self.choose_sense()

    @saves
    def status(self, status: int) -> None:
        if self.session is None:
            return
        state = self.session.set_current_status(status)
        if state is not None:
            self.notify(f"{state.key}: {status_name(state.status)}", timeout=1.5, markup=False)
            self.post_message(self.Changed())

    @saves
    def rest_known(self) -> None:
        if self.session is None:
            return
        count = self.session.mark_rest_known()
        self.notify(f"{counted(count, 'word')} marked known", timeout=1.5)
        self.post_message(self.Changed())

    @saves
    def mark_sentence(self) -> None:
        """Cycle the sentence's mark: understood, partly, not, and back to unmarked."""
        if self.session is None:
            return

        current = self.session.sentence_mark()
        cycle = [*MARKS, None]
        mark = cycle[(cycle.index(current) + 1) % len(cycle)] if current in MARKS else MARKS[0]
        if mark is None:
            self.session.clear_sentence_mark()
            self.notify("Sentence unmarked", timeout=1.5)
        else:
            self.session.mark_sentence(mark)
        self.post_message(self.Judged())

    @saves
    def toggle_phrases(self) -> None:
        if self.session is not None:
            on = self.session.toggle_phrases()
            self.notify("Multi-word terms on" if on else "Single words only", timeout=1.5)
            self.post_message(self.Changed())

    @saves
    def edit_gloss(self) -> None:
        session = self.session
        unit = session.current_unit if session else None
        if session is None or unit is None:
            return
        current = session.state_of_key(unit.key).gloss or session.chosen_gloss(unit) or ""
        self.app.push_screen(
            PromptScreen(f"Your gloss for “{unit.key}”", current, "meaning, translation…"),
            lambda value: self.save_gloss(value, current),
        )

    @saves
    def save_gloss(self, value: str | None, shown: str | None = None) -> None:
        """Store what the learner typed; Enter on the chosen sense's text, unchanged, keeps the
        choice (and its sense key) rather than copying it as their own words."""
        if value is not None and self.session is not None and value != shown:
            self.session.set_current_gloss(value)
            self.post_message(self.Changed())

    def choose_sense(self) -> None:
        """Open the word's senses, numbered as in its entry, to pick the one this text means;
        if its entry is still being looked up, as soon as it comes (:meth:`entries_came`)."""
        session = self.session
        unit = session.current_unit if session else None
        self._choose_when_known = None
        if session is None or unit is None:
            return
        entry = session.known_entry(unit)
        if entry is None:
            self._choose_when_known = unit
            self.post_message(self.Changed())  # the drawing asks a worker for it
            return
        if not entry.senses:
            self.notify("No senses to choose from: press e to write your own gloss", timeout=3)
            return
        self.app.push_screen(
            SenseChoiceScreen(entry, unit.surface),
            lambda index: self.sense_picked(entry, index),
        )

    @saves
    def sense_picked(self, entry: GlossEntry, index: int | None) -> None:
        """Store the pick (through the writer: the key never waits on the database)."""
        session = self.session
        if index is None or session is None:
            return
        sense = entry.senses[index]
        if sense.source == LEARNER_SOURCE:
            self.notify("That is your own gloss: it is already your meaning", timeout=3)
            return
        key = entry.lemma
        if entry.chosen and index == 0:  # the chosen one again: undone
            session.choose_current_sense(None)
            self.notify(f"{key}: back to the dictionary's order", timeout=2, markup=False)
        else:
            session.choose_current_sense(sense)
            self.notify(f"{key}: {sense.gloss}", title="Your meaning", timeout=3, markup=False)
        self.post_message(self.Changed())

    @saves
    def select(self) -> None:
        """First press starts a selection at the cursor; the second makes the span a term."""
        session = self.session
        if session is None:
            return
        if session.selection is None:
            session.start_selection()
            self.notify("Move with ← → and press s again to make the span a term", timeout=3)
            self.post_message(self.Changed())
            return
        key = session.selected_key()
        if key is None:
            session.cancel_selection()
            self.notify("Select two or more words to make a term", timeout=2)
            self.post_message(self.Changed())
            return
        self.app.push_screen(
            PromptScreen(f"New term “{key}”: your gloss (optional)", "", "meaning…"),
            self.save_selection,
        )

    @saves
    def save_selection(self, value: str | None) -> None:
        if self.session is None:
            return
        if value is None:
            self.session.cancel_selection()
        else:
            state = self.session.make_term_of_selection(value)
            if self.session.phrases is not None:  # a new index with the term: texts opened
                self.sentences_app.phrases = self.session.phrases  # later match it too
            if state is not None:
                self.notify(f"New term: {state.key}", timeout=2, markup=False)
        self.post_message(self.Changed())
