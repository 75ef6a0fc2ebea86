"""How long a ``sentences`` command takes from the shell to its exit: ``--help``, ``texts`` on a
library of one text, and ``analyze --json`` on a short text (five sentences on stdin).

A command's start is mostly the modules it imports, so the same commands run from another
build (``--before REF``, unpacked with ``git archive`` into a temporary directory and run
with this checkout's interpreter and packages) and from this checkout, interleaved run by run
so that the machine's load falls on both alike. Each command runs ``--runs`` times per build
(first a warm-up run each); the median and the 90th percentile are printed.

    .venv/bin/python bench/cli_startup.py [--before REF] [--runs 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from git_tree import unpack

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "arirang_weekly_focus_2025-09-06.txt"
SHORT_TEXT = (
    "The summit opened on Monday. Leaders from twelve countries came to the capital. "
    "They spoke about trade, energy and the climate. Nobody expected a quick agreement. "
    "Still, the mood was good when the talks ended."
)
COMMANDS: dict[str, tuple[list[str], str]] = {
    "--help": (["--help"], ""),
    "texts": (["texts"], ""),
    "analyze --json": (["analyze", "--json"], SHORT_TEXT),
}


def run_once(tree: Path, home: Path, args: list[str], stdin: str) -> float:
    code = "from reader.cli import run; run()"
    env = {**os.environ, "PYTHONPATH": str(tree), "SENTENCES_HOME": str(home)}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin,
        text=True,
        env=env,
        cwd=tree,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git ref of the build before (main)")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        trees = {"before": unpack(args.before, work), "after": REPO}
        home = work / "home"
        home.mkdir()
        subprocess.run(  # one text in the library, the lexicon built: what `texts` lists
            [sys.executable, "-c", "from reader.cli import run; run()", "import", str(SEED)],
            env={**os.environ, "PYTHONPATH": str(REPO), "SENTENCES_HOME": str(home)},
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [sys.executable, "-c", "from reader.cli import run; run()", "setup"],
            env={**os.environ, "PYTHONPATH": str(REPO), "SENTENCES_HOME": str(home)},
            check=True,
            capture_output=True,
        )
        print(f"before = {args.before}, after = this checkout; {args.runs} runs each, interleaved")
        print(f"load average at start: {os.getloadavg()[0]:.2f}")
        print(f"{'command':<18}{'before median':>15}{'p90':>8}{'after median':>15}{'p90':>8}")
        for label, (argv, stdin) in COMMANDS.items():
            times: dict[str, list[float]] = {"before": [], "after": []}
            for tree in trees.values():
                run_once(tree, home, argv, stdin)  # warm-up: the file cache, .pyc files
            for _ in range(args.runs):
                for name, tree in trees.items():
                    times[name].append(run_once(tree, home, argv, stdin))
            row = [label]
            for name in ("before", "after"):
                ordered = sorted(times[name])
                row.append(f"{statistics.median(ordered) * 1000:>13.0f}ms")
                row.append(f"{ordered[int(0.9 * (len(ordered) - 1))] * 1000:>6.0f}ms")
            print(f"{row[0]:<18}{row[1]:>15}{row[2]:>8}{row[3]:>15}{row[4]:>8}")
        print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
