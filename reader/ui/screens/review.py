"""The review screen: due cards one at a time, four drills, FSRS ratings with the keys Anki uses.

The queue is loaded in a worker; answers are scheduled in memory by the session and written by
the app's writer (reader.store.writer), in order, so no key press waits on the database. Audio
(the sentence of a recognition card once revealed, a listening card at once) is synthesized or
taken from the cache in a worker too.
"""

from __future__ import annotations

from pathlib import Path

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Static

from reader.errors import describe
from reader.learn.card_list import learner_translations
from reader.learn.cards import ensure_all_cards
from reader.learn.review import Answer, ReviewSession, record_answer, undo_answer
from reader.learn.schedule import (
    GOOD,
    Queue,
    due_count,
    load_queue,
    make_scheduler,
    next_due_after,
    now_utc,
)
from reader.paths import audio_dir
from reader.ui.base import AppScreen, cancelled, worker_db
from reader.ui.messages import AudioFailed, ReviewFinished, ReviewLoaded, WorkFailed
from reader.ui.screens.exporting import ExportCommands, start_export
from reader.ui.widgets.card import (
    DRILL_LABELS,
    QUESTIONS,
    render_answer,
    render_cue,
    render_prompt,
    render_ratings,
    render_summary,
)

COMPACT_BELOW = 30  # terminal rows under which the card loses its margins (see review.tcss)


