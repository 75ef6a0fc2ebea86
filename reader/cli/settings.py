"""Settings: ``config`` and ``config set``."""

from __future__ import annotations

import click

from reader.cli.base import (
    emit_json,
    friendly,
    home_option,
    main,
)
from reader.config import Config, load_config, save_config, set_value


@main.group("config", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True, help="Print the settings as JSON.")
@home_option
@click.pass_context
@friendly
def config_group(ctx: click.Context, as_json: bool) -> None:
    """Show the settings (config.toml in the data home), or change one with `config set`."""
    if ctx.invoked_subcommand is None:
        from dataclasses import fields

        config = load_config()
        for warning in config.warnings:
            click.echo(f"sentences: {warning}", err=True)
        values = {f.name: getattr(config, f.name) for f in fields(Config) if f.name != "warnings"}
        if as_json:
            emit_json(values)
            return
        click.echo(_toml(values), nl=False)


def _toml(values: dict[str, object]) -> str:
    """The settings as TOML (``known_on_next = false``), as config.toml itself would hold them:
    Python's ``False`` and ``'en'`` are not TOML, and a learner copies these lines into the file."""
    import tomlkit

    document = tomlkit.document()
    for name, value in values.items():
        document[name] = value
    return tomlkit.dumps(document)


# A negative number is a value to check ("context_sentences -1"), not an unknown option.
@config_group.command("set", context_settings={"ignore_unknown_options": True})
@click.argument("key")
@click.argument("value")
@home_option
@friendly
def config_set_cmd(key: str, value: str) -> None:
    """Set KEY to VALUE, e.g. `gloss_rarer_than 3000` or `speech_engine espeak`."""

    config = load_config()
    set_value(config, key, value)
    save_config(config)
    click.echo(_toml({key: getattr(config, key)}), nl=False)
