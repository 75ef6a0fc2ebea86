"""What each exported note says, field by field: shared by the Anki package and the text files.

The term note's fields, in order, are its note type's fields in Anki and the columns of the TSV and
CSV files, so a text file imported into Anki lines up with notes from a package.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from reader.export.markup import bold_html, cloze_html, text_html, tidy
from reader.export.selection import ExportItem
from reader.learn.identity import term_card_guid, term_note_guid

TERM_FIELDS = (
    "Term",
    "Lemma",
    "Part of speech",
    "Meaning",
    "Sentence",
    "Translation",
    "Audio",
    "Source",
)
CLOZE_FIELDS = ("Text", "Back Extra", "Translation", "Audio", "Source")

POS_NAMES = {
    "NOUN": "noun",
    "PROPN": "name",
    "VERB": "verb",
    "AUX": "verb",
    "ADJ": "adjective",
    "ADV": "adverb",
    "ADP": "preposition",
    "CCONJ": "conjunction",
    "SCONJ": "conjunction",
    "DET": "determiner",
    "PRON": "pronoun",
    "INTJ": "interjection",
    "NUM": "number",
    "PART": "particle",
}


def pos_name(pos: str | None) -> str:
    return POS_NAMES.get(pos or "", "")


def audio_name(item: ExportItem) -> str:
    """The media file's name: the cache's own, content-addressed, so the same audio keeps the
    same name in every export and Anki never stores it twice."""
    return Path(item.audio).name if item.audio else ""


def term_note_id(item: ExportItem) -> str:
    """The term note's GUID: reader.learn.identity, the identity review cards share."""
    return term_note_guid(item.lang, item.key)


def cloze_note_id(item: ExportItem) -> str:
    """A term's cloze note has the identity of the term's cloze review card.

    It is keyed by the term, not by the sentence, so it stays the same note when the term's
    sentence changes (a text removed, a card made later) and two terms of one sentence get two
    notes, each with its own blank.
    """
    return term_card_guid(item.lang, item.key, "cloze")


def term_fields(item: ExportItem, *, html: bool = True) -> list[str]:
    """The term note's fields, in :data:`TERM_FIELDS` order.

    ``html=False`` gives plain text for spreadsheets: the sentence without bold, and the audio as
    a bare file name instead of Anki's ``[sound:...]``.
    """
    sentence = ""
    if item.sentence is not None:
        text, spans = tidy(item.sentence.text, item.sentence.spans)
        sentence = bold_html(text, spans) if html else text
    name = audio_name(item)
    audio = (f"[sound:{name}]" if html else name) if name else ""
    title = item.sentence.title if item.sentence is not None else None

    def plain(value: str | None) -> str:
        return text_html(value) if html else (value or "")

    return [
        plain(" ".join(item.term.split())),
        plain(item.key),
        pos_name(item.pos),
        plain(item.meaning),
        sentence,
        plain(item.translation),
        audio,
        plain(title),
    ]


def cloze_fields(item: ExportItem) -> list[str] | None:
    """The cloze note's fields, in :data:`CLOZE_FIELDS` order; None for a term met nowhere."""
    if item.sentence is None or not item.sentence.spans:
        return None
    text, spans = tidy(item.sentence.text, item.sentence.spans)
    if not spans:
        return None
    pos = pos_name(item.pos)
    extra = text_html(item.key) + (f" <i>{pos}</i>" if pos else "")
    if item.meaning:
        extra += " — " + text_html(item.meaning)
    name = audio_name(item)
    return [
        cloze_html(text, spans, hint=item.meaning),
        extra,
        text_html(item.translation),
        f"[sound:{name}]" if name else "",
        text_html(item.sentence.title),
    ]


def fingerprint(item: ExportItem, deck: str, audio: bool) -> str:
    """What the item's notes say (fields, deck, whether audio was asked for), hashed: the same
    fingerprint means an export would change nothing in Anki for this term."""
    saved, item.audio = item.audio, None
    try:
        parts = [deck, "audio" if audio else "", *term_fields(item), *(cloze_fields(item) or [])]
    finally:
        item.audio = saved
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
