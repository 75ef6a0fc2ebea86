"""The stats, study-list and concordance screens, driven with the pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from _pilot import SIZE, reading, settle
from textual.widgets import DataTable, Static
from textual_plotext import PlotextPlot

from reader.learn.progress import log_read
from reader.learn.reading_log import mark_read
from reader.learn.status import KNOWN, get_term, set_status
from reader.store import open_db
from reader.text.importer import import_text
from reader.text.load import Loaded
from reader.ui.app import make_app
from reader.ui.screens.concordance import ConcordanceScreen
from reader.ui.screens.stats import StatsScreen
from reader.ui.screens.study import StudyScreen


async def test_stats_on_an_empty_data_home_say_why_without_plots(db_path: Path) -> None:
    app = make_app(db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        assert isinstance(app.screen, StatsScreen)
        summary = str(app.screen.query_one("#stats-summary", Static).render())
        assert "Nothing to show yet" in summary
        assert not any(p.display and p.region.height for p in app.screen.query(PlotextPlot))
        await pilot.press("escape")
        assert not isinstance(app.screen, StatsScreen)


async def test_stats_plot_the_reading(db_path: Path, seed_id: int) -> None:
    db = open_db(db_path)
    for (sid,) in db.execute("SELECT id FROM sentences ORDER BY idx LIMIT 5").fetchall():
        log_read(db, seed_id, sid)
        mark_read(db, seed_id, sid)
    set_status(db, "coalition", KNOWN)
    db.close()
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("S")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StatsScreen) and screen.stats is not None
        summary = str(screen.query_one("#stats-summary", Static).render())
        assert "Known 1" in summary and "5 sentences read" in summary and "Streak 1 day" in summary
        assert "vocabulary ≈" in summary and "…" not in summary.split("vocabulary ≈")[1][:3]
        plots = list(screen.query(PlotextPlot))
        shown = [p for p in plots if p.display]
        # no reviews yet, and five sentences read in a second: no empty frames for those
        assert len(plots) == 4 and [p.id for p in shown] == ["plot-known", "plot-read"]
        assert all(p.region.height > 5 for p in shown)


async def test_stats_counted_ahead_show_at_once_and_are_counted_again_when_the_logs_move(
    db_path: Path, seed_id: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reader.learn import stats as stats_module

    db = open_db(db_path)
    sentences = [r[0] for r in db.execute("SELECT id FROM sentences ORDER BY idx LIMIT 6")]
    for sid in sentences[:5]:
        mark_read(db, seed_id, sid)
    counts: list[int] = []
    real = stats_module.compute

    def counting(*args: object, **kwargs: object) -> object:
        result = real(*args, **kwargs)  # type: ignore[arg-type]
        counts.append(result.sentences_read)
        return result

    monkeypatch.setattr(stats_module, "compute", counting)
    monkeypatch.setattr("reader.ui.app.compute", counting)
    monkeypatch.setattr("reader.ui.screens.stats.compute", counting)
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert counts == [5]  # counted ahead, when the app started
        await pilot.press("S")
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        summary = str(screen.query_one("#stats-summary", Static).render())
        assert "5 sentences read" in summary  # in the first frame, before any worker ran
        await settle(app, pilot)
        assert counts == [5]  # nothing moved: not counted again
        await pilot.press("escape")
        mark_read(db, seed_id, sentences[5])
        await pilot.press("S")
        await settle(app, pilot)
        summary = str(app.screen.query_one("#stats-summary", Static).render())
        # counted again: the figures but the words first, then all of them
        assert counts == [5, 6, 6] and "6 sentences read" in summary and "… words" not in summary
    db.close()


async def test_the_study_list_marks_ticked_words_at_once(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    app = make_app(db_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("L")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, StudyScreen)
        first, second = screen.items[0].lemma, screen.items[1].lemma
        await pilot.press("space", "space", "k")
        await settle(app, pilot)
        assert first not in {i.lemma for i in screen.items}
        await pilot.press("escape")
    db = open_db(db_path)
    assert get_term(db, first).status == KNOWN and get_term(db, second).status == KNOWN
    db.close()


async def test_the_concordance_goes_to_a_sentence_of_another_text(
    db_path: Path, seed_id: int, mini_wordnet: Path
) -> None:
    db = open_db(db_path)
    other = import_text(db, Loaded("Other", "A dog. A coalition of cats met. The end.", None))
    db.close()
    app = make_app(db_path, target=seed_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = reading(app)
        assert screen.session is not None
        while screen.session.current_unit is not None and (
            screen.session.current_unit.key != "coalition"
        ):
            await pilot.press("right")
        await pilot.press("f")
        await settle(app, pilot)
        assert isinstance(app.screen, ConcordanceScreen)
        table = app.screen.query_one(DataTable)
        assert table.row_count == 3  # twice in the seed, once in the other text
        await pilot.press("down", "down", "enter")
        await settle(app, pilot)
        landed = reading(app)
        assert landed.text_id == other.text_id
        assert landed.session is not None and landed.session.index == 1


def test_a_first_day_is_one_bar_among_a_week() -> None:
    """A learner's first day alone would be one bar the plot's whole width (seen in tmux)."""
    from datetime import date, timedelta

    from reader.learn.stats import Stats
    from reader.ui.screens.stats import axis

    today = date.today()
    first_day = Stats(since=None, sentences_read=7, read_by_day=[(today.isoformat(), 7, 111)])
    days = axis(first_day)
    assert len(days) == 7 and days[-1] == today.isoformat()
    long_ago = (today - timedelta(days=20)).isoformat()
    a_while = Stats(since=None, sentences_read=7, read_by_day=[(long_ago, 7, 111)])
    assert axis(a_while)[0] == long_ago and len(axis(a_while)) == 21
