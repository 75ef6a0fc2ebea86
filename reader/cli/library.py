"""Reading and bringing texts in: ``read`` and ``import`` (a file, stdin or a web page); the
texts already in the library are listed, shown and removed in :mod:`reader.cli.texts`."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

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
from reader.errors import describe
from reader.languages import check_text_language
from reader.learn.texts import get_text
from reader.text.load import load_path
from reader.text.web import canonical_url, is_url, load_url
from reader.wording import counted


@main.command("read")
@click.argument("target", required=False)
@click.option("--title", help="Title for a new text (default: from the text).")
@click.option("--lang", default=None, help="Language of a new text (default: en).")
@click.option("--whole", is_flag=True, help="Keep all of an HTML page, not only its article.")
@home_option
@friendly
def read_cmd(target: str | None, title: str | None, lang: str | None, whole: bool) -> None:
    """Open PATH or URL (importing it if new) or TEXT-ID in sentences mode, where you left it."""
    if target is None:
        run_tui(None)
        return
    db = open_home_db()
    if target.isdigit() and not Path(target).exists():
        get_text(db, int(target))  # a clear error for an unknown id, before the TUI starts
        run_tui(int(target))
        return
    # lazy: opening a stored text by its id (above) skips the text pipeline: nltk, scipy and
    # scikit-learn, ~1,400 modules, ~1-2 s
    from reader.text.importer import find_source, find_text

    lang = check_text_language(lang or config_lang())
    existing = find_source(db, canonical_url(target), lang) if is_url(target) else None
    loaded = None
    if existing is None:
        loaded = load_target(target, whole=whole)
        if title:
            loaded = replace(loaded, title=title)
        existing = find_text(db, loaded.content, lang)
    db.conn.close()
    if target == "-":
        _keys_from_terminal()
    run_tui(existing if existing is not None else loaded, lang=lang)


def load_target(target: str, *, whole: bool = False) -> Any:
    """A file (``-`` for stdin) or a web page by its URL, as a text to import."""
    if is_url(target):
        return load_url(target, whole=whole)
    return load_path(target, whole=whole)


def _keys_from_terminal() -> None:
    """After the text came through a pipe, the reader's keys must come from the terminal."""
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
@click.option("--whole", is_flag=True, help="Keep all of an HTML page, not only its article.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of the texts.")
@home_option
@friendly
def import_cmd(
    paths: tuple[str, ...], title: str | None, lang: str | None, whole: bool, as_json: bool
) -> None:
    """Import PATH or URL... (- for stdin) without opening; says each text's id and length."""
    # lazy: the text pipeline (~1,400 modules); `read` opens a stored text without it
    from reader.text.importer import find_source, import_text

    if title and len(paths) > 1:
        raise UserError("--title needs exactly one PATH")
    lang = check_text_language(lang or config_lang())
    db = open_home_db()
    failures = 0
    imported: list[dict[str, object]] = []
    for path in paths:
        try:
            known = find_source(db, canonical_url(path), lang) if is_url(path) else None
            if known is not None:
                imported.append(_known_record(db, known))
                if not as_json:
                    click.echo(_imported_line(imported[-1], title))
                continue
            loaded = load_target(path, whole=whole)
            if title:
                loaded = replace(loaded, title=title)
            with ProgressLine(f"importing {Path(path).name or path}") as report:
                result = import_text(db, loaded, lang, progress=report)
                if result.created:
                    _after_import(db, result, lang, report)
        except Exception as exc:
            if len(paths) == 1:
                raise

            click.echo(f"sentences: {describe(exc)}", err=True)
            failures += 1
            continue
        record = {
            "id": result.text_id,
            "title": loaded.title if result.created else _stored_title(db, result.text_id),
            "sentences": result.sentences,
            "words": result.words,
            "created": result.created,
        }
        imported.append(record)
        if not as_json:
            click.echo(_imported_line(record, title))
    if as_json:
        emit_json(imported)
    if failures:
        raise click.exceptions.Exit(1)


def _after_import(db: Any, result: Any, lang: str, report: Any) -> None:
    """Count the new text's phrases now, so its first study list is quick. The text is stored
    either way: should this fail, its study list counts them when asked, as before."""
    # lazy: the phrase counting comes with the text pipeline, which `read` does without
    from reader.learn.after_import import after_import

    try:
        after_import(db, result.text_id, lang, progress=report, analysed=result.analysed)
    except Exception as exc:
        click.echo(f"sentences: phrases not counted yet ({describe(exc)})", err=True)


def _known_record(db: Any, text_id: int) -> dict[str, object]:
    info = get_text(db, text_id, figures=False)
    return {
        "id": text_id,
        "title": info.title,
        "sentences": info.sentences,
        "words": info.words,
        "created": False,
    }


def _imported_line(record: dict[str, object], asked: str | None = None) -> str:
    """`imported "Title" as text 1 (62 sentences)`, or where it already was, under the title it
    was stored with (a --title given for a text already there changes nothing, and says so)."""
    count = int(str(record["sentences"]))
    size = counted(count, "sentence")
    if record["created"]:
        return f'imported "{record["title"]}" as text {record["id"]} ({size})'
    line = f'"{record["title"]}" is already text {record["id"]} ({size})'
    if asked and asked != record["title"]:
        line += f'; the same content, so it keeps its title (not "{asked}")'
    return line


def _stored_title(db: Any, text_id: int) -> str:
    row = db.execute("SELECT title FROM texts WHERE id = ?", (text_id,)).fetchone()
    return str(row[0]) if row else ""
