"""The log: errors shown in one line are kept with their traceback in sentences.log."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from _pilot import SIZE, settle

from reader.logs import BACKUPS, MAX_BYTES, log_failure, setup_logging
from reader.ui.app import make_app


async def test_a_screen_error_is_logged_with_its_traceback(
    db_path: Path, tmp_path: Path, mini_wordnet: Path
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *str(tmp_path / "missing.txt"), "enter")
        await settle(app, pilot)  # the file is read in a worker
        log = db_path.parent / "sentences.log"
        (shown,) = [n.message for n in app._notifications if "missing.txt" in n.message]
        assert f"(details in {log})" in shown  # the learner is told where the log is
        assert "\n" not in shown
        assert not any(n.title == "SENTENCES_DEBUG" for n in app._notifications)
    text = log.read_text(encoding="utf-8")
    assert "Cannot add that file" in text and "Traceback (most recent call last)" in text
    assert "reader/text/load.py" in text  # where it happened


async def test_sentences_debug_shows_the_traceback_on_screen(
    db_path: Path, tmp_path: Path, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SENTENCES_DEBUG", "1")
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("a", *str(tmp_path / "missing.txt"), "enter")
        await settle(app, pilot)
        debug = [n.message for n in app._notifications if n.title == "SENTENCES_DEBUG"]
        assert debug and "Traceback" in debug[0] and "missing.txt" in debug[0]


def test_the_log_stays_a_few_megabytes(tmp_path: Path) -> None:
    path = setup_logging(tmp_path / "home")
    for n in range(3000):
        try:
            raise RuntimeError(f"failure {n} " + "x" * 1000)
        except RuntimeError as exc:
            log_failure(exc, "a test")
    for handler in logging.getLogger("sentences").handlers:
        handler.flush()
    files = sorted(path.parent.glob("sentences.log*"))
    assert [f.name for f in files] == ["sentences.log", "sentences.log.1", "sentences.log.2"]
    assert len(files) == BACKUPS + 1
    assert all(f.stat().st_size <= MAX_BYTES for f in files)
    assert "failure 2999" in path.read_text(encoding="utf-8")


def test_a_command_that_fails_unexpectedly_logs_its_traceback(
    home: Path, mini_wordnet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault of ours in a command: one line on stderr, naming the log, which has the
    traceback. Bad input (a ValueError) stays one line, with nothing logged."""
    from click.testing import CliRunner

    import reader.cli.words
    from reader.cli import main

    def broken(*args: object, **kwargs: object) -> None:
        raise TypeError("'NoneType' object is not subscriptable")

    monkeypatch.setattr(reader.cli.words, "gloss_entry", broken)
    result = CliRunner(mix_stderr=False).invoke(main, ["gloss", "summit"])
    log = home / "sentences.log"
    assert result.exit_code != 0
    assert result.stderr.count("\n") == 1 and f"(details in {log})" in result.stderr
    assert "Traceback" not in result.stderr
    text = log.read_text(encoding="utf-8")
    assert " gloss: 'NoneType' object" in text and "TypeError" in text
    assert "Traceback (most recent call last)" in text and "test_logs.py" in text

    log.unlink()
    result = CliRunner(mix_stderr=False).invoke(main, ["gloss", "!!!"])
    assert result.exit_code != 0 and "details in" not in result.stderr
    assert not log.exists() or "Traceback" not in log.read_text(encoding="utf-8")
