"""Audio in the reading screen: play and replay, speak a word, listen mode, speed, prefetch.

Synthesis and the player's device run in workers; the UI thread only sends commands and reacts
to messages, so a slow network or a missing sound card never freezes the screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work
from textual.screen import Screen

from reader.ui.messages import AudioFailed, AudioFinished, AudioReady

if TYPE_CHECKING:
    from reader.learn.session import ReadingSession
    from reader.speech import SpeechSettings
    from reader.ui.app import SentencesApp

PREFETCH = 3
SPEEDS = (0.5, 0.6, 0.75, 0.9, 1.0, 1.25, 1.5, 1.75, 2.0)


class ListeningMixin(Screen[None]):
    """Mixed into the reading screen, which provides ``session`` and ``sentences_app``."""

    session: ReadingSession | None
    listening = False
    _fallback_told = False

    if TYPE_CHECKING:

        @property
        def sentences_app(self) -> SentencesApp: ...  # provided by the screen

    def speech_settings(self) -> SpeechSettings:
        from reader.speech import SpeechSettings

        config = self.sentences_app.config
        lang = self.session.info.lang if self.session else "en"
        return SpeechSettings(
            engine="espeak" if config.speech_engine == "espeak" else "gtts",
            lang=lang,
            tld=config.speech_tld,
            voice=config.speech_voice,
            speed=config.speech_speed,
        )

    # -- actions ------------------------------------------------------------------------------

    def action_play(self) -> None:
        """Play (or replay) the focused sentence; in listen mode, pause and resume."""
        player = self.sentences_app.player
        if self.listening and player is not None and (player.is_playing or player.is_paused):
            if player.is_paused:
                player.resume()
                self.notify("Resumed", timeout=1)
            else:
                player.pause()
                self.notify("Paused", timeout=1)
            return
        self._speak_focus()

    def action_speak_word(self) -> None:
        unit = self.session.current_unit if self.session else None
        if unit is not None:
            self.synthesize_audio(unit.surface, None)

    def action_listen(self) -> None:
        self.listening = not self.listening
        if self.listening:
            self.notify("Listen mode: reading on, sentence by sentence", timeout=2)
            self._speak_focus()
        else:
            player = self.sentences_app.player
            if player is not None:
                player.stop()
            self.notify("Listen mode off", timeout=1.5)

    def action_speed(self, step: int) -> None:
        config = self.sentences_app.config
        current = min(SPEEDS, key=lambda s: abs(s - config.speech_speed))
        index = max(0, min(len(SPEEDS) - 1, SPEEDS.index(current) + step))
        config.speech_speed = SPEEDS[index]
        self.notify(f"Speed {config.speech_speed:g}×", timeout=1.5)

    # -- work ---------------------------------------------------------------------------------

    def _speak_focus(self) -> None:
        session = self.session
        if session is not None and session.sentence is not None:
            self.synthesize_audio(session.sentence.text, session.index)
            self.prefetch(session.index)

    def _source(self) -> str | None:
        return self.session.info.source if self.session else None

    @work(thread=True, exclusive=True, group="speech", exit_on_error=False)
    def synthesize_audio(self, text: str, sentence_idx: int | None) -> None:
        from reader.logs import log_failure
        from reader.paths import audio_dir
        from reader.speech import synthesize

        try:
            result = synthesize(
                text, self.speech_settings(), self.sentences_app.db_path, audio_dir(self._source())
            )
        except Exception as exc:
            self.post_message(AudioFailed(log_failure(exc, "synthesize audio")))
            return
        self.post_message(
            AudioReady(
                str(result.path),
                result.playback_speed,
                sentence_idx,
                result.fell_back,
                result.reason,
            )
        )

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def prefetch(self, after: int) -> None:
        """Synthesize the next sentences ahead, so they start without waiting for the network."""
        from reader.learn.texts import sentences_between
        from reader.paths import audio_dir
        from reader.speech import prerender
        from reader.store import open_db

        session = self.session
        if session is None:
            return
        db = open_db(self.sentences_app.db_path)
        try:
            rows = sentences_between(db, session.text_id, after + 1, after + PREFETCH)
            prerender(
                [r.text for r in rows],
                self.speech_settings(),
                db,
                audio_dir(self._source()),
            )
        except Exception:  # prefetch is a courtesy: playback reports real failures
            return
        finally:
            db.conn.close()

    def on_audio_ready(self, message: AudioReady) -> None:
        if message.fell_back and not self._fallback_told:
            self._fallback_told = True
            self.notify(
                f"Online voice unavailable ({message.reason}); using the offline voice.",
                severity="warning",
                timeout=6,
                markup=False,
            )
        self.start_playback(message.path, message.speed, message.sentence_idx)

    @work(thread=True, exclusive=True, group="player", exit_on_error=False)
    def start_playback(self, path: str, speed: float, sentence_idx: int | None) -> None:
        from reader.logs import log_failure

        app = self.sentences_app
        try:
            player = app.ensure_player()
            player.play(path, speed=speed, on_done=self._done(sentence_idx))
        except Exception as exc:
            self.post_message(AudioFailed(log_failure(exc, "play audio")))

    def _done(self, sentence_idx: int | None) -> Any:
        def finished() -> None:
            self.post_message(AudioFinished(sentence_idx))

        return finished

    def on_audio_finished(self, message: AudioFinished) -> None:
        session = self.session
        if not self.listening or session is None or message.sentence_idx != session.index:
            return
        if session.move(1):
            self.after_move()
            self._speak_focus()
        else:
            self.listening = False
            self.notify("End of the text.", timeout=2)

    def on_audio_failed(self, message: AudioFailed) -> None:
        self.listening = False
        self.notify(message.error, title="No audio", severity="error", timeout=6, markup=False)

    def after_move(self) -> None:
        """Redraw after listen mode moved the focus (the screen overrides it)."""
