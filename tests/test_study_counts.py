"""A text's phrases are counted before its study list asks: at import, and in the background
catch-up when the set of phrases changed (reader.learn.after_import)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from click.testing import CliRunner

from reader.cli import main as cli
from reader.learn import study_phrases
from reader.learn.after_import import catch_up, main
from reader.learn.status import set_status
from reader.learn.study import study_list
from reader.learn.study_phrases import phrase_set, stale_texts
from reader.lexicon.idioms import ensure_idioms
from reader.text.importer import import_text
from reader.text.load import Loaded
from reader.ui.app import make_app

TEXT = (
    "They broke the ice at once. He will break the ice again. "
    "She took it over. Later he took over the shop."
)


def counted(db: sqlite_utils.Database, text_id: int) -> dict[str, int]:
    return {
        str(k): int(c)
        for k, c in db.execute(
            "SELECT key, count FROM text_phrases WHERE text_id = ?", (text_id,)
        ).fetchall()
    }


def no_counting(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a study list that had to count phrases would fail."""

    def refuse(*args: object) -> None:
        raise AssertionError("the phrases were counted when the study list asked")

    monkeypatch.setattr(study_phrases, "count_phrases", refuse)


def test_importing_counts_the_texts_phrases(
    db: sqlite_utils.Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_idioms(db)
    book = tmp_path / "idioms.txt"
    book.write_text(TEXT, encoding="utf-8")
    result = CliRunner(mix_stderr=False).invoke(cli, ["import", str(book)])
    assert result.exit_code == 0, result.stderr
    (text_id,) = (int(r[0]) for r in db.execute("SELECT id FROM texts").fetchall())
    assert counted(db, text_id)["break the ice"] == 2
    assert stale_texts(db, "en") == []
    no_counting(monkeypatch)
    rows = {i.lemma: i for i in study_list(db, text_id, None)}
    assert rows["break the ice"].count == 2 and rows["at once"].count == 1


def test_the_catch_up_counts_texts_from_before_and_after_the_phrases_changed(
    db: sqlite_utils.Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    ensure_idioms(db)
    text_id = import_text(db, Loaded("Idioms", TEXT, None)).text_id  # no passes: as before
    other = import_text(db, Loaded("Other", "Nothing to see here at once.", None)).text_id
    assert stale_texts(db, "en") == [other, text_id]
    seen: list[tuple[str, int, int]] = []
    assert catch_up(db, "en", lambda *step: seen.append(step)) == 2
    assert seen == [("phrases", 1, 2), ("phrases", 2, 2)]
    assert stale_texts(db, "en") == [] and "take over" not in counted(db, text_id)
    set_status(db, "take over", 0)  # the learner's own phrase: every text is counted again
    assert stale_texts(db, "en") == [other, text_id]
    assert catch_up(db, "en") == 2
    assert counted(db, text_id)["take over"] == 2
    assert catch_up(db, "en") == 0
    no_counting(monkeypatch)
    assert "take over" in {i.lemma for i in study_list(db, text_id, None)}


def test_the_catch_up_process_says_how_far_it_is(
    db: sqlite_utils.Database, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import_text(db, Loaded("Idioms", TEXT, None))
    assert main([str(db_path), "en"]) == 0
    assert capsys.readouterr().out == "phrases 1 1\n"
    assert main([]) == 2


async def test_the_reader_catches_up_in_another_process(
    db: sqlite_utils.Database, db_path: Path
) -> None:
    ensure_idioms(db)
    text_id = import_text(db, Loaded("Idioms", TEXT, None)).text_id
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.workers.wait_for_complete()
        app.catch_up()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.catching_up is None  # finished, and said so
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT phrase_set FROM phrase_counts WHERE text_id = ?", (text_id,))
    assert row.fetchone()[0] == phrase_set(db, "en")
    conn.close()
    assert counted(db, text_id)["break the ice"] == 2


async def test_importing_in_the_reader_counts_the_texts_phrases(
    db: sqlite_utils.Database, db_path: Path, monkeypatch: pytest.MonkeyPatch, no_wordnet: None
) -> None:
    ensure_idioms(db)
    monkeypatch.setattr("reader.ui.app.SentencesApp.catch_up", lambda self: None)  # not that
    app = make_app(db_path, target=Loaded("Idioms", TEXT, None))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause()
    (text_id,) = (int(r[0]) for r in db.execute("SELECT id FROM texts").fetchall())
    assert counted(db, text_id)["break the ice"] == 2 and stale_texts(db, "en") == []
