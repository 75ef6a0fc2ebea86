"""The ``sentences`` group loads a command's module only when it runs, and its listing stays
the one click would write from the commands themselves (reader/cli/commands.py)."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import click
from _paths import REPO

from reader.cli.base import main
from reader.cli.commands import COMMANDS

# The modules every start loads: the group, its table, its errors and the TUI launcher.
CORE = {
    "reader.cli",
    "reader.cli.base",
    "reader.cli.commands",
    "reader.cli.errors",
    "reader.cli.tui",
}


def _all_loaded() -> dict[str, click.Command]:
    for listed in COMMANDS.values():
        importlib.import_module(listed.module)
    return dict(main.commands)


def _loaded_after(home: Path, *args: str, stdin: str = "") -> tuple[str, set[str]]:
    code = (
        "import sys\n"
        "from reader.cli import main\n"
        "try:\n"
        f"    main({list(args)!r}, prog_name='sentences')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('|'.join(m for m in sys.modules if m.startswith('reader.cli')), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
        env={"COLUMNS": "80", "PATH": "", "SENTENCES_HOME": str(home)},
    )
    return result.stdout, set(result.stderr.strip().splitlines()[-1].split("|"))


def test_the_table_names_every_command_its_module_and_its_help() -> None:
    commands = _all_loaded()
    assert sorted(commands) == sorted(COMMANDS)
    for name, command in commands.items():
        assert command.callback is not None
        assert command.callback.__module__ == COMMANDS[name].module, name
        first_paragraph = (command.help or "").split("\n\n")[0]
        assert " ".join(first_paragraph.split()) == COMMANDS[name].summary, name


def test_the_listing_is_the_one_click_writes_from_the_commands_at_any_width() -> None:
    _all_loaded()
    for width in (40, 80, 120):
        ctx = click.Context(main, info_name="sentences", terminal_width=width)
        from_table, from_commands = ctx.make_formatter(), ctx.make_formatter()
        main.format_commands(ctx, from_table)
        click.Group.format_commands(main, ctx, from_commands)
        assert from_table.getvalue() == from_commands.getvalue()
        assert "translate  Translate TEXT" in from_table.getvalue()


def test_help_imports_no_command_module(tmp_path: Path) -> None:
    out, loaded = _loaded_after(tmp_path, "--help")
    assert "split      Split stdin into sentences, one per line." in out
    assert loaded == CORE


def test_a_command_imports_only_its_own_module(tmp_path: Path) -> None:
    out, loaded = _loaded_after(tmp_path, "split", stdin="One. Two.")
    assert out.splitlines() == ["One.", "Two."]
    assert loaded == CORE | {"reader.cli.text"}


def test_an_unknown_command_is_one_line() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "from reader.cli import run; run()", "nosuch"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2
    assert result.stderr == "sentences: No such command 'nosuch'. (see `sentences --help`)\n"


def test_shell_completion_still_names_commands_and_their_options(tmp_path: Path) -> None:
    def complete(words: str) -> list[str]:
        result = subprocess.run(
            [sys.executable, "-c", "from reader.cli import main; main(prog_name='sentences')"],
            capture_output=True,
            text=True,
            cwd=REPO,
            env={
                "_SENTENCES_COMPLETE": "bash_complete",
                "COMP_WORDS": words,
                "COMP_CWORD": str(len(words.split()) - 1),
                "SENTENCES_HOME": str(tmp_path),
            },
        )
        return result.stdout.split()

    assert complete("sentences te") == ["plain,term", "plain,texts"]
    assert "plain,--json" in complete("sentences texts --")
