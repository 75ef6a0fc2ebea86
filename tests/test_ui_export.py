"""Pilot tests of the export action: ``x`` and the command palette on the reading screen."""

from __future__ import annotations

import zipfile
from pathlib import Path

from _pilot import SIZE, reading, settle
from _require import require_program

from reader.config import Config
from reader.export.run import default_path
from reader.store import open_db
from reader.ui.app import make_app
from reader.ui.screens.exporting import ExportScreen


def _notes(app: object) -> list[str]:
    return [n.message for n in app._notifications]  # type: ignore[attr-defined]


async def test_x_exports_what_was_just_marked_with_its_audio(
    db_path: Path, seed_id: int, mini_wordnet: Path, home: Path
) -> None:
    require_program("espeak-ng")
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("right", "2")  # a word of the title: learning, written by the writer
        key = reading(app).session.current_unit.key  # type: ignore[union-attr]
        await pilot.press("x")  # the modal shows progress; it closes when the file is written
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportScreen)
        out = default_path("anki", home / "exports")
        assert out.exists(), _notes(app)
        assert any("1 terms, 2 notes, 1 audio file" in n for n in _notes(app)), _notes(app)
    with zipfile.ZipFile(out) as package:
        names = package.namelist()
        assert "media" in names and len(names) == 3  # collection, media map, one sound
    db = open_db(db_path)
    assert db.execute("SELECT kind, terms FROM exports").fetchall() == [("anki", 1)]
    assert db.execute("SELECT term_key FROM export_notes").fetchall() == [(key,)]
    db.close()


async def test_nothing_to_export_is_said_on_screen(
    db_path: Path, seed_id: int, mini_wordnet: Path, home: Path
) -> None:
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert any(n.startswith("nothing to export") for n in _notes(app)), _notes(app)
        assert not list((home / "exports").glob("*.apkg"))


async def test_the_command_palette_offers_the_exports(
    db_path: Path, seed_id: int, mini_wordnet: Path, home: Path
) -> None:
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("right", "1")
        await pilot.press("ctrl+p")
        await pilot.press(*"export flashcards csv")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        out = default_path("csv", home / "exports")
        assert out.exists(), _notes(app)
        assert out.read_text(encoding="utf-8").startswith('"GUID","Term","Lemma"')


async def test_escape_cancels_and_leaves_no_file(
    db_path: Path, seed_id: int, mini_wordnet: Path, home: Path, monkeypatch: object
) -> None:
    import threading

    import reader.export.run as run
    from reader.export import ExportCancelled

    started = threading.Event()

    def slow_audio(*args: object, cancel: threading.Event | None = None) -> int:
        started.set()
        cancel = cancel or args[-1]  # type: ignore[assignment]
        assert isinstance(cancel, threading.Event) and cancel.wait(10), "not cancelled"
        raise ExportCancelled("export cancelled")

    monkeypatch.setattr(run, "attach_audio", slow_audio)  # type: ignore[attr-defined]
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("right", "1", "x")
        for _ in range(100):
            if started.is_set():
                break
            await pilot.pause(0.05)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert "Export cancelled; nothing was written." in _notes(app)
    assert not list((home / "exports").iterdir())


async def test_ctrl_e_exports_from_the_review_screen(
    db_path: Path, seed_id: int, mini_wordnet: Path, home: Path
) -> None:
    from reader.learn.status import set_status
    from reader.ui.screens.review import ReviewScreen

    db = open_db(db_path)
    set_status(db, "coalition", 1)
    db.close()
    app = make_app(db_path, target=seed_id, config=Config(speech_engine="espeak"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("R")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("ctrl+e")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)  # the modal closed when the file was written
        assert default_path("anki", home / "exports").exists(), _notes(app)
