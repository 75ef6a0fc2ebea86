"""The whole text's say in which sense the reader shows first (issue 18, item 4).

The reader and ``analyze --glosses`` build a text's :class:`~reader.lexicon.senses.discourse.
TextEvidence` with the same code (:func:`evidence_of`): ``analyze`` inline over its document,
the reader once per text, in the background. Ranking every word of a book takes seconds (War
and Peace: see ``bench/senses.py``), so no key ever waits for it: :func:`evidence_for` answers
at once, None until a worker thread with its own connection has built it, and the glosses are
ranked on their sentence alone until then. Import is not slowed either: the pass starts when a
text is first read.

The evidence is kept in memory, per database file and text, for the life of the process; a
text's tokens do not change once imported (a re-import gives a new text id).
"""

from __future__ import annotations

import threading
import time
import weakref
from collections.abc import Callable, Sequence

import sqlite_utils

from reader.learn.texts import TokenRow
from reader.lexicon.senses.discourse import TextEvidence
from reader.lexicon.senses.text_pass import Sentence, text_evidence
from reader.lexicon.wordnet import is_compiled, is_declined
from reader.store.tokens import tokens_from

BACKGROUND = True
"""Build a text's evidence in a worker on first use. Tests that draw screens switch it off so
a frame never depends on how fast a thread ran."""

START_AFTER = 3.0
"""Seconds the worker waits before it starts: opening a book (its first screen, the model's
load) must not share the interpreter with it (Sherlock Holmes's first screen took 1.3 s instead
of 0.4 s when the pass started at once)."""

QUIET = 0.5
"""The worker holds off while the learner moves: until this many seconds after the reader last
asked for a text's evidence (every move does), so a key never shares the interpreter with it."""

LEXICON_PATIENCE = 600.0
"""Seconds the worker waits for the first run's WordNet compile (10-60 s) before it gives up."""

_asked = 0.0
_lock = threading.Lock()
_built: dict[tuple[str, int], TextEvidence] = {}
_started: set[tuple[str, int]] = set()
_listeners: list[Callable[[int], None]] = []


def when_built(listener: Callable[[int], None]) -> Callable[[], None]:
    """Call ``listener(text_id)``, on the worker's thread, whenever a text's evidence has been
    built in the background; returns what stops it. The reader keeps the entries it worked out
    for the sentence on screen (and those read ahead) until the next move, so without this the
    sentence open while the pass ran kept its sentence-only glosses (seen in tmux)."""
    _listeners.append(listener)

    def stop() -> None:
        if listener in _listeners:
            _listeners.remove(listener)

    return stop


def sentence_of(tokens: Sequence[TokenRow]) -> Sentence:
    """A sentence's tokens as the ranker reads them (as ``SenseContext.of_tokens``)."""
    return (
        tuple((t.lemma or "").lower() for t in tokens),
        tuple(t.pos or "X" for t in tokens),
        tuple(t.text or "" for t in tokens),
    )


def evidence_of(
    db: sqlite_utils.Database,
    sentences: Sequence[Sequence[TokenRow]],
    pause: Callable[[], None] | None = None,
) -> TextEvidence:
    """What a text's sentences tell the ranker together."""
    return text_evidence(db, [sentence_of(tokens) for tokens in sentences], pause)


def evidence_for(db: sqlite_utils.Database, text_id: int) -> TextEvidence | None:
    """The text's evidence if it is built; else None, and (once) a worker starts building it.
    Costs a dictionary lookup: safe on any thread."""
    global _asked
    _asked = time.monotonic()
    key = (_file_of(db), text_id)
    with _lock:
        found = _built.get(key)
        if found is not None or key in _started or not key[0] or not BACKGROUND:
            return found
        _started.add(key)
    threading.Thread(target=_build_apart, args=key, name="text-senses", daemon=True).start()
    return None


def evidence_built(db: sqlite_utils.Database, text_id: int) -> TextEvidence | None:
    """The text's evidence if this process has built it, and never a build started: a card
    made from the reader is ranked as the reader showed the word (the writer's thread asks,
    in the reader's process), and a command that makes cards does not start a book's pass."""
    with _lock:
        return _built.get((_file_of(db), text_id))


def build(
    db: sqlite_utils.Database, text_id: int, pause: Callable[[], None] | None = None
) -> TextEvidence:
    """Build the text's evidence on ``db`` now (the worker's way; tests and benches call it)."""
    evidence = evidence_of(db, text_sentences(db, text_id, pause), pause)
    with _lock:
        _built[(_file_of(db), text_id)] = evidence
    return evidence


def text_sentences(
    db: sqlite_utils.Database, text_id: int, pause: Callable[[], None] | None = None
) -> list[list[TokenRow]]:
    """Every sentence's tokens of a text, in order, in one query."""
    rows = db.execute(
        "SELECT k.data, s.text, s.start FROM sentence_tokens k JOIN sentences s "
        "ON s.id = k.sentence_id WHERE s.text_id = ? ORDER BY s.idx",
        (text_id,),
    ).fetchall()
    out: list[list[TokenRow]] = []
    for data, text, start in rows:
        out.append([TokenRow(*t) for t in tokens_from(db.conn, bytes(data), str(text), int(start))])
        if pause is not None:
            pause()
    return out


def _build_apart(path: str, text_id: int) -> None:
    from reader.store.db import open_db  # lazy: only a worker opens its own connection

    time.sleep(START_AFTER)  # the screen being opened comes first
    try:
        db = open_db(path, migrate_schema=False)
    except Exception:  # noqa: BLE001 - the home gone meanwhile: sentences rank alone
        return
    try:
        if not _lexicon_ready(db):
            with _lock:  # no senses to vote with: the next ask after the build starts again
                _started.discard((path, text_id))
            return
        build(db, text_id, _Yield())
    except Exception:  # noqa: BLE001 - a text removed meanwhile: its sentences rank alone
        return
    finally:
        db.close()
    for listener in list(_listeners):
        listener(text_id)


def _lexicon_ready(db: sqlite_utils.Database) -> bool:
    """Wait for WordNet while the first run compiles it (a text opened on a first run is asked
    for at once): evidence built without senses would be kept empty for the process's life, and
    the reader would rank by the sentence alone all along (seen in tmux on a first run)."""
    deadline = time.monotonic() + LEXICON_PATIENCE
    while not is_compiled(db):
        if is_declined(db) or time.monotonic() > deadline:
            return False
        time.sleep(1.0)
    return True


class _Yield:
    """Sleep a moment after every ``WORK`` seconds of ranking, and hold off while the learner
    moves (see ``QUIET``): Python runs one thread at a time, and a key pressed meanwhile must
    find the interpreter free within a frame."""

    WORK = 0.004
    REST = 0.002

    def __init__(self) -> None:
        self.since = time.perf_counter()

    def __call__(self) -> None:
        if time.perf_counter() - self.since < self.WORK:
            return
        time.sleep(self.REST)
        while time.monotonic() - _asked < QUIET:
            time.sleep(QUIET / 5)
        self.since = time.perf_counter()


_files: weakref.WeakKeyDictionary[sqlite_utils.Database, str] = weakref.WeakKeyDictionary()


def _file_of(db: sqlite_utils.Database) -> str:
    """The database's file ("" for one in memory, which no other connection can open); asked
    of each connection once, so a key on the screen's thread runs no query for it."""
    found = _files.get(db)
    if found is None:
        row = db.execute("PRAGMA database_list").fetchone()
        found = _files[db] = str(row[2] or "") if row else ""
    return found
