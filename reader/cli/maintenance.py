"""Looking after the database: ``doctor`` (check it, rescue a damaged one) and ``backup``."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import click
import sqlite_utils

from reader.cli.base import UserError, friendly, home_option, main
from reader.paths import data_home, db_path
from reader.store.backup import backup_to
from reader.store.doctor import RescueError, check, rescue


@main.command("doctor")
@click.option(
    "--rescue",
    is_flag=True,
    help="Move a damaged database aside and rebuild your data from it into a new one.",
)
@home_option
@friendly
def doctor_cmd(rescue: bool) -> None:
    """Check the database (PRAGMA integrity_check) and say what was found."""
    path = db_path()
    if not path.exists():
        click.echo(f"{path}: no database yet (it is made when you first import or read a text)")
        return
    report = check(path)
    if report.ok:
        figures = ", ".join(f"{n:,} {table}" for table, n in report.counts.items())
        click.echo(f"{path}: ok (integrity_check), schema version {report.version}; {figures}")
        if rescue:
            click.echo("Nothing to rescue: the database is whole.")
        return
    if not rescue:
        what = "cannot be read at all" if not report.readable else "is damaged"
        click.echo(f"{path} {what}: integrity_check found {len(report.problems)} problem(s):")
        for problem in report.problems[:5]:
            click.echo(f"  {problem}")
        raise UserError(
            "run `sentences doctor --rescue` (with the reader closed) to keep the damaged file "
            "aside and rebuild your data from it into a new database"
        )
    _rescue(path)


def _rescue(path: Path) -> None:
    # lazy: only a rescue analyses texts again; the text pipeline (nltk, scipy, scikit-learn:
    # ~1,400 modules, ~1-2 s) is not for a plain `doctor`
    from reader.text.importer import rebuild_text

    try:
        report = rescue(path, rebuild_text, progress=lambda m: click.echo(f"  {m}…", err=True))
    except RescueError as exc:
        raise UserError(f"{exc}; the file is left as it was") from exc
    rows = report.rows
    click.echo(f"Rebuilt {path} from what read back:")
    for table in ("texts", "terms", "term_history", "positions", "sentence_marks", "events"):
        if table in rows:
            click.echo(f"  {table}: {rows[table]:,}")
    if report.reanalysed:
        click.echo(f"  analysed again (sentences lost): {', '.join(report.reanalysed)}")
    if report.damaged_tables:
        click.echo(f"  rows were lost in: {', '.join(report.damaged_tables)}")
    if report.dropped:
        lost = ", ".join(f"{n:,} {table}" for table, n in report.dropped.items())
        click.echo(f"  left out (what they belonged to was lost): {lost}")
    click.echo(f"The damaged file is kept as {report.damaged}")


@main.command("backup")
@click.argument("out", required=False, type=click.Path(dir_okay=True))
@home_option
@friendly
def backup_cmd(out: str | None) -> None:
    """Copy the database to OUT (default: backups/ in the data home), safely while reading."""
    source = db_path()
    if not source.exists():
        raise UserError(f"{source}: no database to back up yet")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    name = f"reader-{stamp}.db"
    target = Path(out).expanduser() if out else data_home() / "backups" / name
    if target.is_dir():
        target = target / name
    if target.exists():
        raise UserError(f"{target} already exists; give another name")
    if target.resolve() == source.resolve():
        raise UserError("the backup cannot replace the database itself")
    db = sqlite_utils.Database(sqlite3.connect(str(source)))
    try:
        backup_to(db, target)
    finally:
        db.close()
    click.echo(str(target))
