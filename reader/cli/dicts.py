"""The learner's dictionaries: ``dict import|list|enable|disable|order|remove``."""

from __future__ import annotations

import shlex
from pathlib import Path

import click

from reader.cli.base import (
    ProgressLine,
    UserError,
    emit_json,
    friendly,
    home_option,
    main,
    open_home_db,
)
from reader.languages import name_of, parse_pair
from reader.lexicon import (
    import_dictionary,
    list_dictionaries,
    remove_dictionary,
    reorder,
    set_enabled,
)
from reader.lexicon.dictionaries import BUILTIN_KINDS, set_lang_pair
from reader.lexicon.wordnet import SOURCE_NAME, decline_wordnet, welcome_wordnet
from reader.wording import counted


@main.group("dict")
def dict_group() -> None:
    """Dictionaries you bring: TSV/CSV, StarDict, FreeDict TEI, dictd."""


@dict_group.command("import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--name", help="Name to list it under (default: from the file).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tsv", "csv", "stardict", "freedict", "dictd"]),
    default=None,
)
@click.option(
    "--lang-pair",
    "lang_pair",
    metavar="FROM-TO",
    help="Languages of the headwords and of the glosses, e.g. en-de (default: from the file).",
)
@click.option("--timings", is_flag=True, help="Also say how long each stage of the import took.")
@home_option
@friendly
def dict_import_cmd(
    path: str, name: str | None, fmt: str | None, lang_pair: str | None, timings: bool
) -> None:
    """Import a dictionary into the lexicon (replacing one of the same name)."""
    pair = _pair(lang_pair) if lang_pair else None
    db = open_home_db()
    with ProgressLine(f"importing {Path(path).name}") as report:
        result = import_dictionary(
            db, Path(path), name=name, fmt=fmt, progress=report, lang_pair=pair
        )
    db.close()  # committed: the log copied and removed now, not at the process's exit
    langs = f"{result.source_lang}-{result.target_lang}" if result.target_lang else "languages?"
    click.echo(
        f"{result.name}: {counted(result.entries, 'entry')} ({result.kind}, {langs}, "
        f"{result.seconds:.1f} s)"
    )
    for note in result.notes:
        click.echo(note)
    if timings:
        click.echo("stages: " + ", ".join(f"{stage} {sec:.1f} s" for stage, sec in result.stages))
    if not result.target_lang:
        click.echo(
            "The glosses' language is not known: say it with "
            f"`sentences dict lang {_quoted(result.name)} en-XX`.",
            err=True,
        )


def _pair(text: str) -> tuple[str, str]:
    pair = parse_pair(text)
    if pair is None:
        raise click.BadParameter(
            f"{text!r}: give two ISO 639 codes, headwords then glosses, e.g. en-de",
            param_hint="--lang-pair",
        )
    return pair


def _quoted(name: str) -> str:
    return shlex.quote(name)


@dict_group.command("lang")
@click.argument("name")
@click.argument("pair", metavar="FROM-TO")
@home_option
@friendly
def dict_lang_cmd(name: str, pair: str) -> None:
    """Say which languages a dictionary translates between, e.g. `dict lang mywords en-ko`."""
    db = open_home_db()
    source, target = _pair(pair)
    found = {s.name: s for s in list_dictionaries(db)}.get(name)
    if found is not None and found.kind in BUILTIN_KINDS:
        # WordNet and the idiom list are English explained in English: calling them en-ko would
        # put English glosses where the learner's own language is promised.
        raise UserError(
            f"{name} is built in and explains English in English (en-en); "
            "its languages cannot be changed"
        )
    set_lang_pair(db, name, (source, target))
    click.echo(
        f"{name}: {name_of(source)} headwords, {name_of(target)} glosses ({source}-{target})"
    )


@dict_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def dict_list_cmd(as_json: bool) -> None:
    """Gloss sources in display order (your own glosses always come first)."""
    from dataclasses import asdict

    sources = list_dictionaries(open_home_db())
    if as_json:
        emit_json([asdict(s) for s in sources])
        return
    for s in sources:
        state = "on " if s.enabled else "off"
        langs = f"{s.lang}-{s.target_lang or '?'}"
        click.echo(
            f"{state} {s.priority:>5}  {s.name:<30} {s.kind:<9} {langs:<6} "
            f"{counted(s.entry_count, 'entry'):>17}"
        )


@dict_group.command("enable")
@click.argument("name")
@home_option
@friendly
def dict_enable_cmd(name: str) -> None:
    """Show this dictionary's glosses (WordNet is compiled again if it was removed)."""
    db = open_home_db()
    if name == SOURCE_NAME:
        with ProgressLine("building the lexicon from WordNet") as report:
            welcome_wordnet(db, progress=report)
        return
    set_enabled(db, name, True)


@dict_group.command("disable")
@click.argument("name")
@home_option
@friendly
def dict_disable_cmd(name: str) -> None:
    """Keep this dictionary but stop showing its glosses."""
    set_enabled(open_home_db(), name, False)


@dict_group.command("order")
@click.argument("names", nargs=-1, required=True)
@home_option
@friendly
def dict_order_cmd(names: tuple[str, ...]) -> None:
    """Show dictionaries in this order (the ones not named keep their places after them)."""
    reorder(open_home_db(), list(names))


@dict_group.command("remove")
@click.argument("name")
@home_option
@friendly
def dict_remove_cmd(name: str) -> None:
    """Delete a dictionary and its entries."""
    if name == SOURCE_NAME:
        count = decline_wordnet(open_home_db())
        click.echo(
            f"removed {name} ({count:,} entries); "
            "`sentences dict enable wordnet` or `sentences setup` brings it back"
        )
        return
    count = remove_dictionary(open_home_db(), name)
    click.echo(f"removed {name} ({counted(count, 'entry')})")
