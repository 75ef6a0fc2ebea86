"""The error every command raises for what the learner can act on: one line, exit code 1."""

from __future__ import annotations

from typing import Any

import click


class UserError(click.ClickException):
    """An error the learner can act on: printed as one line, exit code 1."""

    def show(self, file: Any = None) -> None:
        click.echo(f"sentences: {self.format_message()}", err=True)
