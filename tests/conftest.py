"""Shared fixtures: every test runs against its own data home, never the learner's real one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlite_utils
from _paths import MINI_WORDNET, SEED
from hypothesis import settings

from reader.store import open_db

# Property tests check what happens, not how fast: on a busy 2-core CI machine one example can
# take longer than Hypothesis's default 200 ms deadline, which would fail a correct run.
settings.register_profile("sentences", deadline=None)
settings.load_profile("sentences")


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh data home and audio directory for each test."""
    data = tmp_path / "home"
    monkeypatch.setenv("SENTENCES_HOME", str(data))
    monkeypatch.setenv("SENTENCES_AUDIO_DIR", str(data / "audio"))
    monkeypatch.setenv("SENTENCES_AUDIO_BACKEND", "null")
    monkeypatch.setenv("SENTENCES_FIRST_RUN", "0")  # tests/test_ui_first_run.py asks them
    from reader.config import load_config

    load_config.cache_clear()
    return data


@pytest.fixture(autouse=True)
def text_senses_in_the_foreground(monkeypatch: pytest.MonkeyPatch) -> None:
    """No worker ranks a whole text behind a test's back: a screen drawn must not depend on how
    fast a thread ran. Tests of that worker turn it back on."""
    from reader.learn import text_senses

    monkeypatch.setattr(text_senses, "BACKGROUND", False)


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the network: an Internet socket connection fails the test loudly."""
    import socket

    real_connect = socket.socket.connect

    def connect(self: socket.socket, address: object) -> None:
        if self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"a test tried to reach the network: {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", connect)


@pytest.fixture
def mini_wordnet(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the lexicon at the small WordNet in tests/data only, for stable glosses."""
    import reader.lexicon.wordnet as wordnet

    monkeypatch.setattr(wordnet, "wordnet_dirs", lambda: [MINI_WORDNET])
    return MINI_WORDNET


@pytest.fixture
def no_wordnet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import reader.lexicon.wordnet as wordnet

    monkeypatch.setattr(wordnet, "wordnet_dirs", lambda: [tmp_path / "nowhere"])


@pytest.fixture
def db_path(home: Path) -> Path:
    return home / "reader.db"


@pytest.fixture
def db(db_path: Path) -> Iterator[sqlite_utils.Database]:
    database = open_db(db_path)
    yield database
    database.close()


@pytest.fixture
def worker_db(db_path: Path) -> Iterator[sqlite_utils.Database]:
    """A worker's own connection to the same database (read-ahead, entry lookups)."""
    database = open_db(db_path, migrate_schema=False)
    yield database
    database.close()


@pytest.fixture
def lexicon(db: sqlite_utils.Database, mini_wordnet: Path) -> sqlite_utils.Database:
    """``db`` with the lexicon built from the mini WordNet (the seed's words)."""
    from reader.lexicon.builtin import ensure_lexicon

    ensure_lexicon(db)
    return db


@pytest.fixture
def fresh_db() -> Iterator[sqlite_utils.Database]:
    database = open_db(":memory:")
    yield database
    database.close()


@pytest.fixture
def seed_id(db: sqlite_utils.Database) -> int:
    """The seed article, imported."""
    from reader.text.importer import import_text
    from reader.text.load import load_path

    return import_text(db, load_path(SEED)).text_id
