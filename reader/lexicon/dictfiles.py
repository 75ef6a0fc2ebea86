"""Finding a dictionary's files from any one of them, or from the folder that holds them.

A dictd dictionary is an ``.index`` beside a ``.dict`` or ``.dict.dz``; a StarDict one an
``.ifo`` beside an ``.idx`` (or ``.idx.gz``) and a ``.dict`` (or ``.dict.dz``). The learner may
name any of them, or the folder: both formats find their files the same way, here.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.lexicon.base import LexiconError


def dictionary_stem(
    path: Path, head: str, suffixes: Sequence[str], *, nothing_here: str, recursive: bool = False
) -> tuple[Path, bool]:
    """The dictionary's files' common stem (``folder/name`` without a suffix), and whether
    ``path`` ended in one of ``suffixes``. A folder stands for the first ``head`` file in it
    (or below it, ``recursive``); none there raises ``nothing_here``."""
    if path.is_dir():
        found = sorted(path.rglob(f"*{head}") if recursive else path.glob(f"*{head}"))
        if not found:
            raise LexiconError(f"{path}: {nothing_here}")
        path = found[0]
    for suffix in suffixes:
        if path.name.endswith(suffix):
            return path.with_name(path.name.removesuffix(suffix)), True
    return path, False


def sibling(stem: Path, *suffixes: str) -> Path | None:
    """The first of ``stem`` + each suffix that is a file."""
    for suffix in suffixes:
        candidate = stem.with_name(stem.name + suffix)
        if candidate.is_file():
            return candidate
    return None
