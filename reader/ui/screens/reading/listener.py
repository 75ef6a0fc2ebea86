"""Audio in the reading screen: play and replay, speak a word, listen mode, speed, prefetch.

Synthesis and the player's device run in workers; the UI thread only sends commands and reacts
to messages, so a slow network or a missing sound card never freezes the screen. The
:class:`Listener` is the part of the screen that owns that work: its workers post to it, and it
posts up to the screen what the screen must show (listen mode moved on, or stopped).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.message import Message
from textual.worker import get_current_worker

from reader.learn.session import ReadingSession
from reader.learn.texts import sentences_between
from reader.logs import log_failure
from reader.paths import audio_dir
from reader.speech import SpeechSettings
from reader.ui.base import AppWidget, WorkerCancelled, cancelled, worker_db
from reader.ui.messages import AudioFailed, AudioFinished, AudioReady

if TYPE_CHECKING:
    from reader.speech import SpeechSettings

PREFETCH = 3
SPEEDS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


class Listener(AppWidget):
    """Speaks the focused sentence or word; in listen mode, reads on sentence by sentence."""

    class Moved(Message):
        """Listen mode moved the focus to the next sentence: the screen draws it."""

    class Stopped(Message):
        """Listen mode stopped (no audio): the screen's position line says so."""

    def __init__(self) -> None:
        super().__init__()
        self.session: ReadingSession | None = None  # the screen's, once loaded
        self.listening = False
        self._fallback_told = False

    def speech_settings(self) -> SpeechSettings:
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

    def play(self) -> None:
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
        self.speak_focus()

    def speak_word(self) -> None:
        unit = self.session.current_unit if self.session else None
        if unit is not None:
            self.synthesize_audio(unit.surface, None)

    def toggle(self) -> None:
        """Listen mode on or off."""
        self.listening = not self.listening
        if self.listening:
            self.notify("Listen mode on: reading on, sentence by sentence", timeout=2)
            self.speak_focus()
        else:
            player = self.sentences_app.player
            if player is not None:
                player.stop()
            self.notify("Listen mode off", timeout=1.5)

    def position_note(self) -> list[str]:
        """For the position line: listen mode and its speed while it is on, the speed alone
        when it is not the usual 1× (+ and - show there, where the learner looks)."""
        speed = self.sentences_app.config.speech_speed
        if self.listening:
            return [f"listening {speed:g}×"]
        return [f"speed {speed:g}×"] if speed != 1.0 else []

    def stop(self) -> None:
        """Leaving the text: the audio stops, and listen mode with it."""
        if self.sentences_app.player is not None:
            self.sentences_app.player.stop()
        self.listening = False

    def speed(self, step: int) -> None:
        config = self.sentences_app.config
        current = min(SPEEDS, key=lambda s: abs(s - config.speech_speed))
        index = max(0, min(len(SPEEDS) - 1, SPEEDS.index(current) + step))
        config.speech_speed = SPEEDS[index]
        self.notify(f"Speed {config.speech_speed:g}×", timeout=1.5)

    # -- work ---------------------------------------------------------------------------------

    def speak_focus(self) -> None:
        session = self.session
        if session is not None and session.sentence is not None:
            self.synthesize_audio(session.sentence.text, session.index)
            self.prefetch(session.text_id, session.index)

    def _folder(self) -> Path:
        """Where the text's audio is kept (worked out on the UI thread, from the session)."""

        return audio_dir(self.session.info.source if self.session else None)

    def synthesize_audio(self, text: str, sentence_idx: int | None) -> None:
        """Speak ``text`` (the focused sentence ``sentence_idx``, or a word)."""
        self._synthesize(text, sentence_idx, self.speech_settings(), self._folder())

    @work(thread=True, exclusive=True, group="speech", exit_on_error=False)
    def _synthesize(
        self, text: str, sentence_idx: int | None, settings: SpeechSettings, folder: Path
    ) -> None:
        # lazy: speech loads gTTS, requests and miniaudio (~0.2 s)
        from reader.speech import synthesize

        try:
            result = synthesize(text, settings, self.sentences_app.db_path, folder)
        except Exception as exc:
            self.post_message(AudioFailed(log_failure(exc, "synthesize audio")))
            return
        if cancelled():  # another sentence or word asked since: it plays instead
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

    def prefetch(self, text_id: int, after: int) -> None:
        """Synthesize the next sentences ahead, so they start without waiting for the network."""
        self._prefetch(text_id, after, self.speech_settings(), self._folder())

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def _prefetch(self, text_id: int, after: int, settings: SpeechSettings, folder: Path) -> None:
        # lazy: speech loads gTTS, requests and miniaudio (~0.2 s)
        from reader.speech import prerender

        cancelled = WorkerCancelled(get_current_worker())
        try:
            # the audio cache's rows are written here, not by the writer (see docs/storage.md)
            with worker_db(self.sentences_app.db_path) as db:
                rows = sentences_between(db, text_id, after + 1, after + PREFETCH)
                prerender([r.text for r in rows], settings, db, folder, cancel=cancelled)
        except Exception:  # prefetch is a courtesy: playback reports real failures
            return

    def on_audio_ready(self, message: AudioReady) -> None:
        if message.fell_back and not self._fallback_told:
            self._fallback_told = True
            self.notify(
                f"The online voice is unavailable: {message.reason}. Using the offline voice.",
                severity="warning",
                timeout=6,
                markup=False,
            )
        self.start_playback(message.path, message.speed, message.sentence_idx)

    @work(thread=True, exclusive=True, group="player", exit_on_error=False)
    def start_playback(self, path: str, speed: float, sentence_idx: int | None) -> None:
        from reader.speech.device import AudioUnavailable  # lazy: miniaudio's C library (~0.08 s)

        app = self.sentences_app
        try:
            player = app.ensure_player()
            player.play(path, speed=speed, on_done=self._done(sentence_idx))
        except AudioUnavailable:
            self.post_message(AudioFailed(f"No sound device found; the audio was saved to {path}"))
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
        session.mark_read()  # heard through: read
        if session.move(1):
            self.post_message(self.Moved())
            self.speak_focus()
        else:
            self.listening = False
            self.notify("End of the text.", timeout=2)

    def on_audio_failed(self, message: AudioFailed) -> None:
        self.listening = False
        self.post_message(self.Stopped())
        self.notify(message.error, title="No audio", severity="error", timeout=8, markup=False)
