"""Text analysis on stdin: ``split`` and ``analyze`` (a stored text's sentences: ``show``, in
texts.py)."""

from __future__ import annotations

from typing import Any

import click

from reader.cli.base import emit_json, friendly, home_option, main, stdin_text
from reader.languages import check_text_language
from reader.text import analyze, split


@main.command("split")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {text,start,end}.")
@click.option("--lang", default="en")
@home_option
@friendly
def split_cmd(as_json: bool, lang: str) -> None:
    """Split stdin into sentences, one per line."""
    sentences = split(stdin_text(), check_text_language(lang))
    if as_json:
        emit_json(sentences)
        return
    for s in sentences:
        click.echo(" ".join(s["text"].split()))


@main.command("analyze")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (sentences with tokens).")
@click.option(
    "--glosses", is_flag=True, help="Give each word the first gloss the reader shows for it."
)
@click.option("--lang", default="en")
@home_option
@friendly
def analyze_cmd(as_json: bool, glosses: bool, lang: str) -> None:
    """Split stdin into sentences and tokens with lemmas and part-of-speech tags."""
    lang = check_text_language(lang)
    sentences = analyze(stdin_text(), lang)
    if glosses:
        # lazy: only --glosses reads the data home's lexicon and phrases: the store and the
        # lexicon (~150 modules, ~0.3 s) that plain `analyze` and `split` skip
        from reader.cli.words import with_glosses

        sentences = with_glosses(sentences, lang)
    if as_json:
        emit_json(sentences)
        return
    for s in sentences:
        click.echo(" ".join(_token_line(t) for t in s["tokens"]))


def _token_line(token: dict[str, Any]) -> str:
    line = f"{token['text']}/{token['pos']}/{token['lemma']}"
    gloss = token.get("gloss")
    return f"{line}[{gloss['text']}]" if gloss else line
