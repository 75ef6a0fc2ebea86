"""Sentences mode: one sentence in focus, its neighbours dimmed, glosses for what is still new."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import ConsoleOptions
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Footer, Header, Label, ProgressBar, Static

from reader.learn.glossing import GlossEntry
from reader.learn.session import ReadingSession
from reader.learn.status import IGNORED, KNOWN, status_name
from reader.lexicon.lookup import LEARNER_SOURCE
from reader.ui.commands import ScreenKeys
from reader.ui.guard import saves
from reader.ui.messages import (
    LexiconReady,
    Progress,
    SentenceReadAhead,
    SessionLoaded,
    WorkFailed,
)
from reader.ui.pacing import hold_collection
from reader.ui.screens.exporting import ExportCommands, start_export
from reader.ui.screens.listening import ListeningMixin
from reader.ui.screens.navigation import NavigationMixin
from reader.ui.screens.prompt import PromptScreen
from reader.ui.screens.senses import SenseChoiceScreen
from reader.ui.screens.translating import TranslationMixin
from reader.ui.widgets.page import Page, PageSettings, draw_page

if TYPE_CHECKING:
    from reader.learn.read_ahead import Ahead, AheadRequest
    from reader.ui.app import SentencesApp

COMPACT_BELOW = 34  # terminal rows under which the page tightens (see sentences.tcss)
NARROW_BELOW = 100  # terminal columns under which the glosses leave out the part of speech


class ReadingScreen(NavigationMixin, TranslationMixin, ListeningMixin):
    # The footer shows what a first session needs; ? lists every key, Ctrl+P finds them by name.
    BINDINGS = [
        Binding("down,space,j", "next", "Next", key_display="↓", tooltip="Next sentence"),
        Binding("up,shift+space", "previous", "Back", show=False, tooltip="Previous sentence"),
        Binding("right,l", "word(1)", "Word", key_display="←→",
                tooltip="Next word or multi-word term (its entry shows on the right)"),
        Binding("left,h", "word(-1)", "Word ←", show=False, tooltip="Previous word or term"),
        Binding("tab", "attention(1)", "Next new", show=False, priority=True,
                tooltip="Next word that is new or being learned"),
        Binding("shift+tab", "attention(-1)", "Previous new", show=False, priority=True,
                tooltip="Previous word that is new or being learned"),
        Binding("1", "status(1)", "Learn", key_display="1-4",
                tooltip="Mark the term as learning, level 1 to 4"),
        Binding("2", "status(2)", "2", show=False),
        Binding("3", "status(3)", "3", show=False),
        Binding("4", "status(4)", "4", show=False),
        Binding("k", f"status({KNOWN})", "Known", tooltip="Mark the term known"),
        Binding("i", f"status({IGNORED})", "Ignore", show=False,
                tooltip="Ignore the term (a name, a foreign word): never glossed"),
        Binding("r", "rest_known", "All known",
                tooltip="Mark every word and term of the sentence still new as known"),
        # t in the footer where there is room for it (see check_action); the binding below,
        # with the help line, is the same key everywhere.
        Binding("t", "translate_shown", "Translate"),
        Binding("e", "edit_gloss", "Gloss", show=False,
                tooltip="Write your own gloss for the term (shown first)"),
        Binding("t", "translate", "Translate", show=False,
                tooltip="Write your own translation of the sentence"),
        Binding("c", "choose_sense", "Choose meaning", show=False,
                tooltip="Choose the meaning: the word's senses, numbered; a digit picks one"),
        Binding("s", "select", "Term", show=False,
                tooltip="Select a span with ← → and s again: make it a term of your own"),
        Binding("w", "toggle_phrases", "Words/phrases", show=False,
                tooltip="Multi-word terms on or off (step through single words)"),
        Binding("m", "mark_sentence", "Mark", show=False,
                tooltip="Mark the sentence understood, partly, not, or unmarked again"),
        Binding("g", "goto_prompt", "Go to", show=False,
                tooltip="Go to a sentence number or a percentage of the text"),
        Binding("slash", "search", "Search", show=False, tooltip="Search the text"),
        Binding("n", "search_next", "Next match", show=False,
                tooltip="Next sentence holding what you searched for"),
        Binding("p", "play", "Play", tooltip="Play the sentence; in listen mode, pause/resume"),
        Binding("v", "speak_word", "Say word", show=False,
                tooltip="Say the word or term under the cursor"),
        Binding("a", "listen", "Listen", show=False,
                tooltip="Listen mode on/off: read on sentence by sentence with the audio"),
        Binding("plus,equals_sign", "speed(1)", "Faster", show=False,
                tooltip="Speak faster (0.5×, 0.75×, 1×, 1.25×, 1.5×, 2×)"),
        Binding("minus", "speed(-1)", "Slower", show=False, tooltip="Speak slower"),
        Binding("pagedown", "scroll_panel('glosses-box', 1)", "Glosses ↓", show=False,
                tooltip="Scroll the glosses down"),
        Binding("pageup", "scroll_panel('glosses-box', -1)", "Glosses ↑", show=False,
                tooltip="Scroll the glosses up"),
        Binding("shift+pagedown", "scroll_panel('detail-box', 1)", "Word ↓", show=False,
                tooltip="Scroll the word's entry down"),
        Binding("shift+pageup", "scroll_panel('detail-box', -1)", "Word ↑", show=False,
                tooltip="Scroll the word's entry up"),
        Binding("home", "goto_start", "Start", show=False, tooltip="First sentence"),
        Binding("end", "goto_end", "End", show=False, tooltip="Last sentence"),
        Binding("x", "export", "Export", show=False,
                tooltip="Export flashcards (an Anki package; Ctrl+P: TSV or CSV)"),
        Binding("question_mark", "help", "Help", key_display="?", tooltip="This list of keys"),
        Binding("R", "review", "Review", show=False,
                tooltip="Review the cards that are due (flashcard drills)"),
        Binding("escape", "back", "Library", tooltip="Back to the library"),
        Binding("q", "app.quit", "Quit", show=False,
                tooltip="Quit; reopening the text resumes at the same sentence"),
    ]  # fmt: skip
    COMMANDS = {ExportCommands, ScreenKeys}

    def __init__(self, text_id: int) -> None:
        super().__init__()
        self.text_id = text_id
        self.session: ReadingSession | None = None
        self.lexicon_note = ""
        self._read_timer: Timer | None = None
        # the next sentence's page, drawn by the read-ahead worker with these settings
        self._page_ahead: tuple[Ahead, PageSettings, Page] | None = None

    @property
    def sentences_app(self) -> SentencesApp:
        from reader.ui.app import SentencesApp

        assert isinstance(self.app, SentencesApp)
        return self.app

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="progress-row"):
            yield ProgressBar(total=1, show_eta=False, show_percentage=True, id="text-progress")
            yield Label("", id="position")
        with Vertical(id="page"):
            yield Static("", id="before", classes="context")
            yield Static("", id="focus")
            yield Static("", id="translation")
            yield Static("", id="after", classes="context")
        # Not focusable: a focused panel that can scroll (a small terminal) would take
        # the arrow keys, which belong to the sentence and the word cursor.
        with Horizontal(id="panels"):
            with VerticalScroll(id="glosses-box", can_focus=False):
                yield Static("", id="glosses")
            with VerticalScroll(id="detail-box", can_focus=False):
                yield Static("", id="detail")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        app = self.sentences_app
        self.sub_title = "Sentences mode"
        self.query_one("#glosses-box").border_title = "Glosses"
        self.query_one("#detail-box").border_title = "Word"
        self.query_one("#focus", Static).update(Text("Opening…", style="italic"))
        self.load_session()
        if not app.lexicon_ready:
            self.lexicon_note = "Building the lexicon from WordNet…"
            self.build_lexicon()

    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def load_session(self) -> None:
        """Open the text off the UI thread, with a connection of its own; its writes go to the
        app's writer from the start."""
        from reader.logs import log_failure
        from reader.store import open_db

        app = self.sentences_app
        try:
            db = open_db(app.db_path, migrate_schema=False)
            try:
                session = ReadingSession(
                    db, self.text_id, app.config, app.phrases, writes=app.writer
                )
            finally:
                db.close()
        except Exception as exc:
            message = log_failure(exc, f"open text {self.text_id}")
            self.post_message(WorkFailed(f"Cannot open the text: {message}"))
            return
        self.post_message(SessionLoaded(session))

    def on_session_loaded(self, message: SessionLoaded) -> None:
        session = message.session
        assert isinstance(session, ReadingSession)
        session.use_connection(self.sentences_app.db)
        if self.sentences_app.phrases is not None and session.phrases is None:
            session.set_phrases(self.sentences_app.phrases)  # they came while it loaded
        self.session = session
        self.title = session.info.title
        self.refresh_all()

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#focus", Static).update(Text(message.error))
        self.notify(message.error, severity="error", timeout=8, markup=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """An 80-column footer has no room for t: there the key falls through to its unshown
        binding (``?`` lists it all the same)."""
        if action == "translate_shown":
            return self.size.width >= NARROW_BELOW
        return True

    def action_translate_shown(self) -> None:
        self.action_translate()

    def on_resize(self, event: events.Resize) -> None:
        self.refresh_bindings()  # the footer's t comes and goes with the width
        compact = event.size.height < COMPACT_BELOW
        if compact != self.has_class("compact"):
            self.set_class(compact, "compact")
            if self.session is not None:
                self.refresh_all()
        elif self.session is not None:
            self.refresh_sentence()  # the glosses' columns follow the width

    # -- drawing ------------------------------------------------------------------------------

    def refresh_all(self) -> None:
        session = self.session
        if session is None:
            return
        hold_collection(self.app)
        self.query_one("#text-progress", ProgressBar).update(
            total=max(1, session.count), progress=session.index + 1
        )
        self.update_position()
        self.start_read_timer()
        page = self.page_drawn_ahead(session) or draw_page(session, self.page_settings())
        self.query_one("#before", Static).update(page.before or "")
        self.query_one("#after", Static).update(page.after or "")
        self.show_page(page)
        self.refresh_translation()
        self.request_translations()

    def page_settings(self, ahead: bool = False) -> PageSettings:
        """The screen's layout, for :func:`draw_page`; ``ahead``: with the glosses panel's
        widths, for a worker to draw the table ahead."""
        options: tuple[ConsoleOptions, ...] = ()
        glosses = self.query_one("#glosses", Static)
        width = glosses.size.width
        if ahead and width:
            box = self.query_one("#glosses-box", VerticalScroll)
            bar = box.styles.scrollbar_size_vertical
            other = width + bar if box.show_vertical_scrollbar else width - bar
            base = self.app.console_options.update(highlight=False)
            options = tuple(base.update_width(w) for w in (width, other) if w > 0)
        return PageSettings(
            note=self.lexicon_note,
            narrow=self.size.width < NARROW_BELOW,
            around=self.context_around(),
            console=self.app.console,
            glosses_options=options,
        )

    def context_around(self) -> int:
        """How many dimmed sentences show above and below the focus."""
        around = self.sentences_app.config.context_sentences
        return min(around, 1) if self.has_class("compact") else around

    def update_position(self) -> None:
        """Where the learner is (the bar and "Sentence 3 of 58") apart from how much they have
        read; the sentence's mark; listen mode and its speed while it is on."""
        session = self.session
        if session is None:
            return
        parts = [f" Sentence {session.index + 1:,} of {session.count:,}",
                 f"{session.read_share():.0%} read"]  # fmt: skip
        mark = session.sentence_mark()
        if mark:
            parts.append(mark)
        if self.listening:
            parts.append(f"listening {self.sentences_app.config.speech_speed:g}×")
        self.query_one("#position", Label).update(" · ".join(parts))

    def start_read_timer(self) -> None:
        """A sentence in focus long enough to read it counts as read."""
        from reader.learn.reading_log import seconds_to_read

        if self._read_timer is not None:
            self._read_timer.stop()
        session = self.session
        if session is None or session.sentence is None:
            return
        index = session.index
        self._read_timer = self.set_timer(
            seconds_to_read(session.word_count()), lambda: self.count_as_read(index)
        )

    @saves
    def count_as_read(self, index: int) -> None:
        session = self.session
        if self.app.screen is not self:  # a dialog over the sentence: not being read
            self.start_read_timer()
            return
        if session is not None and session.index == index and session.mark_read():
            self.update_position()

    def refresh_sentence(self) -> None:
        session = self.session
        if session is None:
            return
        hold_collection(self.app)
        self.show_page(draw_page(session, self.page_settings(), context=False))

    def show_page(self, page: Page) -> None:
        """Hand the sentence, its glosses and the word's entry to the widgets."""
        self.query_one("#focus", Static).update(page.focus)
        self.query_one("#glosses", Static).update(page.glosses)
        self.query_one("#detail-box").border_title = page.detail_title
        self.query_one("#detail", Static).update(page.detail)
        self.follow_cursor(page.cursor_key)
        self.call_after_refresh(self.start_read_ahead)  # once this frame is on screen

    # -- reading ahead ------------------------------------------------------------------------

    def start_read_ahead(self) -> None:
        """Read the next sentence ahead while the learner reads this one, so the next key only
        draws (reader.learn.read_ahead); nothing to do if it is read already."""
        session = self.session
        request = session.ahead_request(self.context_around()) if session is not None else None
        if session is not None and request is not None:
            self.read_ahead(session, request, self.page_settings(ahead=True))

    @work(thread=True, exclusive=True, group="read-ahead", exit_on_error=False)
    def read_ahead(
        self, session: ReadingSession, request: AheadRequest, settings: PageSettings
    ) -> None:
        """The next sentence read, and its page drawn as the key will show it."""
        from textual.worker import get_current_worker

        from reader.learn.read_ahead import read_ahead
        from reader.logs import log_failure
        from reader.store import open_db

        try:
            db = open_db(self.sentences_app.db_path, migrate_schema=False)
            try:
                ahead = read_ahead(db, request)
                page = draw_page(session.preview(ahead, db), settings)
            finally:
                db.close()
        except Exception as exc:  # a courtesy: the key reads the sentence itself
            log_failure(exc, "read the next sentence ahead")
            return
        if not get_current_worker().is_cancelled:
            self.post_message(SentenceReadAhead(ahead, (settings, page)))

    def on_sentence_read_ahead(self, message: SentenceReadAhead) -> None:
        from reader.learn.read_ahead import Ahead

        session = self.session
        page = message.page
        if (
            session is not None
            and isinstance(message.ahead, Ahead)
            and isinstance(page, tuple)
            and session.keep_ahead(message.ahead)
        ):
            self._page_ahead = (message.ahead, page[0], page[1])

    def page_drawn_ahead(self, session: ReadingSession) -> Page | None:
        """The page the worker drew for the sentence the key just moved to, if it still is
        what the screen would draw (nothing marked since, the same layout)."""
        kept, self._page_ahead = self._page_ahead, None
        if kept is None or not session.drawn_from(kept[0]):
            return None
        _, settings, page = kept
        now = self.page_settings()
        if (settings.note, settings.narrow, settings.around) != (now.note, now.narrow, now.around):
            return None
        return page

    def follow_cursor(self, key: str | None) -> None:
        """Keep the glosses row under the cursor (▸) in view, and the word's entry at its top."""
        session = self.session
        box = self.query_one("#glosses-box", VerticalScroll)
        if session is None or key is None:
            return
        keys = [row.unit.key for row in session.gloss_rows()]
        if key not in keys:
            return
        line = keys.index(key) + (2 if self.lexicon_note else 0)  # one line per row
        height = box.scrollable_content_region.height
        if line < box.scroll_y:
            box.scroll_to(y=line, animate=False)
        elif height and line >= box.scroll_y + height:
            box.scroll_to(y=line - height + 1, animate=False)
        self.query_one("#detail-box", VerticalScroll).scroll_home(animate=False)

    def after_move(self) -> None:
        self.refresh_all()

    def statuses_changed(self) -> None:
        """Statuses changed elsewhere (the first-run head start): redraw in their colours."""
        if self.session is not None:
            self.session.forget_glosses()  # their entries carry the statuses they were read with
            self.session.set_phrases(self.session.phrases)
            if self.session.cursor == 0:
                self.session.cursor = self.session.first_attention()
            self.refresh_sentence()

    def phrases_ready(self) -> None:
        if self.session is not None:
            self.session.set_phrases(self.sentences_app.phrases)
            self.refresh_sentence()

    # -- actions ------------------------------------------------------------------------------

    @saves
    def action_next(self) -> None:
        hold_collection(self.app)  # until the next sentence is drawn (reader.ui.pacing)
        if self.session and self.session.count:
            self.session.mark_read()  # passed with the next key: read
            if self.sentences_app.config.known_on_next:
                self.session.mark_rest_known()  # LingQ's "paging moves to known"
        if self.session and self.session.move(1):
            self.refresh_all()
        elif self.session and self.session.count:
            self.notify("End of the text.", timeout=2)

    @saves
    def action_previous(self) -> None:
        hold_collection(self.app)
        if self.session and self.session.move(-1):
            self.refresh_all()

    def action_scroll_panel(self, panel: str, pages: int) -> None:
        box = self.query_one(f"#{panel}", VerticalScroll)
        if pages > 0:
            box.scroll_page_down()
        else:
            box.scroll_page_up()

    @saves
    def action_goto_start(self) -> None:
        if self.session and self.session.goto(0):
            self.refresh_all()

    @saves
    def action_goto_end(self) -> None:
        if self.session and self.session.goto(self.session.count - 1):
            self.refresh_all()

    @saves
    def action_word(self, delta: int) -> None:
        if self.session:
            self.session.move_cursor(delta)
            self.refresh_sentence()
            self.request_word_translation()

    @saves
    def action_status(self, status: int) -> None:
        if self.session is None:
            return
        state = self.session.set_current_status(status)
        if state is not None:
            self.notify(f"{state.key}: {status_name(state.status)}", timeout=1.5, markup=False)
            self.refresh_sentence()

    @saves
    def action_rest_known(self) -> None:
        if self.session is None:
            return
        count = self.session.mark_rest_known()
        self.notify(f"{count} word{'s' if count != 1 else ''} marked known", timeout=1.5)
        self.refresh_sentence()

    @saves
    def action_mark_sentence(self) -> None:
        """Cycle the sentence's mark: understood, partly, not, and back to unmarked."""
        if self.session is None:
            return
        from reader.learn.progress import MARKS

        current = self.session.sentence_mark()
        cycle = [*MARKS, None]
        mark = cycle[(cycle.index(current) + 1) % len(cycle)] if current in MARKS else MARKS[0]
        if mark is None:
            self.session.clear_sentence_mark()
            self.notify("Sentence unmarked", timeout=1.5)
        else:
            self.session.mark_sentence(mark)
        self.update_position()

    def action_help(self) -> None:
        from reader.ui.keys import key_help
        from reader.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen("Keys while reading", key_help(self.BINDINGS)))

    @saves
    def action_toggle_phrases(self) -> None:
        if self.session is not None:
            on = self.session.toggle_phrases()
            self.notify("Multi-word terms on" if on else "Single words only", timeout=1.5)
            self.refresh_sentence()

    @saves
    def action_edit_gloss(self) -> None:
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
            self.refresh_sentence()

    def action_choose_sense(self) -> None:
        """Open the word's senses, numbered as in its entry, to pick the one this text means."""
        session = self.session
        unit = session.current_unit if session else None
        if session is None or unit is None:
            return
        entry = session.entry_for_unit(unit)
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
        self.refresh_sentence()

    @saves
    def action_select(self) -> None:
        """First press starts a selection at the cursor; the second makes the span a term."""
        session = self.session
        if session is None:
            return
        if session.selection is None:
            session.start_selection()
            self.notify("Move with ← → and press s again to make the span a term", timeout=3)
            self.refresh_sentence()
            return
        key = session.selected_key()
        if key is None:
            session.cancel_selection()
            self.notify("Select two or more words to make a term", timeout=2)
            self.refresh_sentence()
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
            if state is not None:
                self.notify(f"New term: {state.key}", timeout=2, markup=False)
        self.refresh_sentence()

    def action_export(self) -> None:
        """Flashcards for the words being learned (an Anki package, as ``sentences export``)."""
        start_export(self.app)

    def action_back(self) -> None:
        session = self.session
        if session is not None and session.selection is not None:
            session.cancel_selection()
            self.refresh_sentence()
            return
        if self.sentences_app.player is not None:
            self.sentences_app.player.stop()
        self.listening = False
        self.sentences_app.show_library()

    def action_review(self) -> None:
        """The review screen on the due cards; Escape there comes back to this sentence."""
        if self.sentences_app.player is not None:
            self.sentences_app.player.stop()
        self.listening = False
        self.sentences_app.open_review()

    # -- lexicon ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="lexicon", exit_on_error=False)
    def build_lexicon(self) -> None:
        from reader.lexicon.builtin import ensure_lexicon
        from reader.lexicon.wordnet import WordNetMissing
        from reader.logs import log_failure
        from reader.store import open_db

        def report(done: int, total: int) -> None:
            self.post_message(Progress("lexicon", done, total))

        db = open_db(self.sentences_app.db_path)
        try:
            ensure_lexicon(db, progress=report)
            self.post_message(LexiconReady(True, ""))
        except WordNetMissing as exc:
            self.post_message(LexiconReady(False, str(exc)))
            self.sentences_app.load_phrases()  # the idioms are there all the same
            return
        except Exception as exc:  # the reader still works without glosses
            message = log_failure(exc, "build the lexicon")
            self.post_message(LexiconReady(False, f"no glosses: {message}"))
            return
        finally:
            db.conn.close()
        self.sentences_app.load_phrases()

    def on_progress(self, message: Progress) -> None:
        share = message.done / message.total if message.total else 0
        self.lexicon_note = f"Building the lexicon from WordNet… {share:.0%}"
        self.query_one("#glosses", Static).update(Text(self.lexicon_note, style="italic yellow"))

    def on_lexicon_ready(self, message: LexiconReady) -> None:
        self.sentences_app.lexicon_ready = message.available
        self.lexicon_note = message.note
        if self.session is not None:
            self.session.forget_glosses()
        self.refresh_sentence()
