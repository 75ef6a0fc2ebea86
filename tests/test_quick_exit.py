"""The console script leaves a big import's objects to the system, and loses nothing by it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from reader import quick_exit

REPO = Path(__file__).resolve().parent.parent


def _python(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO
    )


def test_unarmed_nothing_is_kept_and_leave_returns() -> None:
    assert not quick_exit._armed  # the tests run commands in-process: never armed
    quick_exit.keep([1, 2, 3])
    assert quick_exit._kept == []
    quick_exit.leave(0)  # returns: the caller exits as usual


def test_armed_leave_flushes_the_output_and_exits_with_the_code() -> None:
    code = (
        "import sys\n"
        "from reader import quick_exit\n"
        "quick_exit.arm()\n"
        "sys.stdout.write('said, not yet flushed')\n"
        "sys.stderr.write('and a note')\n"
        "quick_exit.keep(list(range(10)))\n"
        "quick_exit.leave(3)\n"
        "print('never reached')\n"
    )
    result = _python(code)
    assert (result.returncode, result.stdout, result.stderr) == (
        3,
        "said, not yet flushed",
        "and a note",
    )


def test_armed_with_nothing_kept_the_process_ends_as_usual() -> None:
    code = (
        "import atexit\n"
        "from reader import quick_exit\n"
        "quick_exit.arm()\n"
        "atexit.register(print, 'torn down')\n"
        "quick_exit.leave(0)\n"
    )
    assert _python(code).stdout == "torn down\n"


def test_the_console_script_imports_a_dictionary_whole_and_closes_its_database(
    tmp_path: Path,
) -> None:
    """``dict import`` keeps its rows (so the process ends by :func:`quick_exit.leave`): what
    it says is all there, the entries are committed, and the database was closed (SQLite
    removes the log when the last connection closes)."""
    table = tmp_path / "words.tsv"
    table.write_text("".join(f"word{i}\tgloss {i}\n" for i in range(500)), encoding="utf-8")
    home = tmp_path / "home"
    result = _python(
        "from reader.cli import run; run()",
        "--home", str(home), "dict", "import", str(table), "--lang-pair", "en-de",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("words: 500 entries (tsv, en-de, ")
    assert not (home / "reader.db-wal").exists()
    with sqlite3.connect(home / "reader.db") as conn:
        count = conn.execute("SELECT entry_count FROM lex_sources WHERE name = 'words'").fetchone()[
            0
        ]
    assert count == 500
