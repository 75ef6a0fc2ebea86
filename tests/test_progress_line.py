"""The progress line of a long command stays one line of the terminal, however narrow."""

from __future__ import annotations

import os

import pytest

from reader.cli.base import ProgressLine


def _drawn(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, columns: int,
           label: str, *reports: tuple[object, ...]) -> list[str]:  # fmt: skip
    monkeypatch.setattr("shutil.get_terminal_size", lambda *a: os.terminal_size((columns, 24)))
    line = ProgressLine(label)
    line.live = True  # as on a terminal
    with line as report:
        for args in reports:
            report(*args)
    return [part.removesuffix("\033[K") for part in capsys.readouterr().err.split("\r")[1:-1]]


def test_the_label_is_said_once_and_the_line_fits_80_columns(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _drawn(capsys, monkeypatch, 80, "importing freedict-eng-deu.index", (1, 4), (4, 4))
    assert drawn == [
        "importing freedict-eng-deu.index [#######                       ]  25%",
        "importing freedict-eng-deu.index [##############################] 100%",
    ]


def test_a_narrow_terminal_shortens_the_label_not_the_bar(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn = _drawn(capsys, monkeypatch, 60, "importing a-very-long-dictionary-name.index",
                   ("parsing", 1, 2))  # fmt: skip
    assert drawn == ["importing a-very-lon… [###############               ]  50%"]
    assert all(len(line) < 60 for line in drawn)
