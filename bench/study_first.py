"""A book's first study list, as a learner meets it: `sentences import` of War and Peace, then at
once `sentences study ID --json` and the study screen (key L in the library), on another build
(``--before REF``, default ``main``, unpacked with ``git archive``) and on this checkout in one run.

Both sides start from the same data home with WordNet and the idiom list set up (the phrases a
study list ranks with the words), copied. For each side: the import's wall time (the process),
the study list's time inside the command (``study_list``, what the 100 ms target is about) and
the command's wall time (Python's start included), the first time and again; then, on a copy of
the home taken right after the import, the screen from the key L to the list shown, the first
time and again. Last, whether both sides give the same list (same words and phrases, same
counts).

    .venv/bin/python bench/study_first.py [BOOK] [--before REF] [--runs 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from git_tree import unpack

REPO = Path(__file__).resolve().parents[1]
DEFAULT = REPO.parent / "shared" / "corpus" / "war_and_peace_2600-0.txt"
CLI = "import sys, time; from reader.cli import main; sys.argv[0] = 'sentences'; main()"
TIMED = """
import json, sys, time
from pathlib import Path
from reader.store import open_db
from reader.learn.study import study_list
from reader.lexicon.frequency import zipf
zipf("warm")  # wordfreq's tables, loaded once per process (the reader has them already)
db = open_db(Path(sys.argv[1]))
times = []
for _ in range(int(sys.argv[3])):
    started = time.perf_counter()
    items = study_list(db, int(sys.argv[2]))
    times.append((time.perf_counter() - started) * 1000)
print(json.dumps({"times": times, "rows": [[i.lemma, i.count, i.first_idx] for i in items]}))
"""


def run(src: Path, args: list[str], **kw: object) -> tuple[float, str]:
    env = dict(os.environ, PYTHONPATH=str(src), SENTENCES_FIRST_RUN="0")
    started = time.perf_counter()
    out = subprocess.run([sys.executable, *args], env=env, cwd=src, check=True,
                         capture_output=True, text=True, **kw)  # type: ignore[call-overload]  # fmt: skip
    return time.perf_counter() - started, str(out.stdout)


async def screen_times(db_path: Path, runs: int) -> list[float]:
    """From the key L on the library's text to the study list shown."""
    from reader.ui.app import make_app
    from reader.ui.screens.study import StudyScreen

    app = make_app(db_path)
    times = []
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        for _ in range(runs):
            started = time.perf_counter()
            press = asyncio.create_task(pilot.press("L"))
            while not (isinstance(app.screen, StudyScreen) and app.screen.items):
                await asyncio.sleep(0.001)
            times.append((time.perf_counter() - started) * 1000)
            await press
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.pause()
    return times


def side(label: str, src: Path, setup_db: Path, book: Path, work: Path, runs: int) -> list[object]:
    home = work / label
    home.mkdir()
    shutil.copy(setup_db, home / "reader.db")
    took, _ = run(src, ["-c", CLI, "--home", str(home), "import", str(book)])
    print(f"{label}: import {took:.1f} s (the process)")
    screen_home = work / f"{label}-screen"
    screen_home.mkdir()
    shutil.copy(home / "reader.db", screen_home / "reader.db")
    walls = []
    for _ in range(2):
        wall, out = run(src, ["-c", CLI, "--home", str(home), "study", "1", "--json"])
        walls.append(wall)
    json.loads(out)
    _, out = run(src, ["-c", TIMED, str(home / "reader.db"), "1", str(runs)])
    inside = json.loads(out)
    print(f"{label}: `sentences study 1 --json` wall {walls[0] * 1000:.0f} ms the first time, "
          f"{walls[1] * 1000:.0f} ms again (Python's start included)")  # fmt: skip
    times = inside["times"]
    print(f"{label}: study_list in a fresh process afterwards: median "
          f"{statistics.median(times):.1f} ms, max {max(times):.1f} ms")  # fmt: skip
    # The first time inside the process: on a copy taken right after the import.
    first_home = work / f"{label}-first"
    first_home.mkdir()
    shutil.copy(screen_home / "reader.db", first_home / "reader.db")
    _, out = run(src, ["-c", TIMED, str(first_home / "reader.db"), "1", "1"])
    print(f"{label}: study_list the first time after the import: "
          f"{json.loads(out)['times'][0]:.1f} ms")  # fmt: skip
    _, out = run(src, [str(Path(__file__).resolve()), "--screen", str(screen_home / "reader.db"),
                       "--runs", str(runs)])  # fmt: skip
    shown = json.loads(out.strip().splitlines()[-1])
    print(f"{label}: screen, key L to the list: {shown[0]:.0f} ms the first time, then median "
          f"{statistics.median(shown[1:]):.0f} ms")  # fmt: skip
    rows: list[object] = inside["rows"]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("book", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--before", default="main")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--screen", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.screen:
        sys.path.insert(0, os.getcwd())
        os.environ["SENTENCES_HOME"] = str(args.screen.parent)
        os.environ["SENTENCES_FIRST_RUN"] = "0"
        print(json.dumps(asyncio.run(screen_times(args.screen, args.runs + 1))))
        return
    print(f"load average: {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        before = unpack(args.before, work)
        setup_home = work / "setup"
        setup_home.mkdir()
        run(REPO, ["-c", CLI, "--home", str(setup_home), "setup"])
        rows_before = side("before", before, setup_home / "reader.db", args.book, work, args.runs)
        rows_after = side("after", REPO, setup_home / "reader.db", args.book, work, args.runs)
        same = "the same" if rows_before == rows_after else "DIFFERENT"
        print(
            f"study lists: {same} ({len(rows_after)} rows: word or phrase, count, first sentence)"
        )
    print(f"load average: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
