"""Reading and the library: ``read``, ``import``, ``texts``, ``remove``."""

from __future__ import annotations

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
    # lazy: the store loads sqlite-utils (~0.14 s); --help needn't
    from reader.learn.texts import get_text

    if target.isdigit() and not Path(target).exists():
        get_text(db, int(target))  # a clear error for an unknown id, before the TUI starts
        run_tui(int(target))
        return
    # lazy: the text pipeline loads nltk, scipy and scikit-learn (~1 s)
    from reader.text.importer import find_source, find_text

    lang = checked_lang(lang or config_lang())
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


def is_url(target: str) -> bool:
    # lazy: the HTML/XML parsers (~0.02 s) the CLI start skips
    from reader.text.web import is_url as _is_url

    return _is_url(target)


def canonical_url(url: str) -> str:
    # lazy: the HTML/XML parsers (~0.02 s) the CLI start skips
    from reader.text.web import canonical_url as _canonical

    return _canonical(url)


def load_target(target: str, *, whole: bool = False) -> Any:
    """A file (``-`` for stdin) or a web page by its URL, as a text to import."""
    if is_url(target):
        # lazy: the HTML/XML parsers (~0.02 s) the CLI start skips
        from reader.text.web import load_url

        return load_url(target, whole=whole)
    # lazy: the HTML/XML parsers (~0.02 s) the CLI start skips
    from reader.text.load import load_path

    return load_path(target, whole=whole)


def checked_lang(lang: str) -> str:
    """The language code if the reader supports it; otherwise a one-line refusal naming those
    it does."""
    from reader.languages import check_text_language  # lazy: langcodes (~0.03 s)

    return check_text_language(lang)


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
@click.option("--whole", is_flag=True, help="Keep all of an HTML page, not only its article.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of the texts.")
@home_option
@friendly
def import_cmd(
    paths: tuple[str, ...], title: str | None, lang: str | None, whole: bool, as_json: bool
) -> None:
    """Import PATH or URL... (- for stdin) without opening; says each text's id and length."""
    # lazy: the text pipeline loads nltk, scipy and scikit-learn (~1 s)
    from reader.text.importer import find_source, import_text

    if title and len(paths) > 1:
        raise UserError("--title needs exactly one PATH")
    lang = checked_lang(lang or config_lang())
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
    # lazy: the phrase index loads wordfreq's tables (~0.15 s)
    from reader.learn.after_import import after_import

    try:
        after_import(db, result.text_id, lang, progress=report, analysed=result.analysed)
    except Exception as exc:
        click.echo(f"sentences: phrases not counted yet ({describe(exc)})", err=True)


def _known_record(db: Any, text_id: int) -> dict[str, object]:
    # lazy: the store loads sqlite-utils (~0.14 s); --help needn't
    from reader.learn.texts import get_text

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


@main.command("texts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def texts_cmd(as_json: bool) -> None:
    """List texts with their length, progress and share of unknown words."""
    # lazy: the store loads sqlite-utils (~0.14 s); --help needn't
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
    # lazy: the store loads sqlite-utils (~0.14 s); --help needn't
    from reader.learn.texts import remove_text

    db = open_home_db()
    for text_id in dict.fromkeys(text_ids):  # `remove 2 2` removes text 2 once
        title = remove_text(db, text_id)
        click.echo(f"removed {text_id}: {title}")
