"""``sentences export anki|tsv|csv OUT``: flashcards for the terms being learned."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from reader.cli.audio import _speech_settings
from reader.cli.base import UserError, friendly, home_option, main, open_home_db
from reader.config import load_config
from reader.export import ExportRequest, NothingNew, export
from reader.learn.status import LEARNING, StatusError, parse_status
from reader.paths import audio_dir


def parse_statuses(values: tuple[str, ...]) -> tuple[int, ...]:
    """``--status`` values: ``1``, ``1,2``, ``1-4``, ``learning`` (1-4), ``known``, ``ignored``."""
    found: list[int] = []
    for value in values:
        for part in value.replace(" ", "").split(","):
            if not part:
                continue
            if part.lower() == "learning":
                found += LEARNING
            elif "-" in part and all(p.isdigit() for p in part.split("-", 1)):
                low, high = (int(p) for p in part.split("-", 1))
                found += [s for s in LEARNING if low <= s <= high]
            else:
                try:
                    found.append(parse_status(part))
                except StatusError as exc:
                    raise UserError(str(exc)) from None
    return tuple(dict.fromkeys(found)) or LEARNING


class _Bar:
    """click's progress bar on stderr for the audio stage, created once its length is known."""

    def __init__(self) -> None:
        self.bar: Any = None
        self.done = 0

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != "audio" or total == 0 or not sys.stderr.isatty():
            return
        if self.bar is None:
            self.bar = click.progressbar(
                length=total, label="sentence audio", file=sys.stderr, show_pos=True
            )
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@main.command("export")
@click.argument("kind", metavar="anki|tsv|csv", type=click.Choice(["anki", "tsv", "csv"]))
@click.argument("out", type=click.Path(dir_okay=False))
@click.option(
    "--status",
    "statuses",
    multiple=True,
    help="Statuses to export: 1-4 (the default), 1,2, learning, known, ignored, new.",
)
@click.option("--text", "text_id", type=int, help="Only the terms met in this text.")
@click.option(
    "--since-last", is_flag=True, help="Only terms changed since the last export of this kind."
)
@click.option("--deck", default="Sentences", show_default=True, help="The Anki deck.")
@click.option("--no-audio", is_flag=True, help="Leave the sentence audio out.")
@click.option(
    "--media",
    type=click.Path(file_okay=False),
    help="tsv/csv: copy the audio files into this folder (e.g. Anki's collection.media).",
)
@home_option
@friendly
def export_cmd(
    kind: str,
    out: str,
    statuses: tuple[str, ...],
    text_id: int | None,
    since_last: bool,
    deck: str,
    no_audio: bool,
    media: str | None,
) -> None:
    """Write flashcards for the terms you are learning: an Anki package (anki, .apkg) with the
    sentence audio, or a TSV/CSV file with one row per term.

    Exporting again updates the same notes in Anki instead of duplicating them."""
    if media is not None and kind == "anki":
        raise UserError("--media is for tsv and csv; an Anki package carries its audio")
    if media is not None and no_audio:
        raise UserError("--media copies the audio, which --no-audio leaves out")
    config = load_config()
    request = ExportRequest(
        kind=kind,
        out=Path(out),
        statuses=parse_statuses(statuses),
        text_id=text_id,
        since_last=since_last,
        deck=deck,
        audio=not no_audio,
        media=Path(media).expanduser() if media else None,
        lang=config.lang,
        native_lang=config.native_lang,
    )
    db = open_home_db()
    bar = _Bar()
    try:
        result = export(db, request, _speech_settings(None), audio_dir, progress=bar)
    except NothingNew as exc:
        click.echo(str(exc))  # up to date is not an error: exit 0
        return
    finally:
        bar.close()
    for warning in result.warnings:
        click.echo(f"sentences: {warning}", err=True)
    click.echo(result.summary())
