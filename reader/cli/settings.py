"""Settings: ``config`` and ``config set``."""

from __future__ import annotations

import click

from reader.cli.base import (
    friendly,
    home_option,
    main,
)


@main.group("config", invoke_without_command=True)
@home_option
@click.pass_context
@friendly
def config_group(ctx: click.Context) -> None:
    """Show the settings (config.toml in the data home), or change one with `config set`."""
    if ctx.invoked_subcommand is None:
        from dataclasses import fields

        from reader.config import Config, load_config

        config = load_config()
        for warning in config.warnings:
            click.echo(f"sentences: {warning}", err=True)
        for f in fields(Config):
            if f.name != "warnings":
                click.echo(f"{f.name} = {getattr(config, f.name)!r}")


@config_group.command("set")
@click.argument("key")
@click.argument("value")
@home_option
@friendly
def config_set_cmd(key: str, value: str) -> None:
    """Set KEY to VALUE, e.g. `gloss_rarer_than 3000` or `speech_engine espeak`."""
    from reader.config import load_config, save_config, set_value

    config = load_config()
    set_value(config, key, value)
    save_config(config)
    click.echo(f"{key} = {getattr(config, key)!r}")
