"""Words and terms: ``gloss``, ``term set``, ``known``, ``setup`` of the lexicon, and the glosses
of ``analyze --glosses``."""

from __future__ import annotations

import shlex
import shutil
import time
from pathlib import Path
from typing import Any

import click

from reader.cli.base import (
    ProgressLine,
    UserError,
    emit_json,
    friendly,
    home_option,
    main,
    open_home_db,
)
from reader.config import load_config
from reader.languages import name_of
from reader.learn.annotate import NotInSentence, add_glosses, gloss_in_sentence
from reader.learn.glossing import gloss_entry
from reader.learn.known_from import WordListError, entries, mark_known_from
from reader.learn.phrases import PhraseIndex
from reader.learn.status import (
    KNOWN,
    LEARNING,
    get_term,
    parse_status,
    set_gloss,
    set_status,
    set_statuses,
    status_name,
)
from reader.learn.typed import check_pos, typed_key
from reader.lexicon.builtin import ensure_lexicon as build_lexicon
from reader.lexicon.dictd import installed_dictionaries
from reader.lexicon.frequency import top_lemmas
from reader.lexicon.idioms import ensure_idioms
from reader.lexicon.wordnet import WORDNET_MISSING, find_wordnet, welcome_wordnet
from reader.paths import data_home
from reader.text import analyze
from reader.text.tagger import tag_words
from reader.wording import counted


