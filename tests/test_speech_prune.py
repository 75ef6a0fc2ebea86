"""Shrinking the audio cache: the least recently heard files go first, with their index rows."""

from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils
from click.testing import CliRunner

from reader.cli import main
from reader.speech import cache
from reader.speech.prune import prune
from reader.store.db import open_db


def _cached(db: sqlite_utils.Database, root: Path, text: str, size: int, age: int) -> Path:
    entry = cache.CacheEntry("espeak", "en-us", "en", text)
    path = root / entry.relpath
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\xff" * size)
    cache.record(db, root, entry)
    os.utime(path, (1_000_000 - age, 1_000_000 - age))  # older with age
    return path


def test_least_recently_used_go_first(tmp_path: Path) -> None:
    db = open_db(tmp_path / "reader.db")
    home, repo = tmp_path / "home-audio", tmp_path / "repo-audio"
    old = _cached(db, home, "old", 400, age=300)
    heard = _cached(db, repo, "heard again", 400, age=200)
    new = _cached(db, home, "new", 400, age=100)
    cache.find(db, repo, cache.CacheEntry("espeak", "en-us", "en", "heard again"))  # a replay
    stray = home / "ab" / "notes.txt"  # not the cache's: never touched
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_text("mine")

    report = prune(db, [home, repo], max_bytes=900)
    assert (report.removed, report.freed, report.kept) == (1, 400, 800)
    assert not old.exists() and heard.exists() and new.exists() and stray.exists()
    assert {r["text"] for r in db["audio"].rows} == {"heard again", "new"}

    assert prune(db, [home, repo], max_bytes=0).removed == 2
    assert db.execute("SELECT COUNT(*) FROM audio").fetchone()[0] == 0
    assert not old.parent.exists() or any(old.parent.iterdir())  # empty folders go too


def test_cli_prune_and_its_usage_error(home: Path) -> None:
    runner = CliRunner(mix_stderr=False)
    db = open_db(home / "reader.db")
    _cached(db, home / "audio", "one", 2_000_000, age=10)
    result = runner.invoke(main, ["audio", "--prune", "1"])
    assert result.exit_code == 0 and result.stdout.startswith("removed 1 audio files (2.0 MB)")
    result = runner.invoke(main, ["audio"])
    assert result.exit_code == 1 and "--text ID or --prune MB" in result.stderr
