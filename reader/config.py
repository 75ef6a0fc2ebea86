"""The learner's settings, kept in ``config.toml`` in the data home.

Unknown keys are ignored and bad values fall back to the defaults with a warning, so a hand-edited
file never stops the reader from starting; a file that is not valid TOML gives one warning with its
line number, and the defaults. ``config set`` rewrites the file with tomlkit, changing only the
key set: the learner's comments, layout and keys this version does not know are kept.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from reader.config_values import check_value
from reader.paths import config_path


@dataclass
class Config:
    lang: str = "en"
    """Language of new imports."""

    gloss_rarer_than: int = 0
    """Gloss only words outside the N most frequent lemmas (0: gloss every new or learning word)."""

    context_sentences: int = 2
    """How many sentences to show, dimmed, before and after the focused one."""

    speech_engine: str = "gtts"
    """``gtts`` (online, better voice) or ``espeak`` (offline)."""

    speech_tld: str = "com"
    """gTTS accent, as a Google Translate top-level domain (com, co.uk, com.au, ...)."""

    speech_voice: str = "en-us"
    """espeak-ng voice name."""

    speech_speed: float = 1.0
    """Playback speed, 0.5 to 2."""

    known_on_next: bool = False
    """Moving on with the next-sentence key marks the sentence's still-new words known (LingQ's
    "paging moves to known", LWT's "set all to well known"): for a learner who looks up every
    word they do not know, so the rest are the ones they do."""

    desired_retention: float = 0.9
    """Review: the chance of remembering a card when it comes due (FSRS), 0.7 to 0.99. Higher
    means more reviews."""

    new_cards_per_day: int = 20
    """Review: how many cards never seen before one day's reviews bring in."""

    native_lang: str = ""
    """The learner's own language (ISO 639-1: ko, de, es...): its glosses come first, and
    sentences are translated into it. Empty: not set."""

    translate_engine: str = "google"
    """Machine translation: ``google``, ``libretranslate`` (a server at ``libretranslate_url``)
    or ``none``."""

    libretranslate_url: str = ""
    """A LibreTranslate server, e.g. ``http://localhost:5000``."""

    libretranslate_key: str = ""
    """The LibreTranslate server's API key, if it needs one."""

    warnings: list[str] = field(default_factory=list, repr=False)
    """Problems found while reading the file (not saved)."""


def _path() -> Path:

    return config_path()


@lru_cache(maxsize=1)
def load_config(path: Path | None = None) -> Config:
    return read_config(path or _path())


def read_config(path: Path) -> Config:
    """The settings in ``path`` (not cached), with warnings for what was ignored."""
    config = Config()
    if not path.exists():
        return config
    source: str | None = None
    try:
        source = path.read_text(encoding="utf-8")
        data = tomllib.loads(source)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        where = describe_toml_error(exc, path, source)
        config.warnings.append(f"{where}; using the default settings")
        return config
    for f in fields(Config):
        if f.name == "warnings" or f.name not in data:
            continue
        default = getattr(config, f.name)
        value = data[f.name]
        if isinstance(default, float) and isinstance(value, int):
            value = float(value)
        if type(value) is not type(default):
            config.warnings.append(f"ignoring {f.name} = {value!r} in {path}: wrong type")
            continue
        setattr(config, f.name, value)
    config.speech_speed = min(2.0, max(0.5, config.speech_speed))
    config.desired_retention = min(0.99, max(0.7, config.desired_retention))
    config.new_cards_per_day = max(0, config.new_cards_per_day)
    return config


class ConfigFileError(ValueError):
    """config.toml cannot be rewritten without losing what the learner wrote in it."""


def describe_toml_error(exc: Exception, path: Path, source: str | None = None) -> str:
    """One line: the file, the line (and column) where TOML parsing stopped, and why."""
    text = " ".join(str(exc).split())
    found = re.search(r"\(at line (\d+), column (\d+)\)", text)
    if found:
        reason = text.replace(found[0], "").strip()
        return f"{path} line {found[1]}, column {found[2]}: {reason}"
    if "(at end of document)" in text and source is not None:
        reason = text.replace("(at end of document)", "").strip()
        last = source.count("\n") + (0 if source.endswith("\n") else 1)
        return f"{path} line {max(last, 1)} (the end of the file): {reason}"
    line = getattr(exc, "line", None)
    if isinstance(line, int):
        return f"{path} line {line}: {text}"
    return f"{path}: {text}"


def save_config(config: Config, path: Path | None = None) -> None:
    """Write the settings that were changed, keeping everything else in the file as written.

    Only keys whose value differs from what the file gives are written: comments, blank lines,
    ordering, unknown keys, even a value this version ignores, all stay. The file is replaced
    atomically. Raises :class:`ConfigFileError` when the existing file is not valid TOML, rather
    than overwrite what the learner wrote.
    """
    import tomlkit
    from tomlkit.exceptions import ParseError

    path = path or _path()
    text: str | None = None
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else None
        if text is not None:
            tomllib.loads(text)  # its message is the one the reader gave at start
        document = tomlkit.parse(text) if text is not None else None
    except (tomllib.TOMLDecodeError, ParseError, UnicodeDecodeError) as exc:
        raise ConfigFileError(
            f"{describe_toml_error(exc, path, text)}; fix it first (nothing was changed)"
        ) from exc
    if document is None:
        document = tomlkit.document()
    current = read_config(path)
    for key, value in asdict(config).items():
        if key != "warnings" and value != getattr(current, key):
            document[key] = value
    tmp = path.with_suffix(".tmp")
    tmp.write_text(tomlkit.dumps(document), encoding="utf-8")
    tmp.replace(path)
    load_config.cache_clear()


def set_value(config: Config, key: str, text: str) -> None:
    """Set one setting from its text form, checked against the field's type."""
    names = {f.name: f for f in fields(Config) if f.name != "warnings"}
    if key not in names:
        raise ValueError(f"unknown setting {key!r}: one of {', '.join(sorted(names))}")
    default = getattr(Config(), key)
    value: object
    try:
        if isinstance(default, bool):
            value = _boolean(key, text)
        elif isinstance(default, int):
            value = int(text)
        elif isinstance(default, float):
            value = float(text)
        else:
            value = text
    except ValueError as exc:
        if isinstance(default, bool):
            raise
        kind = "a whole number" if isinstance(default, int) else "a number"
        raise ValueError(f"{key} needs {kind}, not {text!r}") from exc
    if key == "native_lang":
        value = _language(text)
    if key == "translate_engine" and value not in ("google", "libretranslate", "none"):
        raise ValueError("translate_engine is google, libretranslate or none")

    check_value(key, value, lang=config.lang)
    setattr(config, key, value)


_TRUE = ("true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")


def _boolean(key: str, text: str) -> bool:
    """true/false (or yes/no, on/off, 1/0); anything else is refused rather than read as false."""
    word = text.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{key} is true or false, not {text!r}")


def _language(text: str) -> str:
    """An ISO 639-1 code (three-letter codes are turned into it); ``none`` or empty unsets."""
    from reader.languages import iso639_1  # lazy: langcodes (~0.03 s)

    if text.strip().lower() in ("", "none"):
        return ""
    code = iso639_1(text)
    if code is None:
        raise ValueError(
            f"native_lang is a two-letter ISO 639-1 code (ko, de, es...), not {text!r}"
        )
    return code
