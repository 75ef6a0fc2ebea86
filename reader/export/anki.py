"""Anki packages (.apkg), written with genanki: Anki need not be installed or running.

Two note types, with ids fixed here forever: Anki matches an imported note type by its id, so a
second export updates the learner's notes (matched by GUID, see :mod:`reader.export.fields`)
instead of adding a copy of each note type and note. Changing a field or template here is fine
(importing with "merge note types" updates them); changing an id is not.

- "Sentences: term": a recognition card (the word in its sentence: what does it mean?) and a
  production card (the meaning: which word?). A term with no meaning gets no production card.
- "Sentences: cloze": Anki's own cloze type, the sentence with the term blanked and its meaning
  as the hint.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path

import genanki

from reader.export.atomic import atomic_file
from reader.export.fields import (
    CLOZE_FIELDS,
    TERM_FIELDS,
    cloze_fields,
    cloze_note_id,
    term_fields,
    term_note_id,
)
from reader.export.selection import ExportItem

TERM_MODEL_ID = 1764460800013
CLOZE_MODEL_ID = 1764460800029
DEFAULT_DECK = "Sentences"
TAG = "sentences"

CSS = """\
.card { font-family: system-ui, sans-serif; font-size: 22px; line-height: 1.45;
        text-align: center; color: #1d1d1f; background: #fbfaf7; padding: 0 12px; }
.card.nightMode { color: #e8e6e1; background: #1f1f1f; }
.term { font-size: 34px; font-weight: 600; margin: 8px 0; }
.sentence { margin: 14px auto; max-width: 40em; }
.sentence b, .cloze { color: #b5470b; font-weight: 600; }
.nightMode .sentence b, .nightMode .cloze { color: #f0a060; }
.meaning { font-size: 24px; margin: 10px auto; max-width: 36em; }
.grammar { color: #6b6b6b; font-style: italic; font-size: 18px; }
.translation { color: #2f5d8a; margin: 10px auto; max-width: 40em; }
.nightMode .translation { color: #8db8e8; }
.source { color: #8a8a8a; font-size: 14px; margin-top: 18px; }
"""

_GRAMMAR = (
    '<div class="grammar">{{Lemma}}'
    "{{#Part of speech}} · {{Part of speech}}{{/Part of speech}}</div>"
)
_AFTER = (
    '{{#Translation}}<div class="translation">{{Translation}}</div>{{/Translation}}'
    '{{#Source}}<div class="source">{{Source}}</div>{{/Source}}'
)

TERM_MODEL = genanki.Model(
    TERM_MODEL_ID,
    "Sentences: term",
    fields=[{"name": name} for name in TERM_FIELDS],
    templates=[
        {
            "name": "Recognition",
            "qfmt": '<div class="term">{{Term}}</div>'
            '{{#Sentence}}<div class="sentence">{{Sentence}}</div>{{/Sentence}}{{Audio}}',
            "afmt": '{{FrontSide}}<hr id="answer"><div class="meaning">{{Meaning}}</div>'
            + _GRAMMAR
            + _AFTER,
        },
        {
            "name": "Production",
            "qfmt": '{{#Meaning}}<div class="meaning">{{Meaning}}</div>'
            '{{#Part of speech}}<div class="grammar">{{Part of speech}}</div>{{/Part of speech}}'
            "{{/Meaning}}",
            "afmt": '{{FrontSide}}<hr id="answer"><div class="term">{{Lemma}}</div>'
            '{{#Sentence}}<div class="sentence">{{Sentence}}</div>{{/Sentence}}{{Audio}}' + _AFTER,
        },
    ],
    css=CSS,
    sort_field_index=1,
)

CLOZE_MODEL = genanki.Model(
    CLOZE_MODEL_ID,
    "Sentences: cloze",
    fields=[{"name": name} for name in CLOZE_FIELDS],
    templates=[
        {
            "name": "Cloze",
            "qfmt": '<div class="sentence">{{cloze:Text}}</div>',
            "afmt": '<div class="sentence">{{cloze:Text}}</div><hr id="answer">'
            '<div class="meaning">{{Back Extra}}</div>{{Audio}}' + _AFTER,
        }
    ],
    css=CSS,
    model_type=genanki.Model.CLOZE,
)


def deck_id(name: str) -> int:
    """A deck's id from its name, so every export to the same deck name names the same deck."""
    digest = hashlib.sha256(("sentences-deck\x1f" + name).encode("utf-8")).digest()
    return (int.from_bytes(digest[:7], "big") & ((1 << 52) - 1)) + (1 << 40)


def build_package(
    items: Sequence[ExportItem], deck: str = DEFAULT_DECK
) -> tuple[genanki.Package, int, int]:
    """The package for ``items``: returns it with its note and media counts."""
    anki_deck = genanki.Deck(deck_id(deck), deck)
    media: dict[str, str] = {}
    notes = 0
    # Every note is given its GUID: genanki's default hashes all the fields, so any change to a
    # gloss would make a new note in Anki instead of updating the old one.
    for item in items:
        anki_deck.add_note(
            genanki.Note(
                model=TERM_MODEL, fields=term_fields(item), guid=term_note_id(item), tags=[TAG]
            )
        )
        notes += 1
        cloze = cloze_fields(item)
        if cloze is not None:
            anki_deck.add_note(
                genanki.Note(model=CLOZE_MODEL, fields=cloze, guid=cloze_note_id(item), tags=[TAG])
            )
            notes += 1
        if item.audio:
            media.setdefault(Path(item.audio).name, item.audio)
    package = genanki.Package(anki_deck)
    package.media_files = list(media.values())
    return package, notes, len(media)


def write_apkg(items: Sequence[ExportItem], out: Path, deck: str = DEFAULT_DECK) -> tuple[int, int]:
    """Write the package to ``out`` atomically; returns (notes, media files)."""
    package, notes, media = build_package(items, deck)
    with atomic_file(out) as tmp:
        package.write_to_file(str(tmp))
    return notes, media
