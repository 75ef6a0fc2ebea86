"""Speech: ``speak`` and ``audio``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from reader.cli.base import (
    ProgressLine,
    UserError,
    friendly,
    home_option,
    main,
    open_home_db,
)
from reader.wording import counted


def _speech_settings(engine: str | None, lang: str | None = None) -> Any:
    from reader.config import load_config
    from reader.speech import SpeechSettings

    config = load_config()
    chosen = engine or config.speech_engine
    return SpeechSettings(
        engine="espeak" if chosen == "espeak" else "gtts",
        lang=lang or config.lang,
        tld=config.speech_tld,
        voice=config.speech_voice,
        speed=config.speech_speed,
    )


@main.command("speak")
@click.argument("text")
@click.option("--engine", type=click.Choice(["gtts", "espeak"]), help="Default: from config.")
@click.option("--out", type=click.Path(dir_okay=False), help="Also copy the audio to this file.")
@home_option
@friendly
def speak_cmd(text: str, engine: str | None, out: str | None) -> None:
    """Synthesize TEXT (or take it from the cache) and print the audio file's path."""
    import shutil

    from reader.paths import audio_dir, db_path
    from reader.speech import synthesize

    if not text.strip():
        raise UserError("nothing to say: TEXT is empty")
    result = synthesize(text, _speech_settings(engine), db_path(), audio_dir())
    if result.fell_back:
        click.echo(f"sentences: {result.reason}; used the offline voice", err=True)
    path = result.path
    if out:
        target = Path(out)
        if target.suffix.lower() not in ("", path.suffix.lower()):
            raise UserError(f"the audio is {path.suffix[1:].upper()}; name --out *{path.suffix}")
        if target.suffix == "":
            target = target.with_suffix(path.suffix)
        shutil.copyfile(path, target)
        path = target
    click.echo(str(path))


@main.command("audio")
@click.option("--text", "text_id", type=int, help="The text to pre-render.")
@click.option("--engine", type=click.Choice(["gtts", "espeak"]), help="Default: from config.")
@click.option(
    "--prune", "prune_mb", type=click.IntRange(min=0), help="Keep only the MB most recently heard."
)
@home_option
@friendly
def audio_cmd(text_id: int | None, engine: str | None, prune_mb: int | None) -> None:
    """Pre-render the audio of every sentence of a text (--text), so reading never waits for it;
    or shrink the audio cache (--prune MB)."""
    if (text_id is None) == (prune_mb is None):
        raise UserError("give either --text ID or --prune MB")
    if prune_mb is not None:
        _prune_audio(prune_mb)
        return
    assert text_id is not None
    from reader.learn.texts import get_text
    from reader.paths import audio_dir
    from reader.speech import prerender

    db = open_home_db()
    info = get_text(db, text_id)
    sentences = [r[0] for r in db.execute(
        "SELECT text FROM sentences WHERE text_id = ? ORDER BY idx", (text_id,)
    ).fetchall()]  # fmt: skip
    with ProgressLine(f"speaking {info.title[:40]}") as report:
        result = prerender(
            sentences, _speech_settings(engine, info.lang), db, audio_dir(info.source), report
        )
    click.echo(
        f"{counted(result.total, 'sentence')}: {result.synthesized} synthesized, "
        f"{result.cached} cached"
        + (
            f", {result.fell_back} with the offline voice ({result.reason})"
            if result.fell_back
            else ""
        )
    )
    for error in result.errors:
        click.echo(f"sentences: {error}", err=True)
    if result.errors:
        raise click.exceptions.Exit(1)


def _prune_audio(megabytes: int) -> None:
    from reader.paths import audio_dir
    from reader.speech.prune import prune

    db = open_home_db()
    # the data home's audio/, and the checkout's audio/ when the library has a sample article
    sources = [row[0] for row in db.execute("SELECT DISTINCT source FROM texts").fetchall()]
    roots = list(dict.fromkeys([audio_dir(), *(audio_dir(s) for s in sources if s)]))
    report = prune(db, roots, megabytes * 1_000_000)
    click.echo(
        f"removed {report.removed} audio files ({report.freed / 1e6:.1f} MB); "
        f"{report.kept / 1e6:.1f} MB kept"
    )
