"""Review: ``review`` opens the review screen; ``cards`` lists the cards and their schedule."""

from __future__ import annotations

import click

from reader.cli.base import emit_json, friendly, home_option, main, open_home_db

DRILL_CHOICE = click.Choice(["recognition", "production", "cloze", "listening"])


@main.command("review")
@click.option("--drill", type=DRILL_CHOICE, default=None, help="Only this drill (default: mixed).")
@home_option
@friendly
def review_cmd(drill: str | None) -> None:
    """Open the review screen on the cards that are due."""
    from reader.cli.tui import run_tui  # at call time: it opens Textual (see there)

    run_tui(None, review=(drill,) if drill else ())


@main.command("cards")
@click.option("--due", is_flag=True, help="Only the cards due now.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@home_option
@friendly
def cards_cmd(due: bool, as_json: bool) -> None:
    """List review cards: term, drill, when due, and FSRS's state, stability and difficulty."""
    from reader.learn.card_list import list_cards
    from reader.learn.cards import ensure_all_cards
    from reader.learn.schedule import now_utc, stamp

    db = open_home_db()
    ensure_all_cards(db)
    cards = list_cards(db, due_by=stamp(now_utc()) if due else None)
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
