"""Sentences mode: one sentence in focus, its neighbours dimmed, glosses for what is still new."""

from __future__ import annotations

from rich.console import ConsoleOptions
from rich.text import Text
from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Header, Label, ProgressBar, Static

from reader.learn.session import ReadingSession
from reader.logs import log_failure
from reader.ui.base import AppScreen, cancelled, worker_db
from reader.ui.commands import ScreenKeys
from reader.ui.guard import saves
from reader.ui.keys import key_help
from reader.ui.messages import LexiconReady, Progress, SessionLoaded, WorkFailed
from reader.ui.pacing import hold_collection
from reader.ui.screens.exporting import ExportCommands, start_export
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.reading.entry_lookup import EntryLookup
from reader.ui.screens.reading.keys import READING_KEYS
from reader.ui.screens.reading.lexicon_build import LexiconBuilder
from reader.ui.screens.reading.listener import Listener
from reader.ui.screens.reading.marker import Marker
from reader.ui.screens.reading.navigator import Navigator
from reader.ui.screens.reading.page_ahead import PageAhead
from reader.ui.screens.reading.read_timer import ReadTimer
from reader.ui.screens.reading.translation import TranslationLine
from reader.ui.widgets.glosses import scroll_to_row
from reader.ui.widgets.page import Page, PageSettings, draw_page

COMPACT_BELOW = 34  # terminal rows under which the page tightens (see sentences.tcss)
NARROW_BELOW = 100  # terminal columns under which the glosses leave out the part of speech


