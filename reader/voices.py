"""The voices espeak-ng has: what ``speech_voice`` may name, checked when it is set.

A voice named wrongly used to be accepted by ``config set`` and fail only when the reader first
spoke. espeak-ng takes a voice by its name ("English_(America)"), its file ("en-US") or its
language ("en-us"), optionally with a variant ("en-us+f3"); all of these are accepted here.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

PROGRAM = "espeak-ng"


@cache
def espeak_voices() -> frozenset[str]:
    """Every name espeak-ng answers to, lowercased: from the program's ``--voices`` listing,
    else from the voice files shipped with the espeakng-loader package."""
    names: set[str] = set()
    exe = shutil.which(PROGRAM)
    if exe:
        names |= _from_listing(exe)
    if not names:
        names |= _from_data_files()
    return frozenset(names)


@cache
def espeak_variants() -> frozenset[str]:
    """Variant names ("f3", "klatt") that may follow a voice after a ``+``."""
    root = _data_dir()
    folder = root / "voices" / "!v" if root else None
    if folder is None or not folder.is_dir():
        return frozenset()
    return frozenset(p.name.lower() for p in folder.iterdir())


def is_espeak_voice(voice: str) -> bool:
    """Whether espeak-ng knows ``voice`` (and its ``+variant``, when given)."""
    base, _, variant = voice.strip().lower().partition("+")
    if base not in espeak_voices():
        return False
    return not variant or not espeak_variants() or variant in espeak_variants()


def _from_listing(exe: str) -> set[str]:
    try:
        out = subprocess.run(
            [exe, "--voices"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return set()
    names: set[str] = set()
    for line in out.splitlines()[1:]:
        # Pty Language Age/Gender VoiceName File Other-languages
        parts = line.split()
        if len(parts) >= 5:
            language, name, file = parts[1], parts[3], parts[4]
            names |= {language.lower(), name.lower(), Path(file).name.lower()}
            names.add(name.lower().replace("_", " "))
    return names


def _data_dir() -> Path | None:
    try:
        import espeakng_loader

        return Path(str(espeakng_loader.get_data_path()))
    except (ImportError, OSError, RuntimeError):
        return None


def _from_data_files() -> set[str]:
    root = _data_dir()
    names: set[str] = set()
    if root is None or not (root / "lang").is_dir():
        return names
    for path in (root / "lang").rglob("*"):
        if not path.is_file():
            continue
        names.add(path.name.lower())
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        for line in lines:
            key, _, value = line.strip().partition(" ")
            if key == "name" and value:
                names |= {value.strip().lower(), value.strip().lower().replace(" ", "_")}
            elif key == "language" and value:
                names.add(value.split()[0].lower())
    return names
