"""Messages that workers post back to the screens: small, and nothing but data."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message


@dataclass
class Progress(Message):
    """Long work moved on: ``stage`` (a short label), ``done`` of ``total``."""

    stage: str
    done: int
    total: int


@dataclass
class ImportFinished(Message):
    text_id: int


@dataclass
class WorkFailed(Message):
    """Background work failed; ``error`` is one line fit for the screen."""

    error: str


@dataclass
class ExportFinished(Message):
    """Flashcards were written to ``path``; ``summary`` says what went in, in one line."""

    path: str
    summary: str
    warnings: list[str]


@dataclass
class LexiconReady(Message):
    """The gloss sources are usable (``note`` says what happened, or what is missing)."""

    available: bool
    note: str


@dataclass
class TextsLoaded(Message):
    texts: list[object]


@dataclass
class AudioReady(Message):
    """Audio for ``sentence_idx`` (or a word, when ``sentence_idx`` is None) is on disk."""

    path: str
    speed: float
    sentence_idx: int | None
    fell_back: bool
    reason: str


@dataclass
class AudioFinished(Message):
    """The player reached the end of the audio it was given."""

    sentence_idx: int | None


@dataclass
class AudioFailed(Message):
    error: str


@dataclass
class PhrasesReady(Message):
    phrases: object


@dataclass
class SensesReady(Message):
    """The whole text's evidence for ranking senses is built (:mod:`reader.learn.text_senses`)."""

    text_id: int


@dataclass
class CatchingUp(Message):
    """The background catch-up (:mod:`reader.learn.after_import`) did ``done`` of ``total``
    texts for its pass ``name``; ``total == 0``: it has finished."""

    name: str
    done: int
    total: int


@dataclass
class MetCounted(Message):
    """How often the library has term ``key`` is counted (``app.met_counts``)."""

    key: str


@dataclass
class SearchFound(Message):
    """A search of the text found ``query`` in sentence ``index`` (None: nowhere)."""

    query: str
    index: int | None


@dataclass
class FirstRunNeeded(Message):
    """The first-run questions to ask, by name (see reader.ui.screens.first_run)."""

    steps: list[str]


@dataclass
class FirstRunApplied(Message):
    """An answer was acted on; ``note`` tells the learner what changed ("" for nothing)."""

    note: str


@dataclass
class WriteFailed(Message):
    """A write from a screen did not land: ``error`` is one line; ``kept`` if it will be retried."""

    error: str
    kept: bool


@dataclass
class WriteRecovered(Message):
    """A write that was kept after failing has now been saved."""

    label: str


@dataclass
class DebugLog(Message):
    """An error logged, with its traceback, shown on screen with ``SENTENCES_DEBUG=1``."""

    text: str


@dataclass
class SessionLoaded(Message):
    """The reading session was loaded in a worker (``session`` is a ReadingSession)."""

    session: object


@dataclass
class SentenceReadAhead(Message):
    """The next sentence was read ahead in a worker (``ahead``: reader.learn.read_ahead.Ahead),
    and its page drawn (``page``: the settings it was drawn with, and the page)."""

    ahead: object
    page: object


@dataclass
class TranslationReady(Message):
    """A machine translation of a sentence (``index``) or a word (``text``), or why there is none
    (``translation`` None, ``error`` one line, ``network`` when offline or rate-limited)."""

    kind: str
    index: int | None
    text: str
    translation: str | None
    error: str
    network: bool


@dataclass
class ReviewLoaded(Message):
    """The review session's cards (a ``reader.learn.schedule.Queue``) and the learner's own
    translations of their sentences, by card id."""

    queue: object
    translations: dict[int, str]


@dataclass
class ReviewFinished(Message):
    """Figures for the end-of-session summary: when the next card is due, how many are due now."""

    next_due: str | None
    due_now: int


@dataclass
class CardsDue(Message):
    """How many review cards are due (the library's note)."""

    count: int