class ReadingScreen(AppScreen[None]):
    """The focused sentence, its neighbours, its glosses and the word's entry; the keys.

    The screen draws the session and moves it; the work around it is done by parts that own
    their workers and messages and post up what the screen must redraw: the translation line
    (:class:`TranslationLine`), audio and listen mode (:class:`Listener`), going to a sentence
    and searching (:class:`Navigator`), the learner's marks (:class:`Marker`), the next page
    drawn ahead (:class:`PageAhead`) and the first run's lexicon (:class:`LexiconBuilder`)."""

    BINDINGS = READING_KEYS
    COMMANDS = {ExportCommands, ScreenKeys}

    def __init__(self, text_id: int, start: int | None = None) -> None:
        super().__init__()
        self.text_id = text_id
        self.start_at = start  # a sentence to open at (from the concordance), else where it was
        self.session: ReadingSession | None = None
        self.lexicon_note = ""
        self.read_timer = ReadTimer()
        self.translation = TranslationLine(id="translation")
        self.listener = Listener()
        self.navigator = Navigator()
        self.page_ahead = PageAhead()
        self.lexicon = LexiconBuilder()
        self.marker = Marker()
        self.entries = EntryLookup()

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="progress-row"):
            yield ProgressBar(total=1, show_eta=False, show_percentage=True, id="text-progress")
            yield Label("", id="position")
        with Vertical(id="page"):
            yield Static("", id="before", classes="context")
            yield Static("", id="focus")
            yield self.translation
            yield Static("", id="after", classes="context")
        # Not focusable: a focused panel that can scroll (a small terminal) would take
        # the arrow keys, which belong to the sentence and the word cursor.
        with Horizontal(id="panels"):
            with VerticalScroll(id="glosses-box", can_focus=False):
                yield Static("", id="glosses")
            with VerticalScroll(id="detail-box", can_focus=False):
                yield Static("", id="detail")
        yield Footer(show_command_palette=False)
        yield from (self.listener, self.navigator, self.page_ahead, self.lexicon, self.marker,
                    self.read_timer)  # fmt: skip
        yield self.entries

    def on_mount(self) -> None:
        app = self.sentences_app
        app.last_text_id = self.text_id  # Escape: the library's cursor comes back to it
        self.sub_title = "Sentences mode"
        self.query_one("#glosses-box").border_title = "Glosses"
        self.query_one("#detail-box").border_title = "Word"
        self.query_one("#focus", Static).update(Text("Opening…", style="italic"))
        self.load_session()
        if not app.lexicon_ready:
            self.lexicon_note = "Building the lexicon from WordNet…"
            self.lexicon.build()

    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def load_session(self) -> None:
        """Open the text off the UI thread, with a connection of its own; its writes go to the
        app's writer from the start."""
        app = self.sentences_app
        try:
            with worker_db(app.db_path) as db:
                session = ReadingSession(
                    db, self.text_id, app.config, app.phrases, writes=app.writer
                )
                if self.start_at is not None:  # here, so its entries are looked up here too
                    session.goto(self.start_at)
        except Exception as exc:
            message = log_failure(exc, f"open text {self.text_id}")
            self.post_message(WorkFailed(f"Cannot open the text: {message}"))
            return
        if not cancelled():
            self.post_message(SessionLoaded(session))

    def on_session_loaded(self, message: SessionLoaded) -> None:
        session = message.session
        assert isinstance(session, ReadingSession)
        session.use_connection(self.sentences_app.db)
        session.lookups_here = False  # from now on a worker looks up (EntryLookup)
        if self.sentences_app.phrases is not None and session.phrases is None:
            session.set_phrases(self.sentences_app.phrases)  # they came while it loaded
        self.session = session
        for part in (self.translation, self.listener, self.navigator, self.page_ahead,
                     self.marker, self.entries, self.read_timer):  # fmt: skip
            part.session = session
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

    def action_translate(self) -> None:
        self.translation.ask_own()

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
        self.read_timer.restart()
        settings = self.page_settings()
        page = self.page_ahead.take(settings) or draw_page(session, settings)
        self.query_one("#before", Static).update(page.before or "")
        self.query_one("#after", Static).update(page.after or "")
        self.show_page(page)
        self.translation.show()
        self.translation.request()

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
            met=self.sentences_app.met_counts.get,
        )

    def context_around(self) -> int:
        """How many dimmed sentences show above and below the focus."""
        around = self.sentences_app.config.context_sentences
        return min(around, 1) if self.has_class("compact") else around

    def update_position(self) -> None:
        """Where the learner is (the bar and "Sentence 3 of 58") apart from how much they have
        read; the sentence's mark; listen mode and its speed while it is on, the speed alone
        when it is not the usual 1×."""
        session = self.session
        if session is None:
            return
        parts = [f" Sentence {session.index + 1:,} of {session.count:,}",
                 f"{session.read_share():.0%} read"]  # fmt: skip
        parts += self.navigator.chapter_place(narrow=self.size.width < NARROW_BELOW)
        mark = session.sentence_mark()
        if mark:
            parts.append(mark)
        parts += self.listener.position_note()
        self.query_one("#position", Label).update(" · ".join(parts))

    def on_read_timer_counted(self, message: ReadTimer.Counted) -> None:
        message.stop()
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
        """Once the frame is on screen (a worker would slow it): what its page lacked first,
        then the next sentence read ahead, so the next key only draws (learn.read_ahead)."""
        if self.entries.ask():
            return
        session = self.session
        request = session.ahead_request(self.context_around()) if session is not None else None
        if request is not None:
            self.page_ahead.start(request, self.page_settings(ahead=True))

    def follow_cursor(self, key: str | None) -> None:
        """Keep the glosses row under the cursor (▸) in view, and the word's entry at its top."""
        if self.session is not None and key is not None:
            keys = [row.unit.key for row in self.session.gloss_rows()]
            box = self.query_one("#glosses-box", VerticalScroll)
            if scroll_to_row(box, keys, key, 2 if self.lexicon_note else 0):
                self.query_one("#detail-box", VerticalScroll).scroll_home(animate=False)

    def on_listener_moved(self, message: Listener.Moved) -> None:
        self.refresh_all()

    def on_listener_stopped(self, message: Listener.Stopped) -> None:
        self.update_position()

    def on_navigator_cursor_moved(self, message: Navigator.CursorMoved) -> None:
        self.refresh_sentence()

    def on_navigator_go_to(self, message: Navigator.GoTo) -> None:
        self.go_to(message.index)

    @saves
    def go_to(self, index: int) -> None:
        if self.session is not None and self.session.goto(index):
            self.refresh_all()

    def on_translation_line_words_translated(
        self, message: TranslationLine.WordsTranslated
    ) -> None:
        if self.session is not None:
            self.session.forget_glosses()  # the gloss comes from the cache (reader.learn.native)
            self.refresh_sentence()

    def statuses_changed(self) -> None:
        """Statuses changed elsewhere (the first-run head start): redraw in their colours."""
        if self.session is not None:
            self.session.forget_glosses()  # their entries carry the statuses they were read with
            self.session.set_phrases(self.session.phrases)
            if self.session.cursor == 0:
                self.session.cursor = self.session.first_attention()
            self.refresh_sentence()

    def met_counted(self, key: str) -> None:
        unit = self.session.current_unit if self.session is not None else None
        if unit is not None and unit.key == key:
            self.refresh_sentence()  # the entry's "met in … sentences" line

    def senses_ready(self, text_id: int) -> None:
        if self.session is not None and self.session.text_id == text_id:
            self.session.forget_glosses()  # ranked on the sentence alone until now
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

    def action_goto_start(self) -> None:
        self.go_to(0)

    def action_goto_end(self) -> None:
        self.go_to(self.session.count - 1 if self.session else 0)

    def action_chapter(self, delta: int) -> None:
        self.navigator.step_chapter(delta)

    @saves
    def action_word(self, delta: int) -> None:
        if self.session:
            self.session.move_cursor(delta)
            self.refresh_sentence()
            self.translation.request_word()

    # -- keys the parts answer -----------------------------------------------------------------

    def action_status(self, status: int) -> None:
        self.marker.status(status)

    def action_rest_known(self) -> None:
        self.marker.rest_known()

    def action_mark_sentence(self) -> None:
        self.marker.mark_sentence()

    def action_toggle_phrases(self) -> None:
        self.marker.toggle_phrases()

    def action_edit_gloss(self) -> None:
        self.marker.edit_gloss()

    def action_choose_sense(self) -> None:
        self.marker.choose_sense()

    def action_select(self) -> None:
        self.marker.select()

    def on_marker_changed(self, message: Marker.Changed) -> None:
        self.refresh_sentence()

    def on_entry_lookup_filled(self, message: EntryLookup.Filled) -> None:
        self.refresh_sentence()
        self.marker.entries_came()

    def on_marker_judged(self, message: Marker.Judged) -> None:
        self.update_position()

    def action_goto_prompt(self) -> None:
        self.navigator.ask_target()

    def action_search(self) -> None:
        self.navigator.ask_search()

    def action_search_next(self) -> None:
        self.navigator.search_next()

    def action_attention(self, delta: int) -> None:
        self.navigator.attention(delta)

    def action_play(self) -> None:
        self.listener.play()

    def action_speak_word(self) -> None:
        self.listener.speak_word()

    def action_listen(self) -> None:
        self.listener.toggle()
        self.update_position()

    def action_speed(self, step: int) -> None:
        self.listener.speed(step)
        self.update_position()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen("Keys while reading", key_help(self.BINDINGS)))

    def action_export(self) -> None:
        """Flashcards for the words being learned (an Anki package, as ``sentences export``)."""
        start_export(self.app)

    def action_back(self) -> None:
        session = self.session
        if session is not None and session.selection is not None:
            session.cancel_selection()
            self.refresh_sentence()
            return
        self.listener.stop()
        self.sentences_app.show_library()

    def action_review(self) -> None:
        """The review screen on the due cards; Escape there comes back to this sentence."""
        self.listener.stop()
        self.sentences_app.open_review()

    # -- lexicon ------------------------------------------------------------------------------

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
