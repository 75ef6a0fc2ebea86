"""Shared pieces of the ``sentences`` commands: the group, ``--home``, one-line errors, output.

Textual is imported only by the commands that open the TUI, so scripting commands start fast.
"""

from __future__ import annotations

import functools
import importlib
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click
from click.utils import make_default_short_help

from reader import quick_exit
from reader.cli.commands import COMMANDS
from reader.cli.errors import UserError as UserError  # the commands import it from here
from reader.cli.tui import run_tui
from reader.config import load_config
from reader.errors import describe
from reader.logs import log_failure, setup_logging
from reader.paths import config_path, data_home

F = TypeVar("F", bound=Callable[..., Any])


class SentencesGroup(click.Group):
    """The ``sentences`` group: commands loaded on demand, usage errors in one line.

    The commands are listed from :data:`reader.cli.commands.COMMANDS` and a command's module is
    imported only when it runs (or is completed), so ``sentences texts`` does not pay for the
    text pipeline and ``sentences --help`` for nothing but click.

    Click prints a usage error as three lines (usage, a hint, the error); a learner needs one:
    which command, what was wrong, where to look.
    """

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*COMMANDS, *self.commands})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            importlib.import_module(COMMANDS[cmd_name].module)  # its decorators register it
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The listing click would write, from the table's summaries: no module imported."""
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(len(name) for name in names)
        rows = [(name, self._short_help(name, limit)) for name in names]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

    def _short_help(self, name: str, limit: int) -> str:
        if name in COMMANDS:
            return make_default_short_help(COMMANDS[name].summary, limit).strip()
        return self.commands[name].get_short_help_str(limit)

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if not kwargs.pop("standalone_mode", True):
            return super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        try:
            result = super().main(*args, standalone_mode=False, **kwargs)  # type: ignore[call-overload]
        except click.UsageError as exc:
            click.echo(one_line_usage_error(exc), err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("sentences: stopped", err=True)
            sys.exit(1)
        code = result if isinstance(result, int) else 0
        quick_exit.leave(code)  # a command that kept big objects ends here, without teardown
        sys.exit(code)


def one_line_usage_error(exc: click.UsageError) -> str:
    """``sentences config: No such option: --jsn (see `sentences config --help`)``."""
    where = exc.ctx.command_path if exc.ctx is not None else "sentences"
    message = " ".join(exc.format_message().split())
    return f"{where}: {message} (see `{where} --help`)"


def home_option(func: F) -> F:
    """``--home DIR`` on every command; it sets ``SENTENCES_HOME`` for the layers below."""

    def apply(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value:
            _make_home(Path(value).expanduser())
            os.environ["SENTENCES_HOME"] = value
        return value

    return click.option(
        "--home",
        type=click.Path(file_okay=False),
        expose_value=False,
        is_eager=True,
        callback=apply,
        help="Data home (default: $SENTENCES_HOME, else the platform's user data folder).",
    )(func)


def friendly(func: F) -> F:
    """Turn the layers' own errors into one-line messages instead of tracebacks."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:

        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except BrokenPipeError:
            raise  # a reader of our output went away (`| head`): click exits quietly
        except Exception as exc:
            if os.environ.get("SENTENCES_DEBUG"):
                raise
            raise UserError(_logged(exc) if _unexpected(exc) else describe(exc)) from exc

    return wrapper  # type: ignore[return-value]


def _unexpected(exc: Exception) -> bool:
    """A fault in our code (a wrong type, a missing attribute, a failed assertion...), whose
    traceback is wanted; the layers' own errors for bad input, missing things and busy
    databases (ValueError, LookupError, OSError, SQLite's, a service's) explain themselves."""
    return isinstance(
        exc,
        (TypeError, AttributeError, NameError, AssertionError, ArithmeticError, RecursionError,
         NotImplementedError, ImportError),
    )  # fmt: skip


def _logged(exc: Exception) -> str:
    """One line for the terminal, the traceback in ``sentences.log`` in the data home."""

    try:
        setup_logging(data_home())
        ctx = click.get_current_context(silent=True)
        return log_failure(exc, ctx.command_path if ctx is not None else "sentences")
    except OSError:  # no data home to write to: the line alone
        return describe(exc)


def open_home_db() -> Any:
    from reader.store import open_db  # lazy: the store loads sqlite-utils (~0.14 s); --help needn't

    return open_db()


def _make_home(home: Path) -> None:
    """A new data home is made where ``--home`` points, saying so in one line; a typo such as
    ``--home /hom/me/words`` (a parent that does not exist) is refused instead of quietly
    growing a tree of empty folders that the learner's words then go into."""
    if home.is_dir():
        return
    parent = home.absolute().parent
    if not parent.is_dir():
        raise click.BadParameter(
            f"{home}: the folder {parent} does not exist, so no data home was made there",
            param_hint="--home",
        )
    try:
        home.mkdir()
    except FileExistsError:
        return  # made by another process at the same moment
    except OSError as exc:
        raise click.BadParameter(f"{home}: {exc.strerror or exc}", param_hint="--home") from exc
    click.echo(f"sentences: created a new data home at {home}", err=True)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group("sentences", cls=SentencesGroup, invoke_without_command=True)
@home_option
@click.version_option(package_name="sentences-reader")
@click.pass_context
@friendly
def main(ctx: click.Context) -> None:
    """Sentences: read texts sentence by sentence, with glosses and audio."""
    if ctx.invoked_subcommand != "config":  # `config` says it itself, as an error or a note
        ctx.call_on_close(_config_warnings)
    if ctx.invoked_subcommand is None:
        run_tui(None)


def _config_warnings() -> None:
    """After any command, say what is wrong in config.toml (the TUI shows it on screen too)."""

    if config_path().exists():
        for warning in load_config().warnings:
            click.echo(f"sentences: {warning}", err=True)


def config_lang() -> str:

    return load_config().lang


class ProgressLine:
    """A progress line on stderr (only when stderr is a terminal), for long imports and setup."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.live = sys.stderr.isatty()

    def __enter__(self) -> Callable[..., None]:
        return self.report

    def report(self, *args: Any) -> None:
        """``(done, total)`` or ``(stage, done, total)``: redrawn in place, on one line of the
        terminal's width (a line that wrapped was redrawn below itself at each step)."""
        if not self.live:
            return
        stage, done, total = args if len(args) == 3 else (None, *args)
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        tail = f" [{bar:<30}] {share:4.0%}"
        head = self.label if stage is None else f"{self.label}: {stage:<10}"
        room = max(shutil.get_terminal_size().columns - 1 - len(tail), 12)
        if len(head) > room:
            head = head[: room - 1] + "…"
        click.echo(f"\r{head}{tail}\033[K", nl=False, err=True)

    def __exit__(self, *exc: object) -> None:
        if self.live:
            click.echo("\r\033[K", nl=False, err=True)


def stdin_text() -> str:
    data = sys.stdin.buffer.read()
    # lazy: the HTML/XML parsers (~0.02 s) the CLI start skips
    from reader.text.load import LoadError, decode_bytes

    try:
        return decode_bytes(data, "stdin")  # offsets point into exactly this text
    except LoadError:
        if not data.strip():
            return ""
        raise


def run() -> None:
    """The console script: this process is the command's own (see :mod:`reader.quick_exit`)."""
    quick_exit.arm()
    main(prog_name="sentences")
