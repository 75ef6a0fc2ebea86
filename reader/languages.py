"""Language codes: the learner's language, dictionaries' language pairs, translation targets.

Everything is stored as ISO 639-1 (``ko``, ``de``), the codes translation services and gTTS take.
Dictionaries name their languages in other ways (FreeDict files use ISO 639-3, ``eng-deu``; their
metadata says "English - German"), so this module turns each of those into one code.
"""

from __future__ import annotations

import re

import langcodes

# Languages learners most often read English from, with their own names, for the first-run
# question and for reading "English - German" in a dictionary's description.
COMMON: dict[str, tuple[str, str]] = {
    "ar": ("Arabic", "العربية"),
    "bg": ("Bulgarian", "български"),
    "bn": ("Bengali", "বাংলা"),
    "ca": ("Catalan", "català"),
    "cs": ("Czech", "čeština"),
    "cy": ("Welsh", "Cymraeg"),
    "da": ("Danish", "dansk"),
    "de": ("German", "Deutsch"),
    "el": ("Greek", "Ελληνικά"),
    "en": ("English", "English"),
    "es": ("Spanish", "español"),
    "et": ("Estonian", "eesti"),
    "fa": ("Persian", "فارسی"),
    "fi": ("Finnish", "suomi"),
    "fr": ("French", "français"),
    "ga": ("Irish", "Gaeilge"),
    "he": ("Hebrew", "עברית"),
    "hi": ("Hindi", "हिन्दी"),
    "hr": ("Croatian", "hrvatski"),
    "hu": ("Hungarian", "magyar"),
    "id": ("Indonesian", "Bahasa Indonesia"),
    "it": ("Italian", "italiano"),
    "ja": ("Japanese", "日本語"),
    "ko": ("Korean", "한국어"),
    "la": ("Latin", "Latina"),
    "lt": ("Lithuanian", "lietuvių"),
    "lv": ("Latvian", "latviešu"),
    "nl": ("Dutch", "Nederlands"),
    "no": ("Norwegian", "norsk"),
    "pl": ("Polish", "polski"),
    "pt": ("Portuguese", "português"),
    "ro": ("Romanian", "română"),
    "ru": ("Russian", "русский"),
    "sk": ("Slovak", "slovenčina"),
    "sl": ("Slovenian", "slovenščina"),
    "sr": ("Serbian", "српски"),
    "sv": ("Swedish", "svenska"),
    "sw": ("Swahili", "Kiswahili"),
    "th": ("Thai", "ไทย"),
    "tr": ("Turkish", "Türkçe"),
    "uk": ("Ukrainian", "українська"),
    "ur": ("Urdu", "اردو"),
    "vi": ("Vietnamese", "Tiếng Việt"),
    "zh": ("Chinese", "中文"),
}
_BY_NAME = {english.lower(): code for code, (english, _) in COMMON.items()}
_BY_NAME.update({"persian (farsi)": "fa", "modern greek": "el", "norwegian bokmål": "nb"})
_CODE = re.compile(r"^[A-Za-z]{2,3}$")


def iso639_1(code: str | None) -> str | None:
    """The two-letter code for a two- or three-letter code (``deu`` -> ``de``), or None.

    Codes with no two-letter form (``gsw``) and codes no standard knows (``xx``) give None.
    """
    if not code or not _CODE.match(code.strip()):
        return None
    tag = code.strip().lower()
    if not langcodes.tag_is_valid(tag):
        return None
    language = langcodes.Language.get(langcodes.standardize_tag(tag)).language
    return language if language and len(language) == 2 else None


def from_name(name: str) -> str | None:
    """ "German" -> ``de``, for dictionaries that name their languages in English."""
    return _BY_NAME.get(" ".join(name.split()).lower())


def name_of(code: str) -> str:
    """ "Korean (한국어)" for ``ko``; the code itself for languages outside :data:`COMMON`."""
    if code in COMMON:
        english, own = COMMON[code]
        return english if english == own else f"{english} ({own})"
    return code


def parse_pair(text: str) -> tuple[str, str] | None:
    """``en-de``, ``eng-deu`` or ``en:de`` as a (source, target) pair of two-letter codes."""
    parts = re.split(r"[-_:/ ]+", text.strip())
    if len(parts) != 2:
        return None
    source, target = iso639_1(parts[0]), iso639_1(parts[1])
    return (source, target) if source and target else None


TEXT_LANGUAGES: dict[str, str] = {"en": "English"}
"""Languages whose texts the reader can analyse: sentence rules, tokens, a part-of-speech tagger,
lemmas and glosses (the tagger and its lexicon are English-only). A text in another language
would be tagged by the English model, its words "lemmatized" as English and glossed from an
English dictionary: wrong everywhere, so it is refused rather than imported badly. A language is
added here with its segmenter, tagger and lexicon, not before."""


class UnsupportedLanguage(ValueError):
    """A text's language the reader cannot analyse; the message names those it can."""


def check_text_language(code: str) -> str:
    """``code`` as the reader stores it (``EN`` -> ``en``, ``eng`` -> ``en``), or
    :class:`UnsupportedLanguage` with one line naming the supported languages."""
    supported = ", ".join(f"{name} ({c})" for c, name in TEXT_LANGUAGES.items())
    normal = iso639_1(code)
    if normal in TEXT_LANGUAGES:
        return normal
    if normal is None:
        raise UnsupportedLanguage(
            f"{code!r} is not a language code; texts can be read in: {supported}"
        )
    raise UnsupportedLanguage(
        f"texts in {COMMON[normal][0] if normal in COMMON else normal} ({normal}) cannot be "
        "analysed yet; "
        f"texts can be read in: {supported}"
    )
