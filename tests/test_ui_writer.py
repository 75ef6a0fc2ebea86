"""The reading screen while another program holds the database's write lock: keys never wait.

These are real locks (a second connection in ``BEGIN IMMEDIATE``), not patched functions: the
reader must answer every key while the lock is held, and save what the learner did once it is
released.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from pathlib import Path

from _pilot import SIZE, reading, settle
from textual.widgets import Static

from reader.learn.progress import get_position
from reader.learn.status import KNOWN, get_term
from reader.store import open_db
from reader.ui.app import SentencesApp, make_app


class LockHolder:
    """Another process's write lock, held on a thread until :meth:`release`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.held = threading.Event()
        self._release = threading.Event()
        self.released = threading.Event()
        self._thread = threading.Thread(target=self._hold, daemon=True)

    def _hold(self) -> None:
        conn = sqlite3.connect(str(self.path), isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        self.held.set()
        self._release.wait(30)
        conn.execute("COMMIT")
        conn.close()
        self.released.set()

    def __enter__(self) -> LockHolder:
        self._thread.start()
        self.held.wait(5)
        return self

    def release(self) -> None:
        self._release.set()
        self._thread.join(10)

    def __exit__(self, *exc: object) -> None:
        self.release()


def quick_retries(app: SentencesApp) -> None:
    app.writer.retry_pauses = (0.05,)
    app.writer.kept_retry_every = 0.1
    app.writer.busy_timeout_ms = 100


def read_events(path: Path, text_id: int) -> list[int]:
    check = open_db(path)
    try:
        rows = check.execute(
            "SELECT s.idx FROM events e JOIN sentences s ON s.id = e.sentence_id "
            "WHERE e.kind = 'read' AND e.text_id = ? ORDER BY e.id",
            (text_id,),
        )
        return [int(r[0]) for r in rows]
    finally:
        check.close()


async def test_keys_answer_while_another_program_holds_the_lock(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        assert screen.session is not None
        with LockHolder(db_path) as lock:
            await pilot.press("down", "down", "down")
            await pilot.press("right", "k")
            # Answered while the lock is still held (on main as it was, each key waited up to
            # the 5 s busy timeout and then failed).
            assert screen.session.index == 3
            assert "Sentence 4 of" in str(screen.query_one("#position", Static).render())
            word = screen.session.current_unit
            assert word is not None and screen.session.state_of_key(word.key).status == KNOWN
            assert not lock.released.is_set()
            assert app.writer.pending > 0
        assert await asyncio.to_thread(app.writer.flush, 15)
        check = open_db(db_path)
        assert get_position(check, seed_id) == 3
        assert get_term(check, word.key).status == KNOWN
        check.close()
        assert read_events(db_path, seed_id) == [0, 1, 2, 3]


async def test_a_long_lock_is_shown_once_and_the_writes_land_after_it(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    quick_retries(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        with LockHolder(db_path):
            await pilot.press("down")
            for _ in range(100):  # the retries run out: one message
                await asyncio.sleep(0.05)
                if any("busy" in n.message for n in app._notifications):
                    break
            await pilot.press("down", "down", "m")
            await asyncio.sleep(0.5)  # the kept write is retried many times meanwhile
            shown = [n for n in app._notifications if "busy" in n.message]
            assert len(shown) == 1 and shown[0].title == "Not saved yet"
            assert reading(app).session.index == 3  # type: ignore[union-attr]
        assert await asyncio.to_thread(app.writer.flush, 15)
        await pilot.pause()
        assert any(n.message.startswith("Saved now") for n in app._notifications)
    check = open_db(db_path)
    assert get_position(check, seed_id) == 3
    mark = check.execute("SELECT mark FROM sentence_marks").fetchall()
    assert mark == [("understood",)]
    check.close()
    assert read_events(db_path, seed_id) == [0, 1, 2, 3]


async def test_quitting_waits_for_the_writes(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path, target=seed_id)
    quick_retries(app)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        with LockHolder(db_path):
            await pilot.press("down", "down", "q")
            await asyncio.sleep(0.3)
            assert not app._exit  # still saving
            assert any(n.message.startswith("Saving") for n in app._notifications)
        for _ in range(200):
            if app._exit:
                break
            await asyncio.sleep(0.05)
        assert app._exit  # quit by itself once the writes landed
    assert app.unsaved == []
    check = open_db(db_path)
    assert get_position(check, seed_id) == 2
    check.close()


async def test_opening_a_text_does_not_wait_for_the_lock(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    """The session loads in a worker, and its first position write goes to the writer."""
    app = make_app(db_path, target=seed_id)
    with LockHolder(db_path):
        async with app.run_test(size=SIZE) as pilot:
            await settle(app, pilot)
            screen = reading(app)
            assert screen.session is not None and screen.session.index == 0
            await pilot.press("down")
            assert screen.session.index == 1
            app.writer.busy_timeout_ms = 100
            app.close_timeout = 0.5
    # The app closed while the lock was held: what it could not save is named, not lost silently.
    assert app.unsaved
