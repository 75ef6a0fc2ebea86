"""Which terms an export carries, and everything a flashcard shows about each one.

A note is made for each term the learner is learning (statuses 1-4 unless asked otherwise). Its
sentence is chosen in this order, so a term's notes keep the same sentence from one export to the
next:

1. the review card's copied sentence (``cards``), when the review drills have made one;
2. the sentence the learner was reading when they looked the term up, at or before the moment
   they first marked it as learning (``events``): the sentence they met it in;
3. its first sentence in the library (the occurrence index, in text order).

A term met nowhere (set from the command line only) still gets a note, without a sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import sqlite_utils

from reader.learn.glossing import gloss_entry
from reader.learn.status import LEARNING, status_name
from reader.learn.texts import TextNotFound
from reader.learn.translations import get_translation
from reader.lexicon.lookup import glosses
from reader.lexicon.senses import SenseContext
from reader.store.tokens import sentence_ids, sentence_tokens, sentences_with, text_keys
from reader.text import analyze

Span = tuple[int, int]

#: How many candidate sentences a multi-word term's first word is looked for in before giving up:
#: bounds the cost of a phrase whose words are common but never meet.
PHRASE_CANDIDATES = 400
#: Words a split phrasal verb may have between its parts ("took it over"), as the reader allows.
PHRASE_GAP = 4


@dataclass(frozen=True)
class Sentence:
    """The sentence a note shows, with the term's spans in it (characters, half-open)."""

    text: str
    spans: tuple[Span, ...]
    title: str | None
    text_sha256: str | None
    start: int | None
    end: int | None
    source: str | None = None
    """The text's file, when it is in the library: it decides where its audio is cached."""
    context: SenseContext | None = None
    """The sentence's words with the term's marked, to rank its senses as the reader does."""

    @property
    def surface(self) -> str:
        """The term as written in this sentence; the parts of a split phrase joined by '…'."""
        return " … ".join(self.text[a:b] for a, b in self.spans)


@dataclass
class ExportItem:
    """One learning term and what its notes show."""

    lang: str
    key: str
    status: int
    pos: str | None
    meaning: str
    sentence: Sentence | None
    translation: str | None = None
    updated_at: str = ""
    audio: str | None = field(default=None)
    """The sentence's audio file (a path), once :mod:`reader.export.audio` has found or made it."""

    @property
    def term(self) -> str:
        return self.sentence.surface if self.sentence is not None else self.key

    @property
    def status_label(self) -> str:
        return status_name(self.status)


@dataclass(frozen=True)
class Selection:
    """What to export: terms of these statuses, only those met in one text if given."""

    statuses: tuple[int, ...] = LEARNING
    text_id: int | None = None
    lang: str = "en"
    native_lang: str = ""
    """The learner's own language: their translations in it come first."""


def select_items(db: sqlite_utils.Database, selection: Selection) -> list[ExportItem]:
    """The terms ``selection`` asks for, oldest first, each with its sentence and meaning."""
    marks = ",".join("?" * len(selection.statuses))
    where = [f"t.status IN ({marks})", "t.lang = ?"]
    params: list[object] = [*selection.statuses, selection.lang]
    rows = db.execute(
        f"SELECT t.key, t.status, t.pos, t.updated_at, t.id FROM terms t "
        f"WHERE {' AND '.join(where)} ORDER BY t.id",
        params,
    ).fetchall()
    in_text = _keys_in_text(db, selection.text_id, [r[0] for r in rows])
    items = []
    for key, status, pos, updated_at, term_id in rows:
        if in_text is not None and key not in in_text:
            continue
        sentence, token_pos = find_sentence(db, selection.lang, key, int(term_id))
        translation = translation_of(db, sentence, selection.native_lang)
        # A multi-word term's first word says nothing of the term ("under his wing" is no
        # preposition); the part of speech exported is the meaning's, as the reader shows it.
        pos = pos or (token_pos if " " not in key else None)
        context = sentence.context if sentence else None
        meaning, meaning_pos = _meaning(db, key, pos, selection.lang, context)
        items.append(
            ExportItem(
                lang=selection.lang,
                key=key,
                status=int(status),
                pos=meaning_pos,
                meaning=meaning,
                sentence=sentence,
                translation=translation,
                updated_at=updated_at,
            )
        )
    return items


def meaning_of(
    db: sqlite_utils.Database,
    key: str,
    pos: str | None,
    lang: str,
    context: SenseContext | None = None,
) -> str:
    """The meaning the term's review cards keep, where it has cards (a dictionary imported or a
    language set since never rewrites a note: ``sentences cards refresh`` does, when asked);
    else the learner's own gloss, else the first gloss the reader shows for the term in the
    note's sentence (senses ranked by how well they fit it).

    :func:`reader.learn.glossing.gloss_entry` already puts the learner's gloss (and, where the
    learner has them, glosses in their own language) before the dictionaries' senses.
    """
    return _meaning(db, key, pos, lang, context)[0]


