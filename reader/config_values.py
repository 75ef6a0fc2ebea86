"""What each setting may be, checked when it is set rather than when it is first used.

``config set speech_voice zz-zz`` used to be saved and fail only at the next ``speak``; a
language the program cannot read, an accent gTTS does not have, or 100 sentences of context were
accepted as well. Each check here names what would have been accepted.
"""

from __future__ import annotations

from collections.abc import Callable

SUPPORTED_LANGS = {"en": "English"}
"""Languages the program can read (segment, tag, lemmatize and gloss): the studied language."""

NUMBER_RANGES: dict[str, tuple[float, float]] = {
    "gloss_rarer_than": (0, 50_000),
    "context_sentences": (0, 5),
    "speech_speed": (0.5, 2.0),
    "desired_retention": (0.7, 0.99),
    "new_cards_per_day": (0, 9_999),
}


class SettingError(ValueError):
    """A value a setting cannot take; the message says which values it can."""


def check_value(key: str, value: object, lang: str = "en") -> None:
    """Raise :class:`SettingError` unless ``value`` is one ``key`` can take; ``lang`` is the
    studied language, which the voice must speak."""
    if key in NUMBER_RANGES and isinstance(value, int | float):
        low, high = NUMBER_RANGES[key]
        if not low <= value <= high:
            raise SettingError(f"{key} is between {low:g} and {high:g}, not {value:g}")
    if key == "speech_voice" and isinstance(value, str):
        _voice(value, lang)
    check = _TEXT_CHECKS.get(key)
    if check is not None and isinstance(value, str):
        check(value)


def _lang(value: str) -> None:
    if value not in SUPPORTED_LANGS:
        names = ", ".join(f"{code} ({name})" for code, name in SUPPORTED_LANGS.items())
        raise SettingError(f"lang {value!r} is not a language the reader supports: {names}")


def _engine(value: str) -> None:
    if value not in ("gtts", "espeak"):
        raise SettingError("speech_engine is gtts or espeak")


def _voice(value: str, lang: str) -> None:
    """A voice espeak-ng has, and one that speaks the studied language: espeak-ng does have
    "klingon" (and "german"), but either would read English text as gibberish."""
    # lazy: subprocess and compression modules the CLI start skips
    from reader.voices import espeak_voices, is_espeak_voice, voice_language

    if not espeak_voices():
        return  # no espeak-ng to ask: the engine reports it when it is used
    hint = f"try en-us, en-gb or en-gb-scotland (`espeak-ng --voices={lang}` lists them)"
    if not is_espeak_voice(value):
        raise SettingError(f"espeak-ng has no voice {value!r}: {hint}")
    spoken = voice_language(value) or ""
    if spoken.split("-")[0] != lang:
        name = SUPPORTED_LANGS.get(lang, lang)
        raise SettingError(f"speech_voice {value!r} speaks {spoken!r}, not {name} ({lang}): {hint}")


def _url(value: str) -> None:
    """Empty (not set) or an http(s) address with a host: "notaurl" would fail only when the
    first sentence is translated, far from where it was typed."""
    from urllib.parse import urlsplit

    if not value:
        return
    parts = urlsplit(value.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingError(
            f"libretranslate_url is a server's address such as http://localhost:5000, not {value!r}"
        )


def _tld(value: str) -> None:
    from gtts.accents import accents

    if value not in accents:
        raise SettingError(
            f"gTTS has no accent {value!r}: a Google domain such as com, co.uk, com.au, ca, "
            "co.in or ie"
        )


_TEXT_CHECKS: dict[str, Callable[[str], None]] = {
    "lang": _lang,
    "speech_engine": _engine,
    "libretranslate_url": _url,
    "speech_tld": _tld,
}
