"""A real dictionary import, timed as a learner runs it: `sentences dict import`, with and without
the WordNet alignment, back to back, with the time of each stage.

    .venv/bin/python bench/dict_import_real.py --home H [--dict FILE.index] [--rounds N]
        [--before "CMD"]

``H`` is a data home where `sentences setup` has put WordNet in the lexicon; its database is
copied for each run, so every import is a first import into the same lexicon. ``--dict`` is
Debian's FreeDict English-German by default (``/usr/share/dictd/freedict-eng-deu.index``, with
``freedict-deu-eng`` beside it for the alignment). ``--before`` also times another build's
command (for example a checkout of main run as ``python -P -c 'from reader.cli import main;
main()'``), given without --timings, which older builds lack.

Target (issue 19): under 10 s wall with the alignment, on a quiet two-core machine. The
machine is shared, so the load average is printed with every run, CPU time (the command's and
its child processes') beside wall time, and each round starts with a reference workload timed
(pure Python, allocation-heavy like the import): a virtual machine's speed varies with its
host's load, which the load average inside it does not show.
"""

from __future__ import annotations

import argparse
import os
import resource
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_DICT = Path("/usr/share/dictd/freedict-eng-deu.index")


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + system, child processes included) and the output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"{shlex.join(command)} failed:\n{done.stderr.strip()}")
    return wall, cpu, done.stdout.strip()


def one_import(
    label: str, command: list[str], source: Path, args: list[str], env: dict[str, str]
) -> None:
    with tempfile.TemporaryDirectory(prefix="sentences-bench-") as tmp:
        home = Path(tmp)
        shutil.copy(source / "reader.db", home / "reader.db")
        load = os.getloadavg()[0]
        wall, cpu, out = run([*command, "--home", str(home), "dict", "import", *args], env)
    stages = [line for line in out.splitlines() if line.startswith(("stages:", "aligned"))]
    print(f"{label:34} {wall:6.1f} s wall {cpu:6.1f} s CPU   load {load:.1f}")
    for line in stages:
        print(f"{'':36}{line}")


def reference_seconds() -> float:
    """Seconds for a fixed workload: half a million short strings into a dict of tuples, then
    sorted. Only its changes from round to round mean anything (the host's speed)."""
    started = time.perf_counter()
    table: dict[str, tuple[str, int, str]] = {}
    for number in range(500_000):
        word = f"word{number}"
        table[word] = (word, number, word.upper())
    sorted(table, reverse=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--home", type=Path, required=True, help="a data home with WordNet")
    parser.add_argument("--dict", type=Path, default=DEFAULT_DICT, help="a dictd .index")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--before", help="another build's `sentences` command line to time too")
    args = parser.parse_args()
    if not (args.home / "reader.db").is_file():
        raise SystemExit(f"{args.home}: no reader.db (run `sentences --home H setup` first)")
    if not args.dict.is_file():
        raise SystemExit(f"{args.dict}: no such dictionary (apt install dict-freedict-eng-deu)")
    mine = [str(Path(sys.executable).with_name("sentences"))]
    with_align = dict(os.environ)
    with_align.pop("SENTENCES_NO_ALIGN", None)
    without = dict(with_align, SENTENCES_NO_ALIGN="1")
    for number in range(1, args.rounds + 1):
        print(
            f"round {number}, {args.dict.name}, {os.cpu_count()} cores, "
            f"reference workload {reference_seconds():.2f} s"
        )
        if args.before:
            before = shlex.split(args.before)
            one_import("before, with alignment", before, args.home, [str(args.dict)], with_align)
            one_import("before, without", before, args.home, [str(args.dict)], without)
        timed = ["--timings", str(args.dict)]
        one_import("this build, with alignment", mine, args.home, timed, with_align)
        one_import("this build, without alignment", mine, args.home, timed, without)


if __name__ == "__main__":
    main()