def _meaning(
    db: sqlite_utils.Database,
    key: str,
    pos: str | None,
    lang: str,
    context: SenseContext | None = None,
) -> tuple[str, str | None]:
    """:func:`meaning_of`, and the part of speech of that meaning (see
    :attr:`GlossEntry.shown_pos`): the sense's own when the meaning is a sense's."""
    kept = db.execute(
        "SELECT meaning FROM cards WHERE lang = ? AND term_key = ? AND meaning IS NOT NULL "
        "ORDER BY id LIMIT 1",
        (lang, key),
    ).fetchone()
    if kept and kept[0]:  # a plain lookup finds its sense: no ranking needed
        same = next((g for g in glosses(db, key) if g.gloss == kept[0] and g.pos), None)
        return str(kept[0]), same.pos if same is not None else pos
    try:
        entry = gloss_entry(db, key, pos, lang, context=context)
    except ValueError:
        return "", pos
    return entry.short(), entry.shown_pos


def translation_of(
    db: sqlite_utils.Database, sentence: Sentence | None, native_lang: str = ""
) -> str | None:
    """The learner's own translation of the sentence, where they wrote one: in their language
    (``native_lang``) when there is one, else the latest (:mod:`reader.learn.translations`)."""
    if sentence is None or sentence.text_sha256 is None:
        return None
    if sentence.start is None or sentence.end is None:
        return None
    return get_translation(db, sentence.text_sha256, sentence.start, sentence.end, native_lang)


def find_sentence(
    db: sqlite_utils.Database, lang: str, key: str, term_id: int | None = None
) -> tuple[Sentence | None, str | None]:
    """The sentence a term's notes show, and the term's part of speech there (see the module)."""
    card = _card_sentence(db, lang, key)
    if card is not None:
        return card, _pos_in_library(db, card, key)
    for sentence_id in _met_in(db, key, term_id):
        found = _library_sentence(db, sentence_id, key)
        if found is not None:
            return found
    for sentence_id in _first_sentences(db, key):
        found = _library_sentence(db, sentence_id, key)
        if found is not None:
            return found
    return None, None


def _card_sentence(db: sqlite_utils.Database, lang: str, key: str) -> Sentence | None:
    if not _has_table(db, "cards"):
        return None
    row = db.execute(
        "SELECT c.sentence, c.term_start, c.term_end, c.text_title, c.text_sha256, "
        "c.sentence_start, c.sentence_end, "
        "(SELECT source FROM texts x WHERE x.sha256 = c.text_sha256 AND x.lang = c.lang) "
        "FROM cards c WHERE c.lang = ? AND c.term_key = ? AND c.sentence != '' "
        "ORDER BY c.drill = 'recognition' DESC, c.id LIMIT 1",
        (lang, key),
    ).fetchone()
    if row is None:
        return None
    text, start, end = row[0], row[1], row[2]
    spans: tuple[Span, ...] = ()
    context = None
    if start is not None and end is not None and 0 <= start < end <= len(text):
        spans = ((int(start), int(end)),)
        context = _context_of_text(text, int(start), int(end))
    return Sentence(text, spans, row[3], row[4], row[5], row[6], row[7], context)


def _context_of_text(text: str, start: int, end: int) -> SenseContext | None:
    """A copied sentence has no stored tokens: it is analyzed again (one sentence, fast)."""
    tokens = [t for sentence in analyze(text) for t in sentence["tokens"]]
    target = [i for i, t in enumerate(tokens) if t["start"] < end and t["end"] > start]
    return SenseContext.of_analyzed(tokens, target) if target else None


def _pos_in_library(db: sqlite_utils.Database, card: Sentence, key: str) -> str | None:
    """The term's part of speech in the card's sentence, while its text is in the library."""
    row = db.execute(
        "SELECT s.id FROM sentences s JOIN texts t ON t.id = s.text_id "
        "WHERE t.sha256 = ? AND s.start = ? LIMIT 1",
        (card.text_sha256, card.start),
    ).fetchone()
    found = _library_sentence(db, int(row[0]), key) if row else None
    return found[1] if found else None


