"""Text analysis on stdin (``split``, ``analyze``) and a stored text's sentences (``show``)."""

from __future__ import annotations

from typing import Any

import click

from reader.cli.base import (
    ProgressLine,
    emit_json,
    friendly,
    home_option,
    main,
    open_home_db,
    stdin_text,
)
from reader.cli.words import ensure_lexicon
from reader.config import load_config
from reader.text import analyze, split


@main.command("split")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {text,start,end}.")
@click.option("--lang", default="en")
@home_option
@friendly
def split_cmd(as_json: bool, lang: str) -> None:
    """Split stdin into sentences, one per line."""
    from reader.languages import check_text_language  # lazy: langcodes (~0.03 s)

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
    from reader.languages import check_text_language  # lazy: langcodes (~0.03 s)

    lang = check_text_language(lang)
    sentences = analyze(stdin_text(), lang)
    if glosses:
        sentences = _with_glosses(sentences, lang)
    if as_json:
        emit_json(sentences)
        return
    for s in sentences:
        click.echo(" ".join(_token_line(t) for t in s["tokens"]))


def _token_line(token: dict[str, Any]) -> str:
    line = f"{token['text']}/{token['pos']}/{token['lemma']}"
    gloss = token.get("gloss")
    return f"{line}[{gloss['text']}]" if gloss else line


def _with_glosses(sentences: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The reader's glosses: the learner's data home's lexicon, phrases and choices."""
    # lazy: the lexicon loads wordfreq's tables (~0.15 s)
    from reader.learn.annotate import add_glosses

    # lazy: the store loads sqlite-utils (~0.14 s); --help needn't
    from reader.learn.phrases import PhraseIndex

    db = open_home_db()
    ensure_lexicon(db)
    with ProgressLine("glossing") as report:
        return add_glosses(
            db,
            sentences,
            lang,
            PhraseIndex.from_db(db, lang),
            load_config().native_lang,
            progress=report,
        )


@main.command("show")
@click.argument("text_id", type=int)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print a JSON list of {idx, text, chapter[, start, end]}.",
)
@home_option
@friendly
def show_cmd(text_id: int, as_json: bool) -> None:
    """The stored sentences of TEXT-ID, one per line, under their chapters' titles."""
    # lazy: the store loads sqlite-utils (~0.14 s); --help needn't
    from reader.learn.chapters import stored_sentences

    sentences = stored_sentences(open_home_db(), text_id)
    if as_json:
        emit_json(sentences)
        return
    chapter: str | None = None
    for s in sentences:
        if s["chapter"] != chapter and s["chapter"] is not None:
            click.echo(f"## {s['chapter']}")
        chapter = s["chapter"]
        when = f"[{_clock(s['start'])}] " if "start" in s else ""
        click.echo(f"{s['idx']:>5}  {when}{s['text']}")


def _clock(seconds: float) -> str:
    """1:02:03.5 style, as a video player shows times."""
    minutes, secs = divmod(seconds, 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours}:{minutes:02d}:{secs:04.1f}" if hours else f"{minutes}:{secs:04.1f}"
