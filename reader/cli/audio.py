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
from reader.config import load_config
from reader.learn.texts import get_text
from reader.paths import audio_dir, data_home, db_path
from reader.speech import SpeechSettings, prerender, synthesize
from reader.speech.encode import OUT_FORMATS, export_audio
from reader.speech.prune import prune
from reader.wording import counted


def _speech_settings(engine: str | None, lang: str | None = None) -> Any:
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
@click.option(
    "--out",
    type=click.Path(dir_okay=False),
    help="Also write the audio to this file: .mp3, .wav, .flac or .ogg.",
)
@home_option
@friendly
def speak_cmd(text: str, engine: str | None, out: str | None) -> None:
    """Synthesize TEXT (or take it from the cache) and print the audio file's path."""
    if not text.strip():
        raise UserError("nothing to say: TEXT is empty")

    if out and Path(out).suffix and Path(out).suffix.lower() not in OUT_FORMATS:
        raise UserError(f"cannot write {Path(out).suffix}: name --out *.mp3, .wav, .flac or .ogg")
    # The offline fallback belongs to the configured engine; one named here is what was asked.
    named = engine is not None and engine != "espeak"
    result = synthesize(text, _speech_settings(engine), db_path(), audio_dir(), fallback=not named)
    if result.fell_back:
        click.echo(f"sentences: {result.reason}; used the offline voice", err=True)
    path = result.path
    if out:
        target = Path(out)
        if target.suffix == "":
            target = target.with_suffix(path.suffix)
        export_audio(path, target)  # WAV, FLAC or OGG as the name asks; MP3 as cached
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
    db = open_home_db()
    # The data home's own audio/ is all its own. The checkout's audio/ (the sample articles')
    # or a folder named by SENTENCES_AUDIO_DIR may hold other data homes' audio as well: there,
    # only what this home's index names is removed.
    sources = [row[0] for row in db.execute("SELECT DISTINCT source FROM texts").fetchall()]
    folders = list(dict.fromkeys([audio_dir(), *(audio_dir(s) for s in sources if s)]))
    own = (data_home() / "audio").resolve()
    roots = [f for f in folders if f.resolve() == own]
    shared = [f for f in folders if f.resolve() != own]
    report = prune(db, roots, megabytes * 1_000_000, shared=shared)
    click.echo(
        f"removed {report.removed} audio files ({report.freed / 1e6:.1f} MB); "
        f"{report.kept / 1e6:.1f} MB kept"
    )
