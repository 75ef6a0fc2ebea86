"""Opening the reader's screens from a command (``read``, ``review``, or none at all).

Kept apart from :mod:`reader.cli.base` so that the group can open the TUI when no command is
given, and the commands can too, with no import circle between them.
"""

from __future__ import annotations

from typing import Any

import click

from reader.cli.errors import UserError
from reader.paths import db_path


def run_tui(target: Any, lang: str = "en", review: tuple[str, ...] | None = None) -> None:
    from reader.store import open_db  # lazy: the store loads sqlite-utils (~0.14 s); --help needn't

    open_db(db_path()).close()  # migrate, and fail with one line if the file is unusable
    # At call time: Textual and the screens take ~0.3 s to import; scripting commands skip it.
    from reader.ui.app import make_app

    app = make_app(db_path(), target=target, lang=lang, ask_language=True, review=review)
    app.run()
    if app.unsaved:
        shown = "; ".join(app.unsaved[:3]) + ("; …" if len(app.unsaved) > 3 else "")
        raise UserError(f"{len(app.unsaved)} change(s) not saved, the database was busy: {shown}")
    if app.return_code:
        raise click.exceptions.Exit(app.return_code)
