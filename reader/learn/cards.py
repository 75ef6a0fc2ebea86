"""Review cards: made, filled in and suspended as the learner's statuses and marks change.

A term in learning (status 1-4) has three cards, recognition, production and cloze; a sentence
marked "not" or "partly" understood has a listening card. What a card shows is copied in when it
is made (the sentence, its text's title, the meaning), so removing the text never breaks it.

The rules, which :mod:`reader.learn.status` and :mod:`reader.learn.progress` trigger with one
call each:

- A term becoming learning gets its cards (or has them resumed); becoming known, ignored or new
  suspends them. The schedule is kept, so resuming carries on where it stopped.
- A card keeps the first sentence its term was met in. Set while reading, that is the sentence on
  screen; set from the command line, the first sentence in the library that holds the term. A term
  met nowhere yet gets recognition and production cards without a sentence, and its cloze card
  once it is met while reading.
- The meaning is the learner's own gloss or chosen sense, else the first gloss the reader shows
  for the term in the card's sentence (its senses ranked by that sentence, as on the reading
  screen); it follows the learner's gloss and choice when they change.
- A sentence marked understood again has its listening card suspended; marked again, resumed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sqlite_utils

from reader.learn import events
from reader.learn.events import Met
from reader.learn.identity import sentence_guid, term_card_guid
from reader.learn.texts import tokens_of
from reader.store import transaction
from reader.store.migrations import now
from reader.store.tokens import StoredToken, sentence_ids, sentence_tokens, sentences_with
from reader.text import analyze

if TYPE_CHECKING:
    from reader.lexicon.senses import SenseContext

TERM_DRILLS = ("recognition", "production", "cloze")
SENTENCE_DRILLS = ("listening",)
DRILLS = TERM_DRILLS + SENTENCE_DRILLS
LISTENING_MARKS = frozenset({"not", "partly"})
_LEARNING = frozenset({1, 2, 3, 4})

# How many of a term's first tokens in the library to try when looking for a sentence that holds
# a multi-word term from the command line.
_PHRASE_CANDIDATES = 400


@dataclass(frozen=True, slots=True)
class Context:
    """The sentence a card shows, copied from the library."""

    sentence: str
    term_start: int | None
    term_end: int | None
    text_title: str
    text_sha256: str
    sentence_start: int
    sentence_end: int


# -- following the learner's changes (reader.learn.events) --------------------------------------


def on_status_change(
    db: sqlite_utils.Database, key: str, lang: str, status: int, met: Met | None = None
) -> None:
    """Keep a term's cards in step with its new status (inside the caller's transaction)."""
    if status not in _LEARNING:
        db.conn.execute(
            "UPDATE cards SET suspended = 1, updated_at = ? "
            "WHERE lang = ? AND term_key = ? AND suspended = 0",
            (now(), lang, key),
        )
        return
    ensure_term_cards(db, key, lang, met)


def refresh_meanings(db: sqlite_utils.Database, key: str | None = None, lang: str = "en") -> int:
    """Give the cards of ``key`` (None: every term's) the meaning the reader shows now.

    A card keeps the meaning it was made with: a dictionary imported later or another
    ``native_lang`` never rewrites it (nor its Anki note on re-export). This is the learner
    asking for the new one (``sentences cards refresh``). Returns how many cards changed.
    """
    query = "SELECT DISTINCT term_key FROM cards WHERE lang = ? AND term_key IS NOT NULL"
    params: tuple[str, ...] = (lang,)
    if key is not None:
        query, params = query + " AND term_key = ?", (lang, key)
    changed = 0
    with transaction(db):
        for (term,) in db.conn.execute(query, params).fetchall():
            meaning, sense = meaning_of(db, str(term), lang, card_context(db, str(term), lang))
            cursor = db.conn.execute(
                "UPDATE cards SET meaning = ?, meaning_sense = ?, updated_at = ? "
                "WHERE lang = ? AND term_key = ? AND meaning IS NOT ?",
                (meaning, sense, now(), lang, term, meaning),
            )
            changed += max(int(cursor.rowcount), 0)
    return changed


def on_gloss_change(db: sqlite_utils.Database, key: str, lang: str) -> None:
    """The learner wrote (or cleared) their own gloss, or chose a sense: the cards show it from
    now on."""
    rows = db.execute(
        "SELECT COUNT(*) FROM cards WHERE lang = ? AND term_key = ?", (lang, key)
    ).fetchone()
    if not rows[0]:
        return
    meaning, sense = meaning_of(db, key, lang, card_context(db, key, lang))
    db.conn.execute(
        "UPDATE cards SET meaning = ?, meaning_sense = ?, updated_at = ? "
        "WHERE lang = ? AND term_key = ?",
        (meaning, sense, now(), lang, key),
    )


def on_sentence_mark(db: sqlite_utils.Database, sentence_id: int, mark: str) -> None:
    """A sentence marked "not" or "partly" gets a listening card; "understood" suspends it."""
    row = db.execute(
        'SELECT s.text, s.start, s."end", t.title, t.sha256, t.lang FROM sentences s '
        "JOIN texts t ON t.id = s.text_id WHERE s.id = ?",
        (sentence_id,),
    ).fetchone()
    if row is None:
        return
    text, start, end, title, sha, lang = row
    guid = sentence_guid(lang, sha, start, end, "listening")
    stamp = now()
    if mark not in LISTENING_MARKS:
        db.conn.execute(
            "UPDATE cards SET suspended = 1, updated_at = ? WHERE guid = ?", (stamp, guid)
        )
        return
    db.conn.execute(
        "INSERT INTO cards (guid, lang, drill, sentence, text_title, text_sha256, "
        "sentence_start, sentence_end, due, created_at, updated_at) "
        "VALUES (?, ?, 'listening', ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (guid) DO UPDATE SET suspended = 0, updated_at = excluded.updated_at",
        (guid, lang, text, title, sha, start, end, stamp, stamp, stamp),
    )


# -- making term cards ---------------------------------------------------------------------------


def ensure_term_cards(
    db: sqlite_utils.Database, key: str, lang: str = "en", met: Met | None = None
) -> int:
    """Make the term's missing cards, give a sentence to those that lack one, resume them all.

    Returns how many cards were made. Cheap when there is nothing to do (one indexed query), as
    it runs on every status change to a learning level.
    """
    have = {
        str(r[0]): (int(r[1]), bool(r[2]))
        for r in db.execute(
            "SELECT drill, suspended, sentence != '' FROM cards WHERE lang = ? AND term_key = ?",
            (lang, key),
        ).fetchall()
    }
    with_sentence = all(has for _, has in have.values())
    if len(have) == len(TERM_DRILLS) and with_sentence:
        if any(suspended for suspended, _ in have.values()):
            db.conn.execute(
                "UPDATE cards SET suspended = 0, updated_at = ? WHERE lang = ? AND term_key = ?",
                (now(), lang, key),
            )
        return 0
    context = context_from(db, met) if met is not None else None
    if context is None:
        context = find_context(db, key, lang)
    meaning, sense = meaning_of(db, key, lang, context)
    stamp = now()
    made = 0
    for drill in TERM_DRILLS:
        if drill in have:
            continue
        if drill == "cloze" and context is None:
            continue  # nothing to blank until the term is met in a sentence
        db.conn.execute(
            "INSERT INTO cards (guid, lang, drill, term_key, sentence, term_start, term_end, "
            "meaning, meaning_sense, text_title, text_sha256, sentence_start, sentence_end, "
            "due, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                term_card_guid(lang, key, drill),
                lang,
                drill,
                key,
                *_context_values(context),
                meaning,
                sense,
                *_source_values(context),
                stamp,
                stamp,
                stamp,
            ),
        )
        made += 1
    if context is not None:  # cards made before the term was met: its sense there, too
        db.conn.execute(
            "UPDATE cards SET sentence = ?, term_start = ?, term_end = ?, text_title = ?, "
            "text_sha256 = ?, sentence_start = ?, sentence_end = ?, meaning = ?, "
            "meaning_sense = ?, updated_at = ? "
            "WHERE lang = ? AND term_key = ? AND sentence = ''",
            (*_context_values(context), *_source_values(context), meaning, sense, stamp)
            + (lang, key),
        )
    db.conn.execute(
        "UPDATE cards SET suspended = 0, updated_at = ? "
        "WHERE lang = ? AND term_key = ? AND suspended = 1",
        (stamp, lang, key),
    )
    return made


def ensure_all_cards(db: sqlite_utils.Database, lang: str | None = None) -> int:
    """Cards for every learning term that lacks some (terms set before cards existed), and a
    meaning for cards made before the lexicon was there. Returns how many cards were made."""
    where = "AND t.lang = ?" if lang else ""
    params: list[Any] = [lang] if lang else []
    missing = db.execute(
        f"""
        SELECT t.key, t.lang FROM terms t
        WHERE t.status BETWEEN 1 AND 4 {where}
          AND (SELECT COUNT(*) FROM cards c WHERE c.lang = t.lang AND c.term_key = t.key) < 3
        """,
        params,
    ).fetchall()
    unglossed = db.execute(
        f"SELECT DISTINCT c.term_key, c.lang FROM cards c WHERE c.meaning IS NULL "
        f"AND c.term_key IS NOT NULL {where.replace('t.lang', 'c.lang')}",
        params,
    ).fetchall()
    made = 0
    if not missing and not unglossed:
        return 0
    with transaction(db):
        for key, term_lang in missing:
            made += ensure_term_cards(db, str(key), str(term_lang))
        for key, term_lang in unglossed:  # a lexicon built since the card was made
            where_met = card_context(db, str(key), str(term_lang))
            meaning, sense = meaning_of(db, str(key), str(term_lang), where_met)
            if meaning:
                db.conn.execute(
                    "UPDATE cards SET meaning = ?, meaning_sense = ?, updated_at = ? "
                    "WHERE lang = ? AND term_key = ? AND meaning IS NULL",
                    (meaning, sense, now(), term_lang, key),
                )
    return made


def _context_values(context: Context | None) -> tuple[str, int | None, int | None]:
    if context is None:
        return ("", None, None)
    return (context.sentence, context.term_start, context.term_end)


def _source_values(
    context: Context | None,
) -> tuple[str | None, str | None, int | None, int | None]:
    if context is None:
        return (None, None, None, None)
    return (context.text_title, context.text_sha256, context.sentence_start, context.sentence_end)


def context_from(db: sqlite_utils.Database, met: Met) -> Context | None:
    """The sentence on the reading screen, with the term's span made relative to it."""
    row = db.execute(
        'SELECT s.text, s.start, s."end", t.title, t.sha256 FROM sentences s '
        "JOIN texts t ON t.id = s.text_id WHERE s.id = ?",
        (met.sentence_id,),
    ).fetchone()
    if row is None:
        return None
    text, start, end, title, sha = row
    if not start <= met.start < met.end <= end:
        return Context(text, None, None, title, sha, start, end)
    return Context(text, met.start - start, met.end - start, title, sha, start, end)


def find_context(db: sqlite_utils.Database, key: str, lang: str = "en") -> Context | None:
    """Where the learner met the term: the sentence they last looked it up in while reading,
    else the first sentence in the library that holds it (a word, or a phrase's lemmas in order,
    as "take over" in "took it over"), oldest text first."""
    words = key.split()
    if not words:
        return None
    looked_up = db.execute(
        "SELECT e.sentence_id FROM events e JOIN texts t ON t.id = e.text_id "
        "WHERE e.kind = 'lookup' AND e.term_key = ? AND e.sentence_id IS NOT NULL "
        "AND t.lang = ? ORDER BY e.id DESC LIMIT 5",
        (key, lang),
    ).fetchall()
    for (sentence_id,) in looked_up:
        found = _met_in(db, int(sentence_id), words)
        if found is not None:
            return context_from(db, found)
    limit = 1 if len(words) == 1 else _PHRASE_CANDIDATES
    places = sentences_with(db.conn, words[0], lang=lang, limit=limit)
    for sentence_id in sentence_ids(db.conn, places):
        found = _met_in(db, sentence_id, words)
        if found is not None:
            return context_from(db, found)
    return None


def _met_in(db: sqlite_utils.Database, sentence_id: int, words: list[str]) -> Met | None:
    """The first place in the sentence where the term (a word, or a phrase's words in order)
    is met."""
    tokens = sentence_tokens(db.conn, sentence_id)
    for idx, _surface, start, end, _lemma, _pos, _word, key in tokens:
        if key != words[0]:
            continue
        if len(words) == 1:
            return Met(sentence_id, start, end)
        last = _phrase_end(tokens, idx, words[1:])
        if last is not None:
            return Met(sentence_id, start, last)
    return None


def _phrase_end(tokens: list[StoredToken], first_idx: int, rest: list[str]) -> int | None:
    """The end offset of a phrase's last word when ``rest`` follows in order (gaps of up to
    three tokens allowed, for split phrasal verbs), else None."""
    wanted = iter(rest)
    target = next(wanted)
    last = first_idx
    for idx, _surface, _start, token_end, _lemma, _pos, _word, key in tokens[first_idx + 1 :]:
        if idx - last > 4:
            return None
        if key == target:
            last = idx
            nxt = next(wanted, None)
            if nxt is None:
                return token_end
            target = nxt
    return None


def meaning_of(
    db: sqlite_utils.Database, key: str, lang: str = "en", context: Context | None = None
) -> tuple[str | None, str | None]:
    """The meaning a card shows, and its WordNet sense key when it is a WordNet sense: the
    learner's own gloss or chosen sense, else the first gloss the reader shows for the term in
    the card's sentence ``context`` (:mod:`reader.learn.meaning`)."""
    # lazy: the lexicon loads wordfreq's tables (~0.15 s)
    from reader.learn.meaning import meaning_of as learner_meaning

    pos, senses_context = reading_in(db, key, lang, context) if context else (None, None)
    try:
        meaning = learner_meaning(db, lang, key, pos, senses_context)
    except ValueError:
        return None, None
    return (meaning.text, meaning.sense_key) if meaning is not None else (None, None)


def card_context(db: sqlite_utils.Database, key: str, lang: str = "en") -> Context | None:
    """The sentence the term's cards show (they share one), if they have one."""
    row = db.execute(
        "SELECT sentence, term_start, term_end, text_title, text_sha256, sentence_start, "
        "sentence_end FROM cards WHERE lang = ? AND term_key = ? AND sentence != '' "
        "ORDER BY drill = 'recognition' DESC, id LIMIT 1",
        (lang, key),
    ).fetchone()
    return Context(*row) if row else None


def reading_in(
    db: sqlite_utils.Database, key: str, lang: str, context: Context
) -> tuple[str | None, SenseContext | None]:
    """How the reading screen reads the term in a card's sentence: its part of speech there
    (a single word's; a multi-word term is looked up whole) and the sentence, the term marked,
    to rank its senses by. The library's tokens while the text is there, as the screen has
    them; else the copied sentence analyzed again, as the export does."""
    # At call time: the lexicon (wordfreq, ~0.4 s) is not needed to set a status, and every
    # import of reader.learn brings the cards in (they listen to the statuses).
    from reader.learn.text_senses import evidence_built
    from reader.lexicon.senses import SenseContext

    if context.term_start is None or context.term_end is None:
        return None, None
    start, end = context.term_start, context.term_end
    found = None
    if context.text_sha256 is not None and context.sentence_start is not None:
        found = db.execute(
            "SELECT s.id, s.text_id FROM sentences s JOIN texts t ON t.id = s.text_id "
            "WHERE t.sha256 = ? AND t.lang = ? AND s.start = ? LIMIT 1",
            (context.text_sha256, lang, context.sentence_start),
        ).fetchone()
    if found is not None:
        rows = tokens_of(db, int(found[0]))
        offset = context.sentence_start or 0  # the library's offsets are the text's
        spans = [(t.start - offset, t.end - offset, t.is_word) for t in rows]
        target = _term_tokens(spans, start, end)
        # the whole text's say, once the reader has built it: the sense the panel showed
        evidence = evidence_built(db, int(found[1]))
        senses_context = SenseContext.of_tokens(rows, target, evidence) if target else None
    else:
        tokens = [t for sentence in analyze(context.sentence, lang) for t in sentence["tokens"]]
        spans = [(int(t["start"]), int(t["end"]), bool(t["is_word"])) for t in tokens]
        target = _term_tokens(spans, start, end)
        senses_context = SenseContext.of_analyzed(tokens, target) if target else None
    if senses_context is None:
        return None, None
    single = " " not in key.strip()
    return (senses_context.target_pos if single else None), senses_context


def _term_tokens(spans: list[tuple[int, int, bool]], start: int, end: int) -> list[int]:
    """The words among the tokens (start, end, is a word) that the span ``start:end`` covers."""
    return [i for i, (a, b, word) in enumerate(spans) if word and a < end and b > start]


# The cards follow the learner's changes from the moment this module is imported, as
# reader.learn's __init__ does (see reader.learn.events).
events.status_changed.listen(on_status_change)
events.met_again.listen(ensure_term_cards)
events.gloss_changed.listen(on_gloss_change)
events.sentence_marked.listen(on_sentence_mark)
