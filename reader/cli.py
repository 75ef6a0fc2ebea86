"""The ``sentences`` command: thin commands over the layers, one-line errors, ``--json`` output.

Textual is imported only by the commands that open the TUI, so scripting commands start fast.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])


class UserError(click.ClickException):
    """An error the learner can act on: printed as one line, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"sentences: {self.format_message()}", err=True)


def home_option(func: F) -> F:
    """``--home DIR`` on every command; it sets ``SENTENCES_HOME`` for the layers below."""

    def apply(ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
        if value:
            os.environ["SENTENCES_HOME"] = value
        return value

    return click.option(
        "--home",
        type=click.Path(file_okay=False),
        expose_value=False,
        is_eager=True,
        callback=apply,
        help="Data home (default: $SENTENCES_HOME, else the platform's user data folder).",
    )(func)


def friendly(func: F) -> F:
    """Turn the layers' own errors into one-line messages instead of tracebacks."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        from reader.errors import describe

        try:
            return func(*args, **kwargs)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except KeyboardInterrupt:
            raise click.Abort() from None
        except Exception as exc:
            if os.environ.get("SENTENCES_DEBUG"):
                raise
            raise UserError(describe(exc)) from exc

    return wrapper  # type: ignore[return-value]


def _db() -> Any:
    from reader.store import open_db

    return open_db()


def _emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(invoke_without_command=True)
@home_option
@click.version_option(package_name="sentences-reader")
@click.pass_context
@friendly
def main(ctx: click.Context) -> None:
    """Sentences: read texts sentence by sentence, with glosses and audio."""
    if ctx.invoked_subcommand is None:
        _run_tui(None)


@main.command("read")
@click.argument("target", required=False)
@click.option("--title", help="Title for a new text (default: from the text).")
@click.option("--lang", default=None, help="Language of a new text (default: en).")
@home_option
@friendly
def read_cmd(target: str | None, title: str | None, lang: str | None) -> None:
    """Open PATH (importing it if new) or TEXT-ID in sentences mode, where you left it."""
    if target is None:
        _run_tui(None)
        return
    db = _db()
    from reader.learn.texts import get_text

    if target.isdigit() and not Path(target).exists():
        get_text(db, int(target))  # a clear error for an unknown id, before the TUI starts
        _run_tui(int(target))
        return
    from reader.text.importer import find_text
    from reader.text.load import load_path

    loaded = load_path(target)
    if title:
        loaded = type(loaded)(title=title, content=loaded.content, source=loaded.source)
    lang = lang or _config_lang()
    existing = find_text(db, loaded.content, lang)
    db.close()
    _run_tui(existing if existing is not None else loaded, lang=lang)


def _config_lang() -> str:
    from reader.config import load_config

    return load_config().lang


def _run_tui(target: Any, lang: str = "en") -> None:
    from reader.paths import db_path
    from reader.store import open_db

    open_db(db_path()).close()  # migrate, and fail with one line if the file is unusable
    from reader.ui.app import make_app

    app = make_app(db_path(), target=target, lang=lang)
    app.run()
    if app.return_code:
        raise click.exceptions.Exit(app.return_code)


@main.command("import")
@click.argument("paths", nargs=-1, required=True)
@click.option("--title", help="Title (only with one PATH).")
@click.option("--lang", default=None, help="Language (default: en).")
@home_option
@friendly
def import_cmd(paths: tuple[str, ...], title: str | None, lang: str | None) -> None:
    """Import PATH... (- for stdin) without opening; prints each text's id."""
    from reader.text.importer import import_text
    from reader.text.load import load_path

    if title and len(paths) > 1:
        raise UserError("--title needs exactly one PATH")
    db = _db()
    lang = lang or _config_lang()
    failures = 0
    for path in paths:
        try:
            loaded = load_path(path)
            if title:
                loaded = type(loaded)(title=title, content=loaded.content, source=loaded.source)
            with _Progress(f"importing {Path(path).name}") as report:
                result = import_text(db, loaded, lang, progress=report)
        except Exception as exc:
            if len(paths) == 1:
                raise
            from reader.errors import describe

            click.echo(f"sentences: {describe(exc)}", err=True)
            failures += 1
            continue
        click.echo(result.text_id)
    if failures:
        raise click.exceptions.Exit(1)


class _Progress:
    """A progress line on stderr (only when stderr is a terminal), for long imports and setup."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.live = sys.stderr.isatty()

    def __enter__(self) -> Callable[..., None]:
        return self.report

    def report(self, *args: Any) -> None:
        if not self.live:
            return
        stage, done, total = args if len(args) == 3 else (self.label, *args)
        share = done / total if total else 1.0
        bar = "#" * int(share * 30)
        click.echo(f"\r{self.label}: {stage:<10} [{bar:<30}] {share:4.0%}", nl=False, err=True)

    def __exit__(self, *exc: object) -> None:
        if self.live:
            click.echo("\r\033[K", nl=False, err=True)


@main.command("texts")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def texts_cmd(as_json: bool) -> None:
    """List texts with their length, progress and share of unknown words."""
    from reader.learn.texts import list_texts

    texts = list_texts(_db())
    if as_json:
        _emit_json([t.as_dict() for t in texts])
        return
    for t in texts:
        click.echo(
            f"{t.id:>4}  {t.title[:50]:<50}  {t.sentences:>6} sentences  "
            f"{t.progress:>4.0%} read  {t.unknown_share:>4.0%} unknown"
        )


def _stdin_text() -> str:
    data = sys.stdin.buffer.read()
    from reader.text.load import LoadError, decode_bytes

    try:
        return decode_bytes(data, "stdin")  # offsets point into exactly this text
    except LoadError:
        if not data.strip():
            return ""
        raise


@main.command("split")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of {text,start,end}.")
@click.option("--lang", default="en")
@home_option
@friendly
def split_cmd(as_json: bool, lang: str) -> None:
    """Split stdin into sentences, one per line."""
    from reader.text import split

    sentences = split(_stdin_text(), lang)
    if as_json:
        _emit_json(sentences)
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

    sentences = analyze(_stdin_text(), lang)
    if as_json:
        _emit_json(sentences)
        return
    for s in sentences:
        click.echo(" ".join(f"{t['text']}/{t['pos']}/{t['lemma']}" for t in s["tokens"]))


@main.command("gloss")
@click.argument("word")
@click.option("--pos", default=None, help="Part of speech (UPOS: NOUN, VERB, ADJ, ADV).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def gloss_cmd(word: str, pos: str | None, as_json: bool) -> None:
    """The glosses the reader shows for WORD: yours first, then dictionaries, then WordNet."""
    from reader.learn.glossing import gloss_entry

    db = _db()
    _ensure_lexicon(db)
    entry = gloss_entry(db, word, pos=pos.upper() if pos else None)
    if as_json:
        _emit_json(entry.as_dict())
        return
    click.echo(f"{entry.lemma} ({entry.status_name})")
    if not entry.senses:
        click.echo("  no gloss found")
    for sense in entry.senses:
        pos_label = f"[{sense.pos}] " if sense.pos else ""
        click.echo(f"  {sense.source}: {pos_label}{sense.gloss}")
        if sense.example:
            click.echo(f'      "{sense.example}"')


def _ensure_lexicon(db: Any) -> None:
    from reader.lexicon.builtin import ensure_lexicon

    with _Progress("building the lexicon from WordNet") as report:
        ensure_lexicon(db, progress=report)


@main.group("term")
def term_group() -> None:
    """Terms: statuses and your own glosses."""


@term_group.command("set")
@click.argument("lemma")
@click.option("--status", help="new, 1, 2, 3, 4, known or ignored.")
@click.option("--gloss", help="Your own gloss ('' clears it).")
@home_option
@friendly
def term_set_cmd(lemma: str, status: str | None, gloss: str | None) -> None:
    """Set a term's status or your own gloss."""
    from reader.learn.status import get_term, parse_status, set_gloss, set_status, status_name

    if status is None and gloss is None:
        raise UserError("nothing to set: give --status and/or --gloss")
    db = _db()
    if status is not None:
        set_status(db, lemma, parse_status(status))
    if gloss is not None:
        set_gloss(db, lemma, gloss)
    state = get_term(db, lemma)
    click.echo(
        f"{state.key}: {status_name(state.status)}" + (f" — {state.gloss}" if state.gloss else "")
    )


@main.command("setup")
@home_option
@friendly
def setup_cmd() -> None:
    """Find or build the lexicon and language data, and say what was found."""
    import time

    from reader.lexicon.builtin import ensure_lexicon
    from reader.lexicon.idioms import ensure_idioms
    from reader.lexicon.wordnet import WORDNET_MISSING, find_wordnet
    from reader.paths import data_home

    db = _db()
    click.echo(f"data home: {data_home()}")
    ensure_idioms(db)
    idioms = db.execute("SELECT entry_count FROM lex_sources WHERE name = 'idioms'").fetchone()
    click.echo(f"idioms: {idioms[0] if idioms else 0:,} shipped with the program")
    source = find_wordnet()
    if source is None:
        raise UserError(WORDNET_MISSING)
    started = time.perf_counter()
    with _Progress("building the lexicon from WordNet") as report:
        built = ensure_lexicon(db, progress=report)
    took = time.perf_counter() - started
    count = db.execute(
        "SELECT entry_count, origin FROM lex_sources WHERE name = 'wordnet'"
    ).fetchone()
    verb = "compiled" if built else "already compiled"
    click.echo(f"WordNet: {verb} from {count[1]}, {count[0]:,} senses ({took:.1f} s)")
    from reader.text.tagger import tag_words

    tag_words(["Setup", "works", "."])
    click.echo("tagger: ready (trained on UD English EWT, shipped with the package)")
    import shutil

    espeak = shutil.which("espeak-ng")
    voice = f"espeak-ng at {espeak}" if espeak else "libespeak-ng from the espeakng-loader package"
    click.echo(f"offline voice: {voice}")


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
@click.option("--text", "text_id", type=int, required=True, help="The text to pre-render.")
@click.option("--engine", type=click.Choice(["gtts", "espeak"]), help="Default: from config.")
@home_option
@friendly
def audio_cmd(text_id: int, engine: str | None) -> None:
    """Pre-render the audio of every sentence of a text, so reading never waits for it."""
    from reader.learn.texts import get_text
    from reader.paths import audio_dir
    from reader.speech import prerender

    db = _db()
    info = get_text(db, text_id)
    sentences = [r[0] for r in db.execute(
        "SELECT text FROM sentences WHERE text_id = ? ORDER BY idx", (text_id,)
    ).fetchall()]  # fmt: skip
    with _Progress(f"speaking {info.title[:40]}") as report:
        result = prerender(
            sentences, _speech_settings(engine, info.lang), db, audio_dir(info.source), report
        )
    click.echo(
        f"{result.total} sentences: {result.synthesized} synthesized, {result.cached} cached"
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


@main.group("dict")
def dict_group() -> None:
    """Dictionaries you bring: TSV/CSV, StarDict, FreeDict TEI."""


@dict_group.command("import")
@click.argument("path", type=click.Path(exists=True))
@click.option("--name", help="Name to list it under (default: from the file).")
@click.option(
    "--format", "fmt", type=click.Choice(["tsv", "csv", "stardict", "freedict"]), default=None
)
@home_option
@friendly
def dict_import_cmd(path: str, name: str | None, fmt: str | None) -> None:
    """Import a dictionary into the lexicon (replacing one of the same name)."""
    from reader.lexicon import import_dictionary

    db = _db()
    with _Progress(f"importing {Path(path).name}") as report:
        result = import_dictionary(db, Path(path), name=name, fmt=fmt, progress=report)
    click.echo(f"{result.name}: {result.entries:,} entries ({result.kind}, {result.seconds:.1f} s)")


@dict_group.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def dict_list_cmd(as_json: bool) -> None:
    """Gloss sources in display order (your own glosses always come first)."""
    from dataclasses import asdict

    from reader.lexicon import list_dictionaries

    sources = list_dictionaries(_db())
    if as_json:
        _emit_json([asdict(s) for s in sources])
        return
    for s in sources:
        state = "on " if s.enabled else "off"
        click.echo(f"{state} {s.priority:>5}  {s.name:<30} {s.kind:<9} {s.entry_count:>9,} entries")


@dict_group.command("enable")
@click.argument("name")
@home_option
@friendly
def dict_enable_cmd(name: str) -> None:
    """Show this dictionary's glosses."""
    from reader.lexicon import set_enabled

    set_enabled(_db(), name, True)


@dict_group.command("disable")
@click.argument("name")
@home_option
@friendly
def dict_disable_cmd(name: str) -> None:
    """Keep this dictionary but stop showing its glosses."""
    from reader.lexicon import set_enabled

    set_enabled(_db(), name, False)


@dict_group.command("order")
@click.argument("names", nargs=-1, required=True)
@home_option
@friendly
def dict_order_cmd(names: tuple[str, ...]) -> None:
    """Show dictionaries in this order (the ones not named keep their places after them)."""
    from reader.lexicon import reorder

    reorder(_db(), list(names))


@dict_group.command("remove")
@click.argument("name")
@home_option
@friendly
def dict_remove_cmd(name: str) -> None:
    """Delete a dictionary and its entries."""
    from reader.lexicon import remove_dictionary

    count = remove_dictionary(_db(), name)
    click.echo(f"removed {name} ({count:,} entries)")


@main.group("config", invoke_without_command=True)
@home_option
@click.pass_context
@friendly
def config_group(ctx: click.Context) -> None:
    """Show the settings (config.toml in the data home), or change one with `config set`."""
    if ctx.invoked_subcommand is None:
        from dataclasses import fields

        from reader.config import Config, load_config

        config = load_config()
        for f in fields(Config):
            if f.name != "warnings":
                click.echo(f"{f.name} = {getattr(config, f.name)!r}")


@config_group.command("set")
@click.argument("key")
@click.argument("value")
@home_option
@friendly
def config_set_cmd(key: str, value: str) -> None:
    """Set KEY to VALUE, e.g. `gloss_rarer_than 3000` or `speech_engine espeak`."""
    from reader.config import load_config, save_config, set_value

    config = load_config()
    set_value(config, key, value)
    save_config(config)
    click.echo(f"{key} = {getattr(config, key)!r}")


@main.command("known")
@click.option("--top", type=int, required=True, help="How many of the most frequent lemmas.")
@home_option
@friendly
def known_cmd(top: int) -> None:
    """Mark the TOP most frequent lemmas known (those you have not marked yet): a head start."""
    from reader.learn.status import KNOWN, set_statuses
    from reader.lexicon.frequency import top_lemmas

    if not 0 < top <= 50_000:
        raise UserError("--top must be between 1 and 50000")
    db = _db()
    have = {r[0] for r in db.execute("SELECT key FROM terms WHERE lang = 'en'").fetchall()}
    fresh = sorted(set(top_lemmas(top)) - have)
    count = set_statuses(db, fresh, KNOWN) if fresh else 0
    click.echo(f"{count:,} lemmas marked known")


def run() -> None:
    main(prog_name="sentences")


if __name__ == "__main__":
    run()