class ReviewScreen(AppScreen[None]):
    CSS_PATH = str(Path(__file__).parent.parent / "review.tcss")
    BINDINGS = [
        Binding("space,enter", "reveal", "Show / accept", key_display="Space"),
        Binding("1", "rate(1)", "Again", key_display="1-4"),
        Binding("2", "rate(2)", "Hard", show=False),
        Binding("3", "rate(3)", "Good", show=False),
        Binding("4", "rate(4)", "Easy", show=False),
        Binding("u,ctrl+z", "undo", "Undo"),  # ctrl+z also while typing an answer
        Binding("p", "play", "Play"),
        # ctrl+e, not x: a typed drill's answer box would take the x
        Binding("ctrl+e", "export", "Export", show=False),
        Binding("escape", "back", "Back"),
        # On the Done screen: a new session on what is due now (as the summary offers).
        Binding("R", "again", "Review again", show=False),
    ]
    COMMANDS = {ExportCommands}

    def __init__(self, drills: tuple[str, ...] | None = None) -> None:
        super().__init__()
        self.drills = drills or None
        self.session: ReviewSession | None = None
        self.translations: dict[int, str] = {}
        self.finished_note: ReviewFinished | None = None
        self._audio_told = ""

    def compose(self) -> ComposeResult:
        yield Header()
        yield Label("Loading the cards that are due…", id="review-status")
        with VerticalScroll(id="card-box", can_focus=False):
            yield Static("", id="card-question", markup=False)
            yield Static("", id="card-prompt")
            yield Static("", id="card-cue")
            yield Input(placeholder="your answer", id="card-input")
            yield Static("", id="card-answer")
        with Vertical(id="rating-box"):
            yield Static("", id="card-ratings")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Sentences"
        self.sub_title = "Review" + (f" · {', '.join(self.drills)}" if self.drills else "")
        self.query_one("#card-input", Input).display = False
        self.load_queue()

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < COMPACT_BELOW, "compact")

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="review-load", exit_on_error=False)
    def load_queue(self) -> None:

        config = self.sentences_app.config
        # What was just marked on the reading screen (a status, a translation with t) is in the
        # writer's queue: the cards and their translations must see it.
        self.sentences_app.writer.flush(timeout=5)
        try:
            with worker_db(self.sentences_app.db_path) as db:
                ensure_all_cards(db)  # terms set to learning before cards existed
                queue = load_queue(db, now_utc(), config.new_cards_per_day, self.drills)
                translations = learner_translations(
                    db, queue.reviews + queue.new, config.native_lang
                )
        except Exception as exc:
            self.post_message(WorkFailed(f"Cannot load the cards: {describe(exc)}"))
            return
        if not cancelled():
            self.post_message(ReviewLoaded(queue, translations))

    def on_review_loaded(self, message: ReviewLoaded) -> None:
        assert isinstance(message.queue, Queue)
        config = self.sentences_app.config
        scheduler = make_scheduler(config.desired_retention)
        self.translations = message.translations
        self.session = ReviewSession(message.queue.cards, scheduler)
        self.show_card()
        self._card_shown()

    def on_work_failed(self, message: WorkFailed) -> None:
        self.notify(message.error, title="Review", severity="error", timeout=8, markup=False)

    # -- drawing ------------------------------------------------------------------------------

    def show_card(self) -> None:
        """Draw the card on screen from the session's state (nothing here reads the database)."""
        session = self.session
        if session is None:
            return
        card = session.current
        question = self.query_one("#card-question", Static)
        prompt = self.query_one("#card-prompt", Static)
        cue = self.query_one("#card-cue", Static)
        entry = self.query_one("#card-input", Input)
        answer = self.query_one("#card-answer", Static)
        ratings = self.query_one("#card-ratings", Static)
        status = self.query_one("#review-status", Label)
        box = self.query_one("#card-box")
        if card is None:
            status.update(f"Reviewed {session.summary.reviewed}")
            box.border_title = "Done"
            question.update("")
            prompt.update(
                render_summary(
                    session.summary,
                    self.finished_note.next_due if self.finished_note else None,
                    self.finished_note.due_now if self.finished_note else 0,
                    session.held_back,
                )
            )
            cue.update("")
            answer.update("")
            ratings.update("")
            entry.display = False
            if self.finished_note is None:
                self.load_summary()
            return
        new = " · new" if card.is_new else ""
        back = f" · {session.coming_back} again soon" if session.coming_back else ""
        status.update(f"{session.left} left{back} · {DRILL_LABELS[card.drill]}{new}")
        source = f" · {card.text_title}" if card.text_title else ""
        box.border_title = DRILL_LABELS[card.drill]
        box.border_subtitle = source.removeprefix(" · ")[:60]
        question.update(QUESTIONS[card.drill])
        prompt.update(render_prompt(card, session.revealed))
        cue.update(render_cue(card))
        if session.revealed:
            answer.update(render_answer(card, session.check, self.translations.get(card.id)))
        else:
            answer.update("")
        ratings.update(render_ratings(session))
        typing = session.is_typed and not session.revealed
        entry.display = session.is_typed
        entry.disabled = not typing
        if typing:
            entry.value = ""
            entry.focus()
        else:
            self.set_focus(None)

    @work(thread=True, exclusive=True, group="review-summary", exit_on_error=False)
    def load_summary(self) -> None:
        """When the next card is due, once this session's answers are written."""

        self.sentences_app.writer.flush(timeout=5)
        config = self.sentences_app.config
        try:
            with worker_db(self.sentences_app.db_path) as db:
                at = now_utc()
                upcoming = next_due_after(db, at)
                due_now = due_count(db, at, config.new_cards_per_day, self.drills)
        except Exception:
            upcoming, due_now = None, 0
        if not cancelled():
            self.post_message(ReviewFinished(upcoming, due_now))

    def on_review_finished(self, message: ReviewFinished) -> None:
        self.finished_note = message
        if self.session is not None and self.session.finished:
            self.show_card()

    # -- actions ------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        session = self.session
        if session is None or session.current is None or session.revealed:
            return
        session.reveal(event.value)
        self.show_card()

    def action_reveal(self) -> None:
        """Show the answer; once shown, accept the suggested rating (Good for recognition)."""
        session = self.session
        if session is None or session.current is None:
            return
        if not session.revealed:
            if session.is_typed:
                session.reveal(self.query_one("#card-input", Input).value)
            else:
                session.reveal()
                self._speak(session.current.sentence, session.current.text_sha256)
            self.show_card()
            return
        self._rate(session.suggested_rating() or GOOD)

    def action_rate(self, rating: int) -> None:
        session = self.session
        if session is None or session.current is None:
            return
        if not session.revealed:
            self.notify("Show the answer first (Space or Enter)", timeout=2)
            return
        self._rate(rating)

    def _rate(self, rating: int) -> None:
        session = self.session
        assert session is not None
        answer = session.rate(rating)
        if answer is not None:
            self._write(answer)
        self.finished_note = None
        self.show_card()
        self._card_shown()

    def _write(self, answer: Answer) -> None:
        label = f"answer to “{answer.before.term_key or 'listening'}”"
        self.sentences_app.writer.submit(lambda db: record_answer(db, answer), label=label)

    def action_export(self) -> None:
        """Export flashcards with the same defaults as the reading screen's x."""
        start_export(self.app)

    def action_undo(self) -> None:
        session = self.session
        if session is None:
            return
        answer = session.undo()
        if answer is None:
            self.notify("Nothing to undo", timeout=1.5)
            return
        label = f"undo of “{answer.before.term_key or 'listening'}”"
        self.sentences_app.writer.submit(lambda db: undo_answer(db, answer), label=label)
        self.notify(f"Undone: {answer.before.term_key or 'listening'}", timeout=1.5, markup=False)
        self.show_card()
        self._card_shown()

    def action_play(self) -> None:
        session = self.session
        card = session.current if session else None
        if card is None or not card.sentence or session is None:
            return
        if session.revealed or card.drill == "listening":
            self._speak(card.sentence, card.text_sha256)

    def action_again(self) -> None:
        """R on the Done screen: start a new session on the cards due now."""
        session = self.session
        if session is None or not session.finished:
            return
        self.session = None
        self.finished_note = None
        self.query_one("#review-status", Label).update("Loading the cards that are due…")
        self.load_queue()

    def action_back(self) -> None:
        if self.sentences_app.player is not None:
            self.sentences_app.player.stop()
        self.app.pop_screen()

    def _card_shown(self) -> None:
        """A listening card speaks at once."""
        session = self.session
        card = session.current if session else None
        if card is not None and card.drill == "listening" and card.sentence:
            self._speak(card.sentence, card.text_sha256)

    # -- audio --------------------------------------------------------------------------------

    def _speak(self, text: str, text_sha256: str | None) -> None:
        if text.strip():
            self.speak(text, text_sha256)

    @work(thread=True, exclusive=True, group="review-speech", exit_on_error=False)
    def speak(self, text: str, text_sha256: str | None) -> None:
        # lazy: speech loads gTTS, requests and miniaudio (~0.2 s)
        from reader.speech import SpeechSettings, synthesize

        app = self.sentences_app
        config = app.config
        try:
            with worker_db(app.db_path) as db:
                row = None
                if text_sha256:
                    row = db.execute(
                        "SELECT source FROM texts WHERE sha256 = ? LIMIT 1", (text_sha256,)
                    ).fetchone()
                settings = SpeechSettings(
                    engine="espeak" if config.speech_engine == "espeak" else "gtts",
                    lang=app.lang,
                    tld=config.speech_tld,
                    voice=config.speech_voice,
                    speed=config.speech_speed,
                )
                result = synthesize(text, settings, db, audio_dir(row[0] if row else None))
            app.ensure_player().play(str(result.path), speed=result.playback_speed)
        except Exception as exc:
            self.post_message(AudioFailed(describe(exc)))

    def on_audio_failed(self, message: AudioFailed) -> None:
        if message.error == self._audio_told:
            return  # said once: no device stays no device
        self._audio_told = message.error
        self.notify(message.error, title="No audio", severity="warning", timeout=4, markup=False)