@main.command("gloss")
@click.argument("word")
@click.option("--in", "sentence", default=None, help="Rank the senses as read in SENTENCE.")
@click.option("--pos", default=None, help="Part of speech (UPOS: NOUN, VERB, ADJ, ADV, ...).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def gloss_cmd(word: str, sentence: str | None, pos: str | None, as_json: bool) -> None:
    """The glosses the reader shows for WORD: yours first, then dictionaries, then WordNet."""
    if not word.strip():
        raise UserError("nothing to look up: the word is empty")
    if sentence is not None and not sentence.strip():
        raise UserError("--in needs a sentence")
    tag = check_pos(pos) if pos else None
    key = typed_key(word, pos=tag)  # refuses "!!!" and "123" before the lexicon is built
    db = open_home_db()
    ensure_lexicon(db)
    if sentence is not None:
        entry = _gloss_in(db, word, sentence, tag)
    else:
        # With a part of speech the reader's lemma for it is known ("hardened" VERB: "harden");
        # without one, the lexicon finds the lemma with a gloss.
        entry = gloss_entry(db, key if tag else word, pos=tag)
    if as_json:
        emit_json(entry.as_dict())
        return
    click.echo(f"{entry.lemma} ({entry.status_name})")
    if not entry.senses:
        click.echo("  no gloss found")
    for sense in entry.senses:
        pos_label = f"[{sense.pos}] " if sense.pos else ""
        click.echo(f"  {sense.source}: {pos_label}{sense.gloss}")
        if sense.example:
            click.echo(f'      "{sense.example}"')


def _gloss_in(db: Any, word: str, sentence: str, pos: str | None) -> Any:
    """WORD's entry as read in SENTENCE (taken as one sentence, however it is punctuated)."""
    tokens = [t for s in analyze(sentence) for t in s["tokens"]]
    context = {"text": sentence, "tokens": tokens}
    try:
        return gloss_in_sentence(
            db, word, context, pos=pos, native_lang=load_config().native_lang,
            phrases=PhraseIndex.from_db(db),
        )  # fmt: skip
    except NotInSentence as exc:
        raise UserError(str(exc)) from exc


def ensure_lexicon(db: Any) -> None:
    """Compile WordNet if it is not yet, with a progress line on stderr (never on stdout, which
    may be JSON)."""
    with ProgressLine("building the lexicon from WordNet") as report:
        build_lexicon(db, progress=report)


def with_glosses(sentences: list[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """``analyze --glosses``: the reader's glosses from the learner's data home's lexicon, phrases
    and choices."""
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
    """Set a term's status or your own gloss (LEMMA is keyed as the reader keys it: ran -> run)."""
    if status is None and gloss is None:
        raise UserError("nothing to set: give --status and/or --gloss")
    number = parse_status(status) if status is not None else None
    key = typed_key(lemma)
    db = open_home_db()
    if number is not None:
        set_status(db, key, number, source="cli")
    if gloss is not None:
        set_gloss(db, key, gloss)
    state = get_term(db, key)
    typed = " ".join(lemma.lower().split())
    shown = f"{typed} → {state.key}" if typed != state.key else state.key
    label = f"learning {state.status}" if state.status in LEARNING else status_name(state.status)
    click.echo(f"{shown}: {label}" + (f" — {state.gloss}" if state.gloss else ""))
    if state.status in LEARNING and not state.gloss and _meaningless(db, state.key):
        click.echo(
            f"sentences: {state.key} is in no dictionary: its cards have no meaning, and it is "
            f'left out of exports until you give one (`sentences term set {typed} --gloss "…"`)',
            err=True,
        )


def _meaningless(db: Any, key: str) -> bool:
    """Whether no gloss source knows ``key`` ("xyzzyqq"); False while there is no lexicon to
    ask (WordNet not compiled yet), rather than call every word unknown."""
    if db.execute("SELECT 1 FROM lex_entries LIMIT 1").fetchone() is None:
        return False
    try:
        return not gloss_entry(db, key).short()
    except ValueError:
        return True


@main.command("setup")
@home_option
@friendly
def setup_cmd() -> None:
    """Find or build the lexicon and language data, and say what was found."""
    db = open_home_db()
    click.echo(f"data home: {data_home()}")
    ensure_idioms(db)
    idioms = db.execute("SELECT entry_count FROM lex_sources WHERE name = 'idioms'").fetchone()
    click.echo(f"idioms: {idioms[0] if idioms else 0:,} shipped with the program")
    source = find_wordnet()
    if source is None:
        raise UserError(WORDNET_MISSING)
    started = time.perf_counter()

    with ProgressLine("building the lexicon from WordNet") as report:
        built = welcome_wordnet(db, progress=report)  # on again, if it was removed
        build_lexicon(db, progress=report)
    took = time.perf_counter() - started
    count = db.execute(
        "SELECT entry_count, origin FROM lex_sources WHERE name = 'wordnet'"
    ).fetchone()
    verb = "compiled" if built else "already compiled"
    click.echo(f"WordNet: {verb} from {count[1]}, {counted(count[0], 'sense')} ({took:.1f} s)")

    tag_words(["Setup", "works", "."])
    click.echo("tagger: ready (trained on UD English EWT, shipped with the package)")

    espeak = shutil.which("espeak-ng")
    voice = f"espeak-ng at {espeak}" if espeak else "libespeak-ng from the espeakng-loader package"
    click.echo(f"offline voice: {voice}")
    _list_dictd(db)


def _list_dictd(db: Any) -> None:
    """Installed dictd dictionaries for English, each with the command that imports it."""
    found = installed_dictionaries()
    if not found:
        click.echo(
            "dictd dictionaries: none installed (on Debian: apt-get install "
            "dict-freedict-eng-deu, or another dict-freedict-eng-*)"
        )
        return
    origins = {r[0] for r in db.execute("SELECT origin FROM lex_sources").fetchall()}
    click.echo(f"dictd dictionaries for English, {len(found)} installed:")
    for item in found:
        target = name_of(item.target_lang) if item.target_lang else "language unknown"
        done = str(item.files.index.resolve()) in origins
        command = f"sentences dict import {shlex.quote(str(item.files.index))}"
        click.echo(
            f"  {item.files.name} (into {target}): {command}{'  [imported]' if done else ''}"
        )


@main.command("known")
@click.option("--top", type=int, help="How many of the most frequent lemmas.")
@click.option(
    "--from",
    "source",
    type=click.Path(dir_okay=False, path_type=Path),
    help="A word list: one a line, CSV, Anki notes (TSV) or .apkg (the first field).",
)
@home_option
@friendly
def known_cmd(top: int | None, source: Path | None) -> None:
    """Mark words known: the TOP most frequent lemmas (a head start), or those of a list."""
    if (top is None) == (source is None):
        raise UserError("give --top N or --from FILE")
    if source is not None:
        _known_from(source)
        return
    assert top is not None
    if not 0 < top <= 50_000:
        raise UserError("--top must be between 1 and 50000")
    db = open_home_db()
    have = {r[0] for r in db.execute("SELECT key FROM terms WHERE lang = 'en'").fetchall()}
    fresh = sorted(set(top_lemmas(top)) - have)
    count = set_statuses(db, fresh, KNOWN, source="cli") if fresh else 0
    click.echo(f"{counted(count, 'lemma')} marked known")


def _known_from(source: Path) -> None:
    try:
        items = entries(source)  # refused whole (binary, empty, wrong encoding) first
    except WordListError as exc:
        raise UserError(str(exc)) from None
    report = mark_known_from(open_home_db(), items)
    click.echo(
        f"{counted(report.new, 'word')} marked known, {report.already:,} already known, "
        f"{report.not_words:,} not words"
    )