def _met_in(db: sqlite_utils.Database, key: str, term_id: int | None) -> list[int]:
    """Sentences the term was looked up in: the last lookup before it became a learning term
    first, then the earliest lookups."""
    became = None
    if term_id is not None:
        row = db.execute(
            "SELECT MIN(at) FROM term_history WHERE term_id = ? AND new_status BETWEEN 1 AND 4",
            (term_id,),
        ).fetchone()
        became = row[0] if row else None
    found: list[int] = []
    if became is not None:
        row = db.execute(
            "SELECT sentence_id FROM events WHERE kind = 'lookup' AND term_key = ? "
            "AND sentence_id IS NOT NULL AND at <= ? ORDER BY at DESC, id DESC LIMIT 1",
            (key, became),
        ).fetchone()
        if row:
            found.append(int(row[0]))
    rows = db.execute(
        "SELECT DISTINCT sentence_id FROM events WHERE kind = 'lookup' AND term_key = ? "
        "AND sentence_id IS NOT NULL ORDER BY id LIMIT 5",
        (key,),
    ).fetchall()
    found += [int(r[0]) for r in rows if int(r[0]) not in found]
    return found


def _first_sentences(db: sqlite_utils.Database, key: str) -> list[int]:
    """Sentences holding the term's (first) word, in library order (texts, then sentences)."""
    first = key.split()[0]
    places = sentences_with(db.conn, first, limit=PHRASE_CANDIDATES if " " in key else 1)
    return sentence_ids(db.conn, places)


def _library_sentence(
    db: sqlite_utils.Database, sentence_id: int, key: str
) -> tuple[Sentence, str | None] | None:
    row = db.execute(
        'SELECT s.text, s.start, s."end", t.title, t.sha256, t.source FROM sentences s '
        "JOIN texts t ON t.id = s.text_id WHERE s.id = ?",
        (sentence_id,),
    ).fetchone()
    if row is None:
        return None
    text, start, end, title, sha, source = row
    tokens = [(t[2], t[3], t[7], t[5], t[4], t[1]) for t in sentence_tokens(db.conn, sentence_id)]
    matched = match_term(key, [(t[0] - start, t[1] - start, t[2]) for t in tokens])
    if matched is None:
        return None
    spans, chosen = matched
    context = SenseContext(
        tuple((t[4] or "").lower() for t in tokens),
        tuple(t[3] or "X" for t in tokens),
        chosen,
        tuple(t[5] or "" for t in tokens),
    )
    pos = tokens[chosen[0]][3]
    return Sentence(text, spans, title, sha, int(start), int(end), source, context), pos


def match_term(
    key: str, tokens: Sequence[tuple[int, int, str | None]]
) -> tuple[tuple[Span, ...], tuple[int, ...]] | None:
    """Where ``key`` is in a sentence's tokens ``(start, end, term_key)``: the spans of its words
    (adjacent words merged into one span) and the indexes of its tokens; None if absent.

    A multi-word term's words must come in order, with at most :data:`PHRASE_GAP` other words
    between two of them ("took it over").
    """
    parts = key.split()
    for i, (_, _, k) in enumerate(tokens):
        if k != parts[0]:
            continue
        chosen = [i]
        for part in parts[1:]:
            last = chosen[-1]
            nxt = next(
                (j for j in range(last + 1, min(len(tokens), last + 2 + PHRASE_GAP))
                 if tokens[j][2] == part),
                None,
            )  # fmt: skip
            if nxt is None:
                break
            chosen.append(nxt)
        if len(chosen) != len(parts):
            continue
        spans: list[Span] = []
        for prev, j in zip([None, *chosen], chosen, strict=False):
            a, b = tokens[j][0], tokens[j][1]
            if prev is not None and j == prev + 1:
                spans[-1] = (spans[-1][0], b)
            else:
                spans.append((a, b))
        return tuple(spans), tuple(chosen)
    return None


def _keys_in_text(
    db: sqlite_utils.Database, text_id: int | None, keys: Iterable[str]
) -> set[str] | None:
    """Of ``keys``, those that occur in the text (all of a phrase's words, in one sentence)."""
    if text_id is None:
        return None
    if db.execute("SELECT 1 FROM texts WHERE id = ?", (text_id,)).fetchone() is None:
        raise TextNotFound(f"no text with id {text_id}")
    words = text_keys(db.conn, text_id)
    found = set()
    for key in keys:
        parts = key.split()
        if not all(p in words for p in parts):
            continue
        if len(parts) == 1 or _phrase_in_text(db, key, text_id):
            found.add(key)
    return found


def _phrase_in_text(db: sqlite_utils.Database, key: str, text_id: int) -> bool:
    places = sentences_with(db.conn, key.split()[0], text_id=text_id, limit=PHRASE_CANDIDATES)
    for sentence_id in sentence_ids(db.conn, places):
        tokens = [(t[2], t[3], t[7]) for t in sentence_tokens(db.conn, sentence_id)]
        if match_term(key, tokens) is not None:
            return True
    return False


def _has_table(db: sqlite_utils.Database, name: str) -> bool:
    return db[name].exists()
