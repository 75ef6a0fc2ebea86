"""How fast the views over a library answer: a text's study list, the concordance, the stats.

The library is War and Peace, Sherlock Holmes, Pride and Prejudice and the seed article
(``../shared/corpus``), with the 3,000 most frequent lemmas known and a month of SIMULATED
reading and reviews (scripts/simulate_history.py). Targets (issue 21): study list of War and
Peace under 100 ms (once its multi-word terms are counted: a text's first list counts them,
timed once and printed apart), a common word's concordance under 50 ms, the stats screen's
first frame (with its figures; the plots follow in the next frame) under 200 ms. Each is timed
``--runs`` times; the median and the slowest are printed.

The stats screen is timed from the key S to the moment the frame with the figures has been
drawn (the screen notes it after that refresh), and to the one with the plots: with the
figures the app counted ahead (nothing read or marked since), and as when the logs moved since
(the screen counts them before it can show them). Waiting on
``pilot.press`` instead, as this bench did first, waits until the app is idle: after the plots
too. Both are printed.

    .venv/bin/python bench/insight.py [--runs 20] [--home DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"
BOOKS = [
    CORPUS / "war_and_peace_2600-0.txt",
    CORPUS / "sherlock_holmes_adventures_1661-0.txt",
    CORPUS / "pride_and_prejudice_1342-0.txt",
    REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt",
]
WORDS = ["the", "man", "went", "prince", "take over"]


def timed(label: str, runs: int, fn: object) -> None:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()  # type: ignore[operator]
        times.append((time.perf_counter() - started) * 1000)
    print(f"  {label:<44} median {statistics.median(times):7.1f} ms   max {max(times):7.1f} ms"
          f"   {result}")  # fmt: skip


async def stats_first_frame(
    db_path: Path, runs: int, ahead: bool = True
) -> tuple[list[float], list[float], list[float]]:
    """From the key S to the frame drawn with the figures, to the one with the plots, and to
    the app being idle (what ``pilot.press`` waits for). ``ahead``: with the figures the app
    counted ahead (nothing moved since); else as when the logs moved since (the screen counts
    them first)."""
    from reader.ui.app import make_app
    from reader.ui.screens.stats import StatsScreen

    app = make_app(db_path)
    figures, plots, idle = [], [], []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(runs):
            if not ahead:
                app.stats_counted = None
            started = time.perf_counter()
            press = asyncio.create_task(pilot.press("S"))
            while not (isinstance(app.screen, StatsScreen) and app.screen.plots_at is not None):
                await asyncio.sleep(0.001)
            screen = app.screen
            assert screen.figures_at is not None and screen.plots_at is not None
            figures.append((screen.figures_at - started) * 1000)
            plots.append((screen.plots_at - started) * 1000)
            await press
            idle.append((time.perf_counter() - started) * 1000)
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
    return figures, plots, idle


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--home", type=Path, help="reuse (or keep) the library here")
    args = parser.parse_args()
    missing = [b for b in BOOKS if not b.exists()]
    if missing:
        sys.exit(f"missing: {', '.join(map(str, missing))} (the shared corpus)")
    print(f"load average: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        home = args.home or Path(tmp)
        db_path = home / "reader.db"
        if not db_path.exists():
            started = time.perf_counter()
            subprocess.run([sys.executable, str(REPO / "scripts" / "simulate_history.py"),
                            "--home", str(home), *map(str, BOOKS)], check=True)  # fmt: skip
            sentences = Path(sys.executable).parent / "sentences"
            subprocess.run([str(sentences), "--home", str(home), "known", "--top", "3000"],
                           check=True, capture_output=True)  # fmt: skip
            # WordNet and the idiom list: the phrases a study list ranks with the words.
            subprocess.run([str(sentences), "--home", str(home), "setup"],
                           check=True, capture_output=True)  # fmt: skip
            print(f"library built in {time.perf_counter() - started:.0f} s")
        os.environ["SENTENCES_HOME"] = str(home)
        os.environ["SENTENCES_FIRST_RUN"] = "0"
        from reader.learn.concordance import find
        from reader.learn.stats import compute
        from reader.learn.study import study_list
        from reader.store import open_db

        db = open_db(db_path)
        war = int(db.execute("SELECT id FROM texts ORDER BY sentence_count DESC").fetchone()[0])
        with db.conn:  # the text's multi-word terms counted again, as after a new dictionary
            db.execute("DELETE FROM phrase_counts WHERE text_id = ?", (war,))
        started = time.perf_counter()
        study_list(db, war)  # also loads wordfreq's tables once, as the running reader has them
        print(f"study list of War and Peace, its phrases counted (once per text and phrase set): "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        find(db, "went")  # the tagger's model, likewise
        print(f"study list of War and Peace (text {war}), top 100:")
        timed("study_list", args.runs, lambda: f"{len(study_list(db, war))} rows")
        print("concordance (first 100 sentences, and the total):")
        for word in WORDS:
            timed(f"find {word!r}", args.runs,
                  lambda w=word: f"{find(db, w).total:,} sentences")  # fmt: skip
        print("stats:")
        timed("compute (figures, no estimate)", args.runs,
              lambda: f"{compute(db, estimate=False).sentences_read:,} read")  # fmt: skip
        db.close()
        labels = ("the frame drawn with figures", "the frame drawn with plots",
                  "idle (pilot.press returns)")  # fmt: skip
        for ahead, how in ((True, "figures counted ahead, nothing moved since"),
                           (False, "the logs moved since: the screen counts first")):  # fmt: skip
            frames = asyncio.run(stats_first_frame(db_path, max(5, args.runs // 4), ahead))
            print(f"stats screen ({how}):")
            for label, times in zip(labels, frames, strict=True):
                print(f"  {'key S to ' + label:<52} median "
                      f"{statistics.median(times):7.1f} ms   max {max(times):7.1f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
