"""Work done in a forked child gives what the caller would compute (lexicon.background)."""

from __future__ import annotations

import os

import pytest

from reader.lexicon.background import Background, can_fork

ROWS = [("we have", "wir haben"), ("key player", "Leistungsträger")] * 1000


def _count() -> int:
    return sum(len(gloss) for _, gloss in ROWS)


def test_the_child_returns_what_the_caller_would_compute() -> None:
    if not can_fork():
        pytest.skip("one core or no fork here: the work runs in the caller (the next test)")
    job = Background(lambda: (os.getpid(), _count()))
    pid, count = job.result()
    assert pid != os.getpid()  # it did run in a child
    assert count == _count()


def test_without_a_child_the_work_runs_when_asked() -> None:
    job = Background(lambda: (os.getpid(), _count()), fork=False)
    assert job.result() == (os.getpid(), _count())


def test_an_error_in_the_work_is_raised_in_the_caller() -> None:
    def broken() -> int:
        raise ValueError("damaged entry")

    with pytest.raises(ValueError, match="damaged entry"):
        Background(broken).result()
