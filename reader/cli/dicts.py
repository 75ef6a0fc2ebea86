"""The learner's dictionaries: ``dict import|list|enable|disable|order|remove``."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.base import (
    ProgressLine,
    emit_json,
    friendly,
    home_option,
    main,
    open_home_db,
)
from reader.wording import counted


@main.group("dict")
def dict_group() -> None:
    """Dictionaries you bring: TSV/CSV, StarDict, FreeDict TEI."""


@dict_group.command("import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--name", help="Name to list it under (default: from the file).")
@click.option(
    "--format", "fmt", type=click.Choice(["tsv", "csv", "stardict", "freedict"]), default=None
)
@home_option
@friendly
def dict_import_cmd(path: str, name: str | None, fmt: str | None) -> None:
    """Import a dictionary into the lexicon (replacing one of the same name)."""
    from reader.lexicon import import_dictionary

    db = open_home_db()
    with ProgressLine(f"importing {Path(path).name}") as report:
        result = import_dictionary(db, Path(path), name=name, fmt=fmt, progress=report)
    click.echo(
        f"{result.name}: {counted(result.entries, 'entry')} ({result.kind}, {result.seconds:.1f} s)"
    )


@dict_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def dict_list_cmd(as_json: bool) -> None:
    """Gloss sources in display order (your own glosses always come first)."""
    from dataclasses import asdict

    from reader.lexicon import list_dictionaries

    sources = list_dictionaries(open_home_db())
    if as_json:
        emit_json([asdict(s) for s in sources])
        return
    for s in sources:
        state = "on " if s.enabled else "off"
        entries = counted(s.entry_count, "entry")
        click.echo(f"{state} {s.priority:>5}  {s.name:<30} {s.kind:<9} {entries:>17}")


@dict_group.command("enable")
@click.argument("name")
@home_option
@friendly
def dict_enable_cmd(name: str) -> None:
    """Show this dictionary's glosses."""
    from reader.lexicon import set_enabled

    set_enabled(open_home_db(), name, True)


@dict_group.command("disable")
@click.argument("name")
@home_option
@friendly
def dict_disable_cmd(name: str) -> None:
    """Keep this dictionary but stop showing its glosses."""
    from reader.lexicon import set_enabled

    set_enabled(open_home_db(), name, False)


@dict_group.command("order")
@click.argument("names", nargs=-1, required=True)
@home_option
@friendly
def dict_order_cmd(names: tuple[str, ...]) -> None:
    """Show dictionaries in this order (the ones not named keep their places after them)."""
    from reader.lexicon import reorder

    reorder(open_home_db(), list(names))


@dict_group.command("remove")
@click.argument("name")
@home_option
@friendly
def dict_remove_cmd(name: str) -> None:
    """Delete a dictionary and its entries."""
    from reader.lexicon import remove_dictionary

    count = remove_dictionary(open_home_db(), name)
    click.echo(f"removed {name} ({counted(count, 'entry')})")
