"""Stable identities for cards and notes, made from their content.

Review cards and exported flashcards are the same things seen from two sides, so they share one
identity. It never uses database ids (a text removed and imported again gets a new id), only what
the card is about:

- a term card: the language, the term's key and the drill type;
- an exported term note (one note carries the recognition and production cards): the language
  and the term's key;
- a sentence card or note (listening, cloze): the language, the text's content hash and the
  sentence's character offsets in that text.

An identity is a short string in Anki's GUID alphabet, so it can be used as a note's GUID as is:
exporting again and importing into the same Anki profile updates notes instead of duplicating
them.
"""

from __future__ import annotations

import hashlib

# Anki's base91 alphabet for GUIDs (anki/utils.py, genanki.guid_for): printable ASCII without
# space, quotes, backslash and backtick.
_BASE91 = (
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&()*+,-./:;<=>?@[]^_{|}~"
)
_SEPARATOR = "\x1f"  # Anki's own field separator; it never occurs in a key or a hash


def _guid(*parts: object) -> str:
    digest = hashlib.sha256(_SEPARATOR.join(str(p) for p in parts).encode("utf-8")).digest()
    number = int.from_bytes(digest[:8], "big")
    out = ""
    while number:
        number, digit = divmod(number, len(_BASE91))
        out = _BASE91[digit] + out
    return out or _BASE91[0]


def term_note_guid(lang: str, term_key: str) -> str:
    """The exported note of a term (it carries the recognition and production cards)."""
    return _guid("term", lang, term_key)


def term_card_guid(lang: str, term_key: str, drill: str) -> str:
    """One review card of a term: ``drill`` is recognition, production or cloze."""
    return _guid("term", lang, term_key, drill)


def sentence_guid(lang: str, text_sha256: str, start: int, end: int, drill: str) -> str:
    """A card or note made from a sentence (listening, or Anki's cloze of the sentence).

    ``start`` and ``end`` are the sentence's offsets into the text's normalized content, whose
    hash is ``texts.sha256``: the same sentence of the same text has the same identity in any
    data home.
    """
    return _guid("sentence", lang, text_sha256, start, end, drill)
