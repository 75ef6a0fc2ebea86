"""Review: ``review`` opens the review screen; ``cards`` lists the cards and their schedule."""

from __future__ import annotations

import click

from reader.cli.base import emit_json, friendly, home_option, main, open_home_db
from reader.cli.tui import run_tui
from reader.config import load_config
from reader.learn.card_list import list_cards
from reader.learn.cards import ensure_all_cards, refresh_meanings
from reader.learn.schedule import load_queue, now_utc
from reader.learn.status import normalize_key
from reader.wording import counted

DRILL_CHOICE = click.Choice(["recognition", "production", "cloze", "listening"])


@main.command("review")
@click.option("--drill", type=DRILL_CHOICE, default=None, help="Only this drill (default: mixed).")
@home_option
@friendly
def review_cmd(drill: str | None) -> None:
    """Open the review screen on the cards that are due."""
    run_tui(None, review=(drill,) if drill else ())


@main.group("cards", invoke_without_command=True)
@click.option("--due", is_flag=True, help="Only the cards due now.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@click.pass_context
@friendly
def cards_cmd(ctx: click.Context, due: bool, as_json: bool) -> None:
    """List review cards: term, drill, when due, and FSRS's state, stability and difficulty.
    With --due, the cards a review session started now would show."""
    if ctx.invoked_subcommand is not None:
        return

    db = open_home_db()
    ensure_all_cards(db)
    cards = list_cards(db)
    if due:  # the review screen's queue, new cards limited to the day's allowance
        queue = load_queue(db, now_utc(), load_config().new_cards_per_day)
        by_id = {c.id: c for c in cards}
        cards = [by_id[c.id] for c in queue.cards if c.id in by_id]
    if as_json:
        emit_json([c.as_dict() for c in cards])
        return
    if not cards:
        click.echo("no cards due" if due else "no cards yet: mark words 1-4 while reading")
        return
    for c in cards:
        info = c.as_dict()
        stability = f"{c.stability:6.2f}d" if c.stability is not None else "      -"
        paused = "  (suspended)" if c.suspended else ""
        click.echo(
            f"{c.id:>5}  {(c.term or '[sentence]')[:24]:<24}  {c.drill:<11}  "
            f"{c.due.replace('+00:00', 'Z')}  {info['state']:<10} {stability}  "
            f"reps {c.reps}{paused}"
        )


@cards_cmd.command("refresh")
@click.option("--term", "term", default=None, help="Only this term's cards.")
@home_option
@friendly
def cards_refresh_cmd(term: str | None) -> None:
    """Give cards the meaning the reader shows now (a card keeps the one it was made with)."""
    db = open_home_db()
    changed = refresh_meanings(db, normalize_key(term) if term else None)
    click.echo(f"{counted(changed, 'card')} given the meaning shown now")
