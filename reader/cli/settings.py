"""Settings: ``config`` and ``config set``."""

from __future__ import annotations

import click

from reader.cli.base import (
    UserError,
    friendly,
    home_option,
    main,
    open_home_db,
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


@main.command("known")
@click.option("--top", type=int, required=True, help="How many of the most frequent lemmas.")
@home_option
@friendly
def known_cmd(top: int) -> None:
    """Mark the TOP most frequent lemmas known (those you have not marked yet): a head start."""
    from reader.learn.status import KNOWN, set_statuses
    from reader.lexicon.frequency import top_lemmas

    if not 0 < top <= 50_000:
        raise UserError("--top must be between 1 and 50000")
    db = open_home_db()
    have = {r[0] for r in db.execute("SELECT key FROM terms WHERE lang = 'en'").fetchall()}
    fresh = sorted(set(top_lemmas(top)) - have)
    count = set_statuses(db, fresh, KNOWN) if fresh else 0
    click.echo(f"{count:,} lemmas marked known")
