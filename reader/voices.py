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
    """Every name espeak-ng answers to, lowercased."""
    return frozenset(espeak_voice_languages())


@cache
def espeak_voice_languages() -> dict[str, str]:
    """Each name espeak-ng answers to (lowercased) and the language its voice speaks ("en-us",
    "piqd"): from the program's ``--voices`` listing, else from the voice files shipped with the
    espeakng-loader package. The language is what tells an English voice from Klingon."""
    exe = shutil.which(PROGRAM)
    names = _from_listing(exe) if exe else {}
    return names or _from_data_files()


def voice_language(voice: str) -> str | None:
    """The language ``voice`` speaks ("en-gb" for "English_(Great_Britain)"), None if unknown."""
    base = voice.strip().lower().partition("+")[0]
    return espeak_voice_languages().get(base)


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


def _from_listing(exe: str) -> dict[str, str]:
    try:
        out = subprocess.run(
            [exe, "--voices"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    names: dict[str, str] = {}
    for line in out.splitlines()[1:]:
        # Pty Language Age/Gender VoiceName File Other-languages
        parts = line.split()
        if len(parts) >= 5:
            language, name, file = parts[1].lower(), parts[3], parts[4]
            for alias in (language, name.lower(), Path(file).name.lower()):
                names.setdefault(alias, language)
            names.setdefault(name.lower().replace("_", " "), language)
    return names


def _data_dir() -> Path | None:
    try:
        import espeakng_loader

        return Path(str(espeakng_loader.get_data_path()))
    except (ImportError, OSError, RuntimeError):
        return None


def _from_data_files() -> dict[str, str]:
    root = _data_dir()
    names: dict[str, str] = {}
    if root is None or not (root / "lang").is_dir():
        return names
    for path in (root / "lang").rglob("*"):
        if not path.is_file():
            continue
        try:
            lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            continue
        aliases = {path.name.lower()}
        languages: list[str] = []  # the first is the voice's own
        for line in lines:
            key, _, value = line.strip().partition(" ")
            if key == "name" and value:
                aliases |= {value.strip().lower(), value.strip().lower().replace(" ", "_")}
            elif key == "language" and value:
                languages.append(value.split()[0].lower())
        aliases |= set(languages)
        language = languages[0] if languages else path.name.lower()
        for alias in aliases:
            names.setdefault(alias, language)
    return names
