"""What the learner's records show: ``stats``, a text's ``study`` list, and ``find`` (the
concordance)."""

from __future__ import annotations

from datetime import date

import click

from reader.cli.base import UserError, emit_json, friendly, home_option, main, open_home_db
from reader.learn.concordance import find
from reader.learn.stats import compute, why_empty
from reader.wording import counted


@main.command("stats")
@click.option("--since", help="Count from this day on (YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--series", is_flag=True, help="With --json: the figures per day too.")
@home_option
@friendly
def stats_cmd(since: str | None, as_json: bool, series: bool) -> None:
    """Your progress: words known and learning, sentences read, reviews, streak."""
    if since is not None:
        try:
            since = date.fromisoformat(since.strip()).isoformat()
        except ValueError:
            raise UserError(f"--since {since!r}: give a day as YYYY-MM-DD") from None
    stats = compute(open_home_db(), since)
    if as_json:
        emit_json(stats.as_dict(series=series))
        return
    if stats.empty:
        click.echo(why_empty(stats))
    head = f"since {since}" if since else "all time"
    click.echo(f"known {stats.known:,}  learning {stats.learning:,}  (now)")
    click.echo(
        f"{head}: {counted(stats.sentences_read, 'sentence')} read "
        f"({counted(stats.words_read, 'word')}), {counted(stats.status_changes, 'status change')}, "
        f"{counted(stats.reviews, 'review')}"
        + (f" ({stats.retention:.0%} recalled)" if stats.retention is not None else "")
    )
    click.echo(
        f"{counted(stats.days_active, 'day')} active, streak {counted(stats.streak, 'day')}, "
        f"{stats.active_minutes:,} min reading in {counted(stats.sessions, 'session')}"
    )
    click.echo(f"new words met: {stats.new_seen:,}; vocabulary estimate: "
               f"{stats.vocabulary_estimate or 0:,} words")  # fmt: skip


@main.command("study")
@click.argument("text_id", type=int)
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def study_cmd(text_id: int, limit: int, as_json: bool) -> None:
    """TEXT-ID's new words, those that would make most of it readable first."""
    # lazy: the study list ranks by word frequency, so it loads the lexicon (wordfreq, ~115
    # modules) that `stats` and `find` do without
    from reader.learn.study import study_list

    items = study_list(open_home_db(), text_id, limit)
    if as_json:
        emit_json([i.as_dict() for i in items])
        return
    if not items:
        click.echo("No new words in this text: you have marked them all.")
    for i in items:
        click.echo(f"{i.rank:>4}  {i.lemma:<20} {i.count:>6}x  {i.share:>6.2%} of the text")


@main.command("find")
@click.argument("term", nargs=-1, required=True)
@click.option("--limit", type=click.IntRange(1, 100_000), default=100, show_default=True)
@click.option("--lang", default="en")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def find_cmd(term: tuple[str, ...], limit: int, lang: str, as_json: bool) -> None:
    """Every sentence of your library that holds TERM, in any of its forms ("went": go)."""
    wanted = " ".join(term)
    if not wanted.strip():
        raise UserError("give a word or a term to find")
    found = find(open_home_db(), wanted, lang, limit)
    if as_json:
        emit_json([h.as_dict() for h in found.hits])
        return
    shown = f"{len(found.hits)} shown" if len(found.hits) < found.total else "all shown"
    click.echo(f"{' '.join(found.keys) or wanted}: {counted(found.total, 'sentence')} ({shown})")
    for hit in found.hits:
        click.echo(f"{hit.text_id:>4}:{hit.idx:<6} {' '.join(hit.sentence.split())}")
