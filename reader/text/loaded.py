"""What a loader hands on: the text, its title and source, and where its chapters and timed
stretches are. Apart from :mod:`reader.text.load` so that the loaders it calls (subtitles) can
name it without importing back."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Chapter:
    title: str
    start: int  # offset into Loaded.content where the chapter's text begins


@dataclass(frozen=True, slots=True)
class Timed:
    """A stretch of the content said between two times (a subtitle cue)."""

    start: int
    end: int
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Loaded:
    title: str
    content: str
    source: str
    chapters: tuple[Chapter, ...] = field(default=(), compare=False)
    timed: tuple[Timed, ...] = field(default=(), compare=False)
