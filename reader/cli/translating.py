"""``sentences translate``: machine translation into the learner's language, cached."""

from __future__ import annotations

import click

from reader.cli.base import (
    UserError,
    emit_json,
    friendly,
    home_option,
    main,
    open_home_db,
    stdin_text,
)
from reader.config import load_config
from reader.languages import iso639_1
from reader.translate import translate


@main.command("translate")
@click.argument("text")
@click.option(
    "--to", "target", metavar="LANG", help="Language to translate into (default: native_lang)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def translate_cmd(text: str, target: str | None, as_json: bool) -> None:
    """Translate TEXT (- for stdin) into your language; from the cache when it is there.

    The translation is printed on stdout; what made it (a machine translation, which service,
    whether it came from the cache) on stderr, or all of it with --json.
    """
    if text == "-":
        text = stdin_text()
    config = load_config()
    lang = config.native_lang
    if target is not None:
        lang = iso639_1(target) or ""
        if not lang:
            raise UserError(
                f"--to needs a two-letter ISO 639-1 code (ko, de, es...), not {target!r}"
            )
    result = translate(open_home_db(), text, lang, source=config.lang, config=config)
    if as_json:
        emit_json(result.as_dict())
        return
    click.echo(result.translation)
    origin = "from the cache" if result.cached else "just now"
    click.echo(f"machine translation ({result.engine}, {origin})", err=True)
