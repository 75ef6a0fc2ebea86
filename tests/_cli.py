"""Running the command line in tests: its exit code and streams, and the one-line-error check
every bad input must pass (one line on stderr, no traceback, a non-zero exit)."""

from __future__ import annotations

from click.testing import CliRunner

from reader.cli import main


def invoke(runner: CliRunner, *args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(main, list(args), input=input, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def one_line_error(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, list(args))
    assert result.exit_code != 0, result.stdout
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]
