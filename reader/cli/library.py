"""Reading and the library: ``read``, ``import``, ``texts``, ``remove``."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.base import (
    ProgressLine,
    UserError,
    config_lang,
    emit_json,
    friendly,
    home_option,
    main,
    open_home_db,
)
from reader.cli.tui import run_tui
from reader.wording import counted


@main.command("read")
@click.argument("target", required=False)
@click.option("--title", help="Title for a new text (default: from the text).")
@click.option("--lang", default=None, help="Language of a new text (default: en).")
@home_option
@friendly
def read_cmd(target: str | None, title: str | None, lang: str | None) -> None:
    """Open PATH (importing it if new) or TEXT-ID in sentences mode, where you left it."""
    if target is None:
        run_tui(None)
        return
    db = open_home_db()
    from reader.learn.texts import get_text

    if target.isdigit() and not Path(target).exists():
        get_text(db, int(target))  # a clear error for an unknown id, before the TUI starts
        run_tui(int(target))
        return
    from reader.text.importer import find_text
    from reader.text.load import load_path

    loaded = load_path(target)
    if title:
        loaded = type(loaded)(title=title, content=loaded.content, source=loaded.source)
    lang = lang or config_lang()
    existing = find_text(db, loaded.content, lang)
    db.conn.close()
    if target == "-":
        _keys_from_terminal()
    run_tui(existing if existing is not None else loaded, lang=lang)


def _keys_from_terminal() -> None:
    """After the text came through a pipe, the reader's keys must come from the terminal."""
    import os

    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError as exc:
        raise UserError(
            "no terminal to read keys from; use `sentences import -` then `sentences read ID`"
        ) from exc
    os.dup2(fd, 0)
    os.close(fd)


@main.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--title", help="Title (only with one PATH).")
@click.option("--lang", default=None, help="Language (default: en).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of the texts.")
@home_option
@friendly
def import_cmd(paths: tuple[str, ...], title: str | None, lang: str | None, as_json: bool) -> None:
    """Import PATH... (- for stdin) without opening; says each text's id and length."""
    from reader.text.importer import import_text
    from reader.text.load import load_path

    if title and len(paths) > 1:
        raise UserError("--title needs exactly one PATH")
    db = open_home_db()
    lang = lang or config_lang()
    failures = 0
    imported: list[dict[str, object]] = []
    for path in paths:
        try:
            loaded = load_path(path)
            if title:
                loaded = type(loaded)(title=title, content=loaded.content, source=loaded.source)
            with ProgressLine(f"importing {Path(path).name}") as report:
                result = import_text(db, loaded, lang, progress=report)
        except Exception as exc:
            if len(paths) == 1:
                raise
            from reader.errors import describe

            click.echo(f"sentences: {describe(exc)}", err=True)
            failures += 1
            continue
        record = {
            "id": result.text_id,
            "title": loaded.title,
            "sentences": result.sentences,
            "words": result.words,
            "created": result.created,
        }
        imported.append(record)
        if not as_json:
            click.echo(_imported_line(record))
    if as_json:
        emit_json(imported)
    if failures:
        raise click.exceptions.Exit(1)


def _imported_line(record: dict[str, object]) -> str:
    """`imported "Title" as text 1 (62 sentences)`, or where it already was."""
    count = int(str(record["sentences"]))
    size = f"{count:,} sentence{'s' if count != 1 else ''}"
    if record["created"]:
        return f'imported "{record["title"]}" as text {record["id"]} ({size})'
    return f'"{record["title"]}" is already text {record["id"]} ({size})'


@main.command("texts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def texts_cmd(as_json: bool) -> None:
    """List texts with their length, progress and share of unknown words."""
    from reader.learn.texts import list_texts

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
    from reader.learn.texts import remove_text

    db = open_home_db()
    for text_id in dict.fromkeys(text_ids):  # `remove 2 2` removes text 2 once
        title = remove_text(db, text_id)
        click.echo(f"removed {text_id}: {title}")
