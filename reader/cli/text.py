"""Text analysis on stdin: ``split`` and ``analyze``."""

from __future__ import annotations

import click

from reader.cli.base import (
    emit_json,
    friendly,
    home_option,
    main,
    stdin_text,
)


@main.command("split")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {text,start,end}.")
@click.option("--lang", default="en")
@home_option
@friendly
def split_cmd(as_json: bool, lang: str) -> None:
    """Split stdin into sentences, one per line."""
    from reader.text import split

    sentences = split(stdin_text(), lang)
    if as_json:
        emit_json(sentences)
        return
    for s in sentences:
        click.echo(" ".join(s["text"].split()))


@main.command("analyze")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (sentences with tokens).")
@click.option("--lang", default="en")
@home_option
@friendly
def analyze_cmd(as_json: bool, lang: str) -> None:
    """Split stdin into sentences and tokens with lemmas and part-of-speech tags."""
    from reader.text import analyze

    sentences = analyze(stdin_text(), lang)
    if as_json:
        emit_json(sentences)
        return
    for s in sentences:
        click.echo(" ".join(f"{t['text']}/{t['pos']}/{t['lemma']}" for t in s["tokens"]))
