"""The stats screen: known words over time, reading and reviews per day, the streak.

Everything is counted in a worker (:func:`reader.learn.stats.compute`): ahead by the app (when
it starts, and each time this screen counts), so the first frame has the figures, and again
when the screen opens if the logs moved since (:func:`reader.learn.stats.history_mark`, a few
milliseconds); without figures ahead it says "Counting…" first. The plots follow in the next
frame, then the vocabulary estimate (it ranks twenty thousand lemmas of the language the first
time, about half a second), kept with the figures. A data home with
nothing recorded shows a sentence saying why instead of empty plot frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from time import perf_counter

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid
from textual.message import Message
from textual.widgets import Footer, Header, Static
from textual_plotext import PlotextPlot

from reader.learn.stats import Stats, compute, history_mark, why_empty
from reader.logs import log_failure
from reader.ui.base import AppScreen, cancelled, worker_db
from reader.ui.messages import WorkFailed
from reader.wording import counted

DAYS_SHOWN = 60  # the plots' span: two months of days, so a day stays a readable bar
WEEK_AT_LEAST = 7  # a first day alone would be one bar the plot's whole width: show a week


class StatsLoaded(Message):
    def __init__(self, stats: Stats, mark: tuple[object, ...] | None = None) -> None:
        super().__init__()
        self.stats = stats
        self.mark = mark


class EstimateLoaded(Message):
    def __init__(self, estimate: int) -> None:
        super().__init__()
        self.estimate = estimate


class StatsScreen(AppScreen[None]):
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", tooltip="Back where you were"),
        Binding("q", "app.pop_screen", "Back", show=False, tooltip="Back where you were"),
    ]
    DEFAULT_CSS = """
    StatsScreen #stats-summary {
        height: auto;
        padding: 0 1;
    }
    StatsScreen Grid {
        grid-size: 2 2;
        grid-gutter: 0 1;
    }
    StatsScreen Grid.empty {
        display: none;
    }
    """

    stats: Stats | None = None
    mark: tuple[object, ...] | None = None  # of the logs the figures shown were counted from
    plotted = False  # the plots are drawn
    # perf_counter() once the frame with the figures, then the one with the plots, was drawn
    # (bench/insight.py times the screen by them; pilot.press would wait for the plots too).
    figures_at: float | None = None
    plots_at: float | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("Counting…", id="stats-summary", markup=False)
        with Grid(classes="empty"):
            for name in ("known", "read", "reviews", "minutes"):
                yield PlotextPlot(id=f"plot-{name}")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Sentences"
        self.sub_title = "Your progress"
        counted_ahead = self.sentences_app.stats_counted
        if counted_ahead is not None:
            # Counted ahead by the app: shown in the first frame, checked by ``load``.
            self.mark, stats = counted_ahead
            self.on_stats_loaded(StatsLoaded(stats))
        self.load()

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def load(self) -> None:
        """Count the figures, unless those shown were counted under the same mark of the logs
        (nothing read, marked or reviewed since)."""
        try:
            with worker_db(self.sentences_app.db_path) as db:
                mark = history_mark(db)
                if mark == self.mark:
                    return
                # The figures but the words first (a few SQL counts), for the next frame;
                # then every figure, with the words of each sentence read.
                quick = compute(db, estimate=False, words=False)
                if cancelled():
                    return
                self.post_message(StatsLoaded(quick))
                stats = compute(db, estimate=False)
        except Exception as exc:
            self.post_message(WorkFailed(f"Cannot count: {log_failure(exc, 'stats')}"))
            return
        self.sentences_app.stats_counted = (mark, stats)
        if not cancelled():
            self.post_message(StatsLoaded(stats, mark))

    @work(thread=True, exclusive=True, group="stats-estimate", exit_on_error=False)
    def estimate(self) -> None:
        """After the first frame: ranking the language's words takes the GIL for a while."""
        from reader.learn.stats import vocabulary_estimate

        try:
            with worker_db(self.sentences_app.db_path) as db:
                self.post_message(EstimateLoaded(vocabulary_estimate(db)))
        except Exception:  # the estimate is a courtesy; the figures above are shown
            return

    def on_work_failed(self, message: WorkFailed) -> None:
        self.query_one("#stats-summary", Static).update(message.error)

    def on_stats_loaded(self, message: StatsLoaded) -> None:
        self.stats = stats = message.stats
        if message.mark is not None:
            self.mark = message.mark
        self._summary()
        self.call_after_refresh(self._figures_drawn)
        if stats.empty:
            self.query_one(Grid).add_class("empty")
            return
        if not stats.words_counted:
            return  # the plots wait for every figure
        # The figures show in the next frame; the plots (plotext draws each in Python, tens of
        # milliseconds) in the one after, then the estimate is counted (once).
        self.call_after_refresh(self._draw_plots)

    def _figures_drawn(self) -> None:
        if self.figures_at is None:  # called after the refresh that drew the figures
            self.figures_at = perf_counter()

    def _draw_plots(self) -> None:
        stats = self.stats
        if stats is None:
            return
        self.query_one(Grid).remove_class("empty")
        self.call_after_refresh(self._plots_drawn)
        self.plotted = True
        days = axis(stats)
        known = carried(days, {d: n for d, n in stats.known_by_day}, _known_before(stats, days))
        self._plot("known", "Known words", days, [(known, "known", False)])
        read = {d: (s, w) for d, s, w in stats.read_by_day}
        self._plot("read", "Read per day", days, [
            ([read.get(d, (0, 0))[0] for d in days], "sentences", True),
            ([read.get(d, (0, 0))[1] for d in days], "words", False),
        ])  # fmt: skip
        reviews = {d: (n, r) for d, n, r in stats.reviews_by_day}
        recalled = [round(reviews[d][1] * 100) if d in reviews else None for d in days]
        self._plot("reviews", "Reviews per day, and % recalled", days, [
            ([reviews.get(d, (0, 0.0))[0] for d in days], "reviews", True),
            (recalled, "% recalled", False),
        ])  # fmt: skip
        minutes = dict(stats.minutes_by_day)
        self._plot("minutes", "Minutes reading per day (active)", days,
                   [([minutes.get(d, 0) for d in days], "minutes", True)])  # fmt: skip

    def _plots_drawn(self) -> None:
        if self.plots_at is None:
            self.plots_at = perf_counter()
        if self.stats is not None and self.stats.vocabulary_estimate is None:
            self.estimate()

    def on_estimate_loaded(self, message: EstimateLoaded) -> None:
        if self.stats is not None:
            self.stats.vocabulary_estimate = message.estimate  # kept with the figures ahead
            self._summary()

    def _summary(self) -> None:
        stats = self.stats
        if stats is None:
            return
        if stats.empty:
            self.query_one("#stats-summary", Static).update(why_empty(stats))
            return
        estimate = stats.vocabulary_estimate
        retention = f", {stats.retention:.0%} recalled" if stats.retention is not None else ""
        lines = [
            f"Known {stats.known:,} · learning {stats.learning:,} · vocabulary ≈ "
            + (f"{estimate:,} words" if estimate is not None else "…"),
            f"Streak {counted(stats.streak, 'day')} · {counted(stats.days_active, 'day')} active"
            f" · {stats.active_minutes:,} min reading in {counted(stats.sessions, 'session')}",
            f"{counted(stats.sentences_read, 'sentence')} read "
            f"({counted(stats.words_read, 'word') if stats.words_counted else '… words'})"
            f" · {counted(stats.reviews, 'review')}{retention} · "
            f"{f'{stats.new_seen:,}' if stats.words_counted else '…'} words met still new",
        ]
        self.query_one("#stats-summary", Static).update("\n".join(lines))

    def _plot(
        self,
        name: str,
        title: str,
        days: list[str],
        series: Sequence[tuple[Sequence[int | None], str, bool]],
    ) -> None:
        """Bars (``True``) or a line per series; a second series goes on the right axis."""
        widget = self.query_one(f"#plot-{name}", PlotextPlot)
        plt = widget.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        # Nothing recorded of this kind (no reviews yet): no empty frame.
        widget.display = any(v for values, *_ in series for v in values)
        for number, (values, label, bars) in enumerate(series):
            side = "right" if number else "left"
            points = [(x, v) for x, v in enumerate(values) if v is not None]
            if not points:
                continue  # plotext's legend fails on a series without points
            xs, ys = [p[0] for p in points], [p[1] for p in points]
            if bars:
                plt.bar(xs, ys, label=label, width=0.6, yside=side)
            else:
                plt.plot(xs, ys, label=label, marker="braille", yside=side)
        step = max(1, len(days) // 5)
        plt.xticks(list(range(0, len(days), step)), [d[5:] for d in days[::step]])
        widget.refresh()


def axis(stats: Stats) -> list[str]:
    """Every day from the first with something recorded (at most :data:`DAYS_SHOWN` back, at
    least :data:`WEEK_AT_LEAST`) to today, so a day off shows as a gap and the streak can be
    seen, and a learner's first day is one bar among a week's, not a wall."""
    recorded = [d for d, *_ in stats.known_by_day + stats.read_by_day + stats.reviews_by_day]
    recorded += [d for d, _ in stats.minutes_by_day]
    today = date.today()
    first = max(min(date.fromisoformat(d) for d in recorded),
                today - timedelta(days=DAYS_SHOWN - 1)) if recorded else today  # fmt: skip
    first = min(first, today - timedelta(days=WEEK_AT_LEAST - 1))
    return [(first + timedelta(days=n)).isoformat() for n in range((today - first).days + 1)]


def carried(days: list[str], values: dict[str, int], start: int) -> list[int | None]:
    """A running figure on every day: the last value recorded on or before it."""
    out: list[int | None] = []
    last = start
    for day in days:
        last = values.get(day, last)
        out.append(last)
    return out


def _known_before(stats: Stats, days: list[str]) -> int:
    earlier = [n for d, n in stats.known_by_day if days and d < days[0]]
    return earlier[-1] if earlier else 0
