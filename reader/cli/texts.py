"""The texts in the library: ``texts`` lists them, ``show`` prints one's stored sentences,
``remove`` takes them out. The store only: none of these loads the text pipeline."""

from __future__ import annotations

import click

from reader.cli.base import emit_json, friendly, home_option, main, open_home_db
from reader.learn.chapters import stored_sentences
from reader.learn.texts import list_texts, remove_text
from reader.wording import counted


@main.command("texts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def texts_cmd(as_json: bool) -> None:
    """List texts with their length, progress and share of unknown words."""
    texts = list_texts(open_home_db())
    if as_json:
        emit_json([t.as_dict() for t in texts])
        return
    if not texts:
        click.echo(
            "No texts yet: `sentences import FILE` adds one, `sentences read FILE` opens it."
        )
    for t in texts:
        click.echo(
            f"{t.id:>4}  {t.title[:50]:<50}  {counted(t.sentences, 'sentence'):>16}  "
            f"{t.progress:>4.0%} read  {t.unknown_share:>4.0%} unknown"
        )


@main.command("remove")
@click.argument("text_ids", nargs=-1, required=True, type=int)
@home_option
@friendly
def remove_cmd(text_ids: tuple[int, ...]) -> None:
    """Remove TEXT-ID... from the library; your word statuses and glosses stay."""
    db = open_home_db()
    for text_id in dict.fromkeys(text_ids):  # `remove 2 2` removes text 2 once
        title = remove_text(db, text_id)
        click.echo(f"removed {text_id}: {title}")


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
